import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ChannelInput } from '@preload/contract'
import { makeApp, type TestApp } from '../support/app'
import { SUPERVISED, archiveOf2014, destroyed, ref } from '../support/disposal'
import { jpegBytes, pdfBytes } from '../support/electronic'
import { itemInput } from '../support/records'

/**
 * R-ELEC-7 (with R-DISP-7/8): an appraised item's electronic files are destroyed with it — classified ones with their
 * carrier, others logically — their metadata and audit trail stay, their bytes leave the disk once no live file names
 * them, and the destruction register lists each with its checksum.
 */

const apps: TestApp[] = []
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close()
})

const sha = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex')
const attachInput = (itemId: number, fileName: string, bytes: Buffer) =>
  ({ itemId, role: 'scan', fileName, base64: bytes.toString('base64') }) satisfies ChannelInput<'electronic.attach'>
const storedAt = (app: TestApp, bytes: Buffer) =>
  path.join(app.dataDir, 'files', 'sha256', sha(bytes).slice(0, 2), sha(bytes))

const CONTRACT_SCAN = pdfBytes(2, 500)
const LEASE_SCAN = jpegBytes('租赁协议', 800)
const SECRET_SCAN = pdfBytes(4, 900)
/** Attached both to an item destroyed and to the permanent one that stays. */
const SHARED = jpegBytes('公章样式', 300)

/** The archive of 2014 with scans: on a loose item, on an item of a volume, on a 机密 item, and one shared. */
async function scannedArchive(app: TestApp) {
  const archive = await archiveOf2014(app)
  const { archivist } = archive
  const secret = await app.call(
    'items.create',
    itemInput({
      title: '仓储设施安防方案',
      dateFormed: '2014-06-01',
      receivedOn: '2014-06-02',
      retentionCode: 'D10',
      classification: 'confidential'
    }),
    archivist
  )
  const classified = await app.call('items.catalogue', { id: secret.id }, archivist)
  await app.call('electronic.attach', attachInput(archive.contract.id, '合同扫描.pdf', CONTRACT_SCAN), archivist)
  await app.call('electronic.attach', attachInput(archive.contract.id, '公章.jpg', SHARED), archivist)
  await app.call('electronic.attach', attachInput(archive.filed.id, '租赁协议.jpg', LEASE_SCAN), archivist)
  await app.call('electronic.attach', attachInput(classified.id, '安防方案.pdf', SECRET_SCAN), archivist)
  await app.call('electronic.attach', attachInput(archive.permanent.id, '公章.jpg', SHARED), archivist)
  return { ...archive, classified }
}

const records = (archive: Awaited<ReturnType<typeof scannedArchive>>) => [
  ref('item', archive.contract.id),
  ref('volume', archive.volume.id),
  ref('item', archive.classified.id)
]

const fileRows = (app: TestApp) =>
  app.database.query<{ itemId: number; name: string; removedAt: string | null }>(
    'SELECT item_id AS itemId, original_name AS name, removed_at AS removedAt FROM electronic_files ORDER BY id'
  )

describe('R-ELEC-7 files are destroyed with their items', () => {
  it('marks the files destroyed when the register is signed and removes the bytes no live file still names', async () => {
    const app = await makeApp()
    apps.push(app)
    const archive = await scannedArchive(app)
    await destroyed(app, archive, records(archive))

    const rows = await fileRows(app)
    expect(rows.map((row) => [row.name, row.removedAt !== null])).toEqual([
      ['合同扫描.pdf', true],
      ['公章.jpg', true],
      ['租赁协议.jpg', true],
      ['安防方案.pdf', true],
      ['公章.jpg', false]
    ])
    for (const bytes of [CONTRACT_SCAN, LEASE_SCAN, SECRET_SCAN])
      expect(fs.existsSync(storedAt(app, bytes))).toBe(false)
    expect(fs.existsSync(storedAt(app, SHARED))).toBe(true)
    expect(await app.call('electronic.list', { itemId: archive.contract.id }, archive.archivist)).toEqual([])
    expect(await app.call('electronic.list', { itemId: archive.permanent.id }, archive.archivist)).toHaveLength(1)
    const audits = await app.database.query<{ after: string }>(
      `SELECT after FROM audit_log WHERE entity = 'electronic_file' AND action = 'destroy' ORDER BY id`
    )
    expect(audits.map((entry) => JSON.parse(entry.after).disposal)).toEqual([
      'logical',
      'logical',
      'logical',
      'carrier'
    ])
  })

  it('the register lists each file with its checksum, a classified one with its carrier destroyed before witnesses', async () => {
    const app = await makeApp()
    apps.push(app)
    const archive = await scannedArchive(app)
    const batch = await destroyed(app, archive, records(archive))
    const { html } = await app.call(
      'print.disposal',
      { document: 'destructionRegister', id: batch.register!.id },
      archive.archivist
    )
    for (const bytes of [CONTRACT_SCAN, SHARED, LEASE_SCAN, SECRET_SCAN]) expect(html).toContain(sha(bytes))
    for (const name of ['合同扫描.pdf', '租赁协议.jpg', '安防方案.pdf']) expect(html).toContain(name)
    expect(html).toContain('随档案销毁的电子文件：共 4 个')
    const secretRow = html.split('<tr>').find((row) => row.includes(sha(SECRET_SCAN)))!
    expect(secretRow).toContain(`存储载体随同销毁，系统中彻底删除（监销人：${SUPERVISED.supervisors.join('、')}）`)
    const contractRow = html.split('<tr>').find((row) => row.includes(sha(CONTRACT_SCAN)))!
    expect(contractRow).toContain('逻辑删除')
    expect(contractRow).toContain(archive.contract.archivalCode!)
  })

  it('the signed register is permanent: its file lines cannot be changed or deleted', async () => {
    const app = await makeApp()
    apps.push(app)
    const archive = await scannedArchive(app)
    await destroyed(app, archive, records(archive))
    await expect(app.database.query(`UPDATE destruction_files SET sha256 = '${'0'.repeat(64)}'`)).rejects.toThrow(
      /permanent/
    )
    await expect(app.database.query('DELETE FROM destruction_files')).rejects.toThrow(/permanent/)
  })

  it('bytes whose removal failed after the commit stay destroyed, and the next start removes them', async () => {
    const app = await makeApp()
    apps.push(app)
    const archive = await scannedArchive(app)
    const { files } = app.services.electronic
    const remove = files.remove.bind(files)
    files.remove = () => Promise.reject(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }))
    await destroyed(app, archive, records(archive))
    files.remove = remove

    expect((await fileRows(app)).filter((row) => row.removedAt !== null)).toHaveLength(4)
    expect(fs.existsSync(storedAt(app, CONTRACT_SCAN))).toBe(true)
    await app.close()
    apps.splice(apps.indexOf(app), 1)

    const again = await makeApp(app.dataDir)
    apps.push(again)
    for (const bytes of [CONTRACT_SCAN, LEASE_SCAN, SECRET_SCAN])
      expect(fs.existsSync(storedAt(again, bytes))).toBe(false)
    expect(fs.existsSync(storedAt(again, SHARED))).toBe(true)
  })
})
