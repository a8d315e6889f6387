import type { Consent, ConsentField, Disclosure } from '../../src-preload/contract'
import { insertRow, updateRow, type Db } from './connection'
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
