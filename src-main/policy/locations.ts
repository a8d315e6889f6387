/*
 * Reason keys (i18n, under `policy`); params in {{braces}}. All apply R-KEEP-1.
 *
 * policy.location.roomAtTop
 *   zh: 库房是最高一级，不能设在其他位置之下。
 *   en: A room is the top level; it cannot sit inside another location.
 * policy.location.rackInRoom
 *   zh: 档案架（柜）须设在库房之下。
 *   en: A rack or cabinet must stand in a room.
 * policy.location.shelfInRack
 *   zh: 架层须设在档案架（柜）之下。
 *   en: A shelf must belong to a rack or cabinet.
 * policy.location.boxOnShelf
 *   zh: 档案盒须放在架层上。
 *   en: A box must sit on a shelf.
 * policy.location.full                    {capacity, occupied, adding}
 *   zh: 该位置容量为 {{capacity}}，已存放 {{occupied}}，放不下另外 {{adding}} 件。
 *   en: This location holds {{capacity}} and already has {{occupied}}; {{adding}} more will not fit.
 * policy.location.capacityBelowOccupied   {capacity, occupied}
 *   zh: 该位置已存放 {{occupied}}，容量不能减为 {{capacity}}。
 *   en: {{occupied}} are already kept here; the capacity cannot drop to {{capacity}}.
 * policy.location.homeOnShelfOrBox
 *   zh: 存放位置只能是架层或档案盒，不能是库房或档案架（柜）。
 *   en: A home location must be a shelf or a box, not a room or a rack.
 * policy.location.itemInVolume            {volumeCode}
 *   zh: 该文件已归入案卷 {{volumeCode}}，请放置该案卷。
 *   en: This item is filed in volume {{volumeCode}}; place the volume instead.
 * policy.location.noHome
 *   zh: 尚未指定存放位置，无法归位。
 *   en: It has no home location to return to.
 */
import type { LocationKind } from '../../src-preload/contract'
import type { Refusal } from './filing'

const PARENT_OF: Record<LocationKind, LocationKind | null> = { room: null, rack: 'room', shelf: 'rack', box: 'shelf' }

// Keyed by the child so the message can say where that kind belongs without translating kind codes as params.
const WRONG_PARENT: Record<LocationKind, string> = {
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
export function refuseLocation(parentKind: LocationKind | null, kind: LocationKind): Refusal | null {
  return parentKind === allowedParent(kind) ? null : { ruleId: 'R-KEEP-1', reason: WRONG_PARENT[kind] }
}

/**
 * R-KEEP-1: a null capacity is unlimited. Adding nothing checks a new capacity against what is already there,
 * which is refused only when the location would be over-full, not when it would be exactly full.
 */
export function refuseCapacity(capacity: number | null, occupied: number, adding: number): Refusal | null {
  if (capacity === null || occupied + adding <= capacity) return null
  if (adding === 0)
    return { ruleId: 'R-KEEP-1', reason: 'policy.location.capacityBelowOccupied', params: { capacity, occupied } }
  return { ruleId: 'R-KEEP-1', reason: 'policy.location.full', params: { capacity, occupied, adding } }
}

/** R-KEEP-1: a home is where the record is shelved, so it must be a place that holds records, not a room or rack. */
export function refuseHome(kind: LocationKind): Refusal | null {
  return kind === 'shelf' || kind === 'box' ? null : { ruleId: 'R-KEEP-1', reason: 'policy.location.homeOnShelfOrBox' }
}

/** R-KEEP-1: an item filed in a volume travels with it; placing it alone would split the volume. */
export function refuseItemInVolume(volumeCode: string | null): Refusal | null {
  return volumeCode === null
    ? null
    : { ruleId: 'R-KEEP-1', reason: 'policy.location.itemInVolume', params: { volumeCode } }
}

/** The full code from the room down, e.g. A-01-3-05. */
export function locationPath(parentPath: string | null, code: string): string {
  return parentPath === null ? code : `${parentPath}-${code}`
}
