import type { Consent, ConsentField, Disclosure, RightsRequest } from '@preload/contract'
import { insertRow, updateRow, type Db, firstRow } from './connection'
import { sql } from './sql'

type StoredConsent = Omit<Consent, 'refusedFields' | 'sharingConsent'> & {
  refusedFields: string
  sharingConsent: number
}

const CONSENT_COLUMNS = sql`id, customer_id AS customerId, scope, purpose, notice_text AS noticeText,
  notice_version AS noticeVersion, consented_on AS consentedOn, channel, refused_fields AS refusedFields,
  sharing_consent AS sharingConsent, recorded_by AS recordedBy, recorded_at AS recordedAt`

const toConsent = (row: StoredConsent): Consent => ({
  ...row,
  refusedFields: JSON.parse(row.refusedFields) as ConsentField[],
  sharingConsent: Boolean(row.sharingConsent)
})

/** S107–S110: a customer's consents, newest first: the first is the one in force. */
export async function customerConsents(db: Db, customerId: number): Promise<Consent[]> {
  const rows = await db.query<StoredConsent>(
    sql`SELECT ${CONSENT_COLUMNS} FROM customer_consents WHERE customer_id = ${customerId} ORDER BY id DESC`
  )
  return rows.map(toConsent)
}

export async function findConsent(db: Db, id: number): Promise<Consent | undefined> {
  const [row] = await db.query<StoredConsent>(sql`SELECT ${CONSENT_COLUMNS} FROM customer_consents WHERE id = ${id}`)
  return row && toConsent(row)
}

export const insertConsent = (db: Db, consent: Omit<Consent, 'id'>): Promise<number> =>
  insertRow(db, 'customer_consents', {
    ...consent,
    refusedFields: JSON.stringify(consent.refusedFields),
    sharingConsent: consent.sharingConsent ? 1 : 0
  })

const DISCLOSURE_COLUMNS = sql`d.id, d.customer_id AS customerId, c.name AS customerName, d.recipient,
  d.recipient_kind AS recipientKind, d.scope, d.purpose, d.method, d.status, d.consent_id AS consentId,
  d.requested_by AS requestedBy, d.requested_at AS requestedAt, d.decided_by AS decidedBy, d.decided_at AS decidedAt,
  d.decision_note AS decisionNote, d.disclosed_by AS disclosedBy, d.disclosed_at AS disclosedAt, d.version`

/** S131–S135: a customer's disclosures newest first, or every request still awaiting its approval. */
export function disclosures(db: Db, customerId: number | undefined): Promise<Disclosure[]> {
  const where = customerId === undefined ? sql`d.status = 'requested'` : sql`d.customer_id = ${customerId}`
  return db.query<Disclosure>(
    sql`SELECT ${DISCLOSURE_COLUMNS} FROM customer_disclosures d JOIN customers c ON c.id = d.customer_id
        WHERE ${where} ORDER BY d.id DESC`
  )
}

export async function findDisclosure(db: Db, id: number): Promise<Disclosure | undefined> {
  const [row] = await db.query<Disclosure>(
    sql`SELECT ${DISCLOSURE_COLUMNS} FROM customer_disclosures d JOIN customers c ON c.id = d.customer_id
        WHERE d.id = ${id}`
  )
  return row
}

export const insertDisclosure = (
  db: Db,
  row: Omit<
    Disclosure,
    'id' | 'customerName' | 'decidedBy' | 'decidedAt' | 'decisionNote' | 'disclosedBy' | 'disclosedAt'
  >
): Promise<number> => insertRow(db, 'customer_disclosures', row)

export const updateDisclosure = (db: Db, id: number, fields: Partial<Omit<Disclosure, 'id' | 'customerName'>>) =>
  updateRow(db, 'customer_disclosures', id, fields)

const RIGHTS_COLUMNS = sql`r.id, r.customer_id AS customerId, c.name AS customerName, r.kind, r.requester, r.details,
  r.received_on AS receivedOn, r.due_on AS dueOn, r.status, r.outcome, r.answer, r.answered_by AS answeredBy,
  r.answered_at AS answeredAt, r.version`

/** S103: a customer's requests newest first, or every open one, the soonest due first. */
export function rightsRequests(db: Db, customerId: number | undefined): Promise<RightsRequest[]> {
  const where =
    customerId === undefined
      ? sql`r.status = 'open' ORDER BY r.due_on, r.id`
      : sql`r.customer_id = ${customerId} ORDER BY r.id DESC`
  return db.query<RightsRequest>(
    sql`SELECT ${RIGHTS_COLUMNS} FROM customer_rights_requests r JOIN customers c ON c.id = r.customer_id WHERE ${where}`
  )
}

export function findRightsRequest(db: Db, id: number): Promise<RightsRequest | undefined> {
  return firstRow<RightsRequest>(
    db,
    sql`SELECT ${RIGHTS_COLUMNS} FROM customer_rights_requests r JOIN customers c ON c.id = r.customer_id
        WHERE r.id = ${id}`
  )
}

export const insertRightsRequest = (
  db: Db,
  row: Omit<RightsRequest, 'id' | 'customerName' | 'outcome' | 'answer' | 'answeredBy' | 'answeredAt'> & {
    registeredBy: string
  }
): Promise<number> => insertRow(db, 'customer_rights_requests', row)

export const updateRightsRequest = (db: Db, id: number, fields: Partial<Omit<RightsRequest, 'id' | 'customerName'>>) =>
  updateRow(db, 'customer_rights_requests', id, fields)

/** Open requests past their answer day, for the workbench. */
export async function overdueRightsRequests(db: Db, today: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    sql`SELECT COUNT(*) AS n FROM customer_rights_requests WHERE status = 'open' AND due_on < ${today}`
  )
  return row.n
}

/** Requests to disclose still waiting for their approval, for the workbench. */
export async function disclosuresAwaitingApproval(db: Db): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    sql`SELECT COUNT(*) AS n FROM customer_disclosures WHERE status = 'requested'`
  )
  return row.n
}

export async function privacyState(
  db: Db,
  customerId: number
): Promise<{ archivedAt: string | null; anonymisedAt: string | null }> {
  const [row] = await db.query<{ archivedAt: string | null; anonymisedAt: string | null }>(
    sql`SELECT archived_at AS archivedAt, anonymised_at AS anonymisedAt FROM customer_privacy_state
        WHERE customer_id = ${customerId}`
  )
  return row ?? { archivedAt: null, anonymisedAt: null }
}

/** R-DISP-1, S140: the customer's records not destroyed whose retention period has not ended (permanent ones too). */
export async function protectedRecordCount(db: Db, customerId: number, today: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    sql`SELECT COUNT(*) AS n FROM items WHERE customer_id = ${customerId} AND custody <> 'destroyed'
          AND (expires_on IS NULL OR expires_on > ${today})`
  )
  return row.n
}

/** S143: customers not changed since the day given and not yet in the inactive archive. */
export function inactiveCustomerIds(db: Db, before: string): Promise<{ id: number }[]> {
  return db.query(
    sql`SELECT c.id FROM customers c LEFT JOIN customer_privacy_state s ON s.customer_id = c.id
        WHERE c.updated_at < ${before} AND s.archived_at IS NULL`
  )
}

export async function markPrivacyState(
  db: Db,
  customerId: number,
  column: 'archived_at' | 'anonymised_at',
  at: string
): Promise<void> {
  await db.query(sql`INSERT INTO customer_privacy_state (customer_id) VALUES (${customerId}) ON CONFLICT DO NOTHING`)
  await db.query(
    sql`UPDATE customer_privacy_state SET ${sql.identifier(column)} = ${at} WHERE customer_id = ${customerId}`
  )
}

/** S147: the sensitive values go entirely, so nothing encrypted is left to decrypt. */
export async function deleteSensitiveValues(db: Db, customerId: number): Promise<void> {
  await db.query(sql`DELETE FROM customer_sensitive_values WHERE customer_id = ${customerId}`)
}

/** S136: who read, revealed, exported or was refused customer data since a moment, with the rows an export held. */
export function customerReadsSince(
  db: Db,
  since: string
): Promise<{ username: string; at: string; action: string; rows: number }[]> {
  return db.query(
    sql`SELECT username, at, action,
          CASE WHEN action = 'export' THEN COALESCE(json_extract(after, '$.rows'), 1) ELSE 1 END AS rows
        FROM audit_log WHERE at >= ${since} AND entity = 'customer' AND action IN ('view', 'reveal', 'export', 'refused')
        ORDER BY id`
  )
}

export const insertLeakReport = (
  db: Db,
  row: { customerId: number | null; description: string; reportedBy: string; reportedAt: string }
): Promise<number> => insertRow(db, 'customer_leak_reports', row)

export function leakReportsSince(
  db: Db,
  since: string
): Promise<{ reportedBy: string; reportedAt: string; description: string }[]> {
  return db.query(
    sql`SELECT reported_by AS reportedBy, reported_at AS reportedAt, description FROM customer_leak_reports
        WHERE reported_at >= ${since} ORDER BY id DESC`
  )
}

/**
 * S139: per customer, the day of the last contact (its file last changed, or the newest entry of its contact log;
 * the change's UTC day, a day early at most) and which classes of information it still holds.
 */
/**
 * R-DISP-1: a credit entry no retention period protects: without a report, or its report destroyed or expired. The
 * purge counts and deletes by the same test, so a protected entry is neither counted nor audited as erased.
 */
const unprotectedCredit = (today: string) =>
  sql`(report_item_id IS NULL OR report_item_id IN
    (SELECT id FROM items WHERE custody = 'destroyed' OR (expires_on IS NOT NULL AND expires_on <= ${today})))`

export function retentionFacts(
  db: Db,
  anonymousName: string,
  today: string
): Promise<
  {
    id: number
    lastContactOn: string
    contacts: number
    idNumber: number
    assets: number
    credit: number
    visitLog: number
  }[]
> {
  return db.query(
    sql`SELECT c.id,
          MAX(substr(c.updated_at, 1, 10), COALESCE((SELECT MAX(l.happened_on) FROM customer_upkeep_log l
            WHERE l.customer_id = c.id), '')) AS lastContactOn,
          (SELECT COUNT(*) FROM customer_contacts k WHERE k.customer_id = c.id AND k.name <> ${anonymousName}) AS contacts,
          (SELECT COUNT(*) FROM customer_sensitive_values s WHERE s.customer_id = c.id AND s.field = 'idNumber') AS idNumber,
          (SELECT COUNT(*) FROM customer_sensitive_values s WHERE s.customer_id = c.id AND s.field = 'personalAssets') AS assets,
          (SELECT COUNT(*) FROM customer_credit r WHERE r.customer_id = c.id AND ${unprotectedCredit(today)}) AS credit,
          (SELECT COUNT(*) FROM customer_upkeep_log l WHERE l.customer_id = c.id) AS visitLog
        FROM customers c ORDER BY c.id`
  )
}

export async function deleteSensitiveValue(db: Db, customerId: number, field: 'idNumber' | 'personalAssets') {
  await db.query(sql`DELETE FROM customer_sensitive_values WHERE customer_id = ${customerId} AND field = ${field}`)
}

/**
 * S139, R-DISP-1: the customer's credit entries, but those whose investigation report is a record still within its
 * retention period (it stays, and so does the entry that explains it); how many went.
 */
export async function deleteUnprotectedCredit(db: Db, customerId: number, today: string): Promise<number> {
  const gone = await db.query<{ id: number }>(
    sql`DELETE FROM customer_credit WHERE customer_id = ${customerId} AND ${unprotectedCredit(today)} RETURNING id`
  )
  return gone.length
}

/** S139: the contact and visit log of a customer, gone. */
export async function deleteUpkeepLog(db: Db, customerId: number): Promise<void> {
  await db.query(sql`DELETE FROM customer_upkeep_log WHERE customer_id = ${customerId}`)
}
