import type { LocationContent, LocationKind, LocationMove, LocationNode, LocationSubject } from '@preload/contract'
import { firstRow, insertRow, type Db } from './connection'
import { sql, type SqlQuery } from './sql'

/** Volumes and loose items count; an item inside a volume is already counted as its volume. */
const OCCUPIED = sql`((SELECT COUNT(*) FROM volumes v WHERE v.home_location_id = l.id)
  + (SELECT COUNT(*) FROM items i WHERE i.home_location_id = l.id AND i.volume_id IS NULL))`

const NODE_COLUMNS = sql`l.id, l.parent_id AS parentId, l.kind, l.code, l.name, l.path, l.capacity, ${OCCUPIED} AS occupied, l.version`

/** A volume or item with where it lives and where it is now. */
export interface LocatedSubjectRow extends Omit<LocationContent, 'away'> {
  homeId: number | null
  currentId: number | null
  volumeCode: string | null
}

const SUBJECT_FROM: Record<LocationSubject, SqlQuery> = {
  volume: sql`SELECT 'volume' AS subject, s.id, s.archival_code AS archivalCode, s.title, h.path AS homePath, c.path AS currentPath,
      s.home_location_id AS homeId, s.current_location_id AS currentId, NULL AS volumeCode
    FROM volumes s LEFT JOIN locations h ON h.id = s.home_location_id LEFT JOIN locations c ON c.id = s.current_location_id`,
  item: sql`SELECT 'item' AS subject, s.id, s.archival_code AS archivalCode, s.title, h.path AS homePath, c.path AS currentPath,
      s.home_location_id AS homeId, s.current_location_id AS currentId, v.archival_code AS volumeCode
    FROM items s LEFT JOIN locations h ON h.id = s.home_location_id LEFT JOIN locations c ON c.id = s.current_location_id
      LEFT JOIN volumes v ON v.id = s.volume_id`
}
const SUBJECT_TABLE: Record<LocationSubject, SqlQuery> = { volume: sql`volumes`, item: sql`items` }

/** Every place, parents before their children. */
export function locationTree(db: Db): Promise<LocationNode[]> {
  return db.query<LocationNode>(sql`SELECT ${NODE_COLUMNS} FROM locations l ORDER BY l.path`)
}

export function findLocationNode(db: Db, id: number): Promise<LocationNode | undefined> {
  return firstRow<LocationNode>(db, sql`SELECT ${NODE_COLUMNS} FROM locations l WHERE l.id = ${id}`)
}

export async function locationPathTaken(db: Db, path: string): Promise<boolean> {
  return (await db.query(sql`SELECT id FROM locations WHERE path = ${path}`)).length > 0
}

export async function insertLocation(
  db: Db,
  location: {
    parentId: number | null
    kind: LocationKind
    code: string
    name: string
    capacity: number | null
    path: string
    createdAt: string
    createdBy: number | null
  }
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    sql`INSERT INTO locations (parent_id, kind, code, name, capacity, path, created_at, updated_at, created_by)
         VALUES (${location.parentId}, ${location.kind}, ${location.code}, ${location.name}, ${location.capacity}, ${location.path},
                 ${location.createdAt}, ${location.createdAt}, ${location.createdBy}) RETURNING id`
  )
  return Number(row.id)
}

/** A new name and capacity, and a new version. */
export async function updateLocation(
  db: Db,
  id: number,
  fields: { name: string; capacity: number | null; updatedAt: string }
): Promise<void> {
  await db.query(
    sql`UPDATE locations SET name = ${fields.name}, capacity = ${fields.capacity}, version = version + 1, updated_at = ${fields.updatedAt} WHERE id = ${id}`
  )
}

/** What lives at the place or is there for now: volumes first, then loose items, by code (uncoded last). */
export function locationContents(db: Db, id: number): Promise<LocatedSubjectRow[]> {
  return db.query<LocatedSubjectRow>(
    sql`SELECT * FROM (
         ${SUBJECT_FROM.volume} WHERE ${id} IN (s.home_location_id, s.current_location_id)
         UNION ALL
         ${SUBJECT_FROM.item} WHERE ${id} IN (s.home_location_id, s.current_location_id) AND s.volume_id IS NULL
       ) ORDER BY subject DESC, archivalCode IS NULL, archivalCode, id`
  )
}

export async function findLocatedSubject(
  db: Db,
  subject: LocationSubject,
  id: number
): Promise<LocatedSubjectRow | undefined> {
  const [row] = await db.query<LocatedSubjectRow>(sql`${SUBJECT_FROM[subject]} WHERE s.id = ${id}`)
  return row
}

/**
 * Sets where a volume or item lives and where it is now. Only the location columns change: the record's version
 * stays, so an edit form open on it is not made stale by someone carrying it to the reading room.
 */
export async function setSubjectLocations(
  db: Db,
  subject: LocationSubject,
  id: number,
  homeId: number | null,
  currentId: number
): Promise<void> {
  await db.query(
    sql`UPDATE ${SUBJECT_TABLE[subject]} SET home_location_id = ${homeId}, current_location_id = ${currentId} WHERE id = ${id}`
  )
}

export async function insertLocationMove(
  db: Db,
  move: {
    subject: LocationSubject
    subjectId: number
    fromId: number | null
    toId: number
    home: boolean
    note: string
    movedAt: string
    movedBy: number | null
  }
): Promise<void> {
  const { fromId, toId, ...rest } = move
  await insertRow(db, 'location_moves', { ...rest, fromLocationId: fromId, toLocationId: toId })
}

/** Newest first. */
export async function locationMoves(db: Db, subject: LocationSubject, id: number): Promise<LocationMove[]> {
  const rows = await db.query<Omit<LocationMove, 'home'> & { home: number }>(
    sql`SELECT m.moved_at AS at, u.username, f.path AS fromPath, t.path AS toPath, m.home, m.note
       FROM location_moves m JOIN users u ON u.id = m.moved_by
         LEFT JOIN locations f ON f.id = m.from_location_id LEFT JOIN locations t ON t.id = m.to_location_id
       WHERE m.subject = ${subject} AND m.subject_id = ${id} ORDER BY m.moved_at DESC, m.id DESC`
  )
  return rows.map((row) => ({ ...row, home: Boolean(row.home) }))
}
