import { afterEach, describe, expect, it } from 'vitest'
import { makeApp, USER_PASSWORD, type TestApp } from '../support/app'
import { itemInput as item } from '../support/records'
import { signerFor } from '../support/use'

let app: TestApp
afterEach(async () => app?.close())

/** A room A with rack 01, shelf 1 holding a closed volume of two items in box 01 and a loose item on the shelf. */
async function stockedRoom(key: string) {
  const room = await app.call('locations.create', { parentId: null, kind: 'room', code: 'A', name: '一号库房' }, key)
  const rack = await app.call(
    'locations.create',
    { parentId: room.id, kind: 'rack', code: '01', name: '密集架01' },
    key
  )
  const shelf = await app.call(
    'locations.create',
    { parentId: rack.id, kind: 'shelf', code: '1', name: '第1层', capacity: 20 },
    key
  )
  const box = await app.call(
    'locations.create',
    { parentId: shelf.id, kind: 'box', code: '01', name: '1号盒', capacity: 5 },
    key
  )
  const contract = await app.call('items.create', item({ title: '仓储服务合同' }), key)
  const annex = await app.call('items.create', item({ title: '库位清单', pageCount: 3 }), key)
  const loose = await app.call('items.create', item({ title: '入驻意向书', pageCount: 2 }), key)
  for (const one of [contract, annex, loose]) await app.call('items.catalogue', { id: one.id }, key)
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
  for (const one of [contract, annex]) await app.call('volumes.addItem', { volumeId: volume.id, itemId: one.id }, key)
  await app.call('locations.place', { subject: 'volume', id: volume.id, locationId: box.id, home: true }, key)
  await app.call('locations.place', { subject: 'item', id: loose.id, locationId: shelf.id, home: true }, key)
  const outside = await app.call('items.create', item({ title: '别处的文件' }), key)
  return { room, rack, shelf, box, volume, contract, annex, loose, outside }
}

/** Days later the idle lock has closed the session: the person unlocks it as they would at the PC. */
async function moveClock(iso: string, key: string) {
  app.clock.now = new Date(iso)
  await app.call('auth.unlock', { password: USER_PASSWORD }, key)
}

const header = { kind: 'periodic' as const, inspectedOn: '2026-03-02', inspectors: '李文、王芳' }

describe('R-KEEP-2/3 stock check of a shelf', () => {
  it('lists what should be there, ticks it off, turns the unticked into missing incidents that flag the record until resolved', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist', 'liwen')
    const { rack, room, volume, loose, contract } = await stockedRoom(key)

    const draft = await app.call(
      'inspections.create',
      { ...header, locationIds: [rack.id], roomId: room.id, temperature: 26.5, humidity: 52 },
      key
    )
    expect(draft.findings.map((f) => `${f.subject}:${f.id}:${f.state}`).sort()).toEqual([
      `item:${loose.id}:unchecked`,
      `volume:${volume.id}:unchecked`
    ])
    expect(draft).toMatchObject({
      status: 'draft',
      records: 2,
      unchecked: 2,
      locationPaths: ['A-01'],
      outOfRange: true
    })
    expect(draft.environment.temperature).toMatchObject({
      value: 'out_of_range',
      ruleId: 'R-KEEP-3',
      reason: 'policy.custody.tooHot'
    })

    const ticked = await app.call(
      'inspections.mark',
      { id: draft.id, findings: [{ subject: 'volume', id: volume.id, state: 'found' }] },
      key
    )
    expect(ticked).toMatchObject({ found: 1, unchecked: 1 })

    const unconfirmed = await app.dispatch('inspections.complete', { id: draft.id, version: ticked.version }, key)
    expect(unconfirmed).toMatchObject({
      ok: false,
      error: {
        code: 'POLICY_DENIED',
        ruleId: 'R-KEEP-2',
        message: 'policy.custody.uncheckedBecomeMissing',
        params: { count: 1 }
      }
    })
    expect((await app.call('incidents.list', {}, key)).total).toBe(0)

    const done = await app.call(
      'inspections.complete',
      { id: draft.id, version: ticked.version, confirmMissing: true },
      key
    )
    expect(done).toMatchObject({ status: 'completed', completedBy: 'liwen', found: 1, missing: 1, unchecked: 0 })
    const missing = done.findings.find((f) => f.subject === 'item')!
    expect(missing).toMatchObject({ id: loose.id, state: 'missing' })
    expect(missing.incidentId).not.toBeNull()

    const incidents = await app.call('incidents.list', {}, key)
    expect(incidents.rows).toMatchObject([
      { subject: 'item', subjectId: loose.id, kind: 'missing', source: 'inspection', sourceId: draft.id }
    ])
    const flagged = await app.call('items.list', { flagged: true }, key)
    expect(flagged.rows.map((r) => [r.id, r.openIncidents])).toEqual([[loose.id, 1]])
    const all = await app.call('items.list', {}, key)
    expect(all.rows.find((r) => r.id === contract.id)?.openIncidents).toBe(0)

    // The reading taken during the inspection is that day's entry in the environment log.
    const log = await app.call('environment.list', { from: '2026-03-01', to: '2026-03-31' }, key)
    expect(log.readings).toMatchObject([
      { roomId: room.id, readOn: '2026-03-02', temperature: 26.5, source: 'inspection', outOfRange: true }
    ])
    expect(log.daysOutOfRange).toBe(1)

    await app.call(
      'incidents.resolve',
      { id: incidents.rows[0].id, resolution: 'found', note: '在阅览室找到', resolvedOn: '2026-03-02' },
      key
    )
    expect((await app.call('items.list', { flagged: true }, key)).total).toBe(0)
  })

  it('a damaged volume flags its items too, and a record already flagged for the same problem is not flagged twice', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    const { box, volume, contract } = await stockedRoom(key)
    await app.call(
      'incidents.report',
      { record: { subject: 'volume', id: volume.id }, kind: 'damaged', note: '封面受潮' },
      key
    )
    const draft = await app.call(
      'inspections.create',
      { ...header, kind: 'adhoc', reason: 'in_doubt', locationIds: [box.id] },
      key
    )
    const marked = await app.call(
      'inspections.mark',
      { id: draft.id, findings: [{ subject: 'volume', id: volume.id, state: 'damaged', note: '水渍' }] },
      key
    )
    await app.call('inspections.complete', { id: draft.id, version: marked.version }, key)
    expect((await app.call('incidents.list', {}, key)).total).toBe(1)
    const flagged = await app.call('items.list', { flagged: true }, key)
    expect(flagged.rows.map((r) => r.id)).toContain(contract.id)
  })

  it('R-USE-7 a record out on loan is accounted for by its register entry, not recorded missing', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist', 'liwen')
    const { rack, volume, loose } = await stockedRoom(key)
    let loan = await app.call(
      'use.create',
      {
        kind: 'loan',
        applicantKind: 'internal',
        applicantName: '张三',
        departmentCode: 'ZS',
        purpose: '核对合同',
        reason: '续签前核对',
        records: [{ subject: 'item', id: loose.id }],
        copies: 1,
        startOn: '2026-03-02',
        dueOn: '2026-03-04',
        excerptAnswer: 'original_needed'
      },
      key
    )
    for (const step of ['department_head', 'archive_manager'] as const) {
      const signerUserId = await signerFor(app, loan, step)
      loan = await app.call(
        'use.approve',
        { id: loan.id, version: loan.version, step, signerUserId, signedOn: '2026-03-02', decision: 'approved' },
        key
      )
    }
    await app.call('use.checkout', { id: loan.id, version: loan.version }, key)

    const draft = await app.call('inspections.create', { ...header, locationIds: [rack.id] }, key)
    const ticked = await app.call(
      'inspections.mark',
      { id: draft.id, findings: [{ subject: 'volume', id: volume.id, state: 'found' }] },
      key
    )
    const done = await app.call('inspections.complete', { id: draft.id, version: ticked.version }, key)
    expect(done).toMatchObject({ found: 2, missing: 0 })
    expect(done.findings.find((f) => f.subject === 'item')).toMatchObject({
      id: loose.id,
      state: 'found',
      note: '借出（见借阅登记簿和代替卡）'
    })
    expect((await app.call('incidents.list', {}, key)).total).toBe(0)
  })

  it('inspects a list of records named one by one', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    const { outside } = await stockedRoom(key)
    const draft = await app.call(
      'inspections.create',
      { ...header, kind: 'adhoc', reason: 'theft', records: [{ subject: 'item', id: outside.id }] },
      key
    )
    expect(draft).toMatchObject({ records: 1, locationPaths: [] })
    const done = await app.call(
      'inspections.complete',
      { id: draft.id, version: draft.version, confirmMissing: true },
      key
    )
    expect(done.missing).toBe(1)
  })
})

describe('R-KEEP-3 bad inputs are refused and nothing is half-written', () => {
  it('refuses humidity over 100 %, a date in the future, a missing reason or scope, a reading outside a room', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    const { rack, shelf } = await stockedRoom(key)
    const humid = await app.dispatch('inspections.create', { ...header, locationIds: [rack.id], humidity: 140 }, key)
    expect(humid).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        details: [{ path: 'humidity', message: 'validation.between', params: { min: 0, max: 100 } }]
      }
    })
    const future = await app.dispatch(
      'inspections.create',
      { ...header, inspectedOn: '2026-03-03', locationIds: [rack.id] },
      key
    )
    expect(future).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: [{ path: 'inspectedOn', message: 'validation.notInFuture' }] }
    })
    const noReason = await app.dispatch('inspections.create', { ...header, kind: 'adhoc', locationIds: [rack.id] }, key)
    expect(noReason).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: [{ path: 'reason', message: 'validation.required' }] }
    })
    const noScope = await app.dispatch('inspections.create', { ...header }, key)
    expect(noScope).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: [{ path: 'locationIds', message: 'validation.scopeRequired' }] }
    })
    const shelfReading = await app.dispatch(
      'inspections.create',
      { ...header, locationIds: [rack.id], roomId: shelf.id, temperature: 20, humidity: 50 },
      key
    )
    expect(shelfReading).toMatchObject({
      ok: false,
      error: { code: 'POLICY_DENIED', ruleId: 'R-KEEP-3', message: 'policy.custody.readingInRoom' }
    })
    const emptyRoom = await app.call(
      'locations.create',
      { parentId: null, kind: 'room', code: 'B', name: '二号库房' },
      key
    )
    const nothing = await app.dispatch('inspections.create', { ...header, locationIds: [emptyRoom.id] }, key)
    expect(nothing).toMatchObject({
      ok: false,
      error: { code: 'POLICY_DENIED', ruleId: 'R-KEEP-3', message: 'policy.custody.emptyScope' }
    })
    expect((await app.call('inspections.list', {}, key)).total).toBe(0)
  })

  it('refuses a finding for a record outside the scope, and completing twice', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    const { box, volume, outside } = await stockedRoom(key)
    const draft = await app.call('inspections.create', { ...header, locationIds: [box.id] }, key)
    const stray = await app.dispatch(
      'inspections.mark',
      {
        id: draft.id,
        findings: [
          { subject: 'volume', id: volume.id, state: 'found' },
          { subject: 'item', id: outside.id, state: 'found' }
        ]
      },
      key
    )
    expect(stray).toMatchObject({
      ok: false,
      error: {
        code: 'POLICY_DENIED',
        ruleId: 'R-KEEP-3',
        message: 'policy.custody.outsideScope',
        params: { code: outside.archivalCode ?? outside.title }
      }
    })
    expect((await app.call('inspections.get', { id: draft.id }, key)).found).toBe(0)

    const stale = await app.dispatch(
      'inspections.complete',
      { id: draft.id, version: draft.version + 5, confirmMissing: true },
      key
    )
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'errors.staleVersion' } })
    const done = await app.call(
      'inspections.complete',
      { id: draft.id, version: draft.version, confirmMissing: true },
      key
    )
    const twice = await app.dispatch(
      'inspections.complete',
      { id: draft.id, version: done.version, confirmMissing: true },
      key
    )
    expect(twice).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'errors.inspectionCompleted' } })
    const late = await app.dispatch(
      'inspections.mark',
      { id: draft.id, findings: [{ subject: 'volume', id: volume.id, state: 'found' }] },
      key
    )
    expect(late).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'errors.inspectionCompleted' } })
    expect((await app.call('incidents.list', {}, key)).total).toBe(1)
  })

  it('a draft’s details can be corrected, with a current version, until it is completed', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    const { box, room } = await stockedRoom(key)
    const draft = await app.call('inspections.create', { ...header, locationIds: [box.id] }, key)
    const corrected = {
      id: draft.id,
      version: draft.version,
      inspectedOn: header.inspectedOn,
      inspectors: header.inspectors,
      roomId: room.id,
      temperature: 13.5,
      humidity: 50,
      checklist: [{ item: '离开时已上锁', ok: false, note: '门锁松动' }],
      notes: '已报修'
    }
    const updated = await app.call('inspections.update', corrected, key)
    expect(updated).toMatchObject({
      roomPath: 'A',
      temperature: 13.5,
      checklist: [{ item: '离开时已上锁', ok: false, note: '门锁松动' }],
      notes: '已报修',
      outOfRange: true
    })
    expect(updated.environment.temperature).toMatchObject({ reason: 'policy.custody.tooCold', ruleId: 'R-KEEP-3' })
    expect(await app.dispatch('inspections.update', corrected, key)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'errors.staleVersion' }
    })
    const done = await app.call(
      'inspections.complete',
      { id: draft.id, version: updated.version, confirmMissing: true },
      key
    )
    expect(await app.dispatch('inspections.update', { ...corrected, version: done.version }, key)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'errors.inspectionCompleted' }
    })
  })

  it('a viewer reads inspections but cannot start one', async () => {
    app = await makeApp()
    const viewer = await app.signInAs('staff_viewer')
    expect((await app.dispatch('inspections.list', {}, viewer)).ok).toBe(true)
    expect(await app.dispatch('inspections.create', { ...header, locationIds: [1] }, viewer)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    })
  })
})

describe('R-KEEP-3 environment log', () => {
  it('keeps one reading per room and day, judges each against the band and counts the days out of range', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    const { room, shelf } = await stockedRoom(key)
    await moveClock('2026-03-05T09:00:00Z', key)
    for (const [readOn, temperature, humidity] of [
      ['2026-03-02', 18, 50],
      ['2026-03-03', 24, 61],
      ['2026-03-04', 13.5, 50],
      ['2026-03-05', 14, 45]
    ] as const) {
      await app.call('environment.record', { roomId: room.id, readOn, temperature, humidity }, key)
    }
    const log = await app.call('environment.list', { roomId: room.id, from: '2026-03-01', to: '2026-03-31' }, key)
    expect(log.readings.map((r) => [r.readOn, r.outOfRange])).toEqual([
      ['2026-03-02', false],
      ['2026-03-03', true],
      ['2026-03-04', true],
      ['2026-03-05', false]
    ])
    expect(log.readings[1].judgements.humidity).toMatchObject({ reason: 'policy.custody.tooDamp', ruleId: 'R-KEEP-3' })
    expect(log.daysOutOfRange).toBe(2)
    expect(log.band).toEqual({ temperatureMin: 14, temperatureMax: 24, humidityMin: 45, humidityMax: 60 })

    const twice = await app.dispatch(
      'environment.record',
      { roomId: room.id, readOn: '2026-03-02', temperature: 20, humidity: 50 },
      key
    )
    expect(twice).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'errors.readingExists', params: { path: 'A', day: '2026-03-02' } }
    })
    const onShelf = await app.dispatch(
      'environment.record',
      { roomId: shelf.id, readOn: '2026-03-01', temperature: 20, humidity: 50 },
      key
    )
    expect(onShelf).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED', ruleId: 'R-KEEP-3' } })
    const future = await app.dispatch(
      'environment.record',
      { roomId: room.id, readOn: '2026-03-06', temperature: 20, humidity: 50 },
      key
    )
    expect(future).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: [{ path: 'readOn' }] } })
    const soaked = await app.dispatch(
      'environment.record',
      { roomId: room.id, readOn: '2026-03-01', temperature: 20, humidity: 140 },
      key
    )
    expect(soaked).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        details: [{ path: 'humidity', message: 'validation.between', params: { min: 0, max: 100 } }]
      }
    })
    const tooPrecise = await app.dispatch(
      'environment.record',
      { roomId: room.id, readOn: '2026-03-01', temperature: 20.25, humidity: 50 },
      key
    )
    expect(tooPrecise).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: [{ path: 'temperature', message: 'validation.oneDecimal' }] }
    })
    const backwards = await app.dispatch('environment.list', { from: '2026-03-31', to: '2026-03-01' }, key)
    expect(backwards).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: [{ path: 'to', message: 'validation.dateOrder' }] }
    })
    expect((await app.call('environment.list', { from: '2026-01-01', to: '2026-12-31' }, key)).readings).toHaveLength(4)
  })

  it('a narrower band in the settings is a new audited version and changes what is out of range', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    const manager = await app.signInAs('archive_manager')
    const { room } = await stockedRoom(key)
    await app.call('environment.record', { roomId: room.id, readOn: '2026-03-02', temperature: 20, humidity: 50 }, key)
    const current = await app.call('settings.getCustody', {}, key)
    expect(current.version).toBe(1)
    const refused = await app.dispatch('settings.saveCustody', { ...current.data, temperatureMin: 25 }, manager)
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: [{ path: 'temperatureMax', message: 'validation.bandOrder' }] }
    })
    expect(await app.dispatch('settings.saveCustody', current.data, key)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    })
    const saved = await app.call('settings.saveCustody', { ...current.data, temperatureMax: 19 }, manager)
    expect(saved.version).toBe(2)
    const log = await app.call('environment.list', { from: '2026-03-02', to: '2026-03-02' }, key)
    expect(log.readings[0].judgements.temperature).toMatchObject({
      value: 'out_of_range',
      reason: 'policy.custody.tooHot',
      params: { max: 19 }
    })
  })
})

describe('R-KEEP-3 dashboard to-do', () => {
  it('says when the periodic inspection is due, what is flagged and which rooms have no reading today', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    const { room, rack, loose } = await stockedRoom(key)
    const keysOf = async () => (await app.call('dashboard.todo', {}, key)).map((entry) => entry.key)
    expect(await keysOf()).toEqual(['inspectionDue', 'readingsMissing'])

    const draft = await app.call(
      'inspections.create',
      { ...header, locationIds: [rack.id], roomId: room.id, temperature: 30, humidity: 50 },
      key
    )
    expect(await keysOf()).toEqual(['inspectionDue', 'inspectionsOpen', 'readingsMissing'])
    const ticked = await app.call(
      'inspections.mark',
      { id: draft.id, findings: [{ subject: 'item', id: loose.id, state: 'missing', note: '未找到' }] },
      key
    )
    await app.call('inspections.complete', { id: draft.id, version: ticked.version, confirmMissing: true }, key)
    const todo = await app.call('dashboard.todo', {}, key)
    expect(todo.map((entry) => entry.key)).toEqual(['flaggedRecords', 'environmentOutOfRange'])
    expect(todo[0]).toMatchObject({ count: 2, severity: 'error', ruleId: 'R-KEEP-3', section: 'storage' })
    expect(todo[1]).toMatchObject({ params: { rooms: 'A' } })

    await moveClock('2026-09-02T09:00:00Z', key)
    const later = await app.call('dashboard.todo', {}, key)
    expect(later.find((entry) => entry.key === 'inspectionDue')).toMatchObject({
      reason: 'policy.custody.periodicDue',
      params: { last: '2026-03-02', months: 6, dueOn: '2026-09-02' }
    })
  })
})
