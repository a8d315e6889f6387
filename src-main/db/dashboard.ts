import type { UseKind } from '@preload/contract'
import type { Db } from './connection'
import { dueRecordKeys, TAKEN_UP } from './disposal'
import { sql } from './sql'

/**
 * Items not yet filed: received, or catalogued but not on a shelf. Item-level filing (DA/T 22) counts as filed once
 * the coded item is on its shelf; volumes count their items. Written as the partial indexes of migration
 * 1764800000000 are, and the queries below name those indexes: the database keeps no statistics (no ANALYZE), so
 * SQLite's planner otherwise prefers the index on (status, date_formed) and reads every received item for the count
 * (40 ms instead of 0.5 at 200 000 items).
 */
const UNFILED = sql`(status = 'received' OR (status = 'catalogued' AND home_location_id IS NULL))`

export type UnfiledItem = { id: number; title: string; archivalCode: string | null; receivedOn: string; year: number }
const UNFILED_COLUMNS = sql`id, title, archival_code AS archivalCode, received_on AS receivedOn, year`

/** R-CUST-3: unfiled customer materials received on or before the day: how many, and the first `limit` received. */
export async function unfiledCustomerMaterials(
  db: Db,
  receivedBy: string,
  limit: number
): Promise<{ count: number; first: UnfiledItem[] }> {
  const where = sql`WHERE customer_id IS NOT NULL AND ${UNFILED} AND received_on <= ${receivedBy}`
  const [{ count }] = await db.query<{ count: number }>(
    sql`SELECT COUNT(*) AS count FROM items INDEXED BY items_unfiled_received ${where}`
  )
  const first = await db.query<UnfiledItem>(
    sql`SELECT ${UNFILED_COLUMNS} FROM items INDEXED BY items_unfiled_received ${where} ORDER BY received_on, id LIMIT ${limit}`
  )
  return { count, first }
}

/** R-FILE-9: unfiled items of the year or earlier: how many, and the first `limit` by year. */
export async function unfiledUpToYear(
  db: Db,
  year: number,
  limit: number
): Promise<{ count: number; first: UnfiledItem[] }> {
  const where = sql`WHERE ${UNFILED} AND year <= ${year}`
  const [{ count }] = await db.query<{ count: number }>(
    sql`SELECT COUNT(*) AS count FROM items INDEXED BY items_unfiled_year ${where}`
  )
  const first = await db.query<UnfiledItem>(
    sql`SELECT ${UNFILED_COLUMNS} FROM items INDEXED BY items_unfiled_year ${where} ORDER BY year, id LIMIT ${limit}`
  )
  return { count, first }
}

/**
 * The counts keptByCategoryAndYear reads, made anew from every item and volume. A restore runs it: the counts a backup
 * brings are its word only (a key holder's edit, an unsealed file), and the triggers would carry a wrong start on.
 */
export async function countHoldingsAnew(db: Db): Promise<void> {
  await db.query(sql`DELETE FROM holdings_counts`)
  await db.query(
    sql`INSERT INTO holdings_counts (subject, category_code, year, n, pages)
        SELECT 'item', category_code, year, COUNT(*), SUM(page_count) FROM items
        WHERE custody <> 'destroyed' GROUP BY category_code, year
        UNION ALL
        SELECT 'volume', category_code, year, COUNT(*), 0 FROM volumes
        WHERE custody <> 'destroyed' GROUP BY category_code, year`
  )
}

/**
 * Records kept now (not destroyed), counted by category and year together; pages only for items, which have them.
 * Read from the counts the triggers of migration 1765800000000 keep, not by counting the records.
 */
export function keptByCategoryAndYear(
  db: Db,
  table: 'items' | 'volumes'
): Promise<{ category: string; year: number; n: number; pages: number }[]> {
  return db.query(
    sql`SELECT category_code AS category, year, n, pages FROM holdings_counts
        WHERE subject = ${table === 'items' ? 'item' : 'volume'} AND n > 0`
  )
}

/**
 * How many items are kept now (not destroyed) in these years and categories (all when none are given): the sum of the
 * counts the triggers keep, exact at any size without reading an item.
 */
export async function keptItemsCount(db: Db, years: readonly number[], categories: readonly string[]): Promise<number> {
  const [{ n }] = await db.query<{ n: number }>(
    sql`SELECT COALESCE(SUM(n), 0) AS n FROM holdings_counts ${sql.where([
      sql`subject = 'item'`,
      ...(years.length > 0 ? [sql`year IN ${years}`] : []),
      ...(categories.length > 0 ? [sql`category_code IN ${categories}`] : [])
    ])}`
  )
  return Number(n)
}

/** Requests whose records went out between two days, by month (`YYYY-MM`) and kind. */
export function grantedByMonth(
  db: Db,
  from: string,
  to: string
): Promise<{ month: string; kind: UseKind; n: number }[]> {
  return db.query(
    sql`SELECT substr(out_on, 1, 7) AS month, kind, COUNT(*) AS n FROM use_requests WHERE out_on >= ${from} AND out_on <= ${to} GROUP BY month, kind`
  )
}

/** The day of the last periodic inspection completed, if any. */
export async function lastPeriodicInspection(db: Db): Promise<string | null> {
  const [{ last }] = await db.query<{ last: string | null }>(
    sql`SELECT MAX(inspected_on) AS last FROM inspections WHERE kind = 'periodic' AND status = 'completed'`
  )
  return last
}

export async function draftInspections(db: Db): Promise<number> {
  const [{ drafts }] = await db.query<{ drafts: number }>(
    sql`SELECT COUNT(*) AS drafts FROM inspections WHERE status = 'draft'`
  )
  return drafts
}

export async function unresolvedIncidents(db: Db): Promise<number> {
  const [{ open }] = await db.query<{ open: number }>(
    sql`SELECT COUNT(*) AS open FROM incidents WHERE resolved_at IS NULL`
  )
  return open
}

/** Every room with its reading of the day, when there is one. */
export function roomReadingsOn(
  db: Db,
  day: string
): Promise<{ path: string; temperature: number | null; humidity: number | null; readOn: string | null }[]> {
  return db.query(
    sql`SELECT l.path, e.temperature, e.humidity, e.read_on AS readOn FROM locations l
        LEFT JOIN environment_readings e ON e.room_id = l.id AND e.read_on = ${day} WHERE l.kind = 'room' ORDER BY l.path`
  )
}

export async function loansDueOn(db: Db, day: string): Promise<number> {
  const [{ due }] = await db.query<{ due: number }>(
    sql`SELECT COUNT(*) AS due FROM use_requests WHERE status = 'out' AND kind = 'loan' AND due_on = ${day}`
  )
  return due
}

/** Loans out and due before the day, with the oldest due date. */
export async function loansDueBefore(db: Db, day: string): Promise<{ late: number; oldest: string | null }> {
  const [row] = await db.query<{ late: number; oldest: string | null }>(
    sql`SELECT COUNT(*) AS late, MIN(due_on) AS oldest FROM use_requests WHERE status = 'out' AND kind = 'loan' AND due_on < ${day}`
  )
  return row
}

/**
 * Consultations still out that went out before the day, with the earliest day out: the few still out, by status,
 * rather than every consultation ever made by its day out, which the planner would otherwise choose.
 */
export async function consultationsOutBefore(db: Db, day: string): Promise<{ open: number; oldest: string | null }> {
  const [row] = await db.query<{ open: number; oldest: string | null }>(
    sql`SELECT COUNT(*) AS open, MIN(out_on) AS oldest FROM use_requests INDEXED BY use_requests_status
        WHERE status = 'out' AND kind = 'consultation' AND out_on < ${day}`
  )
  return row
}

/** Records due for appraisal that no open batch holds, as the disposal page marks them (`openBatchOf`). */
export async function dueNotInOpenBatch(db: Db, today: string): Promise<number> {
  const [{ count }] = await db.query<{ count: number }>(
    sql`SELECT COUNT(*) AS count FROM (${dueRecordKeys(today)}) due WHERE NOT EXISTS (
          SELECT 1 FROM appraisal_entries e JOIN appraisal_batches b ON b.id = e.batch_id
          WHERE e.subject = due.subject AND e.subject_id = due.id AND ${TAKEN_UP})`
  )
  return count
}

/** Batches whose hold period has ended by the day, or that are verified and wait for destruction. */
export async function batchesReadyForDestruction(db: Db, today: string): Promise<number> {
  const [{ count }] = await db.query<{ count: number }>(
    sql`SELECT COUNT(*) AS count FROM appraisal_batches WHERE (state = 'awaiting' AND hold_until <= ${today}) OR state = 'verified'`
  )
  return count
}

export async function unreleasedHolds(db: Db): Promise<number> {
  const [{ count }] = await db.query<{ count: number }>(
    sql`SELECT COUNT(*) AS count FROM holds WHERE released_at IS NULL`
  )
  return count
}
