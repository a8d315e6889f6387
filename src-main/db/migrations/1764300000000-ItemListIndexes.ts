import type { MigrationInterface, QueryRunner } from 'typeorm'

/** Lets the item list read a page straight from an index instead of sorting 200 000 rows (see test/bench/items.bench.ts). */
export class ItemListIndexes1764300000000 implements MigrationInterface {
  name = 'ItemListIndexes1764300000000'

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE INDEX items_status_date_formed ON items (status, date_formed)')
    await runner.query('CREATE INDEX items_date_formed ON items (date_formed)')
    await runner.query('CREATE INDEX items_title ON items (title)')
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const index of ['items_status_date_formed', 'items_date_formed', 'items_title'])
      await runner.query(`DROP INDEX ${index}`)
  }
}
