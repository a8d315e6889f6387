import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { QueryRunner } from 'typeorm'
import { Worker } from 'node:worker_threads'
import type { OpeningProgress } from '@preload/contract'
import { configureWriter } from './connection'
import { MIGRATIONS } from './migrations'
import type { MigrationClass } from './migrations/sql-migration'

export const DATABASE_FILE = 'archive-room.sqlite'

/** Names of written migrations that an existing database file has not run yet. */
export function pendingMigrations(file: string): string[] {
  const all = MIGRATIONS.map((m) => m.name)
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return all
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const table = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'migrations'`).get()
    if (!table) {
      // Tables but no record of migrations: another program's database. Migrating would make it ours, or fail
      // half-way after TypeORM had added its table to it.
      const others = db.prepare(`SELECT 1 FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`).get()
      if (others) throw new Error(foreignDatabase(file))
      return all
    }
    const done = new Set((db.prepare('SELECT name FROM migrations').all() as { name: string }[]).map((r) => r.name))
    return all.filter((name) => !done.has(name))
  } finally {
    db.close()
  }
}

/** Said at start-up, before any language is chosen, so in both. */
function foreignDatabase(file: string): string {
  return [
    `${file} 不是档案室的数据库：其中的表是别的程序建的。本程序没有改动它。请把它移走，或用 --data-dir 指定档案室的数据文件夹。`,
    `${file} is not an Archive Room database: its tables were made by another program. It was left unchanged. Move it away, or name Archive Room's data folder with --data-dir.`
  ].join('\n')
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
  migrations: readonly (typeof MIGRATIONS)[number][] = MIGRATIONS,
  onStep?: (done: number) => void
): Promise<void> {
  await import('reflect-metadata')
  const { DataSource } = await import('typeorm')
  let done = 0
  const dataSource = new DataSource({
    type: 'better-sqlite3',
    database: file,
    migrations: onStep ? migrations.map((migration) => counted(migration, () => onStep(done++))) : [...migrations],
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

/** The migration, telling `started` as its up begins; named as it is, for the row TypeORM writes. */
function counted(migration: MigrationClass, started: () => void): MigrationClass {
  const telling = class extends migration {
    override async up(runner: QueryRunner): Promise<void> {
      started()
      await super.up(runner)
    }
  }
  Object.defineProperty(telling, 'name', { value: migration.name })
  return telling
}

export interface OpenOptions {
  /** Told each page batch of the copy kept before an upgrade, and each migration as it begins. */
  onProgress?: (progress: OpeningProgress) => void
  /**
   * The built migration worker (out/main/migrate-worker.js). The migrations run there, so that the process keeps
   * answering while they do (at a million items some take minutes); without it they run here.
   */
  migrationWorker?: string
}

/** Pages copied between two progress reports: 8 MB of 4 KB pages, so the copy keeps yielding to other work. */
const PAGES_PER_STEP = 2048

/**
 * Migrates the database in the data folder, taking a consistent copy first when migrations are about to change an
 * existing file, so a failed or unwanted upgrade can be undone by hand.
 */
export async function openStore(dataDir: string, now: () => Date, options: OpenOptions = {}): Promise<OpenedStore> {
  const report = options.onProgress ?? (() => undefined)
  fs.mkdirSync(dataDir, { recursive: true })
  const file = path.join(dataDir, DATABASE_FILE)
  // A restore that was cut off before its final rename leaves this behind; the live file was never touched.
  fs.rmSync(`${file}.restoring`, { force: true })
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0
  let preMigrationBackup: string | null = null
  const pending = pendingMigrations(file)
  if (existed && pending.length > 0)
    preMigrationBackup = await keepCopyBeforeUpgrade(dataDir, file, pending, now, report)
  if (pending.length > 0) {
    const step = (done: number) => report({ stage: 'upgrading', done, total: pending.length })
    step(0)
    try {
      // A build without the worker (a shell bundled for a test) upgrades here, as the tests' own apps do.
      if (options.migrationWorker && fs.existsSync(options.migrationWorker))
        await migrateInWorker(options.migrationWorker, file, step)
      else await migrate(file, MIGRATIONS, step)
    } catch (error) {
      throw new UpgradeFailed(error instanceof Error ? error.message : String(error), preMigrationBackup)
    }
  }
  return { file, preMigrationBackup }
}

/** An upgrade that failed and was rolled back: the database is as it was, and `copy` is the one kept before it. */
export class UpgradeFailed extends Error {
  constructor(
    reason: string,
    readonly copy: string | null
  ) {
    super(reason)
    this.name = 'UpgradeFailed'
  }
}

/**
 * Copies the database before an upgrade, to `backups/pre-migration-<time>-<last migration run>.sqlite`. The copy is
 * written under another name and renamed once whole, so a copy cut off (the app closed meanwhile) is never taken for
 * one. An upgrade cut off leaves the database as it was, and the next start copies it again: the copies made before
 * for the same upgrade are then removed, as this one holds all they did, so that a room of a million items closed
 * twice during its upgrade does not fill its disk with copies.
 */
async function keepCopyBeforeUpgrade(
  dataDir: string,
  file: string,
  pending: string[],
  now: () => Date,
  report: (progress: OpeningProgress) => void
): Promise<string> {
  const backupDir = path.join(dataDir, 'backups')
  fs.mkdirSync(backupDir, { recursive: true })
  const from = MIGRATIONS.filter((migration) => !pending.includes(migration.name)).at(-1)?.name ?? 'empty'
  // Only files the app names so: a folder or anything else of that name is someone's, and left alone.
  const copies = (ending: string) =>
    fs
      .readdirSync(backupDir, { withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.startsWith('pre-migration-') && entry.name.endsWith(ending))
      .map((entry) => path.join(backupDir, entry.name))
  for (const cutOff of copies('.sqlite.partial')) fs.rmSync(cutOff, { force: true })
  const earlier = copies(`-${from}.sqlite`)
  const stamp = now().toISOString().replace(/[:.]/g, '-')
  const copy = path.join(backupDir, `pre-migration-${stamp}-${from}.sqlite`)
  const source = new Database(file, { fileMustExist: true })
  try {
    // better-sqlite3 tells the pages left before each step, so the end is told once it is there.
    const { totalPages } = await source.backup(`${copy}.partial`, {
      progress: ({ totalPages, remainingPages }) => {
        report({ stage: 'copying', done: totalPages - remainingPages, total: totalPages })
        return PAGES_PER_STEP
      }
    })
    report({ stage: 'copying', done: totalPages, total: totalPages })
    // A copy in rollback mode: whoever opens it later leaves no -wal or -shm file beside it.
    const partial = new Database(`${copy}.partial`, { fileMustExist: true })
    try {
      partial.pragma('journal_mode = DELETE')
    } finally {
      partial.close()
    }
  } catch (error) {
    fs.rmSync(`${copy}.partial`, { force: true })
    throw error
  } finally {
    source.close()
  }
  fs.renameSync(`${copy}.partial`, copy)
  // The copy is whole now: a leftover that will not go is no reason to stop the upgrade.
  for (const older of earlier.filter((name) => name !== copy))
    for (const part of [older, `${older}-wal`, `${older}-shm`])
      try {
        fs.rmSync(part, { force: true })
      } catch {
        // Left for whoever looks after the folder: the new copy stands either way.
      }
  return copy
}

/** What the migration worker says: a migration begun, the end, or why it failed. */
export type MigrationMessage = { step: number } | { done: true } | { error: string }

/** Runs the migrations in the worker and follows them; a failure there is thrown here, as `migrate` would throw it. */
function migrateInWorker(workerFile: string, file: string, onStep: (done: number) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const worker = new Worker(workerFile, { workerData: { file } })
    let settled = false
    const settle = (error?: Error) => {
      if (settled) return
      settled = true
      void worker.terminate()
      if (error) reject(error)
      else resolve()
    }
    worker.on('message', (message: MigrationMessage) => {
      if ('step' in message) onStep(message.step)
      else if ('done' in message) settle()
      else settle(new Error(message.error))
    })
    worker.on('error', (error) => settle(error))
    worker.on('exit', (code) => settle(new Error(`the migration worker stopped (${code}) before it finished`)))
  })
}
