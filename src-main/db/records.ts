import type { RecordKind, RecordSummary } from '@preload/contract'
import type { Db } from './connection'
import { containsPattern } from './full-text'
import { itemIdsMatching } from './item-search'
import { sql } from './sql'

/**
 * R-KEEP-3: an item is flagged while an incident on it or on its volume is open (`i` is the item). The unary + keeps
 * SQLite from reading every open incident per row through incidents_open (2 ms a page of 20 with 400 open): it looks
 * the subject up in incidents_subject instead.
 */
export const OPEN_ITEM_INCIDENTS = sql`(SELECT COUNT(*) FROM incidents n WHERE +n.resolved_at IS NULL AND
  ((n.subject = 'item' AND n.subject_id = i.id) OR (n.subject = 'volume' AND n.subject_id = i.volume_id)))`
const OPEN_VOLUME_INCIDENTS = sql`(SELECT COUNT(*) FROM incidents n WHERE +n.resolved_at IS NULL AND
  ((n.subject = 'volume' AND n.subject_id = v.id) OR (n.subject = 'item' AND n.subject_id IN (SELECT id FROM items WHERE volume_id = v.id))))`

const ITEM_SUMMARY = sql`SELECT 'item' AS subject, i.id, i.archival_code AS archivalCode, i.title, i.document_number AS documentNumber,
    i.responsible_party AS responsibleParty, i.date_formed AS dateFormed, i.year, i.category_code AS categoryCode,
    i.retention_code AS retentionCode, i.department_code AS departmentCode, i.classification, i.page_count AS pageCount,
    i.sealed_original AS sealedOriginal, i.customer_id AS customerId, i.volume_id AS volumeId, v.archival_code AS volumeCode,
    i.custody, CASE WHEN i.custody = 'in_store' AND v.id IS NOT NULL THEN v.custody ELSE i.custody END AS effectiveCustody,
    COALESCE(vh.path, h.path) AS homePath, COALESCE(vc.path, c.path) AS currentPath, ${OPEN_ITEM_INCIDENTS} AS openIncidents
  FROM items i LEFT JOIN volumes v ON v.id = i.volume_id
    LEFT JOIN locations h ON h.id = i.home_location_id LEFT JOIN locations c ON c.id = i.current_location_id
    LEFT JOIN locations vh ON vh.id = v.home_location_id LEFT JOIN locations vc ON vc.id = v.current_location_id`

// A volume's page count is its items'; it counts as a customer's file when any item belongs to one customer.
const VOLUME_SUMMARY = sql`SELECT 'volume' AS subject, v.id, v.archival_code AS archivalCode, v.title, '' AS documentNumber,
    '' AS responsibleParty, COALESCE((SELECT MIN(date_formed) FROM items WHERE volume_id = v.id), '') AS dateFormed, v.year,
    v.category_code AS categoryCode, v.retention_code AS retentionCode, v.department_code AS departmentCode, v.classification,
    COALESCE((SELECT SUM(page_count) FROM items WHERE volume_id = v.id), 0) AS pageCount,
    COALESCE((SELECT MAX(sealed_original) FROM items WHERE volume_id = v.id), 0) AS sealedOriginal,
    (SELECT MIN(customer_id) FROM items WHERE volume_id = v.id) AS customerId, NULL AS volumeId, NULL AS volumeCode,
    v.custody, CASE WHEN v.custody = 'in_store' AND EXISTS (SELECT 1 FROM items WHERE volume_id = v.id AND custody <> 'in_store')
      THEN (SELECT custody FROM items WHERE volume_id = v.id AND custody <> 'in_store' LIMIT 1) ELSE v.custody END AS effectiveCustody,
    h.path AS homePath, c.path AS currentPath, ${OPEN_VOLUME_INCIDENTS} AS openIncidents
  FROM volumes v LEFT JOIN locations h ON h.id = v.home_location_id LEFT JOIN locations c ON c.id = v.current_location_id`

/** Keeps each statement well under SQLite's limit on bound values. */
const IDS_PER_QUERY = 500

type StoredSummary = Omit<RecordSummary, 'sealedOriginal'> & { sealedOriginal: number | boolean }

/** SQLite keeps booleans as 0 and 1. */
const summaryOf = (row: StoredSummary): RecordSummary => ({
  ...row,
  sealedOriginal: Boolean(row.sealedOriginal),
  openIncidents: Number(row.openIncidents)
})

/** The summaries of the records of one kind that exist among the ids, in no particular order. */
export async function findRecordSummaries(db: Db, subject: RecordKind, ids: number[]): Promise<RecordSummary[]> {
  const summaries: RecordSummary[] = []
  for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
    const chunk = ids.slice(start, start + IDS_PER_QUERY)
    const query =
      subject === 'item' ? sql`${ITEM_SUMMARY} WHERE i.id IN ${chunk}` : sql`${VOLUME_SUMMARY} WHERE v.id IN ${chunk}`
    summaries.push(...(await db.query<StoredSummary>(query)).map(summaryOf))
  }
  return summaries
}

/** Volumes not destroyed whose code or title contains the text, by code. */
export async function volumeSummariesContaining(db: Db, text: string, limit: number): Promise<RecordSummary[]> {
  const like = containsPattern(text)
  const rows = await db.query<StoredSummary>(
    sql`${VOLUME_SUMMARY} WHERE v.custody <> 'destroyed' AND (v.archival_code LIKE ${like} ESCAPE '\\' OR v.title LIKE ${like} ESCAPE '\\')
     ORDER BY v.archival_code LIMIT ${limit}`
  )
  return rows.map(summaryOf)
}

/** Items not destroyed whose search row contains the text, by code with uncoded items last. */
export async function itemSummariesMatching(db: Db, text: string, limit: number): Promise<RecordSummary[]> {
  const rows = await db.query<StoredSummary>(
    sql`${ITEM_SUMMARY} WHERE i.custody <> 'destroyed' AND i.id IN (${itemIdsMatching(text)}) ORDER BY i.archival_code IS NULL, i.archival_code LIMIT ${limit}`
  )
  return rows.map(summaryOf)
}
