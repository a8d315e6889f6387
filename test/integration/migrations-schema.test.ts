import Database from 'better-sqlite3'
import path from 'node:path'
import 'reflect-metadata'
import { DataSource } from 'typeorm'
import { describe, expect, it } from 'vitest'
import { configureWriter } from '@main/db/connection'
import { migrate } from '@main/db/data-source'
import { MIGRATIONS } from '@main/db/migrations'
import { tempDir } from '../support/app'

interface SchemaEntry {
  type: string
  name: string
  tbl_name: string
  sql: string | null
}

function schemaOf(file: string): SchemaEntry[] {
  const db = new Database(file, { readonly: true })
  try {
    return db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name').all() as SchemaEntry[]
  } finally {
    db.close()
  }
}

/** The schema as a text a reviewer can read in a diff: one entry after the other, each statement as SQLite keeps it. */
function schemaText(schema: SchemaEntry[]): string {
  return schema.map((entry) => `-- ${entry.type} ${entry.name} on ${entry.tbl_name}\n${entry.sql ?? ''};\n`).join('\n')
}

/**
 * SQLite keeps the text of each CREATE as written, then edits it: a renamed table's name comes back quoted, an added
 * or dropped column is spliced in or cut out. A down that rebuilds a table writes its text afresh. So a table undone
 * is compared by its words, not by its spacing and quotes; the schema after every up is pinned to the letter above.
 */
function words(schema: SchemaEntry[]): SchemaEntry[] {
  return schema.map((entry) => ({
    ...entry,
    sql:
      entry.sql
        ?.replace(/"(\w+)"/g, '$1')
        .replace(/\s+/g, ' ')
        .replace(/\s*([(),])\s*/g, '$1') ?? null
  }))
}

/** Undoes the newest migration that has run, as TypeORM's `migration:revert` does, in one transaction. */
async function undoLast(file: string): Promise<void> {
  const dataSource = new DataSource({
    type: 'better-sqlite3',
    database: file,
    migrations: [...MIGRATIONS],
    synchronize: false,
    logging: false,
    prepareDatabase: configureWriter
  })
  await dataSource.initialize()
  try {
    await dataSource.undoLastMigration({ transaction: 'all' })
  } finally {
    await dataSource.destroy()
  }
}

describe('the migrations, run on a fresh database', () => {
  it('make the schema pinned in test/fixtures/schema.sql, and each undoes itself back to the schema before it', async () => {
    const file = path.join(tempDir(), 'archive-room.sqlite')
    await migrate(file, [])
    const before: SchemaEntry[][] = []
    for (let ran = 1; ran <= MIGRATIONS.length; ran++) {
      before.push(schemaOf(file))
      await migrate(file, MIGRATIONS.slice(0, ran))
    }
    await expect(schemaText(schemaOf(file))).toMatchFileSnapshot('../fixtures/schema.sql')
    // pendingMigrations reads the classes' names, TypeORM the instances': a database records each under both.
    const recorded = new Database(file, { readonly: true })
    expect(recorded.prepare('SELECT name FROM migrations ORDER BY id').pluck().all()).toEqual(
      MIGRATIONS.map((migration) => migration.name)
    )
    recorded.close()

    for (let ran = MIGRATIONS.length; ran >= 1; ran--) {
      await undoLast(file)
      expect(words(schemaOf(file)), `${MIGRATIONS[ran - 1].name} undone`).toEqual(words(before[ran - 1]))
    }
  })
})
