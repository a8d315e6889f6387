import type { MigrationInterface, QueryRunner } from 'typeorm'

/** What TypeORM takes in its list of migrations: a class it makes one instance of. */
export type MigrationClass = new () => MigrationInterface

/** A migration written in SQL alone: the statements of its up, in order, and those of its down, in order. */
export interface SqlSteps {
  up: readonly string[]
  down: readonly string[]
}

/** Runs the statements one after the other, inside the transaction TypeORM holds around all the migrations. */
export async function runStatements(runner: QueryRunner, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await runner.query(statement)
}

/**
 * A migration that only runs SQL, as the class TypeORM takes. `name` is its row in the `migrations` table, which
 * TypeORM reads from the instance (and the timestamp from its last 13 digits); the class is given the same name,
 * because `pendingMigrations` reads the names from the classes without making instances.
 */
export function sqlMigration(name: string, steps: SqlSteps): MigrationClass {
  const migration = class implements MigrationInterface {
    readonly name = name

    async up(runner: QueryRunner): Promise<void> {
      await runStatements(runner, steps.up)
    }

    async down(runner: QueryRunner): Promise<void> {
      await runStatements(runner, steps.down)
    }
  }
  Object.defineProperty(migration, 'name', { value: name })
  return migration
}

/**
 * SQLite cannot change a CHECK or relax a NOT NULL in place, and the migrations run in one transaction, where foreign
 * keys cannot be switched off. So the rows of `table` are kept aside, `createNext` makes `<table>_next`, which replaces
 * the table, and the rows go back: with the checks deferred to the commit, every reference that the drop left dangling
 * is whole again by then. `columns` are those kept, when the new table has more.
 */
export function rebuildTable(table: string, createNext: string, columns?: string): string[] {
  const kept = columns ?? '*'
  const into = columns === undefined ? table : `${table} (${columns})`
  return [
    `PRAGMA defer_foreign_keys = ON`,
    `CREATE TEMP TABLE ${table}_kept AS SELECT ${kept} FROM ${table}`,
    createNext,
    `DROP TABLE ${table}`,
    `ALTER TABLE ${table}_next RENAME TO ${table}`,
    `INSERT INTO ${into} SELECT ${kept} FROM ${table}_kept ORDER BY id`,
    `DROP TABLE ${table}_kept`
  ]
}

export function dropTables(...tables: string[]): string[] {
  return tables.map((table) => `DROP TABLE ${table}`)
}

export function dropIndexes(...indexes: string[]): string[] {
  return indexes.map((index) => `DROP INDEX ${index}`)
}

export function dropTriggers(...triggers: string[]): string[] {
  return triggers.map((trigger) => `DROP TRIGGER ${trigger}`)
}
