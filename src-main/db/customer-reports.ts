import type { AnalysisRow, IssuedCustomerReport, OutstandingCustomerDocument } from '@preload/contract'
import { insertRow, type Db } from './connection'
import { sql } from './sql'

/**
 * S165: the customer files' documents, originals (sealed in the archive room, R-CUST-2) and copies, as they stood at
 * the end of `lastDay`; destroyed ones are no longer kept.
 */
export async function customerDocumentCounts(
  db: Db,
  lastDay: string
): Promise<{ customers: number; originals: number; copies: number }> {
  const [row] = await db.query<{ customers: number; originals: number | null; copies: number | null }>(
    sql`SELECT COUNT(DISTINCT i.customer_id) AS customers, SUM(i.sealed_original) AS originals,
          SUM(1 - i.sealed_original) AS copies
        FROM items i WHERE i.customer_id IS NOT NULL AND i.custody <> 'destroyed' AND i.received_on <= ${lastDay}`
  )
  return { customers: row.customers, originals: row.originals ?? 0, copies: row.copies ?? 0 }
}

/** S165: customer documents out of the store and not back, where they are and who has them. */
export function outstandingCustomerDocuments(db: Db): Promise<OutstandingCustomerDocument[]> {
  return db.query(
    sql`SELECT i.id AS itemId, i.archival_code AS archivalCode, i.title, c.name AS customerName, i.custody,
          COALESCE(l.path, vl.path) AS location,
          (SELECT u.applicant_name FROM use_request_records r JOIN use_requests u ON u.id = r.request_id
            WHERE u.status = 'out' AND ((r.subject = 'item' AND r.subject_id = i.id)
              OR (r.subject = 'volume' AND r.subject_id = i.volume_id)) ORDER BY u.id DESC LIMIT 1) AS holder,
          (SELECT u.due_on FROM use_request_records r JOIN use_requests u ON u.id = r.request_id
            WHERE u.status = 'out' AND ((r.subject = 'item' AND r.subject_id = i.id)
              OR (r.subject = 'volume' AND r.subject_id = i.volume_id)) ORDER BY u.id DESC LIMIT 1) AS dueOn
        FROM items i JOIN customers c ON c.id = i.customer_id
          LEFT JOIN volumes v ON v.id = i.volume_id
          LEFT JOIN locations l ON l.id = i.current_location_id LEFT JOIN locations vl ON vl.id = v.current_location_id
        WHERE i.custody IN ('reading_room', 'on_loan') OR v.custody IN ('reading_room', 'on_loan')
        ORDER BY i.archival_code IS NULL, i.archival_code, i.id`
  )
}

/** S170: customers and their credit limits in force, grouped by one of the customer's columns or the credit grade. */
export function customerBreakdown(db: Db, by: 'grade' | 'industry' | 'region' | 'credit'): Promise<AnalysisRow[]> {
  const key = by === 'credit' ? sql`COALESCE(k.grade, '')` : sql`c.${sql.identifier(by)}`
  return db.query(
    sql`SELECT ${key} AS key, COUNT(*) AS customers, COALESCE(SUM(k.limit_amount), 0) AS creditLimit
        FROM customers c
          LEFT JOIN customer_credit k ON k.id = (SELECT MAX(id) FROM customer_credit WHERE customer_id = c.id)
        GROUP BY 1 ORDER BY customers DESC, key`
  )
}

interface ReportRow {
  id: number
  month: string
  figures: string
  preparedBy: number
  preparedByName: string
  preparedAt: string
  approvedBy: string | null
  approvedAt: string | null
}

const REPORT_COLUMNS = sql`r.id, r.month, r.figures, r.prepared_by AS preparedBy,
  COALESCE(p.display_name, '') AS preparedByName, r.prepared_at AS preparedAt, a.display_name AS approvedBy,
  r.approved_at AS approvedAt`

async function withDistribution(
  db: Db,
  rows: ReportRow[]
): Promise<(IssuedCustomerReport & { preparedById: number })[]> {
  const result = []
  for (const row of rows) {
    const distribution = await db.query<IssuedCustomerReport['distribution'][number]>(
      sql`SELECT d.recipient, d.department, d.distributed_on AS distributedOn, COALESCE(u.display_name, '') AS recordedBy
          FROM customer_report_distribution d LEFT JOIN users u ON u.id = d.recorded_by
          WHERE d.report_id = ${row.id} ORDER BY d.id`
    )
    result.push({
      id: row.id,
      month: row.month,
      figures: JSON.parse(row.figures) as IssuedCustomerReport['figures'],
      preparedById: row.preparedBy,
      preparedBy: row.preparedByName,
      preparedAt: row.preparedAt,
      approvedBy: row.approvedBy,
      approvedAt: row.approvedAt,
      distribution
    })
  }
  return result
}

/** Newest month first. */
export async function issuedReports(db: Db): Promise<(IssuedCustomerReport & { preparedById: number })[]> {
  return withDistribution(
    db,
    await db.query<ReportRow>(
      sql`SELECT ${REPORT_COLUMNS} FROM customer_reports r LEFT JOIN users p ON p.id = r.prepared_by
            LEFT JOIN users a ON a.id = r.approved_by ORDER BY r.month DESC`
    )
  )
}

export async function findIssuedReport(
  db: Db,
  where: { id: number } | { month: string }
): Promise<(IssuedCustomerReport & { preparedById: number }) | undefined> {
  const condition = 'id' in where ? sql`r.id = ${where.id}` : sql`r.month = ${where.month}`
  const rows = await db.query<ReportRow>(
    sql`SELECT ${REPORT_COLUMNS} FROM customer_reports r LEFT JOIN users p ON p.id = r.prepared_by
          LEFT JOIN users a ON a.id = r.approved_by WHERE ${condition}`
  )
  return (await withDistribution(db, rows))[0]
}

export const insertIssuedReport = (
  db: Db,
  report: { month: string; figures: string; preparedBy: number; preparedAt: string }
): Promise<number> => insertRow(db, 'customer_reports', report)

export async function approveIssuedReport(db: Db, id: number, approvedBy: number, approvedAt: string): Promise<void> {
  await db.query(
    sql`UPDATE customer_reports SET approved_by = ${approvedBy}, approved_at = ${approvedAt} WHERE id = ${id}`
  )
}

export const insertDistribution = (
  db: Db,
  entry: {
    reportId: number
    recipient: string
    department: string
    distributedOn: string
    recordedBy: number
    recordedAt: string
  }
): Promise<number> => insertRow(db, 'customer_report_distribution', entry)

export async function anyCustomer(db: Db): Promise<boolean> {
  return (await db.query(sql`SELECT 1 FROM customers LIMIT 1`)).length > 0
}
