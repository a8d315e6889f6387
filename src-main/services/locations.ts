import type { MessageKey } from '@preload/i18n/zh-CN'
import type { Db } from '../db/connection'
import type {
  BatchOutcome,
  LocationContent,
  LocationMove,
  LocationNode,
  LocationSubject,
  ParsedInput
} from '@preload/contract'
import { AppFailure, enforce, notFound, refuseStale } from '../errors'
import { locationPath, refuseCapacity, refuseLocation, refusePlacement, refuseReturnHome } from '../policy/locations'
import type { Actor, Store, WriteContext } from '../store'
import { eachRecord } from './batch'
import { settleItemStatus } from './item-status'
import {
  findLocatedSubject,
  findLocationNode,
  insertLocation,
  insertLocationMove,
  locationContents,
  locationMoves,
  locationPathTaken,
  locationTree,
  setSubjectLocations,
  updateLocation,
  type LocatedSubjectRow
} from '../db/locations'

const SUBJECT_NOT_FOUND: Record<LocationSubject, MessageKey> = {
  volume: 'errors.volumeNotFound',
  item: 'errors.itemNotFound'
}

// Something with no home yet may still be somewhere (e.g. waiting to be shelved); it is not "away" from anywhere.
const contentOf = ({ homeId, currentId, volumeCode: _volumeCode, ...row }: LocatedSubjectRow): LocationContent => ({
  ...row,
  away: homeId !== null && currentId !== homeId
})

/** R-KEEP-1: where records live (room → rack/cabinet → shelf → box), where they are now, and how they got there. */
export class LocationsService {
  constructor(private readonly store: Store) {}

  tree(): Promise<LocationNode[]> {
    return locationTree(this.store.db)
  }

  private async node(db: Db, id: number): Promise<LocationNode> {
    const node = await findLocationNode(db, id)
    if (!node) throw notFound('errors.locationNotFound')
    return node
  }

  async create(actor: Actor, input: ParsedInput<'locations.create'>): Promise<LocationNode> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const parent = input.parentId === null ? null : await this.node(db, input.parentId)
      enforce(refuseLocation(parent?.kind ?? null, input.kind))
      const path = locationPath(parent?.path ?? null, input.code)
      if (await locationPathTaken(db, path)) {
        throw new AppFailure('CONFLICT', 'errors.duplicateLocationCode', { params: { path } })
      }
      const id = await insertLocation(db, {
        parentId: input.parentId,
        kind: input.kind,
        code: input.code,
        name: input.name,
        capacity: input.capacity,
        path,
        createdAt: now.toISOString(),
        createdBy: actor.userId
      })
      await audit({ entity: 'location', entityId: id, action: 'create', after: { ...input, path } })
      return this.node(db, id)
    })
  }

  async update(actor: Actor, input: ParsedInput<'locations.update'>): Promise<LocationNode> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const current = await this.node(db, input.id)
      refuseStale(current.version, input.version)
      enforce(refuseCapacity(input.capacity, current.occupied, 0))
      await updateLocation(db, input.id, { name: input.name, capacity: input.capacity, updatedAt: now.toISOString() })
      await audit({
        entity: 'location',
        entityId: input.id,
        action: 'update',
        before: { name: current.name, capacity: current.capacity },
        after: { name: input.name, capacity: input.capacity }
      })
      return this.node(db, input.id)
    })
  }

  /** A box or shelf view: what lives here and what is here for now, with `away` marking what is elsewhere. */
  async contents(id: number): Promise<LocationContent[]> {
    const db = this.store.db
    await this.node(db, id)
    return (await locationContents(db, id)).map(contentOf)
  }

  private async subject(db: Db, subject: LocationSubject, id: number): Promise<LocatedSubjectRow> {
    const row = await findLocatedSubject(db, subject, id)
    if (!row) throw notFound(SUBJECT_NOT_FOUND[subject])
    return row
  }

  /** Moves the current location, and with `home` also the home; the record's own version stays. */
  private async move(
    { db, now, audit }: WriteContext,
    actor: Actor,
    row: LocatedSubjectRow,
    to: { id: number; home: boolean; note: string }
  ): Promise<LocationContent> {
    const { subject, id } = row
    const homeId = to.home ? to.id : row.homeId
    await setSubjectLocations(db, subject, id, homeId, to.id)
    await insertLocationMove(db, {
      subject,
      subjectId: id,
      fromId: row.currentId,
      toId: to.id,
      home: to.home,
      note: to.note,
      movedAt: now.toISOString(),
      movedBy: actor.userId
    })
    if (subject === 'item' && to.home) await settleItemStatus(db, audit, [id])
    const after = await this.subject(db, subject, id)
    await audit({
      entity: subject,
      entityId: id,
      action: 'move',
      before: { home: row.homePath, current: row.currentPath },
      after: { home: after.homePath, current: after.currentPath, note: to.note }
    })
    return contentOf(after)
  }

  async place(actor: Actor, input: ParsedInput<'locations.place'>): Promise<LocationContent> {
    return this.store.write(actor, (context) => this.placeWithin(context, actor, input))
  }

  /**
   * The selected records put in one place in one transaction, each as `place` would (capacity counted as they go);
   * each refusal is reported, the rest are moved.
   */
  async placeMany(actor: Actor, input: ParsedInput<'locations.placeMany'>): Promise<BatchOutcome> {
    return this.store.write(actor, async (context) => {
      // A place that does not exist refuses the whole batch, not each record in turn.
      await this.node(context.db, input.locationId)
      const { ids, ...rest } = input
      return eachRecord(context.db, ids, async (id) => {
        await this.placeWithin(context, actor, { ...rest, id })
      })
    })
  }

  private async placeWithin(
    context: WriteContext,
    actor: Actor,
    input: ParsedInput<'locations.place'>
  ): Promise<LocationContent> {
    const { db } = context
    const row = await this.subject(db, input.subject, input.id)
    const target = await this.node(db, input.locationId)
    enforce(
      refusePlacement({
        volumeCode: row.volumeCode,
        asHome: input.home,
        kind: target.kind,
        capacity: target.capacity,
        occupied: target.occupied,
        adding: row.homeId === target.id ? 0 : 1
      })
    )
    // Placing something where it already is would only add a move that never happened.
    const unchanged = row.currentId === target.id && (!input.home || row.homeId === target.id)
    if (unchanged) return contentOf(row)
    return this.move(context, actor, row, { id: target.id, home: input.home, note: input.note })
  }

  async returnHome(actor: Actor, input: ParsedInput<'locations.returnHome'>): Promise<LocationContent> {
    return this.store.write(actor, async (context) => {
      const row = await this.subject(context.db, input.subject, input.id)
      const home = enforce(refuseReturnHome(row.volumeCode, row.homeId))
      if (row.currentId === home) return contentOf(row)
      return this.move(context, actor, row, { id: home, home: false, note: input.note })
    })
  }

  /** Newest first. */
  async history(subject: LocationSubject, id: number): Promise<LocationMove[]> {
    const db = this.store.db
    await this.subject(db, subject, id)
    return locationMoves(db, subject, id)
  }
}
