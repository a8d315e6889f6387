import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import type { AuditRecord } from '@main/db/audit'
import { DATABASE_FILE } from '@main/db/data-source'
import { AUDIT_HEAD_FILE, AUDIT_KEY_FILE } from '@main/services/audit-anchor'
import { auditHash, GENESIS_HASH } from '@main/services/audit-chain'
import { makeApp, sampleCustomer, tempDir, type TestApp } from '../support/app'
import { asLegacyBackup } from '../support/backups'

let app: TestApp
afterEach(async () => app?.close())

const ENTRY_COLUMNS = `id, at, user_id AS userId, username, entity, entity_id AS entityId, action, before, after,
  prev_hash AS prevHash, hash`

/**
 * What someone holding the database file can do with it: drop the append-only triggers, change the rows, and
 * re-hash every entry from the given id on as the code (which is public) hashes them, without the key file.
 */
function tamper(
  dataDir: string,
  change: (db: Database.Database) => void,
  rehashFrom?: number,
  rehashTo = Number.POSITIVE_INFINITY
): void {
  const db = new Database(path.join(dataDir, DATABASE_FILE))
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete')
  change(db)
  if (rehashFrom !== undefined) {
    const rows = db.prepare(`SELECT ${ENTRY_COLUMNS} FROM audit_log ORDER BY id`).all() as AuditRecord[]
    const update = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?')
    let prevHash = GENESIS_HASH
    for (const row of rows) {
      if (row.id >= rehashFrom && row.id <= rehashTo) {
        const hash = auditHash({ ...row, prevHash }, null)
        update.run(prevHash, hash, row.id)
        row.hash = hash
      }
      prevHash = row.hash
    }
  }
  db.close()
}

/** A log of a few customers' creation, the app closed so that its file can be tampered with. */
async function loggedAndClosed(): Promise<{ dataDir: string; lastId: number }> {
  app = await makeApp()
  const archivist = await app.signInAs('archivist', 'zhangsan')
  for (let i = 0; i < 4; i += 1) await app.call('customers.create', sampleCustomer({ name: `客户${i}` }), archivist)
  const [{ lastId }] = await app.database.query('SELECT MAX(id) AS lastId FROM audit_log')
  await app.close()
  return { dataDir: app.dataDir, lastId }
}

let auditors = 0

/** Signing in writes audit entries of its own, as anyone starting the app after the tampering would. */
async function verifiedAfterwards(dataDir: string) {
  app = await makeApp(dataDir)
  return app.call('audit.verify', {}, await app.signInAs('auditor', `auditor${(auditors += 1)}`))
}

describe('R-SEC-1 every text is hashed in one canonical encoding', () => {
  it('refuses a lone surrogate at the boundary, so one such string cannot poison the chain', async () => {
    app = await makeApp()
    const admin = await app.signInAs('sysadmin')
    const auditor = await app.signInAs('auditor', 'shenji')
    const folder = tempDir('usb-')
    const info = await app.call('backup.create', { folder }, admin)
    // On disk the name holds U+FFFD, the UTF-8 that the file system makes of a lone surrogate; the manifest names
    // the file with the lone surrogate itself (JSON escapes it), so the manifest agrees with the name asked for.
    const asked = 'archive-room-20260302-090000\ud800.sqlite'
    fs.renameSync(info.file, path.join(folder, 'archive-room-20260302-090000\ufffd.sqlite'))
    const manifest = JSON.parse(fs.readFileSync(info.file.replace(/\.sqlite$/, '.json'), 'utf8'))
    fs.writeFileSync(
      path.join(folder, 'archive-room-20260302-090000\ufffd.json'),
      JSON.stringify({ ...manifest, file: asked })
    )

    const answer = await app.dispatch('backup.verify', { file: path.join(folder, asked) }, admin)
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: [{ path: 'file', message: 'validation.invalidText' }] }
    })
    expect(await app.call('audit.verify', {}, auditor)).toMatchObject({ ok: true })
  })
})

describe('R-SEC-1 the audit chain cannot be rewritten by someone holding the database file', () => {
  it('finds the last entries deleted, against the head file', async () => {
    const { dataDir, lastId } = await loggedAndClosed()
    tamper(dataDir, (db) => db.prepare('DELETE FROM audit_log WHERE id > ?').run(lastId - 3))
    expect(await verifiedAfterwards(dataDir)).toMatchObject({
      ok: false,
      problem: 'audit.problems.truncated',
      firstBrokenId: lastId - 2,
      anchor: { source: 'head', lastId }
    })
  })

  it('finds an entry rewritten and every later one re-hashed', async () => {
    const { dataDir, lastId } = await loggedAndClosed()
    const victim = lastId - 2
    tamper(
      dataDir,
      (db) => db.prepare("UPDATE audit_log SET after = replace(after, '客户2', '客户X') WHERE id = ?").run(victim),
      victim
    )
    expect(await verifiedAfterwards(dataDir)).toMatchObject({
      ok: false,
      problem: 'audit.problems.entry',
      firstBrokenId: victim
    })
  })

  it('finds a forged entry appended to the chain', async () => {
    const { dataDir, lastId } = await loggedAndClosed()
    tamper(
      dataDir,
      (db) =>
        db
          .prepare(
            `INSERT INTO audit_log (at, user_id, username, entity, entity_id, action, before, after, prev_hash, hash)
             VALUES ('2026-03-02T09:30:00.000Z', 1, 'admin', 'customer', '1', 'update', NULL, '{}', '', '')`
          )
          .run(),
      lastId + 1
    )
    expect(await verifiedAfterwards(dataDir)).toMatchObject({ ok: false, firstBrokenId: lastId + 1 })
  })

  it('finds a cut log against the newest backup when the head file was taken back too', async () => {
    app = await makeApp()
    const admin = await app.signInAs('sysadmin')
    const archivist = await app.signInAs('archivist', 'zhangsan')
    const folder = tempDir('usb-')
    await app.call('backup.saveSettings', { folder, dailyAt: null, reminderDays: 7 }, admin)
    const [{ before }] = await app.database.query('SELECT MAX(id) AS before FROM audit_log')
    const head = fs.readFileSync(path.join(app.dataDir, AUDIT_HEAD_FILE))
    for (let i = 0; i < 3; i += 1) await app.call('customers.create', sampleCustomer({ name: `客户${i}` }), archivist)
    const backup = await app.call('backup.create', {}, archivist)
    const manifest = JSON.parse(fs.readFileSync(backup.file.replace(/\.sqlite$/, '.json'), 'utf8'))
    await app.close()
    tamper(app.dataDir, (db) => db.prepare('DELETE FROM audit_log WHERE id > ?').run(before))
    fs.writeFileSync(path.join(app.dataDir, AUDIT_HEAD_FILE), head)
    expect(await verifiedAfterwards(app.dataDir)).toMatchObject({
      ok: false,
      problem: 'audit.problems.truncated',
      anchor: { source: 'backup', lastId: manifest.auditHead.lastId, hash: manifest.auditHead.hash }
    })
  })

  it('prints a seal the auditor signs, and finds a later cut against it when every file on the PC was replaced', async () => {
    app = await makeApp()
    const archivist = await app.signInAs('archivist', 'zhangsan')
    const auditor = await app.signInAs('auditor', 'shenji')
    await app.call('customers.create', sampleCustomer(), archivist)
    const [head] = await app.database.query('SELECT id AS lastId, hash FROM audit_log ORDER BY id DESC LIMIT 1')
    const { html } = await app.call('audit.seal', {}, auditor)
    expect(html).toContain('审计封存单')
    expect(html).toContain(`<td>${head.lastId}</td>`)
    expect(html).toContain(head.hash.slice(0, 8))
    expect(html).toContain('审计员（签字）')
    const sealed = await app.call('audit.list', { entity: 'audit', action: 'seal' }, auditor)
    expect(sealed.rows[0].after).toMatchObject({ lastId: head.lastId, hash: head.hash, intact: true })
    expect(
      await app.call('audit.checkSeal', { lastId: head.lastId, hash: head.hash.toUpperCase() }, auditor)
    ).toMatchObject({ ok: true })
    await app.close()

    tamper(app.dataDir, (db) => db.prepare('DELETE FROM audit_log WHERE id >= ?').run(head.lastId))
    fs.rmSync(path.join(app.dataDir, AUDIT_HEAD_FILE))
    app = await makeApp(app.dataDir)
    const again = await app.signInAs('auditor', 'shenji2')
    expect(await app.call('audit.checkSeal', { lastId: head.lastId, hash: head.hash }, again)).toMatchObject({
      ok: false,
      problem: 'audit.problems.truncated',
      anchor: { source: 'seal', lastId: head.lastId }
    })
  })

  it('keeps an existing plain log as it is and keys the chain from the next entry, which pins the old ones', async () => {
    const { dataDir, lastId } = await loggedAndClosed()
    // An installation from before the keyed chain: every entry plain SHA-256, no key file, no head file.
    tamper(dataDir, () => undefined, 1)
    fs.rmSync(path.join(dataDir, AUDIT_KEY_FILE))
    fs.rmSync(path.join(dataDir, AUDIT_HEAD_FILE))
    app = await makeApp(dataDir)
    const auditor = await app.signInAs('auditor', 'shenji')
    expect(await app.call('audit.verify', {}, auditor)).toMatchObject({ ok: true })
    const keyed = await app.call('audit.list', { entity: 'audit', action: 'key' }, auditor)
    expect(keyed.rows).toMatchObject([
      { id: lastId + 1, username: 'system', after: { keyedFrom: lastId + 1, reason: 'upgrade' } }
    ])
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, AUDIT_KEY_FILE), 'utf8'))).toMatchObject({
      keyedFrom: lastId + 1
    })
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dataDir, AUDIT_KEY_FILE)).mode & 0o777).toBe(0o600)
    await app.close()

    // The old entries are plain, but rewriting one and re-hashing the rest of the plain part breaks the first keyed link.
    tamper(dataDir, (db) => db.prepare("UPDATE audit_log SET username = 'someone' WHERE id = 2").run(), 2, lastId)
    expect(await verifiedAfterwards(dataDir)).toMatchObject({
      ok: false,
      problem: 'audit.problems.entry',
      firstBrokenId: lastId + 1
    })
  })
})

describe('R-SEC-2 restoring a backup of this installation', () => {
  it('keeps the chain verifying: the head moves to the restored log and newer backups no longer anchor it', async () => {
    app = await makeApp()
    const admin = await app.signInAs('sysadmin')
    const archivist = await app.signInAs('archivist', 'zhangsan')
    const folder = tempDir('usb-')
    await app.call('backup.saveSettings', { folder, dailyAt: null, reminderDays: 7 }, admin)
    const older = await app.call('backup.create', {}, archivist)
    for (let i = 0; i < 3; i += 1) await app.call('customers.create', sampleCustomer({ name: `客户${i}` }), archivist)
    app.clock.advanceMinutes(1)
    await app.call('backup.create', {}, archivist)
    app.clock.advanceMinutes(1)
    await app.call('backup.restore', { file: older.file }, admin)
    const auditor = await app.signInAs('auditor', 'shenji')
    expect(await app.call('audit.verify', {}, auditor)).toMatchObject({ ok: true })
    const [head] = await app.database.query('SELECT id AS lastId, hash FROM audit_log ORDER BY id DESC LIMIT 1')
    expect(JSON.parse(fs.readFileSync(path.join(app.dataDir, AUDIT_HEAD_FILE), 'utf8'))).toMatchObject(head)
  })
})

describe('R-SEC-2 a backup of another installation', () => {
  it('an old unsealed one is refused with its reason, since its audit chain is signed with a key this PC lacks', async () => {
    app = await makeApp()
    const folder = tempDir('usb-')
    const backup = await app.call('backup.create', { folder }, await app.signInAs('sysadmin'))
    await asLegacyBackup(app.dataDir, backup.file)
    await app.close()
    app = await makeApp()
    const admin = await app.signInAs('sysadmin')
    expect(await app.call('backup.verify', { file: backup.file }, admin)).toMatchObject({
      ok: false,
      problems: [{ reason: 'backup.problems.otherInstallation' }]
    })
    expect(
      await app.dispatch('backup.restore', { file: backup.file, acceptUnauthenticated: true }, admin)
    ).toMatchObject({
      ok: false,
      error: { code: 'POLICY_DENIED', message: 'backup.problems.otherInstallation' }
    })
  })

  it('a sealed one made before any recovery passphrase was set opens only on the PC that made it', async () => {
    app = await makeApp()
    const folder = tempDir('usb-')
    const backup = await app.call('backup.create', { folder }, await app.signInAs('sysadmin'))
    await app.close()
    app = await makeApp()
    const admin = await app.signInAs('sysadmin')
    expect(await app.call('backup.verify', { file: backup.file }, admin)).toMatchObject({
      ok: false,
      problems: [{ reason: 'backup.problems.noRecoveryKey' }]
    })
    expect(
      await app.dispatch('backup.restore', { file: backup.file, passphrase: '随便哪句话都打不开这个备份' }, admin)
    ).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED', message: 'backup.problems.noRecoveryKey' } })
  })
})
