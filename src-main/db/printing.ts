import type { ParsedInput } from '../../src-preload/contract'
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
