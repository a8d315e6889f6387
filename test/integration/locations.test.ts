import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppError, ChannelInput, LocationKind } from '@preload/contract'
import { DATABASE_FILE } from '@main/db/data-source'
import { AppFailure } from '@main/errors'
import { LocationsService } from '@main/services/locations'
import { Store, type Actor } from '@main/store'
import { itemInput as item } from '../support/records'
import { makeApp, type TestApp } from '../support/app'

let app: TestApp
afterEach(async () => app?.close())

const volumeInput = (title: string): ChannelInput<'volumes.create'> => ({
  fondsCode: 'J001',
  categoryCode: 'KH',
  year: 2025,
  retentionCode: 'D30',
  title
})

async function actorFor(username: string): Promise<{ key: string; actor: Actor }> {
  const key = await app.signInAs('archivist', username)
  const [{ id }] = await app.database.query('SELECT id FROM users WHERE username = ?', [username])
  return { key, actor: { userId: Number(id), username } }
}

async function setUp() {
  app = await makeApp()
  const service = new LocationsService(new Store(path.join(app.dataDir, DATABASE_FILE), () => app.clock.now))
  const { key, actor } = await actorFor('liwen')
  const add = (kind: LocationKind, code: string, parentId: number | null, capacity: number | null = null) =>
    service.create(actor, { kind, code, parentId, name: `${kind} ${code}`, capacity })
  return { service, key, actor, add }
}

/** Room A → rack 01 → shelf 3 → box 05 (capacity 2), and a reading room R → rack Y → shelf 1. */
async function storeRoom(add: Awaited<ReturnType<typeof setUp>>['add']) {
  const room = await add('room', 'A', null)
  const rack = await add('rack', '01', room.id)
  const shelf = await add('shelf', '3', rack.id)
  const box = await add('box', '05', shelf.id, 2)
  const readingRoom = await add('room', 'R', null)
  const readingRack = await add('rack', 'Y', readingRoom.id)
  const readingShelf = await add('shelf', '1', readingRack.id)
  return { room, rack, shelf, box, readingRoom, readingShelf }
}

async function refusal(work: Promise<unknown>): Promise<AppError> {
  try {
    await work
  } catch (error) {
    if (error instanceof AppFailure) return error.error
    throw error
  }
  throw new Error('expected a refusal')
}

async function counts(): Promise<Record<string, number>> {
  const [row] = await app.database.query(
    `SELECT (SELECT COUNT(*) FROM locations) AS locations, (SELECT COUNT(*) FROM location_moves) AS moves,
            (SELECT COUNT(*) FROM audit_log) AS audit`
  )
  return row
}

describe('R-KEEP-1 the location tree', () => {
  it('builds room → rack → shelf → box with paths from the room down', async () => {
    const { service, add } = await setUp()
    const { box } = await storeRoom(add)
    expect(box).toMatchObject({ kind: 'box', code: '05', path: 'A-01-3-05', capacity: 2, occupied: 0, version: 1 })
    const tree = await service.tree()
    expect(tree.map((node) => [node.path, node.kind])).toEqual([
      ['A', 'room'],
      ['A-01', 'rack'],
      ['A-01-3', 'shelf'],
      ['A-01-3-05', 'box'],
      ['R', 'room'],
      ['R-Y', 'rack'],
      ['R-Y-1', 'shelf']
    ])
    expect(tree[1].parentId).toBe(tree[0].id)
    const [audit] = await app.database.query(
      "SELECT username, action FROM audit_log WHERE entity = 'location' AND entity_id = ?",
      [String(box.id)]
    )
    expect(audit).toEqual({ username: 'liwen', action: 'create' })
  })

  it('refuses a box in a room and a rack at the top, and writes nothing', async () => {
    const { add } = await setUp()
    const { room } = await storeRoom(add)
    const before = await counts()
    expect(await refusal(add('box', '09', room.id))).toMatchObject({
      code: 'POLICY_DENIED',
      ruleId: 'R-KEEP-1',
      message: 'policy.location.boxOnShelf'
    })
    expect(await refusal(add('rack', '09', null))).toMatchObject({
      code: 'POLICY_DENIED',
      ruleId: 'R-KEEP-1',
      message: 'policy.location.rackInRoom'
    })
    expect(await refusal(add('room', 'B', room.id))).toMatchObject({
      code: 'POLICY_DENIED',
      ruleId: 'R-KEEP-1',
      message: 'policy.location.roomAtTop'
    })
    expect(await refusal(add('rack', '09', 999))).toMatchObject({
      code: 'NOT_FOUND',
      message: 'errors.locationNotFound'
    })
    expect(await counts()).toEqual(before)
  })

  it('refuses a code used twice under one parent, and a room code used twice, in any case', async () => {
    const { add } = await setUp()
    const { room, rack } = await storeRoom(add)
    const before = await counts()
    expect(await refusal(add('shelf', '3', rack.id))).toMatchObject({
      code: 'CONFLICT',
      message: 'errors.duplicateLocationCode',
      params: { path: 'A-01-3' }
    })
    expect(await refusal(add('room', 'A', null))).toMatchObject({ code: 'CONFLICT', params: { path: 'A' } })
    expect(await refusal(add('room', 'a', null))).toMatchObject({ code: 'CONFLICT' })
    expect(await counts()).toEqual(before)
    const other = await add('rack', '02', room.id)
    expect((await add('shelf', '3', other.id)).path).toBe('A-02-3')
  })

  it('updates name and capacity with a version check, and will not lower capacity below what is kept', async () => {
    const { service, key, actor, add } = await setUp()
    const { box } = await storeRoom(add)
    for (const title of ['卷一', '卷二']) {
      const volume = await app.call('volumes.create', volumeInput(title), key)
      await service.place(actor, { subject: 'volume', id: volume.id, locationId: box.id, home: true, note: '' })
    }
    expect(
      await refusal(service.update(actor, { id: box.id, version: box.version, name: '盒', capacity: 1 }))
    ).toMatchObject({
      code: 'POLICY_DENIED',
      ruleId: 'R-KEEP-1',
      message: 'policy.location.capacityBelowOccupied',
      params: { capacity: 1, occupied: 2 }
    })
    const updated = await service.update(actor, { id: box.id, version: box.version, name: '05号盒', capacity: 3 })
    expect(updated).toMatchObject({ name: '05号盒', capacity: 3, occupied: 2, version: 2 })
    expect(
      await refusal(service.update(actor, { id: box.id, version: box.version, name: '盒', capacity: null }))
    ).toMatchObject({
      code: 'CONFLICT',
      message: 'errors.staleVersion'
    })
    expect(await refusal(service.update(actor, { id: 999, version: 1, name: '盒', capacity: null }))).toMatchObject({
      code: 'NOT_FOUND'
    })
  })
})

describe('R-KEEP-1 shelving and moves', () => {
  it('shelving sets home and current and counts against capacity; one too many is refused with nothing written', async () => {
    const { service, key, actor, add } = await setUp()
    const { box } = await storeRoom(add)
    const volumes = []
    for (const title of ['卷一', '卷二', '卷三'])
      volumes.push(await app.call('volumes.create', volumeInput(title), key))
    const shelved = await service.place(actor, {
      subject: 'volume',
      id: volumes[0].id,
      locationId: box.id,
      home: true,
      note: '入库'
    })
    expect(shelved).toMatchObject({
      subject: 'volume',
      id: volumes[0].id,
      archivalCode: 'J001-1-0001',
      homePath: 'A-01-3-05',
      currentPath: 'A-01-3-05',
      away: false
    })
    await service.place(actor, { subject: 'volume', id: volumes[1].id, locationId: box.id, home: true, note: '' })
    expect((await service.tree()).find((node) => node.id === box.id)?.occupied).toBe(2)

    const before = await counts()
    expect(
      await refusal(
        service.place(actor, { subject: 'volume', id: volumes[2].id, locationId: box.id, home: true, note: '' })
      )
    ).toMatchObject({
      code: 'POLICY_DENIED',
      ruleId: 'R-KEEP-1',
      message: 'policy.location.full',
      params: { capacity: 2, occupied: 2, adding: 1 }
    })
    // Shelving again where it already lives takes no extra room and records no move.
    expect(
      await service.place(actor, { subject: 'volume', id: volumes[0].id, locationId: box.id, home: true, note: '' })
    ).toEqual(shelved)
    expect(await counts()).toEqual(before)
    const [left] = await app.database.query(
      'SELECT home_location_id AS home, current_location_id AS current FROM volumes WHERE id = ?',
      [volumes[2].id]
    )
    expect(left).toEqual({ home: null, current: null })
  })

  it('only a shelf or a box may be a home; a room or rack may hold something for now', async () => {
    const { service, key, actor, add } = await setUp()
    const { rack, readingRoom } = await storeRoom(add)
    const volume = await app.call('volumes.create', volumeInput('卷一'), key)
    const before = await counts()
    for (const locationId of [rack.id, readingRoom.id]) {
      expect(
        await refusal(service.place(actor, { subject: 'volume', id: volume.id, locationId, home: true, note: '' }))
      ).toMatchObject({
        code: 'POLICY_DENIED',
        ruleId: 'R-KEEP-1',
        message: 'policy.location.homeOnShelfOrBox'
      })
    }
    expect(await counts()).toEqual(before)
    const parked = await service.place(actor, {
      subject: 'volume',
      id: volume.id,
      locationId: readingRoom.id,
      home: false,
      note: '待上架'
    })
    expect(parked).toMatchObject({ homePath: null, currentPath: 'R', away: false })
  })

  it('a temporary move changes only the current location, shows it away, and return home brings it back', async () => {
    const { service, key, actor, add } = await setUp()
    const { box, readingShelf } = await storeRoom(add)
    const volume = await app.call('volumes.create', volumeInput('卷一'), key)
    const other = await actorFor('zhaomin')
    await service.place(actor, { subject: 'volume', id: volume.id, locationId: box.id, home: true, note: '入库' })

    app.clock.advanceMinutes(60)
    const away = await service.place(other.actor, {
      subject: 'volume',
      id: volume.id,
      locationId: readingShelf.id,
      home: false,
      note: '阅览'
    })
    expect(away).toMatchObject({ homePath: 'A-01-3-05', currentPath: 'R-Y-1', away: true })
    expect(await service.contents(readingShelf.id)).toEqual([away])
    expect(await service.contents(box.id)).toEqual([away])
    const tree = await service.tree()
    expect(tree.find((node) => node.id === box.id)?.occupied).toBe(1)
    expect(tree.find((node) => node.id === readingShelf.id)?.occupied).toBe(0)

    app.clock.advanceMinutes(120)
    const back = await service.returnHome(actor, { subject: 'volume', id: volume.id, note: '阅毕归还' })
    expect(back).toMatchObject({ homePath: 'A-01-3-05', currentPath: 'A-01-3-05', away: false })
    expect(await service.contents(readingShelf.id)).toEqual([])

    const movesBefore = await counts()
    expect(await service.returnHome(actor, { subject: 'volume', id: volume.id, note: '' })).toEqual(back)
    expect(await counts()).toEqual(movesBefore)

    expect(await service.history('volume', volume.id)).toEqual([
      {
        at: '2026-03-02T12:00:00.000Z',
        username: 'liwen',
        fromPath: 'R-Y-1',
        toPath: 'A-01-3-05',
        home: false,
        note: '阅毕归还'
      },
      {
        at: '2026-03-02T10:00:00.000Z',
        username: 'zhaomin',
        fromPath: 'A-01-3-05',
        toPath: 'R-Y-1',
        home: false,
        note: '阅览'
      },
      {
        at: '2026-03-02T09:00:00.000Z',
        username: 'liwen',
        fromPath: null,
        toPath: 'A-01-3-05',
        home: true,
        note: '入库'
      }
    ])

    const audit = await app.database.query(
      "SELECT username, before, after FROM audit_log WHERE entity = 'volume' AND entity_id = ? AND action = 'move' ORDER BY id",
      [String(volume.id)]
    )
    expect(audit).toHaveLength(3)
    expect(audit[1].username).toBe('zhaomin')
    expect(JSON.parse(audit[1].before)).toEqual({ home: 'A-01-3-05', current: 'A-01-3-05' })
    expect(JSON.parse(audit[1].after)).toEqual({ home: 'A-01-3-05', current: 'R-Y-1', note: '阅览' })
  })

  it('refuses to return home what has no home', async () => {
    const { service, key, actor } = await setUp()
    const volume = await app.call('volumes.create', volumeInput('卷一'), key)
    expect(await refusal(service.returnHome(actor, { subject: 'volume', id: volume.id, note: '' }))).toMatchObject({
      code: 'POLICY_DENIED',
      ruleId: 'R-KEEP-1',
      message: 'policy.location.noHome'
    })
  })
})

describe('R-KEEP-1 loose items and volumes', () => {
  it('a box lists its volumes and loose items; an item filed in a volume is placed with its volume', async () => {
    const { service, key, actor, add } = await setUp()
    const { box, shelf } = await storeRoom(add)
    const loose = await app.call('items.create', item({ title: '合作意向书' }), key)
    await app.call('items.catalogue', { id: loose.id }, key)
    const filed = await app.call('items.create', item({ title: '仓储合同' }), key)
    await app.call('items.catalogue', { id: filed.id }, key)
    const volume = await app.call('volumes.create', volumeInput('2025年客户合同'), key)
    await app.call('volumes.addItem', { volumeId: volume.id, itemId: filed.id }, key)

    const before = await counts()
    expect(
      await refusal(service.place(actor, { subject: 'item', id: filed.id, locationId: box.id, home: true, note: '' }))
    ).toMatchObject({
      code: 'POLICY_DENIED',
      ruleId: 'R-KEEP-1',
      message: 'policy.location.itemInVolume',
      params: { volumeCode: 'J001-1-0001' }
    })
    expect(
      await refusal(
        service.place(actor, { subject: 'item', id: filed.id, locationId: shelf.id, home: false, note: '' })
      )
    ).toMatchObject({
      message: 'policy.location.itemInVolume'
    })
    expect(await counts()).toEqual(before)

    await service.place(actor, { subject: 'item', id: loose.id, locationId: box.id, home: true, note: '' })
    await service.place(actor, { subject: 'volume', id: volume.id, locationId: box.id, home: true, note: '' })
    expect(await service.contents(box.id)).toEqual([
      {
        subject: 'volume',
        id: volume.id,
        archivalCode: 'J001-1-0001',
        title: '2025年客户合同',
        homePath: 'A-01-3-05',
        currentPath: 'A-01-3-05',
        away: false
      },
      {
        subject: 'item',
        id: loose.id,
        archivalCode: 'J001-KH·2025-D30-ZS-0001',
        title: '合作意向书',
        homePath: 'A-01-3-05',
        currentPath: 'A-01-3-05',
        away: false
      }
    ])
    expect((await service.tree()).find((node) => node.id === box.id)?.occupied).toBe(2)
    expect(await service.contents(shelf.id)).toEqual([])
    const [audit] = await app.database.query(
      "SELECT entity, action FROM audit_log WHERE entity = 'item' AND entity_id = ? AND action = 'move'",
      [String(loose.id)]
    )
    expect(audit).toEqual({ entity: 'item', action: 'move' })
  })

  it('names what it cannot find', async () => {
    const { service, key, actor, add } = await setUp()
    const { box } = await storeRoom(add)
    const volume = await app.call('volumes.create', volumeInput('卷一'), key)
    expect(
      await refusal(service.place(actor, { subject: 'volume', id: 999, locationId: box.id, home: true, note: '' }))
    ).toMatchObject({
      code: 'NOT_FOUND',
      message: 'errors.volumeNotFound'
    })
    expect(
      await refusal(service.place(actor, { subject: 'item', id: 999, locationId: box.id, home: true, note: '' }))
    ).toMatchObject({
      message: 'errors.itemNotFound'
    })
    expect(
      await refusal(service.place(actor, { subject: 'volume', id: volume.id, locationId: 999, home: true, note: '' }))
    ).toMatchObject({
      message: 'errors.locationNotFound'
    })
    expect(await refusal(service.contents(999))).toMatchObject({ message: 'errors.locationNotFound' })
    expect(await refusal(service.history('item', 999))).toMatchObject({ message: 'errors.itemNotFound' })
  })
})
