import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DATABASE_FILE, pendingMigrations } from '@main/db/data-source'
import { MIGRATIONS } from '@main/db/migrations'
import { makeApp, sampleCustomer, tempDir, type TestApp } from '../support/app'

let app: TestApp | null = null
afterEach(async () => {
  await app?.close()
  app = null
})

describe('database', () => {
  it('migrates an empty folder: WAL, foreign keys, every written migration, no backup needed', async () => {
    app = await makeApp()
    expect(app.preMigrationBackup).toBeNull()
    expect((await app.database.query('PRAGMA journal_mode'))[0].journal_mode).toBe('wal')
    expect((await app.database.query('PRAGMA foreign_keys'))[0].foreign_keys).toBe(1)
    const done: { name: string }[] = await app.database.query('SELECT name FROM migrations')
    expect(done.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => m.name))
    await expect(
      app.database.query('INSERT INTO customer_contacts (customer_id, position, name) VALUES (999, 0, ?)', ['x'])
    ).rejects.toThrow(/FOREIGN KEY/)
  })

  it('re-opens an existing database without running anything again or losing data', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    await app.call('customers.create', sampleCustomer(), key)
    const dataDir = app.dataDir
    await app.close()
    expect(pendingMigrations(path.join(dataDir, DATABASE_FILE))).toEqual([])
    app = await makeApp(dataDir)
    expect(app.preMigrationBackup).toBeNull()
    const reader = await app.signInAs('staff_viewer', 'reader')
    expect((await app.call('customers.list', { search: '物流' }, reader)).total).toBe(1)
  })

  it('copies an existing database before migrating it, and the copy keeps what was there', async () => {
    const dataDir = tempDir()
    const legacy = new Database(path.join(dataDir, DATABASE_FILE))
    legacy.exec("CREATE TABLE paper_register (entry TEXT); INSERT INTO paper_register VALUES ('1998 年借阅登记')")
    legacy.close()
    expect(pendingMigrations(path.join(dataDir, DATABASE_FILE))).toEqual(MIGRATIONS.map((m) => m.name))

    app = await makeApp(dataDir)
    expect(app.preMigrationBackup).not.toBeNull()
    expect(fs.existsSync(app.preMigrationBackup!)).toBe(true)
    const copy = new Database(app.preMigrationBackup!, { readonly: true })
    expect(copy.prepare('SELECT entry FROM paper_register').all()).toEqual([{ entry: '1998 年借阅登记' }])
    expect(copy.prepare("SELECT name FROM sqlite_master WHERE name = 'customers'").get()).toBeUndefined()
    copy.close()
    expect(await app.database.query('SELECT entry FROM paper_register')).toEqual([{ entry: '1998 年借阅登记' }])
  })

  it('rolls a failed migration back completely', async () => {
    const dataDir = tempDir()
    const blocker = new Database(path.join(dataDir, DATABASE_FILE))
    blocker.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY)')
    blocker.close()
    await expect(makeApp(dataDir)).rejects.toThrow()
    const after = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true })
    const tables = (
      after.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
    ).map((t) => t.name)
    const recorded = after.prepare('SELECT COUNT(*) AS n FROM migrations').get() as { n: number }
    after.close()
    expect(tables.filter((name) => name !== 'migrations' && name !== 'sqlite_sequence')).toEqual(['customers'])
    expect(recorded.n).toBe(0)
  })
})
