import type { CreditEntry, CustomerGrade, RegistrationStatus, StaffContact, UpkeepEntry } from '@preload/contract'
import { insertRow, type Db, firstRow } from './connection'
import type { UpkeepCutoffs } from '../policy/customer-upkeep'
import { sql } from './sql'

/** The registration of a file, with its creator from the customer row (S40). */
export interface RegistrationRecord {
  customerId: number
  grade: CustomerGrade
  dateOpened: string
  updatedAt: string
  status: RegistrationStatus
  contractSignedOn: string | null
  completionOn: string | null
  createdBy: number
  createdByName: string
  createdAt: string
  verifiedBy: number | null
  verifiedByName: string | null
  verifiedAt: string | null
  verificationNote: string
}

/**
 * A customer without a registration row was imported: like the customers the upgrade found, it is on file already,
 * so it reads as formal.
 */
export function findRegistration(db: Db, customerId: number): Promise<RegistrationRecord | undefined> {
  return firstRow<RegistrationRecord>(
    db,
    sql`SELECT c.id AS customerId, c.grade, c.date_opened AS dateOpened, c.updated_at AS updatedAt,
          COALESCE(r.status, 'formal') AS status, r.contract_signed_on AS contractSignedOn, r.completion_on AS completionOn,
          c.created_by AS createdBy, COALESCE(cu.display_name, '') AS createdByName, c.created_at AS createdAt,
          r.verified_by AS verifiedBy, vu.display_name AS verifiedByName, r.verified_at AS verifiedAt,
          COALESCE(r.verification_note, '') AS verificationNote
        FROM customers c LEFT JOIN customer_registrations r ON r.customer_id = c.id
          LEFT JOIN users cu ON cu.id = c.created_by LEFT JOIN users vu ON vu.id = r.verified_by
        WHERE c.id = ${customerId}`
  )
}

export async function openTemporaryFile(db: Db, customerId: number): Promise<void> {
  await db.query(sql`INSERT INTO customer_registrations (customer_id, status) VALUES (${customerId}, 'temporary')`)
}

export async function saveRegistrationDates(
  db: Db,
  customerId: number,
  dates: { contractSignedOn: string | null; completionOn: string | null }
): Promise<void> {
  await db.query(
    sql`INSERT INTO customer_registrations (customer_id, status, contract_signed_on, completion_on)
        VALUES (${customerId}, 'formal', ${dates.contractSignedOn}, ${dates.completionOn})
        ON CONFLICT (customer_id) DO UPDATE SET contract_signed_on = excluded.contract_signed_on,
          completion_on = excluded.completion_on`
  )
}

export async function markFormal(
  db: Db,
  customerId: number,
  verification: { verifiedBy: number; verifiedAt: string; note: string }
): Promise<void> {
  await db.query(
    sql`UPDATE customer_registrations SET status = 'formal', verified_by = ${verification.verifiedBy},
          verified_at = ${verification.verifiedAt}, verification_note = ${verification.note}
        WHERE customer_id = ${customerId}`
  )
}

const ENTRY_COLUMNS = sql`l.id, l.kind, l.channel, l.happened_on AS happenedOn, l.staff_name AS staffName,
  l.counterpart, l.summary, l.outcome, l.plan_day AS planDay, COALESCE(u.display_name, '') AS recordedBy,
  l.recorded_at AS recordedAt`

/** Newest first. */
export function upkeepLog(db: Db, customerId: number): Promise<UpkeepEntry[]> {
  return db.query(
    sql`SELECT ${ENTRY_COLUMNS} FROM customer_upkeep_log l LEFT JOIN users u ON u.id = l.recorded_by
        WHERE l.customer_id = ${customerId} ORDER BY l.happened_on DESC, l.id DESC`
  )
}

export function findUpkeepEntry(db: Db, id: number): Promise<UpkeepEntry | undefined> {
  return firstRow<UpkeepEntry>(
    db,
    sql`SELECT ${ENTRY_COLUMNS} FROM customer_upkeep_log l LEFT JOIN users u ON u.id = l.recorded_by WHERE l.id = ${id}`
  )
}

export const insertUpkeepEntry = (
  db: Db,
  entry: Omit<UpkeepEntry, 'id' | 'recordedBy'> & { customerId: number; recordedBy: number }
): Promise<number> => insertRow(db, 'customer_upkeep_log', entry)

/** The workbench's customer lines, each a count over the whole room (S29, S59–S61, S46–S47, S21, S154). */
export interface UpkeepCounts {
  formalLate: number
  visitsDue: number
  reviewsDue: number
  creditReviews: number
  staffShort: number
}

/**
 * Counted in SQL against the policy's cut-off days, so the workbench reads one number per line instead of every
 * customer. The credit condition is `creditReviewReason` (not null) and the staff one `staffShort`, written as SQL;
 * test/integration/upkeep-counts.test.ts holds all five to the policy's verdicts customer by customer.
 */
export async function upkeepCounts(db: Db, cutoffs: UpkeepCutoffs, minStaffOfImportant: number): Promise<UpkeepCounts> {
  const { reviewedBy } = cutoffs
  const [customers] = await db.query<Omit<UpkeepCounts, 'formalLate' | 'visitsDue'>>(
    sql`SELECT
          COALESCE(SUM(COALESCE((SELECT MAX(l.happened_on) FROM customer_upkeep_log l
              WHERE l.customer_id = c.id AND l.kind = 'review'), c.date_opened)
            <= CASE c.grade WHEN 'important' THEN ${reviewedBy.important} WHEN 'special' THEN ${reviewedBy.special}
                 ELSE ${reviewedBy.general} END), 0) AS reviewsDue,
          COALESCE(SUM(CASE WHEN k.id IS NULL THEN c.grade = 'important'
            ELSE k.limit_year < ${cutoffs.creditYear} OR c.updated_at > k.recorded_at END), 0) AS creditReviews,
          COALESCE(SUM(c.grade = 'important'
            AND (SELECT COUNT(*) FROM customer_staff s WHERE s.customer_id = c.id) < ${minStaffOfImportant}), 0) AS staffShort
        FROM customers c
          LEFT JOIN customer_credit k ON k.id = (SELECT MAX(id) FROM customer_credit WHERE customer_id = c.id)`
  )
  const [late] = await db.query<{ count: number }>(
    sql`SELECT COUNT(*) AS count FROM customer_registrations
        WHERE status = 'temporary' AND completion_on < ${cutoffs.formalCompletedBefore}`
  )
  let visitsDue = 0
  for (const { day, signedBy } of cutoffs.visitsSignedBy) {
    const [visits] = await db.query<{ count: number }>(
      sql`SELECT COUNT(*) AS count FROM customer_registrations r
          WHERE r.contract_signed_on <= ${signedBy} AND NOT EXISTS (SELECT 1 FROM customer_upkeep_log l
            WHERE l.customer_id = r.customer_id AND l.kind = 'visit' AND l.plan_day = ${day})`
    )
    visitsDue += visits.count
  }
  return { ...customers, formalLate: late.count, visitsDue }
}

export function customerStaff(db: Db, customerId: number): Promise<StaffContact[]> {
  return db.query(
    sql`SELECT s.user_id AS userId, u.display_name AS name, s.assigned_on AS assignedOn
        FROM customer_staff s JOIN users u ON u.id = s.user_id WHERE s.customer_id = ${customerId}
        ORDER BY s.assigned_on, u.display_name`
  )
}

export async function replaceCustomerStaff(
  db: Db,
  customerId: number,
  userIds: number[],
  assigned: { on: string; by: number }
): Promise<void> {
  await db.query(
    sql`DELETE FROM customer_staff WHERE customer_id = ${customerId} AND user_id NOT IN ${[0, ...userIds]}`
  )
  for (const userId of userIds)
    await db.query(
      sql`INSERT OR IGNORE INTO customer_staff (customer_id, user_id, assigned_on, assigned_by)
          VALUES (${customerId}, ${userId}, ${assigned.on}, ${assigned.by})`
    )
}

/** The accounts that may be named as staff contacts: those in post. */
export function activeStaff(db: Db): Promise<{ id: number; name: string; active: boolean }[]> {
  return db.query(
    sql`SELECT id, display_name AS name, active FROM users WHERE active = 1 AND role IS NOT NULL ORDER BY display_name`
  )
}

export async function findStaffMember(
  db: Db,
  id: number
): Promise<{ id: number; name: string; active: boolean } | undefined> {
  const [row] = await db.query<{ id: number; name: string; active: number }>(
    sql`SELECT id, display_name AS name, active FROM users WHERE id = ${id}`
  )
  return row && { ...row, active: Boolean(row.active) }
}

/** R-CUST-6, S151: the customers a person is responsible for. */
export function customersOfStaff(db: Db, userId: number): Promise<{ id: number; name: string }[]> {
  return db.query(
    sql`SELECT c.id, c.name FROM customer_staff s JOIN customers c ON c.id = s.customer_id
        WHERE s.user_id = ${userId} ORDER BY c.name`
  )
}

/** S151: the leaver's place goes to the replacement; where the replacement is already named, the leaver just goes. */
export async function moveStaff(
  db: Db,
  customerId: number,
  fromUserId: number,
  toUserId: number,
  assigned: { on: string; by: number }
): Promise<void> {
  await db.query(sql`DELETE FROM customer_staff WHERE customer_id = ${customerId} AND user_id = ${fromUserId}`)
  await db.query(
    sql`INSERT OR IGNORE INTO customer_staff (customer_id, user_id, assigned_on, assigned_by)
        VALUES (${customerId}, ${toUserId}, ${assigned.on}, ${assigned.by})`
  )
}

const CREDIT_COLUMNS = sql`k.id, k.grade, k.limit_amount AS limitAmount, k.limit_year AS limitYear,
  k.report_item_id AS reportItemId, i.title AS reportTitle, k.risk_evaluation AS riskEvaluation, k.reason,
  k.decided_on AS decidedOn, COALESCE(u.display_name, '') AS recordedBy, k.recorded_at AS recordedAt`

/** The credit history, newest first: the first is in force. */
export function creditHistory(db: Db, customerId: number): Promise<CreditEntry[]> {
  return db.query(
    sql`SELECT ${CREDIT_COLUMNS} FROM customer_credit k LEFT JOIN items i ON i.id = k.report_item_id
          LEFT JOIN users u ON u.id = k.recorded_by
        WHERE k.customer_id = ${customerId} ORDER BY k.id DESC`
  )
}

export function findCreditEntry(db: Db, id: number): Promise<CreditEntry | undefined> {
  return firstRow<CreditEntry>(
    db,
    sql`SELECT ${CREDIT_COLUMNS} FROM customer_credit k LEFT JOIN items i ON i.id = k.report_item_id
          LEFT JOIN users u ON u.id = k.recorded_by WHERE k.id = ${id}`
  )
}

export const insertCreditEntry = (
  db: Db,
  entry: Omit<CreditEntry, 'id' | 'recordedBy' | 'reportTitle'> & { customerId: number; recordedBy: number }
): Promise<number> => insertRow(db, 'customer_credit', entry)

/** The customer a document belongs to, if any, for linking a credit report. */
export async function itemCustomer(db: Db, itemId: number): Promise<{ customerId: number | null } | null> {
  const [row] = await db.query<{ customerId: number | null }>(
    sql`SELECT customer_id AS customerId FROM items WHERE id = ${itemId}`
  )
  return row ?? null
}
