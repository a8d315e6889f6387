import type { Db } from '../db/connection'
import type { RecordKind, RecordRef, RecordSummary } from '../../src-preload/contract'
import type { DisposalFacts } from '../policy/disposal'
import { recordSummaries } from './records'

// Volumes and loose items are appraised as units; an item inside a volume goes with its volume (R-DISP-4).
export const DUE_UNION = `SELECT 'volume' AS subject, id, expires_on AS expiresOn, archival_code AS code, year, category_code AS categoryCode,
    department_code AS departmentCode, retention_years AS retentionYears
  FROM volumes WHERE expires_on IS NOT NULL AND expires_on <= ? AND custody <> 'destroyed'
  UNION ALL
  SELECT 'item', id, expires_on, archival_code, year, category_code, department_code, retention_years
  FROM items WHERE volume_id IS NULL AND archival_code IS NOT NULL AND expires_on IS NOT NULL AND expires_on <= ? AND custody <> 'destroyed'`

const TABLE: Record<RecordKind, string> = { item: 'items', volume: 'volumes' }

/** Open holds naming the record, its volume or items, or the customer whose file it belongs to (R-DISP-3). */
const COVERING_HOLDS: Record<RecordKind, string> = {
  item: `SELECT DISTINCT h.name FROM holds h JOIN hold_subjects s ON s.hold_id = h.id, items i
    WHERE i.id = ? AND h.released_at IS NULL AND ((s.subject = 'item' AND s.subject_id = i.id)
      OR (s.subject = 'volume' AND s.subject_id = i.volume_id) OR (s.subject = 'customer' AND s.subject_id = i.customer_id))
    ORDER BY h.id`,
  volume: `SELECT DISTINCT h.name FROM holds h JOIN hold_subjects s ON s.hold_id = h.id
    WHERE h.released_at IS NULL AND ((s.subject = 'volume' AND s.subject_id = ?)
      OR (s.subject = 'item' AND s.subject_id IN (SELECT id FROM items WHERE volume_id = ?))
      OR (s.subject = 'customer' AND s.subject_id IN (SELECT customer_id FROM items WHERE volume_id = ? AND customer_id IS NOT NULL)))
    ORDER BY h.id`
}

/** Custody of the record and of whatever travels with it: an item's volume, a volume's items. */
const OUT: Record<RecordKind, string> = {
  item: `SELECT custody FROM (SELECT custody FROM items WHERE id = ? UNION ALL
    SELECT v.custody FROM volumes v JOIN items i ON i.volume_id = v.id WHERE i.id = ?) WHERE custody IN ('on_loan', 'reading_room') LIMIT 1`,
  volume: `SELECT custody FROM (SELECT custody FROM volumes WHERE id = ? UNION ALL
    SELECT custody FROM items WHERE volume_id = ?) WHERE custody IN ('on_loan', 'reading_room') LIMIT 1`
}

const MISSING: Record<RecordKind, string> = {
  item: `SELECT COUNT(*) AS n FROM incidents n, items i WHERE i.id = ? AND n.resolved_at IS NULL AND n.kind = 'missing'
    AND ((n.subject = 'item' AND n.subject_id = i.id) OR (n.subject = 'volume' AND n.subject_id = i.volume_id))`,
  volume: `SELECT COUNT(*) AS n FROM incidents n WHERE n.resolved_at IS NULL AND n.kind = 'missing'
    AND ((n.subject = 'volume' AND n.subject_id = ?) OR (n.subject = 'item' AND n.subject_id IN (SELECT id FROM items WHERE volume_id = ?)))`
}

/** An open batch still counts the record while it is undecided, to be destroyed, or verified to go. */
export const OPEN_BATCH_OF = `SELECT e.batch_id AS batchId FROM appraisal_entries e JOIN appraisal_batches b ON b.id = e.batch_id
  WHERE e.subject = ? AND e.subject_id = ? AND b.state IN ('listed', 'awaiting', 'verified')
    AND (e.decision IS NULL OR e.decision = 'destroy') AND (e.verification IS NULL OR e.verification = 'confirmed') AND b.id <> ?
  LIMIT 1`

/** Runs a query whose every `?` stands for the same record id. */
const forRecord = (db: Db, sql: string, id: number) => db.query(sql, Array.from(sql.matchAll(/\?/g), () => id))

export interface RecordDisposalFacts {
  summary: RecordSummary
  retentionYears: number | null
  facts: DisposalFacts
}

export async function coveringHolds(db: Db, ref: RecordRef): Promise<string[]> {
  const rows: { name: string }[] = await forRecord(db, COVERING_HOLDS[ref.subject], ref.id)
  return rows.map((row) => row.name)
}

/** Everything the disposal rules read about each record, in the order named; `batchId` is the batch being worked on. */
export async function disposalFacts(db: Db, refs: RecordRef[], batchId = 0): Promise<RecordDisposalFacts[]> {
  const summaries = await recordSummaries(db, refs)
  const result: RecordDisposalFacts[] = []
  for (const summary of summaries) {
    const ref = { subject: summary.subject, id: summary.id }
    const [retention] = await db.query(`SELECT retention_years AS years, expires_on AS expiresOn FROM ${TABLE[ref.subject]} WHERE id = ?`, [ref.id])
    const [out] = await forRecord(db, OUT[ref.subject], ref.id)
    const [{ n: missing }] = await forRecord(db, MISSING[ref.subject], ref.id)
    const [openBatch] = await db.query(OPEN_BATCH_OF, [ref.subject, ref.id, batchId])
    result.push({
      summary,
      retentionYears: retention.years,
      facts: {
        code: summary.archivalCode ?? summary.title,
        custody: summary.custody,
        out: out?.custody ?? null,
        missing: Number(missing),
        holds: await coveringHolds(db, ref),
        // An uncoded item has no period running yet; it counts as kept like a permanent one.
        expiresOn: summary.archivalCode === null ? null : retention.expiresOn,
        volumeCode: summary.volumeCode,
        openBatchId: openBatch ? Number(openBatch.batchId) : null
      }
    })
  }
  return result
}
