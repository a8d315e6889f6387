import type { Consent, ConsentField } from '../../src-preload/contract'
import { insertRow, type Db } from './connection'
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
