import type { LocationKind } from '@preload/contract'
import { allow, allowed, refuse, type Decision } from './decision'
import type { MessageKey } from '@preload/i18n/zh-CN'

const PARENT_OF: Record<LocationKind, LocationKind | null> = { room: null, rack: 'room', shelf: 'rack', box: 'shelf' }

// Keyed by the child so the message can say where that kind belongs without translating kind codes as params.
const WRONG_PARENT: Record<LocationKind, MessageKey> = {
  room: 'policy.location.roomAtTop',
  rack: 'policy.location.rackInRoom',
  shelf: 'policy.location.shelfInRack',
  box: 'policy.location.boxOnShelf'
}

/** R-KEEP-1: room → rack/cabinet → shelf → box. */
export function allowedParent(kind: LocationKind): LocationKind | null {
  return PARENT_OF[kind]
}

/** R-KEEP-1: why a `kind` may not be created under a parent of `parentKind` (null: at the top), or null when it may. */
export function refuseLocation(parentKind: LocationKind | null, kind: LocationKind): Decision {
  return parentKind === allowedParent(kind) ? allowed : refuse('R-KEEP-1', WRONG_PARENT[kind])
}

/**
 * R-KEEP-1: a null capacity is unlimited. Adding nothing checks a new capacity against what is already there,
 * which is refused only when the location would be over-full, not when it would be exactly full.
 */
export function refuseCapacity(capacity: number | null, occupied: number, adding: number): Decision {
  if (capacity === null || occupied + adding <= capacity) return allowed
  if (adding === 0) return refuse('R-KEEP-1', 'policy.location.capacityBelowOccupied', { capacity, occupied })
  return refuse('R-KEEP-1', 'policy.location.full', { capacity, occupied, adding })
}

/** R-KEEP-1: a home is where the record is shelved, so it must be a place that holds records, not a room or rack. */
export function refuseHome(kind: LocationKind): Decision {
  return kind === 'shelf' || kind === 'box' ? allowed : refuse('R-KEEP-1', 'policy.location.homeOnShelfOrBox')
}

/** R-KEEP-1: an item filed in a volume travels with it; placing it alone would split the volume. */
export function refuseItemInVolume(volumeCode: string | null): Decision {
  return volumeCode === null ? allowed : refuse('R-KEEP-1', 'policy.location.itemInVolume', { volumeCode })
}

/**
 * R-KEEP-1: a record is put anywhere except an item filed in a volume, which travels with it; as its home only on a
 * shelf or in a box with room for it (`adding` nothing when that is its home already).
 */
export function refusePlacement(placing: {
  volumeCode: string | null
  asHome: boolean
  kind: LocationKind
  capacity: number | null
  occupied: number
  adding: number
}): Decision {
  const inVolume = refuseItemInVolume(placing.volumeCode)
  if (!inVolume.ok || !placing.asHome) return inVolume
  const home = refuseHome(placing.kind)
  return home.ok ? refuseCapacity(placing.capacity, placing.occupied, placing.adding) : home
}

/** R-KEEP-1: the home a record returns to; it needs one, and an item of a volume returns with the volume. */
export function refuseReturnHome(volumeCode: string | null, homeId: number | null): Decision<number> {
  const inVolume = refuseItemInVolume(volumeCode)
  if (!inVolume.ok) return inVolume
  return homeId === null ? refuse('R-KEEP-1', 'policy.location.noHome') : allow(homeId)
}

/** The full code from the room down, e.g. A-01-3-05. */
export function locationPath(parentPath: string | null, code: string): string {
  return parentPath === null ? code : `${parentPath}-${code}`
}
