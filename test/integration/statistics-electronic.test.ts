import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChannelInput, StatTable } from '@preload/contract'
import { yearStart } from '@main/services/statistics'
import { makeApp, type TestApp } from '../support/app'
import { archiveOf2014, destroyed, moveClockTo, ref } from '../support/disposal'
import { jpegBytes, pdfBytes, pngBytes } from '../support/electronic'
import { itemInput } from '../support/records'

/**
 * R-STAT-1 with R-ELEC-3 and R-ELEC-7: the annual statistics count the electronic holdings at year end by detected
 * type (files and bytes), the files attached and destroyed in the year, and the year's fixity checks; each figure
 * equals a recount of the rows, and a file destroyed in one year still counts in the holdings of the year before.
 */

const sha = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex')
const attachInput = (itemId: number, fileName: string, bytes: Buffer) =>
  ({ itemId, role: 'scan', fileName, base64: bytes.toString('base64') }) satisfies ChannelInput<'electronic.attach'>

const CONTRACT = pdfBytes(2, 500)
const SECRET = pdfBytes(4, 900)
const SEAL = jpegBytes('公章', 300)
const LEASE = jpegBytes('租赁', 800)
const PLAN = pngBytes('平面图')

let app: TestApp
let reader: string

beforeAll(async () => {
  app = await makeApp()
  app.clock.now = new Date('2025-06-01T02:00:00.000Z')
  const archive = await archiveOf2014(app)
  const { archivist, manager } = archive
  reader = archivist
  const secret = await app.call(
    'items.create',
    itemInput({ dateFormed: '2014-06-01', receivedOn: '2014-06-02', retentionCode: 'D10', classification: 'secret' }),
    archivist
  )
  const classified = await app.call('items.catalogue', { id: secret.id }, archivist)
  await app.call('electronic.attach', attachInput(archive.contract.id, '合同.pdf', CONTRACT), archivist)
  await app.call('electronic.attach', attachInput(archive.contract.id, '公章.jpg', SEAL), archivist)
  await app.call('electronic.attach', attachInput(archive.filed.id, '租赁.jpg', LEASE), archivist)
  await app.call('electronic.attach', attachInput(classified.id, '方案.pdf', SECRET), archivist)
  await app.call('electronic.attach', attachInput(archive.permanent.id, '公章.jpg', SEAL), archivist)

  await moveClockTo(app, '2025-11-03T02:00:00.000Z', archivist, manager)
  const lease = path.join(app.dataDir, 'files', 'sha256', sha(LEASE).slice(0, 2), sha(LEASE))
  fs.chmodSync(lease, 0o644)
  fs.appendFileSync(lease, 'x')
  await app.call('electronic.fixityStart', { sample: null }, archivist)
  await app.services.electronic.fixityIdle()
  await app.call('electronic.fixityStart', { sample: 2 }, archivist)
  await app.services.electronic.fixityIdle()

  await moveClockTo(app, '2026-03-02T02:00:00.000Z', archivist, manager)
  await app.call('electronic.attach', attachInput(archive.permanent.id, '平面图.png', PLAN), archivist)
  await destroyed(app, archive, [
    ref('item', archive.contract.id),
    ref('volume', archive.volume.id),
    ref('item', classified.id)
  ])
}, 60_000)

afterAll(async () => {
  await app?.close()
})

async function electronicTables(year: number): Promise<Record<string, StatTable>> {
  const statistics = await app.call('statistics.year', { year }, reader)
  const topic = statistics.topics.find((t) => t.key === 'electronic')!
  return Object.fromEntries(topic.tables.map((table) => [table.key, table]))
}

const byLabel = (table: StatTable) => Object.fromEntries(table.rows.map((row) => [row.label, row.values]))

/** The holdings recounted row by row in JavaScript, as the year's bounds say. */
async function recountHoldings(year: number) {
  const start = yearStart(year)
  const end = yearStart(year + 1)
  const files = await app.database.query<{
    id: number
    type: string
    size: number
    attachedAt: string
    removedAt: string | null
  }>('SELECT id, type, size, attached_at AS attachedAt, removed_at AS removedAt FROM electronic_files')
  const destroyedIds = new Set(
    (await app.database.query<{ id: number }>('SELECT file_id AS id FROM destruction_files')).map((row) => row.id)
  )
  const counts: Record<string, { files: number; bytes: number; attached: number; destroyed: number }> = {}
  for (const type of ['pdf', 'ofd', 'jpeg', 'tiff', 'png', 'other'])
    counts[type] = { files: 0, bytes: 0, attached: 0, destroyed: 0 }
  for (const file of files) {
    const row = counts[file.type]
    if (file.attachedAt < end && (file.removedAt === null || file.removedAt >= end)) {
      row.files += 1
      row.bytes += file.size
    }
    if (file.attachedAt >= start && file.attachedAt < end) row.attached += 1
    if (destroyedIds.has(file.id) && file.removedAt !== null && file.removedAt >= start && file.removedAt < end)
      row.destroyed += 1
  }
  return counts
}

describe('R-STAT-1, R-ELEC: electronic records in the annual statistics', () => {
  it('counts the holdings at the end of 2025 by type, before the destruction of 2026', async () => {
    const tables = await electronicTables(2025)
    expect(byLabel(tables.holdings)).toEqual(await recountHoldings(2025))
    expect(byLabel(tables.holdings).pdf).toEqual({
      files: 2,
      bytes: CONTRACT.length + SECRET.length,
      attached: 2,
      destroyed: 0
    })
    expect(byLabel(tables.holdings).jpeg).toEqual({
      files: 3,
      bytes: 2 * SEAL.length + LEASE.length,
      attached: 3,
      destroyed: 0
    })
    expect(tables.holdings.rows.find((row) => row.label === 'pdf')?.labelKey).toBe('electronic.types.pdf')
  })

  it('counts 2026: the file attached, the four destroyed, and what is left', async () => {
    const tables = await electronicTables(2026)
    expect(byLabel(tables.holdings)).toEqual(await recountHoldings(2026))
    expect(byLabel(tables.holdings).pdf).toEqual({ files: 0, bytes: 0, attached: 0, destroyed: 2 })
    expect(byLabel(tables.holdings).jpeg).toEqual({ files: 1, bytes: SEAL.length, attached: 0, destroyed: 2 })
    expect(byLabel(tables.holdings).png).toEqual({ files: 1, bytes: PLAN.length, attached: 1, destroyed: 0 })
    expect(tables.holdings.totals).toMatchObject({ files: 2, attached: 1, destroyed: 4 })
  })

  it('counts the fixity checks of the year by scope, equal to a recount of their results', async () => {
    const results = await app.database.query<{ scope: string; outcome: string | null }>(
      'SELECT r.scope, x.outcome FROM fixity_runs r JOIN fixity_results x ON x.run_id = r.id'
    )
    const recount = (scope: string, outcome?: string) =>
      results.filter(
        (row) => row.scope === scope && (outcome === undefined ? row.outcome !== null : row.outcome === outcome)
      ).length
    const fixity = byLabel((await electronicTables(2025)).fixity)
    for (const scope of ['all', 'sample'])
      expect(fixity[scope]).toEqual({
        runs: 1,
        filesChecked: recount(scope),
        intact: recount(scope, 'ok'),
        mismatched: recount(scope, 'mismatch'),
        missing: recount(scope, 'missing')
      })
    expect(fixity.all).toEqual({ runs: 1, filesChecked: 5, intact: 4, mismatched: 1, missing: 0 })
    expect(fixity.sample.filesChecked).toBe(2)
    expect(byLabel((await electronicTables(2026)).fixity).all).toEqual({
      runs: 0,
      filesChecked: 0,
      intact: 0,
      mismatched: 0,
      missing: 0
    })
  })

  it('the workbook has a sheet for them', async () => {
    const { base64 } = await app.call('statistics.export', { year: 2025 }, reader)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer)
    const sheet = workbook.getWorksheet('电子档案')!
    const text: string[] = []
    sheet.eachRow((row) => text.push(JSON.stringify(row.values)))
    expect(text.join('\n')).toContain('年末电子档案（按文件类型）')
    expect(text.join('\n')).toContain('本年机读检查')
    const pdf = text.find((row) => row.includes('"PDF"'))
    expect(pdf).toContain(`2,${CONTRACT.length + SECRET.length},2,0`)
  })
})
