import { USE_KINDS, type Role } from '@preload/contract'
import { ARCHIVE_STAFF_ROLES } from '../policy/roles'
import type { Db } from './connection'
import { sql, type SqlQuery } from './sql'

/** The year being counted, as each kind of column compares it. */
export interface YearBounds {
  /** `YYYY-01-01` and `YYYY-12-31`, for the columns that hold a calendar day. */
  firstDay: string
  lastDay: string
  /** Local midnight at the start of the year and of the next, as ISO instants, for the columns that hold a timestamp. */
  start: string
  end: string
}

/** Rows grouped by a code, with one count. */
export type CodeCount = { code: string; n: number }

export const HOLDING_DIMENSIONS = ['category_code', 'year', 'retention_code', 'classification'] as const
export type Dimension = (typeof HOLDING_DIMENSIONS)[number]
export type HoldingGroup = Record<Dimension, string> & { n: number; pages: number }

const HOLDING_COLUMNS = sql.join(HOLDING_DIMENSIONS.map(sql.identifier), ', ')

/**
 * Records that existed on 31 Dec and had not been destroyed by then (R-DISP-8: a record destroyed later still counts
 * in the years it was kept), grouped by every combination of the holding dimensions.
 */
function holdingGroups(
  db: Db,
  table: 'items' | 'volumes',
  pages: SqlQuery,
  bounds: YearBounds
): Promise<HoldingGroup[]> {
  return db.query(
    sql`SELECT ${HOLDING_COLUMNS}, COUNT(*) AS n, ${pages} AS pages FROM ${sql.identifier(table)} t
        WHERE created_at < ${bounds.end}
          AND NOT (t.custody = 'destroyed' AND COALESCE((SELECT d.destroyed_on FROM destruction_lines d WHERE d.id = t.register_line_id), '') <= ${bounds.lastDay})
        GROUP BY ${HOLDING_COLUMNS}`
  )
}

/** Volumes have no pages of their own; their items count them. */
export const volumeHoldingGroups = (db: Db, bounds: YearBounds) => holdingGroups(db, 'volumes', sql`0`, bounds)
export const itemHoldingGroups = (db: Db, bounds: YearBounds) =>
  holdingGroups(db, 'items', sql`SUM(page_count)`, bounds)

const INTAKE_GROUPS = { category: sql`category_code`, month: sql`substr(received_on, 1, 7)` }

/** Items received in the year, by category or by month received (`YYYY-MM`). */
export function intakeBy(
  db: Db,
  grouping: keyof typeof INTAKE_GROUPS,
  bounds: YearBounds
): Promise<{ code: string; items: number; pages: number }[]> {
  return db.query(
    sql`SELECT ${INTAKE_GROUPS[grouping]} AS code, COUNT(*) AS items, SUM(page_count) AS pages FROM items
        WHERE received_on BETWEEN ${bounds.firstDay} AND ${bounds.lastDay} GROUP BY code`
  )
}

/** Items catalogued in the year, by category, from the audit log. */
export function itemsCataloguedByCategory(db: Db, bounds: YearBounds): Promise<CodeCount[]> {
  return db.query(
    sql`SELECT i.category_code AS code, COUNT(DISTINCT a.entity_id) AS n FROM audit_log a JOIN items i ON i.id = CAST(a.entity_id AS INTEGER)
        WHERE a.entity = 'item' AND a.action = 'catalogue' AND a.at >= ${bounds.start} AND a.at < ${bounds.end} GROUP BY i.category_code`
  )
}

export function volumesCreatedByCategory(db: Db, bounds: YearBounds): Promise<CodeCount[]> {
  return db.query(
    sql`SELECT category_code AS code, COUNT(*) AS n FROM volumes WHERE created_at >= ${bounds.start} AND created_at < ${bounds.end} GROUP BY category_code`
  )
}

export function volumesClosedByCategory(db: Db, bounds: YearBounds): Promise<CodeCount[]> {
  return db.query(
    sql`SELECT category_code AS code, COUNT(*) AS n FROM volumes WHERE closed_at >= ${bounds.start} AND closed_at < ${bounds.end} GROUP BY category_code`
  )
}

/**
 * Items and pages in the volumes closed in the year, by category. The volumes lead (CROSS JOIN keeps them outside):
 * left to itself, the planner read every item and looked its volume up.
 */
export function closedVolumeContentsByCategory(
  db: Db,
  bounds: YearBounds
): Promise<{ code: string; items: number; pages: number }[]> {
  return db.query(
    sql`SELECT v.category_code AS code, COUNT(i.id) AS items, COALESCE(SUM(i.page_count), 0) AS pages FROM volumes v CROSS JOIN items i ON i.volume_id = v.id
        WHERE v.closed_at >= ${bounds.start} AND v.closed_at < ${bounds.end} GROUP BY v.category_code`
  )
}

/** Inspections completed in the year by kind, with the records checked and what was found. */
export function inspectionsByKind(
  db: Db,
  bounds: YearBounds
): Promise<{ code: string; inspections: number; records: number; found: number; missing: number; damaged: number }[]> {
  return db.query(
    sql`SELECT s.kind AS code, COUNT(DISTINCT s.id) AS inspections, COUNT(f.id) AS records, COALESCE(SUM(f.state = 'found'), 0) AS found,
          COALESCE(SUM(f.state = 'missing'), 0) AS missing, COALESCE(SUM(f.state = 'damaged'), 0) AS damaged
        FROM inspections s LEFT JOIN inspection_findings f ON f.inspection_id = s.id
        WHERE s.status = 'completed' AND s.inspected_on BETWEEN ${bounds.firstDay} AND ${bounds.lastDay} GROUP BY s.kind`
  )
}

/** Incidents by kind: opened and resolved in the year, and still open at its end. */
export function incidentsByKind(
  db: Db,
  bounds: YearBounds
): Promise<
  { code: string; opened: number; found: number; repaired: number; writtenOff: number; openAtYearEnd: number }[]
> {
  return db.query(
    sql`SELECT kind AS code,
          SUM(opened_on BETWEEN b.first AND b.last) AS opened,
          COALESCE(SUM(resolved_on BETWEEN b.first AND b.last AND resolution = 'found'), 0) AS found,
          COALESCE(SUM(resolved_on BETWEEN b.first AND b.last AND resolution = 'repaired'), 0) AS repaired,
          COALESCE(SUM(resolved_on BETWEEN b.first AND b.last AND resolution = 'written_off'), 0) AS writtenOff,
          SUM(resolved_on IS NULL OR resolved_on > b.last) AS openAtYearEnd
        FROM incidents, (SELECT ${bounds.firstDay} AS first, ${bounds.lastDay} AS last) b WHERE opened_on <= b.last GROUP BY kind`
  )
}

/** Every environment reading of the year, by room path. */
export function environmentReadings(
  db: Db,
  bounds: YearBounds
): Promise<{ path: string; readOn: string; temperature: number; humidity: number }[]> {
  return db.query(
    sql`SELECT l.path, e.read_on AS readOn, e.temperature, e.humidity FROM environment_readings e JOIN locations l ON l.id = e.room_id
        WHERE e.read_on BETWEEN ${bounds.firstDay} AND ${bounds.lastDay} ORDER BY l.path`
  )
}

/**
 * Who one request's applicant is, for counting distinct people: staff by their account, or by name and department when
 * no account was linked; outsiders by name and unit. The same person entered once with and once without an account
 * counts twice — the paper form is what the archivist types in, and no better key exists.
 */
const PERSON = sql`CASE WHEN u.applicant_kind = 'external' THEN 'x|' || u.applicant_name || '|' || u.external_unit
  WHEN u.applicant_user_id IS NOT NULL THEN 'u|' || u.applicant_user_id ELSE 'n|' || u.applicant_name || '|' || u.department_code END`

/** Requests whose records went out (were granted) in the year, each with its number of records. */
const granted = (
  bounds: YearBounds
) => sql`SELECT u.*, (SELECT COUNT(*) FROM use_request_records r WHERE r.request_id = u.id) AS records
  FROM use_requests u WHERE u.out_on BETWEEN ${bounds.firstDay} AND ${bounds.lastDay}`

/** How requests are grouped; outsiders have no department, so they are one group with the empty code. */
const USE_GROUPS = {
  kind: sql`u.kind`,
  applicantKind: sql`u.applicant_kind`,
  department: sql`CASE WHEN u.applicant_kind = 'external' THEN '' ELSE u.department_code END`
}
export type UseGrouping = keyof typeof USE_GROUPS

/**
 * R-STAT-1: requests entered in the year that are uses of the archives: a request withdrawn (cancelled) or refused
 * never was one (refusals have their own column).
 */
export function requestsMadeBy(db: Db, grouping: UseGrouping, bounds: YearBounds): Promise<CodeCount[]> {
  return db.query(
    sql`SELECT ${USE_GROUPS[grouping]} AS code, COUNT(*) AS n FROM use_requests u WHERE u.created_at >= ${bounds.start} AND u.created_at < ${bounds.end}
          AND u.status NOT IN ('cancelled', 'refused')
        GROUP BY code`
  )
}

/** Requests granted in the year, with their records and the distinct people (and outsiders) who made them. */
export function grantedBy(
  db: Db,
  grouping: UseGrouping,
  bounds: YearBounds
): Promise<{ code: string; granted: number; recordsUsed: number; people: number; externalPeople: number }[]> {
  return db.query(
    sql`SELECT ${USE_GROUPS[grouping]} AS code, COUNT(*) AS granted, COALESCE(SUM(u.records), 0) AS recordsUsed, COUNT(DISTINCT ${PERSON}) AS people,
          COUNT(DISTINCT CASE WHEN u.applicant_kind = 'external' THEN ${PERSON} END) AS externalPeople
        FROM (${granted(bounds)}) u GROUP BY code`
  )
}

/**
 * Requests refused in the year (by the day of the refusing signature), by kind: the year's refusals from their own
 * index (migration 1765000000000), each with its request.
 */
export function refusalsByKind(db: Db, bounds: YearBounds): Promise<CodeCount[]> {
  return db.query(
    sql`SELECT u.kind AS code, COUNT(*) AS n FROM use_approvals a INDEXED BY use_approvals_refused CROSS JOIN use_requests u ON u.id = a.request_id
        WHERE a.decision = 'refused' AND a.withdrawn_at IS NULL AND a.signed_on BETWEEN ${bounds.firstDay} AND ${bounds.lastDay} GROUP BY u.kind`
  )
}

/**
 * Requests granted in the year by purpose: the `listed` most frequent as written (most requests first, then by text),
 * all others added up in one row whose purpose is null.
 */
export function grantedByPurpose(
  db: Db,
  bounds: YearBounds,
  listed: number
): Promise<{ purpose: string | null; granted: number; recordsUsed: number }[]> {
  return db.query(
    sql`SELECT CASE WHEN ranked.place <= ${listed} THEN ranked.purpose END AS purpose, SUM(ranked.granted) AS granted, SUM(ranked.recordsUsed) AS recordsUsed
        FROM (SELECT purpose, COUNT(*) AS granted, SUM(records) AS recordsUsed, ROW_NUMBER() OVER (ORDER BY COUNT(*) DESC, purpose) AS place
              FROM (${granted(bounds)}) g GROUP BY purpose) ranked
        GROUP BY 1 ORDER BY MIN(ranked.place)`
  )
}

/** Requests granted in the year with an effect recorded, by effect, one column per kind of request. */
export function effectsByKind(
  db: Db,
  bounds: YearBounds
): Promise<({ code: string } & Record<string, number | null>)[]> {
  const perKind = sql.join(
    USE_KINDS.map((kind) => sql`SUM(kind = ${kind}) AS ${sql.identifier(kind)}`),
    ', '
  )
  return db.query(
    sql`SELECT effect AS code, ${perKind} FROM (${granted(bounds)}) g WHERE effect IS NOT NULL GROUP BY effect`
  )
}

/**
 * Returns in the year by kind, loans overdue on `asOf`, and records found damaged or lost on return. A renewal entered
 * after `asOf` moved the due date later; on that day the loan was due on the date the renewal replaced.
 */
export function returnsByKind(
  db: Db,
  bounds: YearBounds,
  asOf: string
): Promise<({ code: string } & Record<string, number | null>)[]> {
  return db.query(
    sql`SELECT u.kind AS code,
          COALESCE(SUM(u.returned_on BETWEEN b.first AND b.last), 0) AS returned,
          COALESCE(SUM(u.returned_on BETWEEN b.first AND b.last AND u.returned_on > u.due_on), 0) AS returnedLate,
          COALESCE(SUM(u.out_on <= b.asOf AND (u.returned_on IS NULL OR u.returned_on > b.asOf) AND u.due_on IS NOT NULL
            AND COALESCE((SELECT w.previous_due_on FROM use_renewals w WHERE w.request_id = u.id AND w.renewed_on > b.asOf ORDER BY w.renewed_on, w.id LIMIT 1), u.due_on) < b.asOf), 0)
            AS overdueAtYearEnd,
          COALESCE(SUM(CASE WHEN u.returned_on BETWEEN b.first AND b.last
            THEN (SELECT COUNT(*) FROM use_request_records r WHERE r.request_id = u.id AND r.condition = 'damaged') END), 0) AS recordsDamaged,
          COALESCE(SUM(CASE WHEN u.returned_on BETWEEN b.first AND b.last
            THEN (SELECT COUNT(*) FROM use_request_records r WHERE r.request_id = u.id AND r.condition = 'lost') END), 0) AS recordsLost
        FROM use_requests u, (SELECT ${bounds.firstDay} AS first, ${bounds.lastDay} AS last, ${asOf} AS asOf) b
        WHERE u.out_on <= b.last AND (u.returned_on IS NULL OR u.returned_on >= b.first) GROUP BY u.kind`
  )
}

/** Entries of batches appraised in the year (by the day the appraisers signed), by kind of record. */
export function appraisedBySubject(
  db: Db,
  bounds: YearBounds
): Promise<{ code: string; listed: number; toDestroy: number; kept: number }[]> {
  return db.query(
    sql`SELECT e.subject AS code, COUNT(*) AS listed, COALESCE(SUM(e.decision = 'destroy'), 0) AS toDestroy, COALESCE(SUM(e.decision = 'keep'), 0) AS kept
        FROM appraisal_entries e JOIN appraisal_batches b ON b.id = e.batch_id WHERE b.appraised_on BETWEEN ${bounds.firstDay} AND ${bounds.lastDay}
        GROUP BY e.subject`
  )
}

/** Records pulled back from destruction at verification in the year, by kind of record. */
export function pulledBackBySubject(db: Db, bounds: YearBounds): Promise<CodeCount[]> {
  return db.query(
    sql`SELECT subject AS code, COUNT(*) AS n FROM appraisal_entries WHERE verification = 'pulled' AND verified_at >= ${bounds.start} AND verified_at < ${bounds.end}
        GROUP BY subject`
  )
}

/** Volumes destroyed in the year (by the day in the signed register), by category. */
export function volumesDestroyedByCategory(db: Db, bounds: YearBounds): Promise<CodeCount[]> {
  return db.query(
    sql`SELECT v.category_code AS code, COUNT(*) AS n FROM volumes v JOIN destruction_lines d ON d.id = v.register_line_id
        WHERE d.destroyed_on BETWEEN ${bounds.firstDay} AND ${bounds.lastDay} GROUP BY v.category_code`
  )
}

/** Items destroyed in the year, those destroyed inside their volume too, by category. */
export function itemsDestroyedByCategory(
  db: Db,
  bounds: YearBounds
): Promise<{ code: string; n: number; pages: number }[]> {
  return db.query(
    sql`SELECT i.category_code AS code, COUNT(*) AS n, SUM(i.page_count) AS pages FROM items i JOIN destruction_lines d ON d.id = i.register_line_id
        WHERE d.destroyed_on BETWEEN ${bounds.firstDay} AND ${bounds.lastDay} GROUP BY i.category_code`
  )
}

/** Holds placed and released in the year, and in force at its end. */
export async function holdsOfYear(
  db: Db,
  bounds: YearBounds
): Promise<{ placed: number; released: number; activeAtYearEnd: number }> {
  const [row] = await db.query<{ placed: number; released: number; activeAtYearEnd: number }>(
    sql`SELECT COALESCE(SUM(placed_at >= b.since AND placed_at < b.until), 0) AS placed,
          COALESCE(SUM(released_at >= b.since AND released_at < b.until), 0) AS released,
          COALESCE(SUM(placed_at < b.until AND (released_at IS NULL OR released_at >= b.until)), 0) AS activeAtYearEnd
        FROM holds, (SELECT ${bounds.start} AS since, ${bounds.end} AS until) b`
  )
  return row
}

/**
 * Each room that existed before `until`, with the equipment in it then and the records kept there. The room's places
 * lead and their records are found by home location (CROSS JOIN, and the unary + keeps the index on volume_id out):
 * otherwise every item outside a volume was read once per room.
 */
export function storageByRoom(
  db: Db,
  until: string
): Promise<{ path: string; racks: number; shelves: number; boxes: number; capacity: number; occupied: number }[]> {
  return db.query(
    sql`SELECT r.path,
          (SELECT COUNT(*) FROM locations d WHERE d.path LIKE r.path || '-%' AND d.kind = 'rack' AND d.created_at < b.until) AS racks,
          (SELECT COUNT(*) FROM locations d WHERE d.path LIKE r.path || '-%' AND d.kind = 'shelf' AND d.created_at < b.until) AS shelves,
          (SELECT COUNT(*) FROM locations d WHERE d.path LIKE r.path || '-%' AND d.kind = 'box' AND d.created_at < b.until) AS boxes,
          (SELECT COALESCE(SUM(d.capacity), 0) FROM locations d WHERE (d.id = r.id OR d.path LIKE r.path || '-%') AND d.created_at < b.until) AS capacity,
          (SELECT COUNT(*) FROM locations d CROSS JOIN volumes v ON v.home_location_id = d.id
             WHERE (d.id = r.id OR d.path LIKE r.path || '-%') AND v.custody <> 'destroyed' AND v.created_at < b.until)
          + (SELECT COUNT(*) FROM locations d CROSS JOIN items i ON i.home_location_id = d.id
             WHERE (d.id = r.id OR d.path LIKE r.path || '-%') AND +i.volume_id IS NULL AND i.custody <> 'destroyed' AND i.created_at < b.until) AS occupied
        FROM locations r, (SELECT ${until} AS until) b WHERE r.kind = 'room' AND r.created_at < b.until ORDER BY r.path`
  )
}

/** R-STAT-1: the archive's people (active archivists and archive managers) on the list before `until`, by name. */
export function archiveStaff(db: Db, until: string): Promise<{ name: string; role: Role }[]> {
  return db.query(
    sql`SELECT display_name AS name, role FROM users
        WHERE active = 1 AND created_at < ${until} AND role IN ${[...ARCHIVE_STAFF_ROLES]} ORDER BY display_name, id`
  )
}

/** The archive work each person did in the year, by their name as the reports print it. */
export function workByPerson(
  db: Db,
  bounds: YearBounds
): Promise<
  {
    name: string
    itemsRegistered: number
    itemsCatalogued: number
    volumesClosed: number
    inspections: number
    readings: number
  }[]
> {
  return db.query(
    sql`SELECT u.display_name AS name,
          (SELECT COUNT(*) FROM items i WHERE i.created_by = u.id AND i.created_at >= b.since AND i.created_at < b.until) AS itemsRegistered,
          (SELECT COUNT(*) FROM audit_log a WHERE a.user_id = u.id AND a.entity = 'item' AND a.action = 'catalogue' AND a.at >= b.since AND a.at < b.until) AS itemsCatalogued,
          (SELECT COUNT(*) FROM audit_log a WHERE a.user_id = u.id AND a.entity = 'volume' AND a.action = 'close' AND a.at >= b.since AND a.at < b.until) AS volumesClosed,
          (SELECT COUNT(*) FROM inspections s WHERE s.completed_by = u.id AND s.completed_at >= b.since AND s.completed_at < b.until) AS inspections,
          (SELECT COUNT(*) FROM environment_readings e WHERE e.recorded_by = u.id AND e.recorded_at >= b.since AND e.recorded_at < b.until) AS readings
        FROM users u, (SELECT ${bounds.start} AS since, ${bounds.end} AS until) b ORDER BY u.display_name, u.id`
  )
}
