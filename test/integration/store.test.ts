import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DATABASE_FILE, pendingMigrations } from '@main/db/data-source'
import { MIGRATIONS } from '@main/db/migrations'
import { makeApp, sampleCustomer, tempDir, type TestApp } from '../support/app'
import { olderDatabase } from '../support/older-database'

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
    const file = await olderDatabase(MIGRATIONS.slice(0, -3))
    const pending = pendingMigrations(file)
    expect(pending).toHaveLength(3)

    app = await makeApp(path.dirname(file))
    expect(app.preMigrationBackup).not.toBeNull()
    expect(fs.existsSync(app.preMigrationBackup!)).toBe(true)
    expect(pendingMigrations(app.preMigrationBackup!)).toEqual(pending)
    const copy = new Database(app.preMigrationBackup!, { readonly: true })
    expect(copy.prepare('SELECT title FROM items ORDER BY id').all()).toEqual(
      await app.database.query('SELECT title FROM items ORDER BY id')
    )
    copy.close()
    expect(pendingMigrations(file)).toEqual([])
  })

  it('rolls a failed migration back completely', async () => {
    const file = await olderDatabase(MIGRATIONS.slice(0, -3))
    // The last migration makes this index: already there, its CREATE fails after the two before it ran.
    const blocker = new Database(file)
    blocker.exec('CREATE INDEX items_year_date_formed ON items (year)')
    blocker.close()
    const schema = (db: Database.Database) =>
      db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all()
    const before = new Database(file, { readonly: true })
    const expected = { schema: schema(before), migrations: before.prepare('SELECT name FROM migrations').all() }
    before.close()
    await expect(makeApp(path.dirname(file))).rejects.toThrow(/items_year_date_formed already exists/)
    const after = new Database(file, { readonly: true })
    expect({ schema: schema(after), migrations: after.prepare('SELECT name FROM migrations').all() }).toEqual(expected)
    after.close()
  })

  it("refuses another program's database rather than migrating it into the archive, and leaves it untouched", async () => {
    const dataDir = tempDir()
    const file = path.join(dataDir, DATABASE_FILE)
    const legacy = new Database(file)
    legacy.exec("CREATE TABLE paper_register (entry TEXT); INSERT INTO paper_register VALUES ('1998 年借阅登记')")
    legacy.close()
    const bytes = fs.readFileSync(file)
    await expect(makeApp(dataDir)).rejects.toThrow(/not an Archive Room database/)
    expect(fs.readFileSync(file).equals(bytes)).toBe(true)
    expect(fs.existsSync(path.join(dataDir, 'backups'))).toBe(false)
  })
})
