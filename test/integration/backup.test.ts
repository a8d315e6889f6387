import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { DataSource } from 'typeorm'
import { MIGRATIONS } from '@main/db/migrations'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { BackupInfo } from '@preload/contract'
import type { RestoreStage } from '@main/services/backup'
import { DATABASE_FILE } from '@main/db/data-source'
import {
  ADMIN_PASSWORD,
  makeApp,
  REPOSITORY,
  sampleCustomer,
  tempDir,
  USER_PASSWORD,
  type TestApp
} from '../support/app'
import { bundleScript, CHILD_OPTIONS } from '../support/child'
import { asLegacyBackup, manifestOf, openedBackup, resealed, resealedFile, tamperedLegacy } from '../support/backups'

let app: TestApp
afterEach(async () => app?.close())

const customers = async (key: string) =>
  (await app.call('customers.list', { pageSize: 200 }, key)).rows.map((r) => r.name).sort()

async function setUp() {
  app = await makeApp()
  const admin = await app.signInAs('sysadmin')
  const key = await app.signInAs('archivist', 'liwen')
  return { admin, key, folder: tempDir('usb-') }
}

describe('R-SEC-2 backup', () => {
  it('writes a consistent copy with a manifest: version, schema, counts and its seal', async () => {
    const { admin, key, folder } = await setUp()
    await app.call('customers.create', sampleCustomer(), key)
    const info = await app.call('backup.create', { folder }, key)
    expect(path.basename(info.file)).toBe('archive-room-20260302-090000.sqlite')
    // The administrator, the security officer who authorised the archivist (R-ROLE-7), and the archivist.
    expect(info).toMatchObject({ counts: { customers: 1, users: 3 }, encrypted: true })
    const manifest = JSON.parse(fs.readFileSync(manifestOf(info.file), 'utf8'))
    expect(manifest).toMatchObject({ format: 2, mac: expect.stringMatching(/^[0-9a-f]{64}$/) })
    expect(manifest.migrations).toContain('Foundation1764000000000')
    const verified = await app.call('backup.verify', { file: info.file }, admin)
    expect(verified).toMatchObject({ ok: true, problems: [] })
    expect((await app.call('backup.status', {}, key)).lastBackupAt).toBe('2026-03-02T09:00:00.000Z')
  })

  it('refuses a folder that is not absolute or does not exist, with the field named', async () => {
    const { key } = await setUp()
    expect(await app.dispatch('backup.create', { folder: 'relative/usb' }, key)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: [{ path: 'folder', message: 'validation.folderAbsolute' }] }
    })
    expect(await app.dispatch('backup.create', { folder: '/no/such/usb/stick' }, key)).toMatchObject({
      ok: false,
      error: { details: [{ message: 'validation.folderMissing' }] }
    })
    expect(await app.dispatch('backup.create', {}, key)).toMatchObject({
      ok: false,
      error: { details: [{ path: 'folder', message: 'validation.required' }] }
    })
  })

  it('reminds when the last backup is older than the set days', async () => {
    const { admin, key, folder } = await setUp()
    const fresh = await app.call('backup.status', {}, key)
    // Issue 13: a fresh install has had no time to miss a backup; the reminder counts from its setup.
    expect(fresh).toMatchObject({ due: false, lastBackupAt: null, installedAt: '2026-03-02T09:00:00.000Z' })
    await app.call('backup.saveSettings', { folder, dailyAt: '18:00', reminderDays: 3 }, admin)
    app.clock.advanceMinutes(3 * 24 * 60)
    await app.call('auth.unlock', { password: ADMIN_PASSWORD }, admin)
    expect((await app.call('backup.status', {}, admin)).due).toBe(true)
    await app.call('auth.unlock', { password: USER_PASSWORD }, key)
    await app.call('backup.create', {}, key)
    expect((await app.call('backup.status', {}, key)).due).toBe(false)
    app.clock.advanceMinutes(3 * 24 * 60)
    await app.call('auth.unlock', { password: ADMIN_PASSWORD }, admin)
    expect((await app.call('backup.status', {}, admin)).due).toBe(true)
  })

  it('backs up while writes are happening: everything committed before it is in it, and it restores', async () => {
    const { admin, key, folder } = await setUp()
    for (let i = 0; i < 20; i += 1) await app.call('customers.create', sampleCustomer({ name: `客户${i}` }), key)
    const writes = Array.from({ length: 20 }, (_v, i) =>
      app.call('customers.create', sampleCustomer({ name: `并发客户${i}` }), key)
    )
    const [info] = (await Promise.all([app.call('backup.create', { folder }, key), ...writes])) as [
      BackupInfo,
      ...unknown[]
    ]
    const inBackup = new Database(await openedBackup(app.dataDir, info.file), { readonly: true })
    const names = (inBackup.prepare('SELECT name FROM customers').all() as { name: string }[]).map((r) => r.name)
    expect(inBackup.pragma('integrity_check', { simple: true })).toBe('ok')
    inBackup.close()
    for (let i = 0; i < 20; i += 1) expect(names).toContain(`客户${i}`)
    expect(info.counts.customers).toBe(names.length)
    await app.call('backup.restore', { file: info.file }, admin)
    const again = await app.signInAs('archivist', 'liwen2')
    expect(await customers(again)).toEqual([...names].sort())
  })
})

describe('R-SEC-2 backup files on the stick', () => {
  const stem = 'archive-room-20260302-090000'
  /** Names, sizes and modification times: a read-only use of the folder leaves all three as they were. */
  const snapshot = (folder: string) =>
    fs
      .readdirSync(folder)
      .sort()
      .map((name) => {
        const stat = fs.lstatSync(path.join(folder, name))
        return [name, stat.size, stat.mtimeMs]
      })

  it("never writes through a symlink planted at the next backup's names, and takes the next free name", async () => {
    const { admin, key, folder } = await setUp()
    const outside = tempDir('outside-')
    const note = path.join(outside, 'note.txt')
    fs.writeFileSync(note, 'not a backup')
    const other = path.join(outside, 'other.sqlite')
    const otherDb = new Database(other)
    otherDb.exec("CREATE TABLE kept (x); INSERT INTO kept VALUES ('mine')")
    otherDb.close()
    const before = [fs.readFileSync(note), fs.readFileSync(other)]
    fs.symlinkSync(other, path.join(folder, `${stem}.sqlite.partial`))
    fs.symlinkSync(note, path.join(folder, `${stem}.json`))
    fs.symlinkSync(other, path.join(folder, `${stem}-2.sqlite`))
    const info = await app.call('backup.create', { folder }, key)
    expect(path.basename(info.file)).toBe(`${stem}-3.sqlite`)
    expect([fs.readFileSync(note), fs.readFileSync(other)]).toEqual(before)
    expect(fs.lstatSync(info.file).isFile() && fs.lstatSync(manifestOf(info.file)).isFile()).toBe(true)
    expect(await app.call('backup.verify', { file: info.file }, admin)).toMatchObject({ ok: true })
  })

  it('gives backups taken in the same second their own names: four at once all succeed', async () => {
    const { admin, key, folder } = await setUp()
    const infos = await Promise.all(Array.from({ length: 4 }, () => app.call('backup.create', { folder }, key)))
    expect(infos.map((info) => path.basename(info.file)).sort()).toEqual([
      `${stem}-2.sqlite`,
      `${stem}-3.sqlite`,
      `${stem}-4.sqlite`,
      `${stem}.sqlite`
    ])
    const listed = await app.call('backup.list', { folder }, admin)
    expect(listed.map((b) => [path.basename(b.file), b.ok])).toEqual([
      [`${stem}-4.sqlite`, true],
      [`${stem}-3.sqlite`, true],
      [`${stem}-2.sqlite`, true],
      [`${stem}.sqlite`, true]
    ])
  })

  it('leaves only the backup and its manifest, in rollback-journal mode, and only reads write-protected media', async () => {
    const { admin, key, folder } = await setUp()
    await app.call('customers.create', sampleCustomer(), key)
    const { file } = await app.call('backup.create', { folder }, key)
    expect(fs.readdirSync(folder).sort()).toEqual([`${stem}.json`, `${stem}.sqlite`])
    // Byte 18 of the header is the file format: 1 is a rollback journal, 2 is WAL.
    expect(fs.readFileSync(await openedBackup(app.dataDir, file))[18]).toBe(1)
    app.clock.advanceMinutes(1)
    const { file: older } = await app.call('backup.create', { folder }, key)
    // Backups taken by earlier versions are in the clear and in WAL mode: opening those even read-only used to leave
    // -wal and -shm files.
    await asLegacyBackup(app.dataDir, older)
    tamperedLegacy(older, (db) => db.pragma('journal_mode = WAL'))
    expect(fs.readFileSync(older)[18]).toBe(2)
    for (const name of fs.readdirSync(folder)) fs.chmodSync(path.join(folder, name), 0o444)
    fs.chmodSync(folder, 0o555)
    try {
      const before = snapshot(folder)
      expect((await app.call('backup.list', { folder }, admin)).map((b) => b.ok)).toEqual([true, true])
      expect(await app.call('backup.verify', { file: older }, admin)).toMatchObject({ ok: true })
      await app.call('backup.restore', { file: older, acceptUnauthenticated: true }, admin)
      expect(snapshot(folder)).toEqual(before)
    } finally {
      fs.chmodSync(folder, 0o755)
    }
    const reader = await app.signInAs('staff_viewer', 'reader')
    expect(await customers(reader)).toEqual(['上海顺达物流有限公司'])
  })

  it('lists every backup even when a manifest is malformed, wrong or about another file', async () => {
    const { admin, key, folder } = await setUp()
    const make = async () => {
      app.clock.advanceMinutes(1)
      return (await app.call('backup.create', { folder }, key)).file
    }
    const good = await make()
    const garbled = await make()
    fs.writeFileSync(manifestOf(garbled), '{"app": "archive-room", ')
    const mistyped = await make()
    const manifest = JSON.parse(fs.readFileSync(manifestOf(mistyped), 'utf8'))
    fs.writeFileSync(manifestOf(mistyped), JSON.stringify({ ...manifest, migrations: 'all of them', counts: null }))
    const elsewhere = await make()
    const aboutGood = JSON.parse(fs.readFileSync(manifestOf(good), 'utf8'))
    fs.writeFileSync(manifestOf(elsewhere), JSON.stringify(aboutGood))
    const folderNamedLikeABackup = path.join(folder, 'archive-room-20260101-000000.sqlite')
    fs.mkdirSync(folderNamedLikeABackup)
    const listed = await app.call('backup.list', { folder }, admin)
    expect(listed.map((b) => [b.file, b.problems.map((p) => p.reason)])).toEqual([
      [elsewhere, ['backup.problems.otherFile']],
      [mistyped, ['backup.problems.badManifest']],
      [garbled, ['backup.problems.badManifest']],
      [good, []],
      [folderNamedLikeABackup, ['backup.problems.unreadable']]
    ])
    expect(await app.dispatch('backup.restore', { file: elsewhere }, admin)).toMatchObject({
      ok: false,
      error: { message: 'backup.problems.otherFile' }
    })
  })

  it("refuses a backup folder inside the data folder or the app's own files, also through a symlink", async () => {
    const { admin, key } = await setUp()
    const inData = path.join(app.dataDir, 'usb')
    fs.mkdirSync(inData)
    const link = path.join(tempDir('links-'), 'usb')
    fs.symlinkSync(inData, link)
    const webRoot = path.join(REPOSITORY, 'src-renderer')
    for (const folder of [app.dataDir, inData, link, webRoot]) {
      expect(await app.dispatch('backup.create', { folder }, key), folder).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', details: [{ path: 'folder', message: 'validation.folderInsideApp' }] }
      })
    }
    expect(
      await app.dispatch('backup.saveSettings', { folder: link, dailyAt: null, reminderDays: 7 }, admin)
    ).toMatchObject({
      ok: false,
      error: { details: [{ path: 'folder', message: 'validation.folderInsideApp' }] }
    })
    expect(fs.readdirSync(inData)).toEqual([])
  })

  it('makes the backup and its manifest durable, file and folder, before publishing and reporting them', async () => {
    const { key, folder } = await setUp()
    const events: string[] = []
    const open = fs.promises.open
    const link = fs.linkSync
    const spies = [
      vi.spyOn(fs.promises, 'open').mockImplementation(async (...args: Parameters<typeof open>) => {
        const handle = await open(...args)
        const sync = handle.sync.bind(handle)
        handle.sync = async () => {
          await sync()
          events.push(`sync ${path.basename(String(args[0]))}`)
        }
        return handle
      }),
      vi.spyOn(fs, 'linkSync').mockImplementation((from, to) => {
        events.push(`publish ${path.basename(String(from))} as ${path.basename(String(to))}`)
        link(from, to)
      })
    ]
    try {
      const info = await app.call('backup.create', { folder }, key)
      events.push('reported')
      const temps = events.filter((e) => e.startsWith('publish')).map((e) => e.split(' ')[1])
      expect(temps).toHaveLength(2)
      const [manifestTemp, backupTemp] = temps
      expect(events).toEqual([
        `sync ${backupTemp}`,
        `sync ${manifestTemp}`,
        `publish ${manifestTemp} as ${stem}.json`,
        `publish ${backupTemp} as ${path.basename(info.file)}`,
        `sync ${path.basename(folder)}`,
        'reported'
      ])
    } finally {
      for (const spy of spies) spy.mockRestore()
    }
  })
})

describe('R-SEC-2 restore', () => {
  it('brings a deleted record back, keeps a copy of the database it replaced, and signs everybody out', async () => {
    const { admin, key, folder } = await setUp()
    const kept = await app.call('customers.create', sampleCustomer(), key)
    const { file } = await app.call('backup.create', { folder }, key)
    await app.database.query('DELETE FROM customer_contacts WHERE customer_id = ?', [kept.id])
    await app.database.query('DELETE FROM customers WHERE id = ?', [kept.id])
    await app.call('customers.create', sampleCustomer({ name: '备份之后的客户' }), key)
    const result = await app.call('backup.restore', { file }, admin)
    expect(await app.dispatch('customers.list', {}, key)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' }
    })
    const reader = await app.signInAs('staff_viewer', 'reader')
    expect(await customers(reader)).toEqual(['上海顺达物流有限公司'])
    const safety = new Database(result.safetyCopy, { readonly: true })
    expect(safety.prepare('SELECT name FROM customers').all()).toEqual([{ name: '备份之后的客户' }])
    safety.close()
    const auditor = await app.signInAs('auditor', 'shenji')
    expect((await app.call('audit.list', { entity: 'backup', action: 'restore' }, auditor)).total).toBe(1)
    expect((await app.call('audit.verify', {}, auditor)).ok).toBe(true)
  })

  it('refuses a truncated backup, an altered one, one whose counts do not match, and one from a newer version', async () => {
    const { admin, key, folder } = await setUp()
    await app.call('customers.create', sampleCustomer(), key)
    const make = async () => {
      app.clock.advanceMinutes(1)
      return (await app.call('backup.create', { folder }, key)).file
    }
    const truncated = await make()
    fs.truncateSync(truncated, fs.statSync(truncated).size / 2)
    const altered = await make()
    const bytes = fs.readFileSync(altered)
    bytes[bytes.length - 100] ^= 0xff
    fs.writeFileSync(altered, bytes)
    const miscounted = await make()
    await resealed(app.dataDir, miscounted, (db) => {
      // The customer goes with every row that refers to it, so that only the counts give it away.
      const referring = db
        .prepare(
          `SELECT m.name FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table' AND f."table" = 'customers'`
        )
        .pluck()
        .all() as string[]
      for (const table of referring) db.exec(`DELETE FROM "${table}"`)
      db.exec('DELETE FROM customers')
    })
    const newer = await make()
    await resealed(
      app.dataDir,
      newer,
      (db) =>
        db
          .prepare('INSERT INTO migrations (timestamp, name) VALUES (?, ?)')
          .run(1899999999999, 'FutureFeature1899999999999'),
      (manifest) => {
        manifest.migrations = [...(manifest.migrations as string[]), 'FutureFeature1899999999999']
        manifest.appVersion = '9.0.0'
      }
    )
    const refusals: Record<string, string> = {}
    for (const [name, file] of Object.entries({ truncated, altered, miscounted, newer })) {
      const result = await app.dispatch('backup.restore', { file }, admin)
      expect(result.ok, name).toBe(false)
      if (!result.ok) refusals[name] = result.error.message
    }
    expect(refusals).toEqual({
      truncated: 'backup.problems.tampered',
      altered: 'backup.problems.tampered',
      miscounted: 'backup.problems.counts',
      newer: 'backup.problems.newerVersion'
    })
    expect(await customers(key)).toEqual(['上海顺达物流有限公司'])
    const listed = await app.call('backup.list', { folder }, admin)
    expect(listed.map((b) => b.ok)).toEqual([false, false, false, false])
  })

  it('restores a backup from an older version and migrates it', async () => {
    const { admin, key, folder } = await setUp()
    await app.call('customers.create', sampleCustomer(), key)
    const { file } = await app.call('backup.create', { folder }, key)
    // What the version before the last migration had: that migration's own down(), as TypeORM runs it.
    const last = MIGRATIONS[MIGRATIONS.length - 1]
    await resealedFile(
      app.dataDir,
      file,
      async (plain) => {
        const older = new DataSource({ type: 'better-sqlite3', database: plain, migrations: [...MIGRATIONS] })
        await older.initialize()
        await older.undoLastMigration()
        await older.destroy()
      },
      (manifest) => {
        manifest.migrations = (manifest.migrations as string[]).filter((name) => name !== last.name)
      }
    )
    await app.call('backup.restore', { file }, admin)
    const migrated: { name: string }[] = await app.database.query('SELECT name FROM migrations')
    expect(migrated.map(({ name }) => name)).toContain(last.name)
    const reader = await app.signInAs('staff_viewer', 'reader')
    expect(await customers(reader)).toEqual(['上海顺达物流有限公司'])
  })

  /** Runs a restore in a child process and kills it (SIGKILL) once it has reached the stage. */
  async function killRestoreAt(dataDir: string, file: string, stage: RestoreStage): Promise<void> {
    const bundle = await bundleScript('test/support/restore-child.ts')
    const child = spawn(process.execPath, [bundle, dataDir, file, stage], {
      ...CHILD_OPTIONS,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    await new Promise<void>((resolve, reject) => {
      let output = ''
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        if (output.includes(`STOPPED ${stage}`)) resolve()
      })
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
      child.on('exit', (code) => reject(new Error(`child exited ${code}: ${output}`)))
    })
    child.kill('SIGKILL')
    await new Promise((resolve) => child.once('exit', resolve))
  }

  async function backupBetweenTwoCustomers(): Promise<{ dataDir: string; file: string }> {
    const { key, folder } = await setUp()
    await app.call('customers.create', sampleCustomer({ name: '备份里的客户' }), key)
    const { file } = await app.call('backup.create', { folder }, key)
    await app.call('customers.create', sampleCustomer({ name: '备份之后的客户' }), key)
    const dataDir = app.dataDir
    await app.close()
    return { dataDir, file }
  }

  it('a restore killed just before the swap leaves the original database usable', async () => {
    const { dataDir, file } = await backupBetweenTwoCustomers()
    await killRestoreAt(dataDir, file, 'before-swap')
    expect(fs.existsSync(path.join(dataDir, `${DATABASE_FILE}.restoring`))).toBe(true)

    app = await makeApp(dataDir)
    const reader = await app.signInAs('staff_viewer', 'reader')
    expect(await customers(reader)).toEqual(['备份之后的客户', '备份里的客户'].sort())
    expect(fs.existsSync(path.join(dataDir, `${DATABASE_FILE}.restoring`))).toBe(false)
    expect((await app.database.query('PRAGMA integrity_check'))[0].integrity_check).toBe('ok')
  })

  it('R-SEC-1: a restore killed right after the swap is audited in the restored database', async () => {
    const { dataDir, file } = await backupBetweenTwoCustomers()
    await killRestoreAt(dataDir, file, 'after-swap')

    app = await makeApp(dataDir)
    const reader = await app.signInAs('staff_viewer', 'reader')
    expect(await customers(reader)).toEqual(['备份里的客户'])
    const restores = await app.database.query(
      "SELECT username, entity_id AS entityId FROM audit_log WHERE entity = 'backup' AND action = 'restore'"
    )
    expect(restores).toEqual([{ username: 'child', entityId: path.basename(file) }])
    expect((await app.services.audit.verify()).ok).toBe(true)
  })
})
