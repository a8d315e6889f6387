import { afterEach, describe, expect, it } from 'vitest'
import { MAX_BATCH, type LocationKind } from '@preload/contract'
import { itemInput as item } from '../support/records'
import { makeApp, type TestApp } from '../support/app'

let app: TestApp
afterEach(async () => app?.close())

async function setUp() {
  app = await makeApp()
  const key = await app.signInAs('archivist', 'liwen')
  const add = (kind: LocationKind, code: string, parentId: number | null, capacity: number | null = null) =>
    app.call('locations.create', { kind, code, parentId, name: `${kind} ${code}`, capacity }, key)
  const room = await add('room', 'A', null)
  const rack = await add('rack', '01', room.id)
  const shelf = await add('shelf', '3', rack.id)
  const box = await add('box', '05', shelf.id)
  const items = []
  for (const title of ['仓储合同', '合作意向书', '客户基本资料表'])
    items.push(await app.call('items.create', item({ title }), key))
  return { key, shelf, box, add, ids: items.map((one) => one.id) }
}

const statuses = async (ids: number[]) =>
  (
    await app.database.query<{ status: string; volumeId: number | null }>(
      `SELECT status, volume_id AS volumeId FROM items WHERE id IN (${ids.join(',')}) ORDER BY id`
    )
  ).map((row) => [row.status, row.volumeId])

describe('batch actions on selected records (issue 13)', () => {
  it('R-FILE-10 codes the selected items in one batch, in the order they were registered, and reports what it could not code', async () => {
    const { key, ids } = await setUp()
    const missing = ids[2] + 100
    const outcome = await app.call('items.catalogueMany', { ids: [ids[2], missing, ids[0], ids[1]] }, key)
    expect(outcome.done).toEqual(ids)
    expect(outcome.failed).toEqual([{ id: missing, error: { code: 'NOT_FOUND', message: 'errors.itemNotFound' } }])
    const codes = await Promise.all(ids.map(async (id) => (await app.call('items.get', { id }, key)).archivalCode))
    expect(codes).toEqual(['J001-KH·2025-D30-ZS-0001', 'J001-KH·2025-D30-ZS-0002', 'J001-KH·2025-D30-ZS-0003'])
  })

  it('R-FILE-10 a coded item moved into its box is filed without a volume, and catalogued again on a shelf', async () => {
    const { key, ids, box, shelf } = await setUp()
    await app.call('items.catalogueMany', { ids }, key)
    const outcome = await app.call(
      'locations.placeMany',
      { subject: 'item', ids, locationId: box.id, home: true, note: '' },
      key
    )
    expect(outcome).toEqual({ done: ids, failed: [] })
    expect(await statuses(ids)).toEqual(ids.map(() => ['filed', null]))
    const filed = await app.call('items.list', { status: ['filed'] }, key)
    expect(filed.rows.map((row) => row.id).sort()).toEqual(ids)
    await app.call('locations.place', { subject: 'item', id: ids[0], locationId: shelf.id, home: true, note: '' }, key)
    expect((await statuses([ids[0]]))[0]).toEqual(['catalogued', null])
  })

  it('R-FILE-10 an item already in its box is filed as soon as it gets its code', async () => {
    const { key, ids, box } = await setUp()
    await app.call('locations.place', { subject: 'item', id: ids[0], locationId: box.id, home: true, note: '' }, key)
    expect((await statuses([ids[0]]))[0]).toEqual(['received', null])
    await app.call('items.catalogue', { id: ids[0] }, key)
    expect((await app.call('items.get', { id: ids[0] }, key)).status).toBe('filed')
  })

  it('R-FILE-1 volume filing still files: a volume takes the coded items and they leave their box', async () => {
    const { key, ids, box } = await setUp()
    await app.call('items.catalogueMany', { ids: ids.slice(0, 2) }, key)
    await app.call('locations.placeMany', { subject: 'item', ids, locationId: box.id, home: true, note: '' }, key)
    const volume = await app.call(
      'volumes.create',
      { fondsCode: 'J001', categoryCode: 'KH', year: 2025, retentionCode: 'D30', title: '2025 客户档案' },
      key
    )
    const outcome = await app.call('volumes.addItems', { volumeId: volume.id, itemIds: ids }, key)
    expect(outcome.done).toEqual(ids.slice(0, 2))
    expect(outcome.failed).toEqual([
      { id: ids[2], error: expect.objectContaining({ ruleId: 'R-FILE-1', message: 'policy.notCatalogued' }) }
    ])
    expect(await statuses(ids)).toEqual([
      ['filed', volume.id],
      ['filed', volume.id],
      ['received', null]
    ])
  })

  it('R-KEEP-1 a refused record leaves nothing behind: no move, no audit entry, the others moved in the same write', async () => {
    const { key, ids, add, shelf } = await setUp()
    const small = await add('box', '06', shelf.id, 2)
    const outcome = await app.call(
      'locations.placeMany',
      { subject: 'item', ids, locationId: small.id, home: true, note: '' },
      key
    )
    expect(outcome.done).toEqual(ids.slice(0, 2))
    expect(outcome.failed).toEqual([
      { id: ids[2], error: expect.objectContaining({ ruleId: 'R-KEEP-1', message: 'policy.location.full' }) }
    ])
    const [{ moves }] = await app.database.query<{ moves: number }>('SELECT COUNT(*) AS moves FROM location_moves')
    const [{ audited }] = await app.database.query<{ audited: number }>(
      "SELECT COUNT(*) AS audited FROM audit_log WHERE action = 'move'"
    )
    expect([moves, audited]).toEqual([2, 2])
    const verified = await app.call('audit.verify', {}, await app.signInAs('auditor', 'shenji'))
    expect(verified.ok).toBe(true)
  })

  it(`refuses more than ${MAX_BATCH} records at once with a message that says to split them`, async () => {
    const { key } = await setUp()
    const ids = Array.from({ length: MAX_BATCH + 1 }, (_, index) => index + 1)
    const result = await app.dispatch('items.catalogueMany', { ids }, key)
    expect(result.ok).toBe(false)
    if (!result.ok)
      expect(result.error.details).toEqual([expect.objectContaining({ message: 'validation.batchTooLarge' })])
  })

  it('R-CUST-5 exports only the selected rows, and logs the export', async () => {
    const { key, ids } = await setUp()
    const result = await app.call(
      'export.list',
      { view: 'items', query: { ids: [ids[0], ids[2]] }, columns: [{ key: 'title', title: '题名' }] },
      key
    )
    expect(result.rows).toBe(2)
    const [logged] = await app.database.query<{ after: string }>(
      "SELECT after FROM audit_log WHERE action = 'export' AND entity = 'item'"
    )
    expect(JSON.parse(logged.after)).toMatchObject({ rows: 2, query: { ids: [ids[0], ids[2]] } })
  })
})
