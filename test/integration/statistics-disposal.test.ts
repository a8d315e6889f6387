import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import type { StatTable, YearStatistics } from '@preload/contract'
import { zh } from '@main/reports/zh'
import { makeApp, type TestApp } from '../support/app'
import { archiveOf2014, moveClockTo, ref, SUPERVISED } from '../support/disposal'

let app: TestApp
afterEach(async () => app?.close())

const tableOf = (statistics: YearStatistics, topic: string, key: string): StatTable =>
  statistics.topics.find((t) => t.key === topic)!.tables.find((t) => t.key === key)!
const rowsOf = (table: StatTable) =>
  table.rows.map((row) => [row.label, ...table.columns.map((column) => row.values[column.key])])

/**
 * 2026: two holds placed (one released), a batch appraised on 1 October (the contract and the volume to go, the letter
 * kept). 2027: destroyed on 2 April, when the six months apart have passed.
 */
async function destroyAcrossTwoYears() {
  app = await makeApp()
  const archive = await archiveOf2014(app)
  const { archivist, manager, contract, letter, volume, thirty } = archive
  const first = await app.call(
    'holds.place',
    { name: '审计', reason: '年度审计', records: [ref('item', thirty.id)] },
    archivist
  )
  await app.call('holds.release', { id: first.id, reason: '审计结束' }, manager)
  await app.call(
    'holds.place',
    { name: '合同纠纷', reason: '仓储费争议未结', records: [ref('item', thirty.id)] },
    archivist
  )

  await moveClockTo(app, '2026-10-01T09:00:00.000Z', archivist, manager)
  let batch = await app.call(
    'appraisal.create',
    {
      title: '2014年到期档案鉴定',
      records: [ref('item', contract.id), ref('item', letter.id), ref('volume', volume.id)]
    },
    archivist
  )
  for (const entry of batch.entriesDetail) {
    const keep = entry.record.subject === 'item' && entry.record.id === letter.id
    batch = await app.call(
      'appraisal.decide',
      {
        batchId: batch.id,
        version: batch.version,
        entryId: entry.id,
        ...(keep ? { decision: 'keep', newRetentionCode: 'D30', reason: '合作仍在继续' } : { decision: 'destroy' })
      },
      manager
    )
  }
  batch = await app.call(
    'appraisal.complete',
    {
      batchId: batch.id,
      version: batch.version,
      managerName: '王经理',
      departmentLeaderName: '李主任',
      appraisedOn: '2026-10-01'
    },
    manager
  )

  await moveClockTo(app, '2027-04-02T09:00:00.000Z', archivist, manager)
  for (const entry of batch.entriesDetail.filter((e) => e.decision === 'destroy')) {
    batch = await app.call(
      'appraisal.verify',
      { batchId: batch.id, version: batch.version, entryId: entry.id, stillToGo: true },
      archivist
    )
  }
  batch = await app.call(
    'destruction.create',
    { batchId: batch.id, version: batch.version, ...SUPERVISED, destroyedOn: '2027-04-02', countConfirmed: 2 },
    archivist
  )
  await app.call('destruction.sign', { batchId: batch.id, version: batch.version, signedOn: '2027-04-02' }, archivist)
  return archive
}

describe('R-STAT-1 appraisal and destruction in the annual statistics', () => {
  it('counts appraisal in the year the appraisers signed, destruction in the year of the register, holds placed, released and in force', async () => {
    const { archivist } = await destroyAcrossTwoYears()
    const y2026 = await app.call('statistics.year', { year: 2026 }, archivist)
    expect(rowsOf(tableOf(y2026, 'disposal', 'appraisal'))).toEqual([
      ['volume', 1, 1, 0, 0],
      ['item', 2, 1, 1, 0]
    ])
    expect(tableOf(y2026, 'disposal', 'destruction').rows).toEqual([])
    expect(tableOf(y2026, 'disposal', 'holds').totals).toEqual({ placed: 2, released: 1, activeAtYearEnd: 1 })

    const y2027 = await app.call('statistics.year', { year: 2027 }, archivist)
    expect(tableOf(y2027, 'disposal', 'appraisal').totals).toEqual({ listed: 0, toDestroy: 0, kept: 0, pulledBack: 0 })
    // The contract (4 pages) alone and the volume with the lease inside it (4 pages): one volume, two items.
    expect(rowsOf(tableOf(y2027, 'disposal', 'destruction'))).toEqual([['客户档案（KH）', 1, 2, 8]])
    expect(tableOf(y2027, 'disposal', 'holds').totals).toEqual({ placed: 0, released: 0, activeAtYearEnd: 1 })
  })

  it('R-DISP-8 destroyed records count in the holdings of the years they were kept, not after', async () => {
    const { archivist } = await destroyAcrossTwoYears()
    const holdings = async (year: number) =>
      tableOf(await app.call('statistics.year', { year }, archivist), 'holdings', 'byCategory').totals
    // Five items and one volume were registered in 2026; the contract and the lease in the volume were destroyed in 2027.
    expect(await holdings(2026)).toEqual({ volumes: 1, items: 5, pages: 20 })
    expect(await holdings(2027)).toEqual({ volumes: 0, items: 3, pages: 12 })
  })

  it('the workbook has the appraisal and destruction sheet with its figures as numbers', async () => {
    const { archivist } = await destroyAcrossTwoYears()
    const exported = await app.call('statistics.export', { year: 2027 }, archivist)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(exported.base64, 'base64') as unknown as ArrayBuffer)
    const sheet = workbook.getWorksheet(zh('statistics.topics.disposal'))!
    const values = Array.from(sheet.getSheetValues(), (row) => (Array.isArray(row) ? row.slice(1) : []))
    const caption = values.findIndex((row) => row[0] === zh('statistics.tables.disposal.destruction'))
    expect(values[caption + 1]).toEqual([
      zh('statistics.label'),
      zh('statistics.columns.volumes'),
      zh('statistics.columns.items'),
      zh('statistics.columns.pages')
    ])
    expect(values[caption + 2]).toEqual(['客户档案（KH）', 1, 2, 8])
  })
})
