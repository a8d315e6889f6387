import type { Hold, HoldSubject } from '@preload/contract'
import { pageOf, type Db, firstRow } from './connection'
import { sql } from './sql'

/** A hold without its subjects, which are rows of their own. */
export type HoldRecord = Omit<Hold, 'subjects'>

const HOLD_COLUMNS = sql`h.id, h.name, h.reason, pu.username AS placedBy, h.placed_at AS placedAt, ru.username AS releasedBy,
  h.released_at AS releasedAt, h.release_reason AS releaseReason`
const HOLD_FROM = sql`FROM holds h JOIN users pu ON pu.id = h.placed_by LEFT JOIN users ru ON ru.id = h.released_by`

const STATE_CONDITION = {
  open: sql`WHERE h.released_at IS NULL`,
  released: sql`WHERE h.released_at IS NOT NULL`,
  all: sql.empty
}

/** Newest first, one page, with the number of all holds in that state. */
export async function listHolds(
  db: Db,
  state: keyof typeof STATE_CONDITION,
  page: { limit: number; offset: number }
): Promise<{ rows: HoldRecord[]; total: number }> {
  const where = STATE_CONDITION[state]
  return pageOf<HoldRecord>(
    db,
    sql`SELECT COUNT(*) AS total FROM holds h ${where}`,
    sql`SELECT ${HOLD_COLUMNS} ${HOLD_FROM} ${where} ORDER BY h.placed_at DESC, h.id DESC LIMIT ${page.limit} OFFSET ${page.offset}`
  )
}

export function findHold(db: Db, id: number): Promise<HoldRecord | undefined> {
  return firstRow<HoldRecord>(db, sql`SELECT ${HOLD_COLUMNS} ${HOLD_FROM} WHERE h.id = ${id}`)
}

/** What the hold covers, in the order placed, labelled as a person recognises them: a record by code and title, a customer by name. */
export function holdSubjects(db: Db, holdId: number): Promise<Hold['subjects']> {
  return db.query(
    sql`SELECT s.subject, s.subject_id AS id,
    CASE s.subject
      WHEN 'item' THEN (SELECT COALESCE(archival_code || ' ', '') || title FROM items WHERE id = s.subject_id)
      WHEN 'volume' THEN (SELECT archival_code || ' ' || title FROM volumes WHERE id = s.subject_id)
      ELSE (SELECT name FROM customers WHERE id = s.subject_id) END AS label
  FROM hold_subjects s WHERE s.hold_id = ${holdId} ORDER BY s.id`
  )
}

export async function insertHold(
  db: Db,
  hold: { name: string; reason: string; placedAt: string; placedBy: number | null }
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    sql`INSERT INTO holds (name, reason, placed_at, placed_by) VALUES (${hold.name}, ${hold.reason}, ${hold.placedAt}, ${hold.placedBy}) RETURNING id`
  )
  return Number(row.id)
}

/** Naming the same subject twice in one hold keeps one row. */
export async function insertHoldSubject(
  db: Db,
  holdId: number,
  subject: HoldSubject,
  subjectId: number
): Promise<void> {
  await db.query(
    sql`INSERT OR IGNORE INTO hold_subjects (hold_id, subject, subject_id) VALUES (${holdId}, ${subject}, ${subjectId})`
  )
}

export async function releaseHold(
  db: Db,
  id: number,
  release: { releasedAt: string; releasedBy: number | null; reason: string }
): Promise<void> {
  await db.query(
    sql`UPDATE holds SET released_at = ${release.releasedAt}, released_by = ${release.releasedBy}, release_reason = ${release.reason} WHERE id = ${id}`
  )
}
