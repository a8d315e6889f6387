import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { encryptDatabaseFile } from '@main/services/backup-chunks'
import { makeApp, sampleCustomer, tempDir, type TestApp } from '../support/app'
import { keysOf, openedBackup, readManifest, resealed, writeManifest } from '../support/backups'

let app: TestApp
afterEach(async () => app?.close())

/**
 * What someone holding this PC's backup key does: changes the backup, then makes the manifest agree and seals both
 * again (test/support/backups), so that only the checks behind the seal are left to refuse it.
 */
const craft = (
  file: string,
  change: (db: Database.Database) => void,
  fixManifest?: (manifest: Record<string, unknown>) => void
) => resealed(app.dataDir, file, change, fixManifest)

/** A file that holds nothing but the migrations table, exactly as TypeORM makes it, with the rows given. */
async function onlyMigrations(from: string, file: string, keepRows: boolean) {
  const source = new Database(await openedBackup(app.dataDir, from), { readonly: true })
  const ddl = (source.prepare("SELECT sql FROM sqlite_master WHERE name = 'migrations'").get() as { sql: string }).sql
  const rows = source.prepare('SELECT id, timestamp, name FROM migrations').all() as Record<string, unknown>[]
  source.close()
  const plain = path.join(tempDir('crafted-'), 'only-migrations.sqlite')
  const db = new Database(plain)
  db.exec(ddl)
  if (keepRows) for (const row of rows) db.prepare('INSERT INTO migrations VALUES (@id, @timestamp, @name)').run(row)
  db.close()
  const keys = keysOf(app.dataDir, from)
  const bytes = fs.statSync(plain).size
  await encryptDatabaseFile(plain, file, bytes, keys.encrypt, fs.constants.O_WRONLY | fs.constants.O_CREAT)
  const manifest = readManifest(from)
  writeManifest(keys, file, {
    ...manifest,
    file: path.basename(file),
    migrations: keepRows ? manifest.migrations : [],
    counts: {},
    bytes
  })
}

const PROMOTE = `CREATE TRIGGER audit_log_after_insert AFTER INSERT ON audit_log
  BEGIN UPDATE users SET role = 'sysadmin' WHERE username = 'reader'; END`

const UNPROTECT = 'DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete'

/** Each attack: how it turns a backup the app made into a crafted one in the same folder. */
const ATTACKS: Record<string, (made: string, folder: string) => Promise<string>> = {
  'a trigger that makes the staff viewer an administrator on the next audit entry': async (made) => {
    await craft(made, (db) => db.exec(PROMOTE))
    return made
  },
  'an added view': async (made) => {
    await craft(made, (db) => db.exec('CREATE VIEW accounts AS SELECT username, password_hash FROM users'))
    return made
  },
  "the audit log's protecting triggers dropped": async (made) => {
    await craft(made, (db) => db.exec(UNPROTECT))
    return made
  },
  'all three at once': async (made) => {
    await craft(made, (db) => db.exec(`${PROMOTE}; CREATE VIEW accounts AS SELECT * FROM users; ${UNPROTECT}`))
    return made
  },
  'an index dropped': async (made) => {
    await craft(made, (db) => db.exec('DROP INDEX items_title'))
    return made
  },
  'only the migrations table, with its rows': async (made, folder) => {
    const file = `${folder}/archive-room-20260303-000000.sqlite`
    await onlyMigrations(made, file, true)
    return file
  },
  'only an empty migrations table': async (made, folder) => {
    const file = `${folder}/archive-room-20260303-000100.sqlite`
    await onlyMigrations(made, file, false)
    return file
  }
}

describe('R-SEC-2 15.1: a crafted backup is neither trusted nor restored', () => {
  it.each(Object.keys(ATTACKS))(
    '%s: verify reports it, restore refuses it, nothing of it goes live',
    async (attack) => {
      app = await makeApp()
      const admin = await app.signInAs('sysadmin')
      const key = await app.signInAs('archivist', 'keeper')
      await app.signInAs('staff_viewer', 'reader')
      await app.call('customers.create', sampleCustomer(), key)
      const folder = tempDir('usb-')
      const file = await ATTACKS[attack]((await app.call('backup.create', { folder }, key)).file, folder)

      const verification = await app.call('backup.verify', { file }, admin)
      expect([verification.ok, verification.problems]).toEqual([false, [{ reason: 'backup.problems.schema' }]])
      expect(await app.dispatch('backup.restore', { file }, admin)).toMatchObject({
        ok: false,
        error: { code: 'POLICY_DENIED', message: 'backup.problems.schema', ruleId: 'R-SEC-2' }
      })

      // The next audit entry (a sign-in) promotes nobody, the audit log stays append-only, nobody is asked to set up.
      const reader = await app.signInAs('staff_viewer', 'reader2')
      expect((await app.call('customers.list', {}, reader)).total).toBe(1)
      expect(await app.database.query("SELECT role FROM users WHERE username = 'reader'")).toEqual([
        { role: 'staff_viewer' }
      ])
      const schema = await app.database.query<{ name: string }>(
        "SELECT name FROM sqlite_master WHERE type IN ('trigger', 'view') AND name LIKE 'a%' ORDER BY name"
      )
      expect(schema.map((entry) => entry.name)).toEqual(['audit_log_no_delete', 'audit_log_no_update'])
      expect((await app.call('app.status', {}, reader)).needsSetup).toBe(false)
    }
  )

  it('refuses a backup without an active administrator, and on restore one with references to nothing', async () => {
    app = await makeApp()
    const admin = await app.signInAs('sysadmin')
    const key = await app.signInAs('archivist', 'keeper')
    const customer = await app.call('customers.create', sampleCustomer(), key)
    const folder = tempDir('usb-')
    const headless = (await app.call('backup.create', { folder }, key)).file
    await craft(headless, (db) => db.exec("UPDATE users SET active = 0 WHERE role = 'sysadmin'"))
    app.clock.advanceMinutes(1)
    const dangling = (await app.call('backup.create', { folder }, key)).file
    await craft(
      dangling,
      (db) => db.prepare('DELETE FROM customers WHERE id = ?').run(customer.id),
      (manifest) => ((manifest.counts as Record<string, number>).customers = 0)
    )

    expect((await app.call('backup.verify', { file: headless }, admin)).problems).toEqual([
      { reason: 'backup.problems.noAdministrator' }
    ])
    expect(await app.dispatch('backup.restore', { file: headless }, admin)).toMatchObject({
      ok: false,
      error: { code: 'POLICY_DENIED', message: 'backup.problems.noAdministrator', ruleId: 'R-SEC-2' }
    })
    expect(await app.dispatch('backup.restore', { file: dangling }, admin)).toMatchObject({
      ok: false,
      // Named by the first table whose rows refer to the missing customer (its contacts, its filing record, …).
      error: { message: 'backup.problems.foreignKeys', params: { table: expect.stringMatching(/^customer_/) } }
    })
    expect((await app.call('customers.list', {}, key)).total).toBe(1)
  })

  it.each([
    ['security', '[]'],
    ['filing', '{"fonds": 1}'],
    ['backup', 'not json'],
    ['unknown', '{}']
  ])(
    'refuses a backup whose %s settings the app could not read (%s), which would break every screen',
    async (namespace, data) => {
      app = await makeApp()
      const admin = await app.signInAs('sysadmin')
      const key = await app.signInAs('archivist', 'keeper')
      const folder = tempDir('usb-')
      const file = (await app.call('backup.create', { folder }, key)).file
      await craft(
        file,
        (db) =>
          db
            .prepare(
              "INSERT INTO policy_versions (namespace, version, data, created_at, created_by) VALUES (?, 99, ?, '2026-01-01', 'x')"
            )
            .run(namespace, data),
        (manifest) => {
          const counts = manifest.counts as Record<string, number>
          counts.policy_versions = (counts.policy_versions ?? 0) + 1
        }
      )
      const problem = { reason: 'backup.problems.settings', params: { namespace, version: 99 } }
      expect((await app.call('backup.verify', { file }, admin)).problems).toEqual([problem])
      expect(await app.dispatch('backup.restore', { file }, admin)).toMatchObject({
        ok: false,
        error: { code: 'POLICY_DENIED', message: 'backup.problems.settings', params: problem.params }
      })
      expect(await app.dispatch('app.status', {}, key)).toMatchObject({ ok: true })
      expect(await app.dispatch('items.list', {}, key)).toMatchObject({ ok: true })
    }
  )

  it('R-SEC-1: restore refuses a backup whose audit log was rewritten with its protecting triggers put back', async () => {
    app = await makeApp()
    const admin = await app.signInAs('sysadmin')
    const key = await app.signInAs('archivist', 'keeper')
    await app.call('customers.create', sampleCustomer(), key)
    const folder = tempDir('usb-')
    const file = (await app.call('backup.create', { folder }, key)).file
    const triggers = new Database(await openedBackup(app.dataDir, file), { readonly: true })
      .prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit_log_no_%'")
      .all() as { sql: string }[]
    await craft(file, (db) => {
      db.exec(UNPROTECT)
      db.exec("UPDATE audit_log SET username = 'forged' WHERE id = 1")
      for (const { sql } of triggers) db.exec(sql)
    })
    expect(await app.dispatch('backup.restore', { file }, admin)).toMatchObject({
      ok: false,
      error: { code: 'POLICY_DENIED', message: 'backup.problems.auditChain', params: { id: 1 } }
    })
    expect(await app.call('audit.verify', {}, await app.signInAs('auditor'))).toMatchObject({ ok: true })
  })
})
