import type { ParsedInput, RecordKind, RecordRef } from '@preload/contract'
import type { Db } from './connection'
import { sql, type SqlQuery } from './sql'

type DueQuery = ParsedInput<'disposal.due'>

const RECORD_TABLE: Record<RecordKind, SqlQuery> = { item: sql`items`, volume: sql`volumes` }

const dueVolumes = (today: string) =>
  sql`FROM volumes WHERE expires_on IS NOT NULL AND expires_on <= ${today} AND custody <> 'destroyed'`
const dueLooseItems = (today: string) =>
  sql`FROM items INDEXED BY items_loose_expiry WHERE volume_id IS NULL AND archival_code IS NOT NULL AND expires_on IS NOT NULL AND expires_on <= ${today} AND custody <> 'destroyed'`

/**
 * Records whose retention period has ended by `today` and that are not destroyed. Volumes and loose items are
 * appraised as units; an item inside a volume goes with its volume (R-DISP-4). Loose items are read by their expiry
 * and custody (migration 1765900000000), named because the planner, with no statistics, took the index on volume_id
 * and read every item outside a volume.
 */
export const dueRecords = (
  today: string
) => sql`SELECT 'volume' AS subject, id, expires_on AS expiresOn, archival_code AS code, year,
    category_code AS categoryCode, department_code AS departmentCode, retention_years AS retentionYears
  ${dueVolumes(today)}
  UNION ALL
  SELECT 'item', id, expires_on, archival_code, year, category_code, department_code, retention_years
  ${dueLooseItems(today)}`

/** The same records by their keys alone, which the index answers without reading the items. */
export const dueRecordKeys = (today: string) =>
  sql`SELECT 'volume' AS subject, id ${dueVolumes(today)} UNION ALL SELECT 'item', id ${dueLooseItems(today)}`

function dueConditions(query: DueQuery) {
  const conditions = []
  if (query.year && query.year.length > 0) conditions.push(sql`year IN ${query.year}`)
  if (query.categoryCode && query.categoryCode.length > 0) conditions.push(sql`categoryCode IN ${query.categoryCode}`)
  if (query.departmentCode && query.departmentCode.length > 0)
    conditions.push(sql`departmentCode IN ${query.departmentCode}`)
  if (query.subject) conditions.push(sql`subject = ${query.subject}`)
  return sql.where(conditions)
}

export async function countDue(db: Db, query: DueQuery, today: string): Promise<number> {
  const [{ total }] = await db.query<{ total: number }>(
    sql`SELECT COUNT(*) AS total FROM (${dueRecords(today)}) ${dueConditions(query)}`
  )
  return total
}

/** One page of the records due, those that expired first at the top. */
export function duePage(
  db: Db,
  query: DueQuery,
  today: string
): Promise<{ subject: RecordKind; id: number; expiresOn: string; retentionYears: number }[]> {
  return db.query(
    sql`SELECT subject, id, expiresOn, retentionYears FROM (${dueRecords(today)}) ${dueConditions(query)} ORDER BY expiresOn, code
        LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`
  )
}

/**
 * An entry `e` of a batch `b` that still holds its record: the batch is open and the record undecided, to be destroyed,
 * or verified to go. A record kept or pulled back is free for another batch, and the workbench asks for it again.
 */
export const TAKEN_UP = sql`b.state IN ('listed', 'awaiting', 'verified') AND (e.decision IS NULL OR e.decision = 'destroy')
  AND (e.verification IS NULL OR e.verification = 'confirmed')`

/** The open batch that still holds the record (`TAKEN_UP`). `exceptBatchId` is the batch being worked on (0 for none). */
export async function openBatchOf(db: Db, ref: RecordRef, exceptBatchId: number): Promise<number | null> {
  const [row] = await db.query<{ batchId: number }>(
    sql`SELECT e.batch_id AS batchId FROM appraisal_entries e JOIN appraisal_batches b ON b.id = e.batch_id
        WHERE e.subject = ${ref.subject} AND e.subject_id = ${ref.id} AND ${TAKEN_UP} AND b.id <> ${exceptBatchId}
        LIMIT 1`
  )
  return row ? Number(row.batchId) : null
}

/** Open holds naming the record, its volume or items, or the customer whose file it belongs to (R-DISP-3). */
export async function coveringHolds(db: Db, ref: RecordRef): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    ref.subject === 'item'
      ? sql`SELECT DISTINCT h.name FROM holds h JOIN hold_subjects s ON s.hold_id = h.id, items i
            WHERE i.id = ${ref.id} AND h.released_at IS NULL AND ((s.subject = 'item' AND s.subject_id = i.id)
              OR (s.subject = 'volume' AND s.subject_id = i.volume_id) OR (s.subject = 'customer' AND s.subject_id = i.customer_id))
            ORDER BY h.id`
      : sql`SELECT DISTINCT h.name FROM holds h JOIN hold_subjects s ON s.hold_id = h.id
            WHERE h.released_at IS NULL AND ((s.subject = 'volume' AND s.subject_id = ${ref.id})
              OR (s.subject = 'item' AND s.subject_id IN (SELECT id FROM items WHERE volume_id = ${ref.id}))
              OR (s.subject = 'customer' AND s.subject_id IN (SELECT customer_id FROM items WHERE volume_id = ${ref.id} AND customer_id IS NOT NULL)))
            ORDER BY h.id`
  )
  return rows.map((row) => row.name)
}

export async function retentionOf(db: Db, ref: RecordRef): Promise<{ years: number | null; expiresOn: string | null }> {
  const [row] = await db.query(
    sql`SELECT retention_years AS years, expires_on AS expiresOn FROM ${RECORD_TABLE[ref.subject]} WHERE id = ${ref.id}`
  )
  return row
}

/** Where the record, or whatever travels with it (an item's volume, a volume's items), is out: on loan or being read. */
export async function custodyOut(db: Db, ref: RecordRef): Promise<'on_loan' | 'reading_room' | null> {
  const [row] = await db.query<{ custody: 'on_loan' | 'reading_room' }>(
    ref.subject === 'item'
      ? sql`SELECT custody FROM (SELECT custody FROM items WHERE id = ${ref.id} UNION ALL
              SELECT v.custody FROM volumes v JOIN items i ON i.volume_id = v.id WHERE i.id = ${ref.id})
            WHERE custody IN ('on_loan', 'reading_room') LIMIT 1`
      : sql`SELECT custody FROM (SELECT custody FROM volumes WHERE id = ${ref.id} UNION ALL
              SELECT custody FROM items WHERE volume_id = ${ref.id}) WHERE custody IN ('on_loan', 'reading_room') LIMIT 1`
  )
  return row?.custody ?? null
}

/** Open incidents reporting the record, its volume or one of its items missing. */
export async function openMissingReports(db: Db, ref: RecordRef): Promise<number> {
  const [{ n }] = await db.query<{ n: number }>(
    ref.subject === 'item'
      ? sql`SELECT COUNT(*) AS n FROM incidents n, items i WHERE i.id = ${ref.id} AND n.resolved_at IS NULL AND n.kind = 'missing'
            AND ((n.subject = 'item' AND n.subject_id = i.id) OR (n.subject = 'volume' AND n.subject_id = i.volume_id))`
      : sql`SELECT COUNT(*) AS n FROM incidents n WHERE n.resolved_at IS NULL AND n.kind = 'missing'
            AND ((n.subject = 'volume' AND n.subject_id = ${ref.id}) OR (n.subject = 'item' AND n.subject_id IN (SELECT id FROM items WHERE volume_id = ${ref.id})))`
  )
  return Number(n)
}

/** The record's retention and, once destroyed, its line in the destruction register. */
export async function retentionAndRegisterLine(
  db: Db,
  ref: RecordRef
): Promise<
  { retentionYears: number | null; expiresOn: string | null } & (
    { registerId: null; lineNo: null; destroyedOn: null } | { registerId: number; lineNo: number; destroyedOn: string }
  )
> {
  const [row] = await db.query(
    sql`SELECT s.retention_years AS retentionYears, s.expires_on AS expiresOn, l.register_id AS registerId, l.line_no AS lineNo,
          l.destroyed_on AS destroyedOn
        FROM ${RECORD_TABLE[ref.subject]} s LEFT JOIN destruction_lines l ON l.id = s.register_line_id WHERE s.id = ${ref.id}`
  )
  return row
}
