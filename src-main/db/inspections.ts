import type {
  FindingState,
  InspectionFinding,
  InspectionRow,
  LocationKind,
  ParsedInput,
  RecordKind,
  RecordRef
} from '@preload/contract'
import { firstRow, type Db } from './connection'
import { sql } from './sql'

type ListQuery = ParsedInput<'inspections.list'>

/** Per-inspection counts of what was found; joined to lists and details alike. */
const FINDING_COUNTS = sql`SELECT inspection_id, COUNT(*) AS records, SUM(state = 'found') AS found, SUM(state = 'missing') AS missing,
    SUM(state = 'damaged') AS damaged, SUM(state = 'unchecked') AS unchecked
  FROM inspection_findings GROUP BY inspection_id`

const SCOPE_PATHS = sql`(SELECT group_concat(l.path, '、') FROM inspection_locations il JOIN locations l ON l.id = il.location_id WHERE il.inspection_id = s.id)`

const ROW_COLUMNS = sql`s.id, s.kind, s.reason, s.inspected_on AS inspectedOn, s.inspectors, COALESCE(${SCOPE_PATHS}, '') AS scope, s.status,
  COALESCE(c.records, 0) AS records, COALESCE(c.found, 0) AS found, COALESCE(c.missing, 0) AS missing, COALESCE(c.damaged, 0) AS damaged,
  COALESCE(c.unchecked, 0) AS unchecked, s.temperature, s.humidity`
const ROW_FROM = sql`FROM inspections s LEFT JOIN (${FINDING_COUNTS}) c ON c.inspection_id = s.id`

/** Rows at most in one multi-row INSERT, well inside SQLite's limit of bound values per statement. */
const FINDINGS_PER_INSERT = 400

/** The whole inspection as stored; the checklist is JSON. */
export interface StoredInspection extends Omit<InspectionRow, 'outOfRange'> {
  roomId: number | null
  roomPath: string | null
  checklist: string
  notes: string
  policyVersion: number
  createdBy: string
  completedAt: string | null
  completedBy: string | null
  version: number
}

export interface InspectionHeader {
  inspectedOn: string
  inspectors: string
  roomId: number | null
  temperature: number | null
  humidity: number | null
  /** JSON of the checklist answers. */
  checklist: string
  notes: string
}

function listConditions(query: ListQuery) {
  const conditions = []
  if (query.status) conditions.push(sql`s.status = ${query.status}`)
  if (query.year) conditions.push(sql`s.inspected_on BETWEEN ${`${query.year}-01-01`} AND ${`${query.year}-12-31`}`)
  return sql.where(conditions)
}

export async function countInspections(db: Db, query: ListQuery): Promise<number> {
  const [{ total }] = await db.query<{ total: number }>(
    sql`SELECT COUNT(*) AS total FROM inspections s ${listConditions(query)}`
  )
  return total
}

/** One page, the latest inspected first. */
export function inspectionsPage(db: Db, query: ListQuery): Promise<Omit<InspectionRow, 'outOfRange'>[]> {
  return db.query(
    sql`SELECT ${ROW_COLUMNS} ${ROW_FROM} ${listConditions(query)} ORDER BY s.inspected_on DESC, s.id DESC
        LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`
  )
}

export function inspectionById(db: Db, id: number): Promise<StoredInspection | undefined> {
  return firstRow<StoredInspection>(
    db,
    sql`SELECT ${ROW_COLUMNS}, s.room_id AS roomId, r.path AS roomPath, s.checklist, s.notes, s.policy_version AS policyVersion,
          cu.username AS createdBy, s.completed_at AS completedAt, pu.username AS completedBy, s.version
        ${ROW_FROM} LEFT JOIN locations r ON r.id = s.room_id JOIN users cu ON cu.id = s.created_by LEFT JOIN users pu ON pu.id = s.completed_by
        WHERE s.id = ${id}`
  )
}

/** The findings in shelf order: by home path, then code, records without either last. */
export function findingsOf(db: Db, inspectionId: number): Promise<InspectionFinding[]> {
  return db.query(
    sql`SELECT f.subject, f.subject_id AS id, COALESCE(i.archival_code, v.archival_code) AS archivalCode, COALESCE(i.title, v.title) AS title,
          COALESCE(ih.path, vh.path) AS homePath, f.state, f.note, f.incident_id AS incidentId
        FROM inspection_findings f
          LEFT JOIN items i ON f.subject = 'item' AND i.id = f.subject_id
          LEFT JOIN volumes v ON v.id = CASE WHEN f.subject = 'volume' THEN f.subject_id ELSE i.volume_id END
          LEFT JOIN locations ih ON ih.id = i.home_location_id LEFT JOIN locations vh ON vh.id = v.home_location_id
        WHERE f.inspection_id = ${inspectionId} ORDER BY homePath IS NULL, homePath, archivalCode IS NULL, archivalCode, f.id`
  )
}

export async function scopePathsOf(db: Db, inspectionId: number): Promise<string[]> {
  const rows = await db.query<{ path: string }>(
    sql`SELECT l.path FROM inspection_locations il JOIN locations l ON l.id = il.location_id WHERE il.inspection_id = ${inspectionId} ORDER BY l.path`
  )
  return rows.map((row) => row.path)
}

/** The kind of a location, or undefined when there is no such location. */
export async function locationKind(db: Db, locationId: number): Promise<LocationKind | undefined> {
  const [row] = await db.query<{ kind: LocationKind }>(sql`SELECT kind FROM locations WHERE id = ${locationId}`)
  return row?.kind
}

/** Everything kept at a location or below it: volumes, and items not filed in a volume (those travel with it). */
export function recordsHomedBelow(db: Db, locationId: number): Promise<RecordRef[]> {
  const below = sql`(SELECT d.id FROM locations d, locations top WHERE top.id = ${locationId} AND (d.id = top.id OR d.path LIKE top.path || '-%'))`
  return db.query(
    sql`SELECT 'volume' AS subject, s.id FROM volumes s WHERE s.custody <> 'destroyed' AND s.home_location_id IN ${below}
        UNION ALL
        SELECT 'item' AS subject, s.id FROM items s WHERE s.custody <> 'destroyed' AND s.volume_id IS NULL AND s.home_location_id IN ${below}`
  )
}

export async function insertInspection(
  db: Db,
  inspection: InspectionHeader & {
    kind: string
    reason: string | null
    policyVersion: number
    createdAt: string
    createdBy: number | null
  }
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    sql`INSERT INTO inspections (kind, reason, inspected_on, inspectors, room_id, temperature, humidity, checklist, notes, policy_version,
          created_at, updated_at, created_by)
        VALUES (${inspection.kind}, ${inspection.reason}, ${inspection.inspectedOn}, ${inspection.inspectors}, ${inspection.roomId},
          ${inspection.temperature}, ${inspection.humidity}, ${inspection.checklist}, ${inspection.notes}, ${inspection.policyVersion},
          ${inspection.createdAt}, ${inspection.createdAt}, ${inspection.createdBy}) RETURNING id`
  )
  return Number(row.id)
}

export async function insertScopeLocation(db: Db, inspectionId: number, locationId: number): Promise<void> {
  await db.query(
    sql`INSERT INTO inspection_locations (inspection_id, location_id) VALUES (${inspectionId}, ${locationId})`
  )
}

/** One finding per record, all unchecked. */
export async function insertFindings(db: Db, inspectionId: number, refs: RecordRef[]): Promise<void> {
  for (let from = 0; from < refs.length; from += FINDINGS_PER_INSERT) {
    const rows = refs
      .slice(from, from + FINDINGS_PER_INSERT)
      .map((ref) => sql`(${inspectionId}, ${ref.subject}, ${ref.id})`)
    await db.query(
      sql`INSERT INTO inspection_findings (inspection_id, subject, subject_id) VALUES ${sql.join(rows, ', ')}`
    )
  }
}

export async function updateHeader(db: Db, id: number, header: InspectionHeader, stamp: string): Promise<void> {
  await db.query(
    sql`UPDATE inspections SET inspected_on = ${header.inspectedOn}, inspectors = ${header.inspectors}, room_id = ${header.roomId},
          temperature = ${header.temperature}, humidity = ${header.humidity}, checklist = ${header.checklist}, notes = ${header.notes},
          version = version + 1, updated_at = ${stamp} WHERE id = ${id}`
  )
}

export async function setFinding(
  db: Db,
  inspectionId: number,
  ref: RecordRef,
  state: FindingState,
  note: string
): Promise<void> {
  await db.query(
    sql`UPDATE inspection_findings SET state = ${state}, note = ${note}
        WHERE inspection_id = ${inspectionId} AND subject = ${ref.subject} AND subject_id = ${ref.id}`
  )
}

export async function bumpInspectionVersion(db: Db, id: number, stamp: string): Promise<void> {
  await db.query(sql`UPDATE inspections SET version = version + 1, updated_at = ${stamp} WHERE id = ${id}`)
}

/** What was not ticked off counts as missing. */
export async function markUncheckedMissing(db: Db, inspectionId: number): Promise<void> {
  await db.query(
    sql`UPDATE inspection_findings SET state = 'missing' WHERE inspection_id = ${inspectionId} AND state = 'unchecked'`
  )
}

export async function linkIncident(db: Db, inspectionId: number, ref: RecordRef, incidentId: number): Promise<void> {
  await db.query(
    sql`UPDATE inspection_findings SET incident_id = ${incidentId} WHERE inspection_id = ${inspectionId} AND subject = ${ref.subject} AND subject_id = ${ref.id}`
  )
}

export async function completeInspection(db: Db, id: number, completedBy: number | null, stamp: string): Promise<void> {
  await db.query(
    sql`UPDATE inspections SET status = 'completed', completed_at = ${stamp}, completed_by = ${completedBy}, version = version + 1, updated_at = ${stamp}
        WHERE id = ${id}`
  )
}

/** The inspection's reading as that day's entry in the environment log, unless the room already has one. */
export async function logReading(
  db: Db,
  reading: {
    roomId: number
    readOn: string
    temperature: number
    humidity: number
    inspectionId: number
    recordedAt: string
    recordedBy: number | null
  }
): Promise<void> {
  await db.query(
    sql`INSERT INTO environment_readings (room_id, read_on, temperature, humidity, source, inspection_id, recorded_at, recorded_by)
        VALUES (${reading.roomId}, ${reading.readOn}, ${reading.temperature}, ${reading.humidity}, 'inspection', ${reading.inspectionId},
          ${reading.recordedAt}, ${reading.recordedBy})
        ON CONFLICT (room_id, read_on) DO NOTHING`
  )
}

/** The record's oldest unresolved incident of this kind, if any. */
export async function openIncidentOf(
  db: Db,
  ref: { subject: RecordKind; id: number },
  kind: 'missing' | 'damaged'
): Promise<number | null> {
  const [row] = await db.query<{ id: number }>(
    sql`SELECT id FROM incidents WHERE subject = ${ref.subject} AND subject_id = ${ref.id} AND kind = ${kind} AND resolved_at IS NULL ORDER BY id LIMIT 1`
  )
  return row ? Number(row.id) : null
}
