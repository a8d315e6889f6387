import { describe, expect, it } from 'vitest'
import { refusalOf } from './refusal'
import type { Refusal } from '@main/policy/decision'
import type { LocationKind } from '@preload/contract'
import {
  allowedParent,
  locationPath,
  refuseCapacity,
  refuseHome,
  refuseItemInVolume,
  refuseLocation,
  refusePlacement,
  refuseReturnHome
} from '@main/policy/locations'

describe('R-KEEP-1 room → rack/cabinet → shelf → box', () => {
  it.each([
    ['room', null],
    ['rack', 'room'],
    ['shelf', 'rack'],
    ['box', 'shelf']
  ] as const)('a %s goes under %s', (kind, parent) => {
    expect(allowedParent(kind)).toBe(parent)
  })

  it.each<{ parent: LocationKind | null; kind: LocationKind; reason: string | null }>([
    { parent: null, kind: 'room', reason: null },
    { parent: 'room', kind: 'rack', reason: null },
    { parent: 'rack', kind: 'shelf', reason: null },
    { parent: 'shelf', kind: 'box', reason: null },
    { parent: 'room', kind: 'room', reason: 'policy.location.roomAtTop' },
    { parent: 'box', kind: 'room', reason: 'policy.location.roomAtTop' },
    { parent: null, kind: 'rack', reason: 'policy.location.rackInRoom' },
    { parent: 'rack', kind: 'rack', reason: 'policy.location.rackInRoom' },
    { parent: null, kind: 'shelf', reason: 'policy.location.shelfInRack' },
    { parent: 'room', kind: 'shelf', reason: 'policy.location.shelfInRack' },
    { parent: 'room', kind: 'box', reason: 'policy.location.boxOnShelf' },
    { parent: 'rack', kind: 'box', reason: 'policy.location.boxOnShelf' },
    { parent: 'box', kind: 'box', reason: 'policy.location.boxOnShelf' },
    { parent: null, kind: 'box', reason: 'policy.location.boxOnShelf' }
  ])('$kind under $parent → $reason', ({ parent, kind, reason }) => {
    expect(refusalOf(refuseLocation(parent, kind))).toEqual(reason === null ? null : { ruleId: 'R-KEEP-1', reason })
  })

  it.each([
    [null, 'A', 'A'],
    ['A', '01', 'A-01'],
    ['A-01', '3', 'A-01-3'],
    ['A-01-3', '05', 'A-01-3-05']
  ] as const)('the path under %s for code %s is %s', (parentPath, code, path) => {
    expect(locationPath(parentPath, code)).toBe(path)
  })
})

describe('R-KEEP-1 capacity', () => {
  it.each<{ capacity: number | null; occupied: number; adding: number; refusal: Refusal | null }>([
    { capacity: null, occupied: 10_000, adding: 1, refusal: null },
    { capacity: 3, occupied: 0, adding: 1, refusal: null },
    { capacity: 3, occupied: 2, adding: 1, refusal: null },
    {
      capacity: 3,
      occupied: 3,
      adding: 1,
      refusal: { ruleId: 'R-KEEP-1', reason: 'policy.location.full', params: { capacity: 3, occupied: 3, adding: 1 } }
    },
    {
      capacity: 3,
      occupied: 2,
      adding: 2,
      refusal: { ruleId: 'R-KEEP-1', reason: 'policy.location.full', params: { capacity: 3, occupied: 2, adding: 2 } }
    },
    { capacity: 3, occupied: 3, adding: 0, refusal: null },
    {
      capacity: 2,
      occupied: 3,
      adding: 0,
      refusal: {
        ruleId: 'R-KEEP-1',
        reason: 'policy.location.capacityBelowOccupied',
        params: { capacity: 2, occupied: 3 }
      }
    },
    { capacity: null, occupied: 3, adding: 0, refusal: null }
  ])('capacity $capacity, occupied $occupied, adding $adding', ({ capacity, occupied, adding, refusal }) => {
    expect(refusalOf(refuseCapacity(capacity, occupied, adding))).toEqual(refusal)
  })
})

describe('R-KEEP-1 what may be a home', () => {
  it.each<[LocationKind, string | null]>([
    ['room', 'policy.location.homeOnShelfOrBox'],
    ['rack', 'policy.location.homeOnShelfOrBox'],
    ['shelf', null],
    ['box', null]
  ])('a %s as home → %s', (kind, reason) => {
    expect(refusalOf(refuseHome(kind))).toEqual(reason === null ? null : { ruleId: 'R-KEEP-1', reason })
  })

  it('an item filed in a volume is placed with its volume, a loose one on its own', () => {
    expect(refusalOf(refuseItemInVolume('J001-1-0001'))).toEqual({
      ruleId: 'R-KEEP-1',
      reason: 'policy.location.itemInVolume',
      params: { volumeCode: 'J001-1-0001' }
    })
    expect(refusalOf(refuseItemInVolume(null))).toBeNull()
  })
})

describe('R-KEEP-1 placing a record and returning it home', () => {
  const shelf = { volumeCode: null, asHome: true, kind: 'shelf' as const, capacity: 2, occupied: 1, adding: 1 }
  it.each<{ name: string; placing: Parameters<typeof refusePlacement>[0]; refusal: Refusal | null }>([
    { name: 'a home on a shelf with room', placing: shelf, refusal: null },
    {
      name: 'an item of a volume on its own',
      placing: { ...shelf, volumeCode: 'J001-A1-0001' },
      refusal: { ruleId: 'R-KEEP-1', reason: 'policy.location.itemInVolume', params: { volumeCode: 'J001-A1-0001' } }
    },
    {
      name: 'a home in a room',
      placing: { ...shelf, kind: 'room' },
      refusal: { ruleId: 'R-KEEP-1', reason: 'policy.location.homeOnShelfOrBox' }
    },
    { name: 'a room as a current place only', placing: { ...shelf, kind: 'room', asHome: false }, refusal: null },
    {
      name: 'a home on a full shelf',
      placing: { ...shelf, occupied: 2 },
      refusal: { ruleId: 'R-KEEP-1', reason: 'policy.location.full', params: { capacity: 2, occupied: 2, adding: 1 } }
    },
    { name: 'a full shelf that is its home already', placing: { ...shelf, occupied: 2, adding: 0 }, refusal: null },
    { name: 'a full shelf as a current place only', placing: { ...shelf, occupied: 2, asHome: false }, refusal: null }
  ])('R-KEEP-1 $name', ({ placing, refusal }) => {
    expect(refusalOf(refusePlacement(placing))).toEqual(refusal)
  })

  it.each<[string | null, number | null, Refusal | number]>([
    [null, 7, 7],
    [null, null, { ruleId: 'R-KEEP-1', reason: 'policy.location.noHome' }],
    [
      'J001-A1-0001',
      7,
      { ruleId: 'R-KEEP-1', reason: 'policy.location.itemInVolume', params: { volumeCode: 'J001-A1-0001' } }
    ]
  ])('R-KEEP-1 returning a record in volume %s with home %s', (volumeCode, homeId, expected) => {
    const decision = refuseReturnHome(volumeCode, homeId)
    expect(decision.ok ? decision.value : decision.refusal).toEqual(expected)
  })
})
