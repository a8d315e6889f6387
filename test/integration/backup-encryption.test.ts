import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DATABASE_FILE } from '@main/db/data-source'
import { AUDIT_KEY_FILE } from '@main/services/audit-anchor'
import { CHUNK, MAGIC } from '@main/services/backup-chunks'
import { RECOVERY_KDF, unwrapKey, wrapKey } from '@main/services/backup-crypto'
import { BACKUP_KEY_FILE } from '@main/services/backup-key'
import { ADMIN_PASSWORD, makeApp, sampleCustomer, tempDir, type TestApp } from '../support/app'
import { asLegacyBackup, manifestOf, readManifest, tamperedLegacy } from '../support/backups'

/**
 * Issue 15.2, R-SEC-2 (backups to offline media that restore) and R-SEC-1 (the audit chain's key travels with them):
 * whoever finds the stick can neither read the archive on it nor change a byte of it unnoticed, and a new PC restores
 * it with the recovery passphrase alone.
 */

const PASSPHRASE = '档案室钥匙在二楼保险柜第三格'
const CUSTOMER = '上海顺达物流有限公司'

const apps: TestApp[] = []
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close()
})

async function started(): Promise<{ app: TestApp; admin: string; keeper: string }> {
  const app = await makeApp()
  apps.push(app)
  const admin = await app.signInAs('sysadmin')
  const keeper = await app.signInAs('archivist', 'keeper')
  return { app, admin, keeper }
}

/** An installation with a recovery passphrase and one customer, and a backup of it on a stick. */
async function backedUp(): Promise<{ app: TestApp; admin: string; keeper: string; file: string; folder: string }> {
  const { app, admin, keeper } = await started()
  await app.call('backup.setPassphrase', { passphrase: PASSPHRASE }, admin)
  await app.call('customers.create', sampleCustomer(), keeper)
  const folder = tempDir('usb-')
  const { file } = await app.call('backup.create', { folder }, keeper)
  return { app, admin, keeper, file, folder }
}

const customerNames = async (app: TestApp, key: string) =>
  (await app.call('customers.list', { pageSize: 100 }, key)).rows.map((row) => row.name)

/** The restore's refusal, and proof that the live data was not touched. */
async function refusal(app: TestApp, admin: string, input: { file: string; passphrase?: string }) {
  const before = fs.readFileSync(app.store.file)
  const result = await app.dispatch('backup.restore', input, admin)
  expect(fs.readFileSync(app.store.file).equals(before)).toBe(true)
  return result.ok ? null : { code: result.error.code, message: result.error.message, ruleId: result.error.ruleId }
}

const refused = (message: string) => ({ code: 'POLICY_DENIED', message, ruleId: 'R-SEC-2' })

describe('R-SEC-2 issue 15.2: what is on the stick', () => {
  it('is encrypted: neither the customer data nor even a database can be seen in it', async () => {
    const { file } = await backedUp()
    const bytes = fs.readFileSync(file)
    expect(bytes.subarray(0, MAGIC.length).equals(MAGIC)).toBe(true)
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false)
    expect(bytes.includes(Buffer.from(CUSTOMER))).toBe(false)
    expect(fs.readFileSync(manifestOf(file), 'utf8')).not.toContain(CUSTOMER)
  })

  it('carries no key in the clear: neither the backup key nor the audit key is in the manifest', async () => {
    const { app, file } = await backedUp()
    const manifest = fs.readFileSync(manifestOf(file), 'utf8')
    const backupKey = JSON.parse(fs.readFileSync(path.join(app.dataDir, BACKUP_KEY_FILE), 'utf8')).key as string
    const auditKey = JSON.parse(fs.readFileSync(path.join(app.dataDir, AUDIT_KEY_FILE), 'utf8')).key as string
    expect(manifest).not.toContain(backupKey)
    expect(manifest).not.toContain(auditKey)
    expect(manifest).not.toContain(PASSPHRASE)
    if (process.platform !== 'win32')
      expect(fs.statSync(path.join(app.dataDir, BACKUP_KEY_FILE)).mode & 0o777).toBe(0o600)
  })
})

describe('R-SEC-2 issue 15.2: a backup altered in any way is refused, and the live data is left as it was', () => {
  /** Each attack someone holding the stick can make without the key, on the backup file or its manifest. */
  const ATTACKS: Record<string, (file: string, folder: string, app: TestApp, keeper: string) => Promise<void> | void> =
    {
      'one byte flipped in the first chunk': (file) => flipByte(file, MAGIC.length + 100),
      'one byte flipped in the middle': (file) => flipByte(file, Math.floor(fs.statSync(file).size / 2)),
      'one byte flipped in the last tag': (file) => flipByte(file, fs.statSync(file).size - 1),
      'the format line changed': (file) => flipByte(file, 0),
      'the last chunk cut off': (file) => fs.truncateSync(file, MAGIC.length + 2 * (CHUNK + 16)),
      'cut off and the manifest made to agree': (file) => {
        fs.truncateSync(file, MAGIC.length + 2 * (CHUNK + 16))
        editManifest(file, (manifest) => (manifest.bytes = 2 * CHUNK))
      },
      'bytes appended': (file) => fs.appendFileSync(file, Buffer.alloc(64)),
      'two chunks swapped': (file) => {
        const bytes = fs.readFileSync(file)
        const at = (k: number) => MAGIC.length + k * (CHUNK + 16)
        const first = Buffer.from(bytes.subarray(at(0), at(1)))
        bytes.copy(bytes, at(0), at(1), at(2))
        first.copy(bytes, at(1))
        fs.writeFileSync(file, bytes)
      },
      'a count in the manifest edited': (file) =>
        editManifest(file, (manifest) => ((manifest.counts as Record<string, number>).customers = 0)),
      'the author in the manifest edited': (file) => editManifest(file, (manifest) => (manifest.createdBy = 'admin')),
      "the manifest's audit anchor edited": (file) =>
        editManifest(file, (manifest) => ((manifest.auditHead as { lastId: number }).lastId += 1)),
      "another backup's manifest put beside it, renamed to agree": async (file, folder, app, keeper) => {
        app.clock.advanceMinutes(1)
        const other = (await app.call('backup.create', { folder }, keeper)).file
        fs.writeFileSync(manifestOf(file), JSON.stringify({ ...readManifest(other), file: path.basename(file) }))
      },
      'the file of another backup put under its name': async (file, folder, app, keeper) => {
        app.clock.advanceMinutes(1)
        const other = (await app.call('backup.create', { folder }, keeper)).file
        fs.copyFileSync(other, file)
      }
    }

  it.each(Object.keys(ATTACKS))('%s', async (attack) => {
    const { app, admin, keeper } = await started()
    await app.call('backup.setPassphrase', { passphrase: PASSPHRASE }, admin)
    const customer = await app.call('customers.create', sampleCustomer(), keeper)
    // Three chunks and more, so that there are chunks to swap and to cut off.
    await app.database.query('UPDATE customers SET business_scope = ? WHERE id = ?', [
      '仓储物流经营范围'.repeat(150_000),
      customer.id
    ])
    const folder = tempDir('usb-')
    const { file } = await app.call('backup.create', { folder }, keeper)
    expect(fs.statSync(file).size).toBeGreaterThan(MAGIC.length + 3 * (CHUNK + 16))
    await ATTACKS[attack](file, folder, app, keeper)
    expect(await app.call('backup.verify', { file }, admin)).toMatchObject({
      ok: false,
      problems: [{ reason: 'backup.problems.tampered' }]
    })
    expect(await refusal(app, admin, { file })).toEqual(refused('backup.problems.tampered'))
    // Nor does the passphrase open it.
    expect(await refusal(app, admin, { file, passphrase: PASSPHRASE })).toEqual(refused('backup.problems.tampered'))
    expect(await customerNames(app, keeper)).toEqual([CUSTOMER])
  })

  it('a backup with its seal stripped (the database in the clear, the checksum recomputed) is not taken for sealed', async () => {
    const { app, admin, keeper, file } = await backedUp()
    await asLegacyBackup(app.dataDir, file)
    tamperedLegacy(file, (db) => db.prepare("UPDATE customers SET name = '伪造的客户'").run())
    expect((await app.call('backup.verify', { file }, admin)).info).toMatchObject({ encrypted: false })
    expect(await refusal(app, admin, { file })).toEqual(refused('backup.problems.unauthenticated'))
    expect(await customerNames(app, keeper)).toEqual([CUSTOMER])
  })
})

/** Even at the test cost (TEST_RECOVERY_KDF), these make several backups and apps each. */
const SLOW = 180_000

describe('R-SEC-2 issue 15.2: the recovery passphrase is expensive to guess', () => {
  it('is wrapped at the production cost (2^17, about half a second and 128 MiB a guess) unless a test asks for less', async () => {
    const key = crypto.randomBytes(32)
    const wrapped = await wrapKey(key, PASSPHRASE)
    expect(wrapped).toMatchObject({ kdf: 'scrypt', N: 2 ** 17, r: 8, p: 1 })
    expect(RECOVERY_KDF.N).toBeGreaterThanOrEqual(2 ** 17)
    expect(await unwrapKey(wrapped, PASSPHRASE)).toEqual(key)
    expect(await unwrapKey(wrapped, `${PASSPHRASE}。`)).toBeNull()
  })
})

describe('R-SEC-2 issue 15.2: restoring on a new PC with the recovery passphrase', () => {
  it('asks for the passphrase, refuses a wrong one, and with the right one restores the data and the audit chain', async () => {
    const { app: old, file } = await backedUp()
    const oldAuditKey = fs.readFileSync(path.join(old.dataDir, AUDIT_KEY_FILE), 'utf8')
    await old.close()
    apps.splice(apps.indexOf(old), 1)

    const { app, admin } = await started()
    expect(await app.call('backup.verify', { file }, admin)).toMatchObject({
      ok: false,
      problems: [{ reason: 'backup.problems.passphraseNeeded' }]
    })
    expect(await refusal(app, admin, { file })).toEqual(refused('backup.problems.passphraseNeeded'))
    expect(await refusal(app, admin, { file, passphrase: '档案室钥匙在二楼保险柜第四格' })).toEqual(
      refused('backup.problems.wrongPassphrase')
    )
    expect(await app.call('backup.verify', { file, passphrase: PASSPHRASE }, admin)).toMatchObject({ ok: true })

    await app.call('backup.restore', { file, passphrase: PASSPHRASE }, admin)
    // R-SEC-1: the chain restored verifies under the key that came inside the backup, now this PC's key.
    expect(fs.readFileSync(path.join(app.dataDir, AUDIT_KEY_FILE), 'utf8')).toBe(oldAuditKey)
    const auditor = await app.signInAs('auditor', 'shenji')
    expect(await app.call('audit.verify', {}, auditor)).toMatchObject({ ok: true })
    const reader = await app.signInAs('staff_viewer', 'reader')
    expect(await customerNames(app, reader)).toEqual([CUSTOMER])
    // The backups made here from now on restore here without the passphrase, and elsewhere with the old one.
    const again = await app.call('backup.create', { folder: tempDir('usb-') }, admin)
    expect(await app.call('backup.verify', { file: again.file }, admin)).toMatchObject({ ok: true })
    expect(await app.call('backup.status', {}, admin)).toMatchObject({ passphraseSetAt: expect.any(String) })
    const { app: third, admin: thirdAdmin } = await started()
    expect(await third.call('backup.verify', { file: again.file, passphrase: PASSPHRASE }, thirdAdmin)).toMatchObject({
      ok: true
    })
  })

  it(
    'after a change of passphrase, each backup opens with the passphrase it was made under',
    async () => {
      const { app, admin, keeper, folder, file: before } = await backedUp()
      const changed = '新口令 写在 蓝色 信封里'
      expect(await app.dispatch('backup.setPassphrase', { passphrase: changed }, admin)).toMatchObject({
        ok: false,
        error: { details: [{ path: 'password', message: 'validation.required' }] }
      })
      expect(
        await app.dispatch('backup.setPassphrase', { passphrase: changed, password: 'not-my-password' }, admin)
      ).toMatchObject({ ok: false, error: { details: [{ path: 'password', message: 'errors.wrongPassword' }] } })
      await app.call('backup.setPassphrase', { passphrase: changed, password: ADMIN_PASSWORD }, admin)
      app.clock.advanceMinutes(1)
      const after = (await app.call('backup.create', { folder }, keeper)).file

      const { app: other, admin: otherAdmin } = await started()
      const verify = (file: string, passphrase: string) =>
        other.call('backup.verify', { file, passphrase }, otherAdmin).then((result) => result.problems)
      expect(await verify(before, PASSPHRASE)).toEqual([])
      expect(await verify(before, changed)).toEqual([{ reason: 'backup.problems.wrongPassphrase' }])
      expect(await verify(after, changed)).toEqual([])
      expect(await verify(after, PASSPHRASE)).toEqual([{ reason: 'backup.problems.wrongPassphrase' }])
    },
    SLOW
  )

  it('refuses a weak passphrase with the reason, and keeps none of it', async () => {
    const { app, admin } = await started()
    for (const [passphrase, message] of [
      ['short one', 'validation.passphraseShort'],
      ['aaaaaaaaaaaaaaaa', 'validation.passphraseGuessable'],
      ['1234 5678 9012 3456', 'validation.passphraseGuessable']
    ])
      expect(await app.dispatch('backup.setPassphrase', { passphrase }, admin), passphrase).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', details: [{ path: 'passphrase', message }] }
      })
    expect((await app.call('backup.status', {}, admin)).passphraseSetAt).toBeNull()
  })
})

describe('R-SEC-2 issue 15.2: backups made before encryption', () => {
  it('are listed as unsealed and restore only with the consent the confirmation asks for', async () => {
    const { app, admin, keeper, file } = await backedUp()
    await asLegacyBackup(app.dataDir, file)
    await app.call('customers.create', sampleCustomer({ name: '备份之后的客户' }), keeper)
    expect(await app.call('backup.verify', { file }, admin)).toMatchObject({ ok: true, info: { encrypted: false } })
    expect(await refusal(app, admin, { file })).toEqual(refused('backup.problems.unauthenticated'))
    await app.call('backup.restore', { file, acceptUnauthenticated: true }, admin)
    const reader = await app.signInAs('staff_viewer', 'reader')
    expect(await customerNames(app, reader)).toEqual([CUSTOMER])
    expect(fs.existsSync(path.join(app.dataDir, DATABASE_FILE))).toBe(true)
  })
})

function flipByte(file: string, at: number): void {
  const bytes = fs.readFileSync(file)
  bytes[at] ^= 0x01
  fs.writeFileSync(file, bytes)
}

function editManifest(file: string, change: (manifest: Record<string, unknown>) => void): void {
  const manifest = readManifest(file)
  change(manifest)
  fs.writeFileSync(manifestOf(file), JSON.stringify(manifest))
}
