import { afterEach, describe, expect, it } from 'vitest'
import { itemInput as item } from '../support/records'
import { makeApp, type TestApp } from '../support/app'

let app: TestApp
afterEach(async () => app?.close())

async function filedVolume(key: string) {
  const contract = await app.call(
    'items.create',
    item({ title: '仓储合同', pageCount: 6, classification: 'secret' }),
    key
  )
  const letter = await app.call('items.create', item({ title: '合作意向书', pageCount: 2, sealedOriginal: true }), key)
  for (const one of [contract, letter]) await app.call('items.catalogue', { id: one.id }, key)
  const volume = await app.call(
    'volumes.create',
    {
      fondsCode: 'J001',
      categoryCode: 'KH',
      year: 2025,
      retentionCode: 'D30',
      departmentCode: 'ZS',
      title: '顺达物流仓储合同'
    },
    key
  )
  for (const one of [contract, letter]) await app.call('volumes.addItem', { volumeId: volume.id, itemId: one.id }, key)
  return { contract: await app.call('items.get', { id: contract.id }, key), letter, volume }
}

describe('record summaries', () => {
  it('sums a volume’s pages, takes its highest classification and says whether it holds a sealed original', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    const { contract, volume } = await filedVolume(key)
    const [summary, itemSummary] = await app.call(
      'records.summaries',
      {
        records: [
          { subject: 'volume', id: volume.id },
          { subject: 'item', id: contract.id }
        ]
      },
      key
    )
    expect(summary).toMatchObject({
      subject: 'volume',
      pageCount: 8,
      classification: 'secret',
      sealedOriginal: true,
      custody: 'in_store',
      openIncidents: 0
    })
    expect(itemSummary).toMatchObject({
      subject: 'item',
      volumeCode: volume.archivalCode,
      effectiveCustody: 'in_store'
    })
  })

  it('refuses a record that does not exist', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    const result = await app.dispatch('records.summaries', { records: [{ subject: 'volume', id: 999 }] }, key)
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'errors.volumeNotFound' } })
  })

  it('an item counts as out while its volume is out, and a volume while one of its items is', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    const { contract, volume } = await filedVolume(key)
    await app.database.query(`UPDATE volumes SET custody = 'on_loan' WHERE id = ?`, [volume.id])
    const [item] = await app.call('records.summaries', { records: [{ subject: 'item', id: contract.id }] }, key)
    expect(item).toMatchObject({ custody: 'in_store', effectiveCustody: 'on_loan' })
    await app.database.query(`UPDATE volumes SET custody = 'in_store' WHERE id = ?`, [volume.id])
    await app.database.query(`UPDATE items SET custody = 'reading_room' WHERE id = ?`, [contract.id])
    const [whole] = await app.call('records.summaries', { records: [{ subject: 'volume', id: volume.id }] }, key)
    expect(whole).toMatchObject({ custody: 'in_store', effectiveCustody: 'reading_room' })
  })

  it('looks records up by code or title, volumes first, and leaves destroyed ones out', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    const { contract, volume } = await filedVolume(key)
    const found = await app.call('records.lookup', { search: '仓储合同' }, key)
    expect(found.map((r) => `${r.subject}:${r.id}`)).toEqual([`volume:${volume.id}`, `item:${contract.id}`])
    await app.database.query(`UPDATE items SET custody = 'destroyed' WHERE id = ?`, [contract.id])
    const byCode = await app.call('records.lookup', { search: contract.archivalCode! }, key)
    expect(byCode).toEqual([])
  })
})

describe('R-KEEP-3 incidents flag a record until resolved', () => {
  it('flags the item and its volume, then a follow-up clears the flag and keeps who did it', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist', 'liwen')
    const { contract, volume } = await filedVolume(key)
    const incident = await app.call(
      'incidents.report',
      { record: { subject: 'item', id: contract.id }, kind: 'missing', note: '取档时未找到' },
      key
    )
    expect(incident).toMatchObject({
      kind: 'missing',
      source: 'manual',
      openedBy: 'liwen',
      archivalCode: contract.archivalCode,
      resolution: null
    })
    const flagged = await app.call(
      'records.summaries',
      {
        records: [
          { subject: 'item', id: contract.id },
          { subject: 'volume', id: volume.id }
        ]
      },
      key
    )
    expect(flagged.map((r) => r.openIncidents)).toEqual([1, 1])
    expect((await app.call('incidents.list', {}, key)).total).toBe(1)

    const future = await app.dispatch(
      'incidents.resolve',
      { id: incident.id, resolution: 'found', note: '在阅览室找到', resolvedOn: '2027-01-01' },
      key
    )
    expect(future).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: [{ path: 'resolvedOn', message: 'validation.notInFuture' }] }
    })
    const resolved = await app.call(
      'incidents.resolve',
      { id: incident.id, resolution: 'found', note: '在阅览室找到', resolvedOn: '2026-03-02' },
      key
    )
    expect(resolved).toMatchObject({ resolution: 'found', resolvedBy: 'liwen', resolvedOn: '2026-03-02' })
    const again = await app.dispatch(
      'incidents.resolve',
      { id: incident.id, resolution: 'written_off', note: '重复', resolvedOn: '2026-03-02' },
      key
    )
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'errors.incidentResolved' } })
    const cleared = await app.call('records.summaries', { records: [{ subject: 'item', id: contract.id }] }, key)
    expect(cleared[0].openIncidents).toBe(0)
    expect((await app.call('incidents.list', { state: 'resolved' }, key)).rows.map((r) => r.id)).toEqual([incident.id])
  })

  it('a viewer sees incidents but cannot report or resolve one', async () => {
    app = await makeApp()
    const viewer = await app.signInAs('staff_viewer')
    expect((await app.dispatch('incidents.list', {}, viewer)).ok).toBe(true)
    const refused = await app.dispatch(
      'incidents.report',
      { record: { subject: 'item', id: 1 }, kind: 'damaged', note: '水渍' },
      viewer
    )
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
