import type { Db } from '../db/connection'
import type { LocationContent, LocationMove, LocationNode, LocationSubject, ParsedInput } from '../../src-preload/contract'
import { AppFailure, notFound, policyDenied } from '../errors'
import type { Refusal } from '../policy/filing'
import { locationPath, refuseCapacity, refuseHome, refuseItemInVolume, refuseLocation } from '../policy/locations'
import type { Actor, Store, WriteContext } from '../store'

type CreateInput = ParsedInput<'locations.create'>
type UpdateInput = ParsedInput<'locations.update'>
type PlaceInput = ParsedInput<'locations.place'>
type ReturnInput = ParsedInput<'locations.returnHome'>

/** Volumes and loose items count; an item inside a volume is already counted as its volume. */
const OCCUPIED = `((SELECT COUNT(*) FROM volumes v WHERE v.home_location_id = l.id)
  + (SELECT COUNT(*) FROM items i WHERE i.home_location_id = l.id AND i.volume_id IS NULL))`

const NODE_COLUMNS = `l.id, l.parent_id AS parentId, l.kind, l.code, l.name, l.path, l.capacity, ${OCCUPIED} AS occupied, l.version`

interface SubjectRow extends Omit<LocationContent, 'away'> {
  homeId: number | null
  currentId: number | null
  volumeCode: string | null
}

const SUBJECT_FROM: Record<LocationSubject, string> = {
  volume: `SELECT 'volume' AS subject, s.id, s.archival_code AS archivalCode, s.title, h.path AS homePath, c.path AS currentPath,
      s.home_location_id AS homeId, s.current_location_id AS currentId, NULL AS volumeCode
    FROM volumes s LEFT JOIN locations h ON h.id = s.home_location_id LEFT JOIN locations c ON c.id = s.current_location_id`,
  item: `SELECT 'item' AS subject, s.id, s.archival_code AS archivalCode, s.title, h.path AS homePath, c.path AS currentPath,
      s.home_location_id AS homeId, s.current_location_id AS currentId, v.archival_code AS volumeCode
    FROM items s LEFT JOIN locations h ON h.id = s.home_location_id LEFT JOIN locations c ON c.id = s.current_location_id
      LEFT JOIN volumes v ON v.id = s.volume_id`
}
const SUBJECT_TABLE: Record<LocationSubject, string> = { volume: 'volumes', item: 'items' }
const SUBJECT_NOT_FOUND: Record<LocationSubject, string> = { volume: 'errors.volumeNotFound', item: 'errors.itemNotFound' }

// Something with no home yet may still be somewhere (e.g. waiting to be shelved); it is not "away" from anywhere.
const contentOf = ({ homeId, currentId, volumeCode: _volumeCode, ...row }: SubjectRow): LocationContent => ({
  ...row,
  away: homeId !== null && currentId !== homeId
})

const deny = (refusal: Refusal): AppFailure => policyDenied(refusal.ruleId, refusal.reason, refusal.params)

/** R-KEEP-1: where records live (room → rack/cabinet → shelf → box), where they are now, and how they got there. */
export class LocationsService {
  constructor(private readonly store: Store) {}

  tree(): Promise<LocationNode[]> {
    return this.store.db.query(`SELECT ${NODE_COLUMNS} FROM locations l ORDER BY l.path`)
  }

  private async node(db: Db, id: number): Promise<LocationNode> {
    const rows: LocationNode[] = await db.query(`SELECT ${NODE_COLUMNS} FROM locations l WHERE l.id = ?`, [id])
    if (rows.length === 0) throw notFound('errors.locationNotFound')
    return rows[0]
  }

  async create(actor: Actor, input: CreateInput): Promise<LocationNode> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const parent = input.parentId === null ? null : await this.node(db, input.parentId)
      const refusal = refuseLocation(parent?.kind ?? null, input.kind)
      if (refusal) throw deny(refusal)
      const path = locationPath(parent?.path ?? null, input.code)
      if ((await db.query('SELECT id FROM locations WHERE path = ?', [path])).length > 0) {
        throw new AppFailure('CONFLICT', 'errors.duplicateLocationCode', { params: { path } })
      }
      const stamp = now.toISOString()
      const result = await db.query(
        `INSERT INTO locations (parent_id, kind, code, name, capacity, path, created_at, updated_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        [input.parentId, input.kind, input.code, input.name, input.capacity, path, stamp, stamp, actor.userId]
      )
      const id = Number(result[0].id)
      await audit({ entity: 'location', entityId: id, action: 'create', after: { ...input, path } })
      return this.node(db, id)
    })
  }

  async update(actor: Actor, input: UpdateInput): Promise<LocationNode> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const current = await this.node(db, input.id)
      if (current.version !== input.version) throw new AppFailure('CONFLICT', 'errors.staleVersion')
      const refusal = refuseCapacity(input.capacity, current.occupied, 0)
      if (refusal) throw deny(refusal)
      await db.query('UPDATE locations SET name = ?, capacity = ?, version = version + 1, updated_at = ? WHERE id = ?', [
        input.name,
        input.capacity,
        now.toISOString(),
        input.id
      ])
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
    const rows: SubjectRow[] = await db.query(
      `SELECT * FROM (
         ${SUBJECT_FROM.volume} WHERE ? IN (s.home_location_id, s.current_location_id)
         UNION ALL
         ${SUBJECT_FROM.item} WHERE ? IN (s.home_location_id, s.current_location_id) AND s.volume_id IS NULL
       ) ORDER BY subject DESC, archivalCode IS NULL, archivalCode, id`,
      [id, id]
    )
    return rows.map(contentOf)
  }

  private async subject(db: Db, subject: LocationSubject, id: number): Promise<SubjectRow> {
    const rows: SubjectRow[] = await db.query(`${SUBJECT_FROM[subject]} WHERE s.id = ?`, [id])
    if (rows.length === 0) throw notFound(SUBJECT_NOT_FOUND[subject])
    return rows[0]
  }

  /**
   * Moves the current location, and with `home` also the home. Only the location columns change: the record's
   * version stays, so an edit form open on it is not made stale by someone carrying it to the reading room.
   */
  private async move(
    { db, now, audit }: WriteContext,
    actor: Actor,
    row: SubjectRow,
    to: { id: number; home: boolean; note: string }
  ): Promise<LocationContent> {
    const { subject, id } = row
    const homeId = to.home ? to.id : row.homeId
    await db.query(`UPDATE ${SUBJECT_TABLE[subject]} SET home_location_id = ?, current_location_id = ? WHERE id = ?`, [homeId, to.id, id])
    await db.query(
      `INSERT INTO location_moves (subject, subject_id, from_location_id, to_location_id, home, note, moved_at, moved_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [subject, id, row.currentId, to.id, to.home ? 1 : 0, to.note, now.toISOString(), actor.userId]
    )
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

  async place(actor: Actor, input: PlaceInput): Promise<LocationContent> {
    return this.store.write(actor, async (context) => {
      const { db } = context
      const row = await this.subject(db, input.subject, input.id)
      const target = await this.node(db, input.locationId)
      const refusal =
        refuseItemInVolume(row.volumeCode) ??
        (input.home ? (refuseHome(target.kind) ?? refuseCapacity(target.capacity, target.occupied, row.homeId === target.id ? 0 : 1)) : null)
      if (refusal) throw deny(refusal)
      // Placing something where it already is would only add a move that never happened.
      const unchanged = row.currentId === target.id && (!input.home || row.homeId === target.id)
      if (unchanged) return contentOf(row)
      return this.move(context, actor, row, { id: target.id, home: input.home, note: input.note })
    })
  }

  async returnHome(actor: Actor, input: ReturnInput): Promise<LocationContent> {
    return this.store.write(actor, async (context) => {
      const row = await this.subject(context.db, input.subject, input.id)
      const refusal = refuseItemInVolume(row.volumeCode)
      if (refusal) throw deny(refusal)
      if (row.homeId === null) throw policyDenied('R-KEEP-1', 'policy.location.noHome')
      if (row.currentId === row.homeId) return contentOf(row)
      return this.move(context, actor, row, { id: row.homeId, home: false, note: input.note })
    })
  }

  /** Newest first. */
  async history(subject: LocationSubject, id: number): Promise<LocationMove[]> {
    const db = this.store.db
    await this.subject(db, subject, id)
    const rows: (Omit<LocationMove, 'home'> & { home: number })[] = await db.query(
      `SELECT m.moved_at AS at, u.username, f.path AS fromPath, t.path AS toPath, m.home, m.note
       FROM location_moves m JOIN users u ON u.id = m.moved_by
         LEFT JOIN locations f ON f.id = m.from_location_id LEFT JOIN locations t ON t.id = m.to_location_id
       WHERE m.subject = ? AND m.subject_id = ? ORDER BY m.moved_at DESC, m.id DESC`,
      [subject, id]
    )
    return rows.map((row) => ({ ...row, home: Boolean(row.home) }))
  }
}
