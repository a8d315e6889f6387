import type { Db } from '../db/connection'
import type { RecordKind, RecordRef, RecordSummary } from '../../src-preload/contract'
import { notFound } from '../errors'
import type { Store } from '../store'
import { containsPattern, ftsCondition } from './item-search'

/** R-KEEP-3: an item is flagged while an incident on it or on its volume is open (`i` is the item). */
export const OPEN_ITEM_INCIDENTS = `(SELECT COUNT(*) FROM incidents n WHERE n.resolved_at IS NULL AND
  ((n.subject = 'item' AND n.subject_id = i.id) OR (n.subject = 'volume' AND n.subject_id = i.volume_id)))`
const OPEN_VOLUME_INCIDENTS = `(SELECT COUNT(*) FROM incidents n WHERE n.resolved_at IS NULL AND
  ((n.subject = 'volume' AND n.subject_id = v.id) OR (n.subject = 'item' AND n.subject_id IN (SELECT id FROM items WHERE volume_id = v.id))))`

const ITEM_SUMMARY = `SELECT 'item' AS subject, i.id, i.archival_code AS archivalCode, i.title, i.document_number AS documentNumber,
    i.responsible_party AS responsibleParty, i.date_formed AS dateFormed, i.year, i.category_code AS categoryCode,
    i.retention_code AS retentionCode, i.department_code AS departmentCode, i.classification, i.page_count AS pageCount,
    i.sealed_original AS sealedOriginal, i.customer_id AS customerId, i.volume_id AS volumeId, v.archival_code AS volumeCode,
    i.custody, CASE WHEN i.custody = 'in_store' AND v.id IS NOT NULL THEN v.custody ELSE i.custody END AS effectiveCustody,
    COALESCE(vh.path, h.path) AS homePath, COALESCE(vc.path, c.path) AS currentPath, ${OPEN_ITEM_INCIDENTS} AS openIncidents
  FROM items i LEFT JOIN volumes v ON v.id = i.volume_id
    LEFT JOIN locations h ON h.id = i.home_location_id LEFT JOIN locations c ON c.id = i.current_location_id
    LEFT JOIN locations vh ON vh.id = v.home_location_id LEFT JOIN locations vc ON vc.id = v.current_location_id`

// A volume's page count is its items'; it counts as a customer's file when any item belongs to one customer.
const VOLUME_SUMMARY = `SELECT 'volume' AS subject, v.id, v.archival_code AS archivalCode, v.title, '' AS documentNumber,
    '' AS responsibleParty, COALESCE((SELECT MIN(date_formed) FROM items WHERE volume_id = v.id), '') AS dateFormed, v.year,
    v.category_code AS categoryCode, v.retention_code AS retentionCode, v.department_code AS departmentCode, v.classification,
    COALESCE((SELECT SUM(page_count) FROM items WHERE volume_id = v.id), 0) AS pageCount,
    COALESCE((SELECT MAX(sealed_original) FROM items WHERE volume_id = v.id), 0) AS sealedOriginal,
    (SELECT MIN(customer_id) FROM items WHERE volume_id = v.id) AS customerId, NULL AS volumeId, NULL AS volumeCode,
    v.custody, CASE WHEN v.custody = 'in_store' AND EXISTS (SELECT 1 FROM items WHERE volume_id = v.id AND custody <> 'in_store')
      THEN (SELECT custody FROM items WHERE volume_id = v.id AND custody <> 'in_store' LIMIT 1) ELSE v.custody END AS effectiveCustody,
    h.path AS homePath, c.path AS currentPath, ${OPEN_VOLUME_INCIDENTS} AS openIncidents
  FROM volumes v LEFT JOIN locations h ON h.id = v.home_location_id LEFT JOIN locations c ON c.id = v.current_location_id`

const SUMMARY_SQL: Record<RecordKind, string> = { item: ITEM_SUMMARY, volume: VOLUME_SUMMARY }
const NOT_FOUND: Record<RecordKind, string> = { item: 'errors.itemNotFound', volume: 'errors.volumeNotFound' }

const normalise = (row: RecordSummary & { sealedOriginal: number | boolean }): RecordSummary => ({
  ...row,
  sealedOriginal: Boolean(row.sealedOriginal),
  openIncidents: Number(row.openIncidents)
})

/** The records named, in the order named; a record that does not exist is NOT_FOUND. */
export async function recordSummaries(db: Db, refs: RecordRef[]): Promise<RecordSummary[]> {
  const found = new Map<string, RecordSummary>()
  for (const subject of ['item', 'volume'] as const) {
    const ids = [...new Set(refs.filter((ref) => ref.subject === subject).map((ref) => ref.id))]
    for (let start = 0; start < ids.length; start += 500) {
      const chunk = ids.slice(start, start + 500)
      const rows = await db.query(`${SUMMARY_SQL[subject]} WHERE ${subject === 'item' ? 'i' : 'v'}.id IN (${chunk.map(() => '?').join(',')})`, chunk)
      for (const row of rows) found.set(`${subject}:${row.id}`, normalise(row))
    }
  }
  return refs.map((ref) => {
    const summary = found.get(`${ref.subject}:${ref.id}`)
    if (!summary) throw notFound(NOT_FOUND[ref.subject])
    return summary
  })
}

/**
 * Records whose code, title, document number, responsible party or customer name contains the text, volumes first:
 * what a person types to pick records for a loan, a hold or an appraisal. Destroyed records are left out.
 */
export async function lookupRecords(db: Db, search: string, limit: number): Promise<RecordSummary[]> {
  const text = search.trim()
  if (text === '') return []
  const like = containsPattern(text)
  const volumes = await db.query(
    `${VOLUME_SUMMARY} WHERE v.custody <> 'destroyed' AND (v.archival_code LIKE ? ESCAPE '\\' OR v.title LIKE ? ESCAPE '\\')
     ORDER BY v.archival_code LIMIT ?`,
    [like, like, limit]
  )
  const condition = ftsCondition('items_fts', text)
  const items = await db.query(
    `${ITEM_SUMMARY} WHERE i.custody <> 'destroyed' AND i.id IN (${condition.sql}) ORDER BY i.archival_code IS NULL, i.archival_code LIMIT ?`,
    [condition.param, limit]
  )
  return [...volumes, ...items].slice(0, limit).map(normalise)
}

/** Looking records up for the workflows that pick them: loans, holds, appraisal, inspections. */
export class RecordsService {
  constructor(private readonly store: Store) {}

  lookup(search: string, limit: number): Promise<RecordSummary[]> {
    return lookupRecords(this.store.db, search, limit)
  }

  summaries(refs: RecordRef[]): Promise<RecordSummary[]> {
    return recordSummaries(this.store.db, refs)
  }
}
