import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { configureWriter } from './connection'
import { MIGRATIONS } from './migrations'

export const DATABASE_FILE = 'archive-room.sqlite'

/** Names of written migrations that an existing database file has not run yet. */
export function pendingMigrations(file: string): string[] {
  const all = MIGRATIONS.map((m) => m.name)
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return all
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const table = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'migrations'`).get()
    if (!table) return all
    const done = new Set((db.prepare('SELECT name FROM migrations').all() as { name: string }[]).map((r) => r.name))
    return all.filter((name) => !done.has(name))
  } finally {
    db.close()
  }
}

export interface OpenedStore {
  /** The database file, migrated to this version of the app. */
  file: string
  /** Copy taken before migrations ran on an existing database, if any. */
  preMigrationBackup: string | null
}

/**
 * TypeORM's part: it runs the written migrations, all in one transaction, and is closed again. Everything after
 * that goes through the app's own connections (Store), which own their transactions. TypeORM is loaded here, only
 * when there is something to migrate: loading it takes longer than opening a database of a million records. A
 * restore runs the migrations a backup says it has into an empty file, to learn the exact schema that backup must have.
 */
export async function migrate(
  file: string,
  migrations: readonly (typeof MIGRATIONS)[number][] = MIGRATIONS
): Promise<void> {
  await import('reflect-metadata')
  const { DataSource } = await import('typeorm')
  const dataSource = new DataSource({
    type: 'better-sqlite3',
    database: file,
    migrations: [...migrations],
    migrationsTransactionMode: 'all',
    synchronize: false,
    logging: false,
    prepareDatabase: configureWriter
  })
  await dataSource.initialize()
  try {
    await dataSource.runMigrations({ transaction: 'all' })
  } finally {
    await dataSource.destroy()
  }
}

/**
 * Migrates the database in the data folder, taking a consistent copy first when migrations are about to change an
 * existing file, so a failed or unwanted upgrade can be undone by hand.
 */
export async function openStore(dataDir: string, now: () => Date): Promise<OpenedStore> {
  fs.mkdirSync(dataDir, { recursive: true })
  const file = path.join(dataDir, DATABASE_FILE)
  // A restore that was cut off before its final rename leaves this behind; the live file was never touched.
  fs.rmSync(`${file}.restoring`, { force: true })
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0
  let preMigrationBackup: string | null = null
  const pending = pendingMigrations(file).length > 0
  if (existed && pending) {
    const backupDir = path.join(dataDir, 'backups')
    fs.mkdirSync(backupDir, { recursive: true })
    const stamp = now().toISOString().replace(/[:.]/g, '-')
    preMigrationBackup = path.join(backupDir, `pre-migration-${stamp}.sqlite`)
    const source = new Database(file, { fileMustExist: true })
    try {
      await source.backup(preMigrationBackup)
    } finally {
      source.close()
    }
  }
  if (pending) await migrate(file)
  return { file, preMigrationBackup }
}
