import type { MigrationInterface, QueryRunner } from 'typeorm'

/** Issue 20, S137: suspected leaks of customer information, reported to the security officer. */
export class LeakReports1765340000000 implements MigrationInterface {
  name = 'LeakReports1765340000000'

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE customer_leak_reports (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      customer_id INTEGER REFERENCES customers (id),
      description TEXT NOT NULL,
      reported_by TEXT NOT NULL,
      reported_at TEXT NOT NULL
    )`)
    await runner.query(`CREATE INDEX customer_leak_reports_at ON customer_leak_reports (reported_at)`)
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE customer_leak_reports')
  }
}
