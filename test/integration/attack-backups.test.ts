import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ROLES } from '@preload/contract'
import { makeApp, sampleCustomer, tempDir, TEST_RECOVERY_KDF, type TestApp } from '../support/app'
import { asLegacyBackup, manifestOf, readManifest, resealed, tamperedLegacy } from '../support/backups'

/**
 * Adversary brief, crafted backups: what the existing backup tests leave out. Every refusal is a policy refusal that
 * names the problem (never an internal error), and the live database is the same byte for byte afterwards.
 */

const PASSPHRASE = '档案室钥匙在二楼保险柜第三格'

const apps: TestApp[] = []
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close()
})

async function backedUp() {
  const app = await makeApp()
  apps.push(app)
  const admin = await app.signInAs('sysadmin')
  const keeper = await app.signInAs('archivist', 'keeper')
  await app.call('backup.setPassphrase', { passphrase: PASSPHRASE }, admin)
  await app.call('customers.create', sampleCustomer(), keeper)
  const folder = tempDir('usb-')
  const { file } = await app.call('backup.create', { folder }, keeper)
  return { app, admin, keeper, file, folder }
}

/** The restore's outcome as code and message; the live file must not change when it is refused. */
async function restoreOutcome(app: TestApp, admin: string, input: Record<string, unknown>) {
  const before = fs.readFileSync(app.store.file)
  const result = await app.dispatch('backup.restore', input as { file: string }, admin)
  if (result.ok) return 'restored'
  expect(fs.readFileSync(app.store.file).equals(before)).toBe(true)
  return `${result.error.code} ${result.error.message}`
}

const PROMOTE = `CREATE TRIGGER audit_log_after_insert AFTER INSERT ON audit_log
  BEGIN UPDATE users SET role = 'sysadmin' WHERE username = 'keeper'; END`

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')

describe('adversary: downgrading a sealed backup to the old, unauthenticated format', () => {
  it('R-SEC-1: an old-format backup whose audit trail was cut to nothing is refused, even with the consent click', async () => {
    const { app, admin, file } = await backedUp()
    await asLegacyBackup(app.dataDir, file)
    tamperedLegacy(
      file,
      (db) =>
        db.exec(`DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log;
          CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`),
      (manifest) => {
        delete manifest.auditHead
        delete manifest.auditKeyId
        ;(manifest.counts as Record<string, number>).audit_log = 0
      }
    )
    expect(await restoreOutcome(app, admin, { file, acceptUnauthenticated: true })).toBe(
      'POLICY_DENIED backup.problems.noAuditTrail'
    )
  })

  it.each([
    ['a trigger that promotes the archivist', PROMOTE, 'POLICY_DENIED backup.problems.schema'],
    ['the audit log unprotected', 'DROP TRIGGER audit_log_no_update', 'POLICY_DENIED backup.problems.schema'],
    ['an added view', 'CREATE VIEW v AS SELECT * FROM users', 'POLICY_DENIED backup.problems.schema'],
    [
      'an audit entry rewritten in place',
      "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET action = 'nothing' WHERE id = 1; " +
        'CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 1); END',
      'POLICY_DENIED backup.problems'
    ]
  ])(
    '%s: even with the consent click, every check of the old path still refuses it',
    async (_name, change, refusal) => {
      const { app, admin, keeper, file } = await backedUp()
      await asLegacyBackup(app.dataDir, file)
      tamperedLegacy(file, (db) => db.exec(change))
      expect((await app.call('backup.verify', { file }, admin)).ok).toBe(false)
      expect(await restoreOutcome(app, admin, { file, acceptUnauthenticated: true })).toContain(refusal)
      expect(await app.database.query("SELECT role FROM users WHERE username = 'keeper'")).toEqual([
        { role: 'archivist' }
      ])
      expect((await app.call('customers.list', {}, keeper)).total).toBe(1)
    }
  )

  it('an old manifest put beside the still encrypted file (its checksum recomputed) is refused, not an internal error', async () => {
    const { app, admin, file } = await backedUp()
    const { app: name, createdAt, createdBy, appVersion, migrations, counts } = readManifest(file)
    fs.writeFileSync(
      manifestOf(file),
      JSON.stringify({
        app: name,
        file: path.basename(file),
        createdAt,
        createdBy,
        appVersion,
        migrations,
        counts,
        bytes: fs.statSync(file).size,
        sha256: sha256(file)
      })
    )
    expect(await restoreOutcome(app, admin, { file, acceptUnauthenticated: true })).toMatch(
      /^POLICY_DENIED backup\.problems\./
    )
  })

  it('a sealed manifest put beside a database in the clear is tampered, whatever it claims', async () => {
    const { app, admin, file } = await backedUp()
    const sealed = readManifest(file)
    await asLegacyBackup(app.dataDir, file)
    fs.writeFileSync(manifestOf(file), JSON.stringify({ ...sealed, bytes: fs.statSync(file).size }))
    expect(await restoreOutcome(app, admin, { file, acceptUnauthenticated: true })).toBe(
      'POLICY_DENIED backup.problems.tampered'
    )
  })

  it.each([
    ['format 1 with the seal', (m: Record<string, unknown>) => ({ ...m, format: 1 })],
    ['format "2" as a string', (m: Record<string, unknown>) => ({ ...m, format: '2' })],
    ['format null', (m: Record<string, unknown>) => ({ ...m, format: null })]
  ])('a manifest claiming %s is a bad manifest', async (_name, change) => {
    const { app, admin, file } = await backedUp()
    fs.writeFileSync(manifestOf(file), JSON.stringify(change(readManifest(file))))
    expect(await restoreOutcome(app, admin, { file, acceptUnauthenticated: true })).toBe(
      'POLICY_DENIED backup.problems.badManifest'
    )
  })
})

describe('adversary: odd manifests and files', () => {
  it('proto keys in a manifest neither seal nor unseal it nor reach any object', async () => {
    const { app, admin, file } = await backedUp()
    const text = fs.readFileSync(manifestOf(file), 'utf8')
    fs.writeFileSync(
      manifestOf(file),
      `{"__proto__":{"format":2,"isAdmin":true},"constructor":{"prototype":{"polluted":1}},${text.slice(1)}`
    )
    expect(await app.call('backup.verify', { file }, admin)).toMatchObject({ ok: true })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined()
  })

  it('a manifest of deep JSON (under the size limit) is a bad manifest, not a stack overflow', async () => {
    const { app, admin, file } = await backedUp()
    const depth = 400_000
    fs.writeFileSync(manifestOf(file), `${'['.repeat(depth)}${']'.repeat(depth)}`)
    expect(await restoreOutcome(app, admin, { file })).toBe('POLICY_DENIED backup.problems.badManifest')
    const manifest = fs.readFileSync(manifestOf(file), 'utf8')
    expect(manifest.length).toBeLessThan(1024 * 1024)
  })

  it('deep JSON in an unknown field of a valid manifest does not break verify', async () => {
    const { app, admin, file } = await backedUp()
    const text = fs.readFileSync(manifestOf(file), 'utf8')
    const depth = 200_000
    fs.writeFileSync(manifestOf(file), `{"deep":${'['.repeat(depth)}${']'.repeat(depth)},${text.slice(1)}`)
    const result = await app.dispatch('backup.verify', { file }, admin)
    expect(result.ok).toBe(true)
  })

  it('a zero-length file with an old manifest is refused with a reason even after consent', async () => {
    const { app, admin, file } = await backedUp()
    await asLegacyBackup(app.dataDir, file)
    fs.writeFileSync(file, '')
    const manifest = readManifest(file)
    fs.writeFileSync(manifestOf(file), JSON.stringify({ ...manifest, bytes: 0, sha256: sha256(file) }))
    expect(await restoreOutcome(app, admin, { file, acceptUnauthenticated: true })).toMatch(
      /^POLICY_DENIED backup\.problems\.(schema|unreadable)$/
    )
  })

  it('a zero-length sealed file is tampered', async () => {
    const { app, admin, file } = await backedUp()
    fs.writeFileSync(file, '')
    expect(await restoreOutcome(app, admin, { file })).toBe('POLICY_DENIED backup.problems.tampered')
  })

  it.each([2 ** 53 - 1, 1e300, 0])(
    'a resealed manifest whose byte count is %s (the seal holds) is refused, not an allocation',
    async (bytes) => {
      const { app, admin, file } = await backedUp()
      await resealed(
        app.dataDir,
        file,
        () => undefined,
        (manifest) => (manifest.bytes = bytes)
      )
      expect(await restoreOutcome(app, admin, { file })).toMatch(
        /^POLICY_DENIED backup\.problems\.(tampered|badManifest)$/
      )
    }
  )

  it('a symlink to a device at the backup name, or at its manifest, is unreadable, not a hang', async () => {
    const { app, admin, file } = await backedUp()
    const manifest = fs.readFileSync(manifestOf(file))
    fs.rmSync(file)
    fs.symlinkSync('/dev/zero', file)
    expect(await restoreOutcome(app, admin, { file })).toBe('POLICY_DENIED backup.problems.unreadable')
    fs.rmSync(manifestOf(file))
    fs.symlinkSync('/dev/zero', manifestOf(file))
    fs.writeFileSync(`${file}.x`, manifest)
    expect(await restoreOutcome(app, admin, { file })).toMatch(/^POLICY_DENIED backup\.problems\./)
  })

  it('a symlink at the backup name pointing at the live database is not restored without consent', async () => {
    const { app, admin, file } = await backedUp()
    fs.rmSync(file)
    fs.symlinkSync(app.store.file, file)
    expect(await restoreOutcome(app, admin, { file })).toBe('POLICY_DENIED backup.problems.tampered')
  })
})

describe('adversary: the recovery passphrase', () => {
  it.each(ROLES.filter((role) => role !== 'sysadmin'))('%s cannot set it', async (role) => {
    const app = await makeApp()
    apps.push(app)
    const admin = await app.signInAs('sysadmin')
    const key = await app.signInAs(role, role === 'security_officer' ? undefined : `x${role.replace(/_/g, '')}`)
    expect(await app.dispatch('backup.setPassphrase', { passphrase: PASSPHRASE }, key)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    })
    expect((await app.call('backup.status', {}, admin)).passphraseSetAt).toBeNull()
  })

  it.each([
    ['four letters padded with zero-width spaces', 'abcd\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b'],
    ['invisible characters only', '\u200b\u200c\u200d\u2060\ufeff\u200b\u200c\u200d\u2060\ufeff\u200b\u200c'],
    ['a run of full-width digits', '１２３４５６７８９０１２'],
    ['a run of Arabic-Indic digits', '٠١٢٣٤٥٦٧٨٩٠١'],
    ['one key with right-to-left marks', 'aaaaaaaa\u200f\u200e\u202e\u202d\u202c'],
    ['one key and combining marks', 'a\u0301a\u0302a\u0303a\u0304a\u0305a\u0306']
  ])('refuses %s', async (_name, passphrase) => {
    const app = await makeApp()
    apps.push(app)
    const admin = await app.signInAs('sysadmin')
    expect(await app.dispatch('backup.setPassphrase', { passphrase }, admin)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' }
    })
  })

  it('a guess on a new PC pays the scrypt cost the backup was made with; a manifest cannot claim a cheaper one, nor one that needs gigabytes', async () => {
    const { app: old, file } = await backedUp()
    await old.close()
    apps.splice(apps.indexOf(old), 1)
    const manifest = readManifest(file) as { wrappedKey: { N: number; r: number } }
    expect(manifest.wrappedKey).toMatchObject({ kdf: 'scrypt', ...TEST_RECOVERY_KDF })
    const app = await makeApp()
    apps.push(app)
    const admin = await app.signInAs('sysadmin')
    for (const crafted of [{ N: 2 ** 10 }, { N: 2 ** 14 + 1 }, { r: 1 }, { N: 2 ** 20 }, { r: 16 }, { N: 2 ** 30 }]) {
      fs.writeFileSync(
        manifestOf(file),
        JSON.stringify({ ...manifest, wrappedKey: { ...manifest.wrappedKey, ...crafted } })
      )
      expect(await restoreOutcome(app, admin, { file, passphrase: PASSPHRASE })).toMatch(
        /^POLICY_DENIED backup\.problems\.(badManifest|tampered)$/
      )
    }
    fs.writeFileSync(manifestOf(file), JSON.stringify(manifest))
    expect(await app.call('backup.verify', { file, passphrase: PASSPHRASE }, admin)).toMatchObject({ ok: true })
  })
})

describe('adversary: what the auditor sees of a restore', () => {
  it('an old, unsealed backup restored on the consent click is told apart from a sealed one in the audit log', async () => {
    const { app, admin, keeper, file, folder } = await backedUp()
    app.clock.advanceMinutes(1)
    const { file: sealed } = await app.call('backup.create', { folder }, keeper)
    await asLegacyBackup(app.dataDir, file)
    const restores = async () => {
      const auditor = await app.signInAs('auditor', `shenji${Math.round(app.clock.now.getTime() / 60_000) % 1000}`)
      return (await app.call('audit.list', { entity: 'backup', action: 'restore' }, auditor)).rows.map((row) => [
        row.entityId,
        (row.after as { sealed: boolean }).sealed
      ])
    }
    await app.call('backup.restore', { file, acceptUnauthenticated: true }, admin)
    expect(await restores()).toEqual([[path.basename(file), false]])
    app.clock.advanceMinutes(1)
    await app.call('backup.restore', { file: sealed }, await app.signInAs('sysadmin'))
    expect(await restores()).toEqual([[path.basename(sealed), true]])
  })
})
