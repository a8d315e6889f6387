import fs from 'node:fs'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import type { BackupVerification } from '@preload/contract'
import { makeApp, sampleCustomer, tempDir, type TestApp } from '../support/app'

let app: TestApp
afterEach(async () => app?.close())

async function setUp() {
  app = await makeApp()
  const admin = await app.signInAs('sysadmin')
  const key = await app.signInAs('archivist', 'keeper')
  await app.call('customers.create', sampleCustomer(), key)
  return { admin, key }
}

describe('backup folders an adversary or an accident provides', () => {
  it("refuses a path that climbs back into the data folder with '..'", async () => {
    const { key } = await setUp()
    const usb = tempDir('usb-')
    const sneaky = `${usb}/../${path.relative(path.dirname(usb), app.dataDir)}`
    const result = await app.dispatch('backup.create', { folder: sneaky }, key)
    expect(result.ok || result.error.details?.[0]?.message).toBe('validation.folderInsideApp')
  })

  it('a stick pulled out while the backup is being made: refused in words, nothing half-written left, the next backup works', async () => {
    const { key } = await setUp()
    const usb = tempDir('usb-')
    const store = app.store
    const copy = store.withSettledFile.bind(store)
    store.withSettledFile = async (work) => {
      const copied = await copy(work)
      fs.rmSync(usb, { recursive: true, force: true })
      return copied
    }
    const result = await app.dispatch('backup.create', { folder: usb }, key)
    store.withSettledFile = copy
    // Before: INTERNAL errors.internal (ENOENT).
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: [{ path: 'folder', message: 'validation.folderMissing' }] }
    })
    expect(fs.readdirSync(app.dataDir).filter((name) => name.startsWith('.backup-work-'))).toEqual([])
    const again = tempDir('usb-')
    expect((await app.dispatch('backup.create', { folder: again }, key)).ok).toBe(true)
  })

  it('leftovers of a backup cut off a day or more ago are swept from the stick; a backup under way elsewhere is left alone', async () => {
    const { key } = await setUp()
    const usb = tempDir('usb-')
    const old = new Date(app.clock.now.getTime() - 2 * 24 * 60 * 60 * 1000)
    const stale = [path.join(usb, '.archive-room-0123456789abcdef.partial'), path.join(usb, '.backup-work-AbC123')]
    fs.writeFileSync(stale[0], 'half a backup')
    fs.mkdirSync(stale[1])
    fs.writeFileSync(path.join(stale[1], 'archive-room.sqlite'), 'half a snapshot')
    for (const file of stale) fs.utimesSync(file, old, old)
    const fresh = path.join(usb, '.backup-work-running')
    fs.mkdirSync(fresh)
    const unrelated = path.join(usb, 'notes.partial')
    fs.writeFileSync(unrelated, 'not ours')
    fs.utimesSync(unrelated, old, old)
    await app.call('backup.create', { folder: usb }, key)
    for (const file of stale) expect(fs.existsSync(file)).toBe(false)
    expect(fs.existsSync(fresh)).toBe(true)
    expect(fs.existsSync(unrelated)).toBe(true)
  })

  it('lists a folder whose manifests are a folder, null, a list, a FIFO, and a symlink to /dev/zero', async () => {
    const { admin, key } = await setUp()
    const usb = tempDir('usb-')
    const good = await app.call('backup.create', { folder: usb }, key)
    const stems = [
      'archive-room-20250101-000001',
      'archive-room-20250101-000002',
      'archive-room-20250101-000003',
      'archive-room-20250101-000004',
      'archive-room-20250101-000005'
    ]
    for (const stem of stems) fs.copyFileSync(good.file, path.join(usb, `${stem}.sqlite`))
    fs.mkdirSync(path.join(usb, `${stems[0]}.json`))
    fs.writeFileSync(path.join(usb, `${stems[1]}.json`), 'null')
    fs.writeFileSync(path.join(usb, `${stems[2]}.json`), '[{"app":"archive-room"}]')
    execFileSync('mkfifo', [path.join(usb, `${stems[3]}.json`)])
    fs.symlinkSync('/dev/zero', path.join(usb, `${stems[4]}.json`))
    const listed = await Promise.race([
      app.dispatch('backup.list', { folder: usb }, admin),
      new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 10_000))
    ])
    expect(listed).not.toBe('hung')
    if (listed === 'hung') return
    expect(listed.ok).toBe(true)
    if (!listed.ok) return
    const backups = listed.data as BackupVerification[]
    expect(backups.filter((b) => b.ok).map((b) => path.basename(b.file))).toEqual([path.basename(good.file)])
    expect(backups).toHaveLength(6)
  }, 20_000)
})
