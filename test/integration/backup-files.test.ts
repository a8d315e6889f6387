import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ChannelInput } from '@preload/contract'
import { sealSecret } from '@main/services/backup-crypto'
import { STICK_FILES_FOLDER } from '@main/services/backup-files'
import { makeApp, tempDir, type TestApp } from '../support/app'
import { keysOf, manifestOf, readManifest, writeManifest } from '../support/backups'
import { jpegBytes, pdfBytes } from '../support/electronic'
import { itemInput } from '../support/records'

/**
 * R-ELEC-5: electronic records are backed up with the database, to the same offline media: incrementally (a content
 * already on the stick is not copied again), encrypted like the rest (R-SEC-2), listed in the sealed manifest, checked
 * by a verification that names a file in words, and brought back by a restore.
 */

const apps: TestApp[] = []
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close()
})

const sha = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex')
const attachInput = (itemId: number, fileName: string, bytes: Buffer) =>
  ({ itemId, role: 'scan', fileName, base64: bytes.toString('base64') }) satisfies ChannelInput<'electronic.attach'>

const PASSPHRASE = '档案室钥匙在二楼保险柜第三格'
const CONTRACT = pdfBytes(3, 2000)
const PHOTO = jpegBytes('仓库照片', 5000)

/** Two catalogued items with a scan each, and a stick. */
async function archiveWithScans() {
  const app = await makeApp()
  apps.push(app)
  const admin = await app.signInAs('sysadmin')
  const keeper = await app.signInAs('archivist', 'keeper')
  const catalogued = async (title: string) => {
    const item = await app.call('items.create', itemInput({ title }), keeper)
    return app.call('items.catalogue', { id: item.id }, keeper)
  }
  const contract = await catalogued('顺达物流仓储合同')
  const photo = await catalogued('仓库现场照片')
  await app.call('electronic.attach', attachInput(contract.id, '顺达合同扫描.pdf', CONTRACT), keeper)
  await app.call('electronic.attach', attachInput(photo.id, '现场照片.jpg', PHOTO), keeper)
  return { app, admin, keeper, contract, photo, folder: tempDir('usb-') }
}

/** Every blob on the stick with what shows whether it was written again: its inode and its modification time. */
function blobsOn(folder: string): Map<string, string> {
  const root = path.join(folder, STICK_FILES_FOLDER)
  const blobs = new Map<string, string>()
  if (!fs.existsSync(root)) return blobs
  for (const name of fs.readdirSync(root, { recursive: true }) as string[]) {
    const stat = fs.statSync(path.join(root, name))
    if (stat.isFile()) blobs.set(name, `${stat.ino}:${stat.mtimeMs}`)
  }
  return blobs
}

const backupAudits = async (app: TestApp, action: 'create' | 'restore') =>
  (
    await app.database.query<{ after: string }>(
      `SELECT after FROM audit_log WHERE entity = 'backup' AND action = '${action}' ORDER BY id`
    )
  ).map((row) => JSON.parse(row.after) as { files: Record<string, unknown> })

/** The blob on the stick that holds this content: the only one whose length its encryption gives. */
function blobOf(folder: string, bytes: Buffer): string {
  const root = path.join(folder, STICK_FILES_FOLDER)
  const found = (fs.readdirSync(root, { recursive: true }) as string[])
    .map((name) => path.join(root, name))
    .filter((file) => fs.statSync(file).isFile() && fs.statSync(file).size === 18 + bytes.length + 16)
  expect(found).toHaveLength(1)
  return found[0]
}

describe('R-ELEC-5 the files are backed up with the database', () => {
  it('puts every file on the stick encrypted, listed by hash and size in the sealed manifest only', async () => {
    const { app, admin, keeper, folder } = await archiveWithScans()
    const { file } = await app.call('backup.create', { folder }, keeper)
    expect(blobsOn(folder).size).toBe(2)
    for (const bytes of [CONTRACT, PHOTO]) {
      const blob = fs.readFileSync(blobOf(folder, bytes))
      expect(blob.includes(bytes.subarray(0, 64))).toBe(false)
      expect(path.basename(blobOf(folder, bytes))).not.toBe(sha(bytes))
    }
    const manifest = fs.readFileSync(manifestOf(file), 'utf8')
    for (const bytes of [CONTRACT, PHOTO]) expect(manifest).not.toContain(sha(bytes))
    expect(manifest).not.toContain('顺达合同扫描')
    const [created] = await backupAudits(app, 'create')
    expect(created.files).toEqual({ listed: 2, copied: 2, alreadyThere: 0, notCopied: [] })
    expect(await app.call('backup.verify', { file }, admin)).toMatchObject({ ok: true, problems: [] })
  })

  it('copies no blob again on a second backup, only the file attached since', async () => {
    const { app, keeper, contract, folder } = await archiveWithScans()
    await app.call('backup.create', { folder }, keeper)
    const first = blobsOn(folder)
    await app.call('backup.create', { folder }, keeper)
    expect(blobsOn(folder)).toEqual(first)
    const added = pdfBytes(1, 300)
    await app.call('electronic.attach', attachInput(contract.id, '补充协议.pdf', added), keeper)
    await app.call('backup.create', { folder }, keeper)
    const third = blobsOn(folder)
    expect(third.size).toBe(3)
    for (const [name, written] of first) expect(third.get(name)).toBe(written)
    expect((await backupAudits(app, 'create')).map((entry) => entry.files)).toEqual([
      { listed: 2, copied: 2, alreadyThere: 0, notCopied: [] },
      { listed: 2, copied: 0, alreadyThere: 2, notCopied: [] },
      { listed: 3, copied: 1, alreadyThere: 2, notCopied: [] }
    ])
  })

  it('verification names a file damaged or missing on the stick by its name and its item’s code', async () => {
    const { app, admin, keeper, contract, photo, folder } = await archiveWithScans()
    const { file } = await app.call('backup.create', { folder }, keeper)
    const damaged = blobOf(folder, CONTRACT)
    const bytes = fs.readFileSync(damaged)
    bytes[bytes.length - 100] ^= 0x01
    fs.writeFileSync(damaged, bytes)

    const verified = await app.call('backup.verify', { file }, admin)
    expect(verified.ok).toBe(false)
    expect(verified.problems).toEqual([
      {
        reason: 'backup.problems.fileDamaged',
        params: { name: '顺达合同扫描.pdf', code: contract.archivalCode, sha256: sha(CONTRACT) }
      }
    ])

    fs.rmSync(blobOf(folder, PHOTO))
    const listed = await app.call('backup.list', { folder }, admin)
    // The listing only looks for each blob and its length: the flipped byte shows in a verification, the lost file here.
    expect(listed[0].problems).toEqual([
      {
        reason: 'backup.problems.fileMissing',
        params: { name: '现场照片.jpg', code: photo.archivalCode, sha256: sha(PHOTO) }
      }
    ])
  })

  it('a restore after the data folder lost its files brings them back, checked against their hashes', async () => {
    const { app, admin, keeper, contract, folder } = await archiveWithScans()
    const { file } = await app.call('backup.create', { folder }, keeper)
    fs.rmSync(path.join(app.dataDir, 'files'), { recursive: true, force: true })

    await app.call('backup.restore', { file }, admin)
    const keeperAgain = await app.signInAs('archivist', 'keeper2')
    for (const bytes of [CONTRACT, PHOTO]) {
      const stored = path.join(app.dataDir, 'files', 'sha256', sha(bytes).slice(0, 2), sha(bytes))
      expect(sha(fs.readFileSync(stored))).toBe(sha(bytes))
      if (process.platform !== 'win32') expect(fs.statSync(stored).mode & 0o222).toBe(0)
    }
    const [scan] = await app.call('electronic.list', { itemId: contract.id }, keeperAgain)
    const viewed = await app.call('electronic.view', { fileId: scan.id }, keeperAgain)
    expect(Buffer.from(viewed.base64, 'base64').equals(CONTRACT)).toBe(true)
    const [restored] = await backupAudits(app, 'restore')
    expect(restored.files).toEqual({ listed: 2, restored: 2, notRestored: [] })
  })

  it('a restore brings back what it can: a blob damaged on the stick is recorded, not restored, nor blocking', async () => {
    const { app, admin, folder, keeper } = await archiveWithScans()
    const { file } = await app.call('backup.create', { folder }, keeper)
    fs.rmSync(path.join(app.dataDir, 'files'), { recursive: true, force: true })
    const damaged = blobOf(folder, PHOTO)
    const bytes = fs.readFileSync(damaged)
    bytes[40] ^= 0x01
    fs.writeFileSync(damaged, bytes)

    await app.call('backup.restore', { file }, admin)
    const store = (content: Buffer) => path.join(app.dataDir, 'files', 'sha256', sha(content).slice(0, 2), sha(content))
    expect(fs.existsSync(store(CONTRACT))).toBe(true)
    expect(fs.existsSync(store(PHOTO))).toBe(false)
    expect(fs.readdirSync(path.join(app.dataDir, 'files', 'sha256')).filter((name) => name.startsWith('.'))).toEqual([])
    const [restored] = await backupAudits(app, 'restore')
    expect(restored.files).toEqual({ listed: 2, restored: 1, notRestored: [sha(PHOTO)] })
  })
})

describe('R-ELEC-5 what goes wrong around the files', () => {
  it('a file the data folder has lost is listed but not copied, and verification names it missing', async () => {
    const { app, admin, keeper, photo, folder } = await archiveWithScans()
    fs.rmSync(path.join(app.dataDir, 'files', 'sha256', sha(PHOTO).slice(0, 2), sha(PHOTO)))
    const { file } = await app.call('backup.create', { folder }, keeper)
    const [created] = await backupAudits(app, 'create')
    expect(created.files).toEqual({ listed: 2, copied: 1, alreadyThere: 0, notCopied: [sha(PHOTO)] })
    expect((await app.call('backup.verify', { file }, admin)).problems).toEqual([
      {
        reason: 'backup.problems.fileMissing',
        params: { name: '现场照片.jpg', code: photo.archivalCode, sha256: sha(PHOTO) }
      }
    ])
  })

  it('a new PC restores the files too, with the recovery passphrase alone', async () => {
    const { app, admin, keeper, contract, folder } = await archiveWithScans()
    await app.call('backup.setPassphrase', { passphrase: PASSPHRASE }, admin)
    const { file } = await app.call('backup.create', { folder }, keeper)

    const fresh = await makeApp()
    apps.push(fresh)
    const freshAdmin = await fresh.signInAs('sysadmin')
    await fresh.call('backup.restore', { file, passphrase: PASSPHRASE }, freshAdmin)
    for (const bytes of [CONTRACT, PHOTO]) {
      const stored = path.join(fresh.dataDir, 'files', 'sha256', sha(bytes).slice(0, 2), sha(bytes))
      expect(sha(fs.readFileSync(stored))).toBe(sha(bytes))
    }
    // The restored installation keeps the backup key, so its next backup to the same stick copies nothing again.
    const reader = await fresh.signInAs('archivist', 'keeper3')
    const before = blobsOn(folder)
    await fresh.call('backup.create', { folder }, reader)
    expect(blobsOn(folder)).toEqual(before)
    expect(await fresh.call('electronic.list', { itemId: contract.id }, reader)).toHaveLength(1)
  })
})

describe('R-ELEC-5 a crafted list of files is refused in words', () => {
  const crafted = [
    ['a path climbing out of the folder', [{ sha256: '../../../etc/passwd', size: 10 }]],
    ['a hash that is not 64 hex characters', [{ sha256: 'ABC123', size: 10 }]],
    ['an entry that names a path of its own', [{ sha256: sha(CONTRACT), size: CONTRACT.length, path: '../x' }]]
  ] as const

  for (const [what, list] of crafted) {
    it(`refuses ${what}, even sealed with the right key, and leaves the live data as it was`, async () => {
      const { app, admin, keeper, folder } = await archiveWithScans()
      const { file } = await app.call('backup.create', { folder }, keeper)
      const keys = keysOf(app.dataDir, file)
      const manifest = readManifest(file)
      manifest.files = sealSecret(keys, Buffer.from(JSON.stringify(list)))
      writeManifest(keys, file, manifest)

      const verified = await app.call('backup.verify', { file }, admin)
      expect(verified.problems).toEqual([{ reason: 'backup.problems.fileList' }])
      const before = fs.readFileSync(app.store.file)
      const result = await app.dispatch('backup.restore', { file }, admin)
      expect(result.ok ? null : result.error).toMatchObject({
        code: 'POLICY_DENIED',
        message: 'backup.problems.fileList',
        ruleId: 'R-SEC-2'
      })
      expect(fs.readFileSync(app.store.file).equals(before)).toBe(true)
    })
  }
})
