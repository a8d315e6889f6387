import type { ParsedInput } from '@preload/contract'
import type { Db } from './connection'
import { sql } from './sql'

export interface FilingCatalogueRow {
  archivalCode: string
  documentNumber: string
  responsibleParty: string
  title: string
  dateFormed: string
  classification: string
  pageCount: number
  remarks: string
}

/** DA/T 22 归档文件目录: the coded items of one fonds, year, category and period (and department, when given), in code order. */
export function filingCatalogueRows(
  db: Db,
  scope: ParsedInput<'print.filingCatalogue'>
): Promise<FilingCatalogueRow[]> {
  const department = scope.departmentCode ? sql` AND department_code = ${scope.departmentCode}` : sql.empty
  return db.query(
    sql`SELECT archival_code AS archivalCode, document_number AS documentNumber, responsible_party AS responsibleParty, title,
          date_formed AS dateFormed, classification, page_count AS pageCount, remarks
        FROM items WHERE fonds_code = ${scope.fondsCode} AND year = ${scope.year} AND category_code = ${scope.categoryCode}
          AND retention_code = ${scope.retentionCode} AND archival_code IS NOT NULL${department}
        ORDER BY series_key, item_number`
  )
}

export interface LabelSubjectRow {
  id: number
  code: string | null
  title: string
  year: number
  retentionCode: string
}

/** Items or volumes for labels, with their codes (null for an item not yet numbered). */
export function labelSubjects(
  db: Db,
  subject: 'items' | 'volumes',
  ids: readonly number[]
): Promise<LabelSubjectRow[]> {
  const table = sql.identifier(subject)
  return db.query(
    sql`SELECT id, archival_code AS code, title, year, retention_code AS retentionCode FROM ${table} WHERE id IN ${ids}`
  )
}

export interface BoxLabelRow {
  id: number
  path: string
  name: string
  /** what has this box as its home: volumes, and items not in a volume */
  holdings: number
  firstCode: string | null
  lastCode: string | null
}

/** Boxes for labels: the box's path, name, and the range of codes of what has it as its home and still exists. */
export function boxLabelRows(db: Db, ids: readonly number[]): Promise<BoxLabelRow[]> {
  return db.query(
    sql`WITH held AS (
          SELECT home_location_id AS boxId, archival_code AS code FROM volumes
            WHERE home_location_id IN ${ids} AND custody <> 'destroyed'
          UNION ALL
          SELECT home_location_id, archival_code FROM items
            WHERE home_location_id IN ${ids} AND volume_id IS NULL AND archival_code IS NOT NULL AND custody <> 'destroyed'
        )
        SELECT l.id, l.path, l.name, COUNT(held.code) AS holdings, MIN(held.code) AS firstCode,
          MAX(held.code) AS lastCode
        FROM locations l LEFT JOIN held ON held.boxId = l.id
        WHERE l.id IN ${ids} GROUP BY l.id`
  )
}
