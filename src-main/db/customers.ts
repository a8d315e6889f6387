import type { Contact, Customer, CustomerFileItem, CustomerFileUse, CustomerRow, ParsedInput } from '@preload/contract'
import { insertRow, updateRow, type Db } from './connection'
import { fieldKeyOf, openReadable, sealValue } from './field-codec'
import { fullTextRowids } from './full-text'
import { countUpTo, SORT_ALL_UP_TO } from './paging'
import { sql, type SqlQuery } from './sql'

type CustomerQuery = ParsedInput<'customers.list'>

/** The stored row: the contract's customer without its contacts (a table of their own), plus who created it. */
export type CustomerRecord = Omit<Customer, 'contacts'> & { createdBy: number }

type StoredCustomer = Omit<CustomerRecord, 'hasAgreement' | 'consentObtained'> & {
  hasAgreement: number | boolean
  consentObtained: number | boolean
}

/**
 * S124–S125: the one codec of this module. A contact person's phone and e-mail are encrypted as they are written and
 * opened as they are read; nothing else here sees them stored. One that does not open reads as unreadable.
 */
export const contactCodec = {
  seal: (key: Buffer, contact: Contact): Contact => ({
    ...contact,
    phone: sealValue(key, 'contact.phone', contact.phone),
    email: sealValue(key, 'contact.email', contact.email)
  }),
  open: (key: Buffer, contact: Contact): Contact => ({
    ...contact,
    phone: openReadable(key, 'contact.phone', contact.phone),
    email: openReadable(key, 'contact.email', contact.email)
  })
}

/**
 * S124–S125: a recorded value (an audit entry's snapshot: a customer saved by the form, or imported) with every
 * contact person's phone and e-mail passed through the codec, wherever it holds contacts, so the log is no plain copy
 * of what the table keeps sealed. The chain hashes the sealed text, so it verifies as any other entry.
 */
export function recordedContacts(key: Buffer, value: unknown, codec: 'seal' | 'open'): unknown {
  if (Array.isArray(value)) return value.map((element) => recordedContacts(key, element, codec))
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.entries(value).map(([name, field]) => {
      if (name === 'contacts' && Array.isArray(field))
        return [name, field.map((contact) => recordedContact(key, contact, codec))]
      return [name, recordedContacts(key, field, codec)]
    })
  )
}

function recordedContact(key: Buffer, contact: unknown, codec: 'seal' | 'open'): unknown {
  if (typeof contact !== 'object' || contact === null) return contact
  const { phone, email, ...rest } = contact as Record<string, unknown>
  const pass = (field: string, text: unknown) =>
    typeof text !== 'string'
      ? {}
      : { [field]: (codec === 'seal' ? sealValue : openReadable)(key, `contact.${field}`, text) }
  return { ...rest, ...pass('phone', phone), ...pass('email', email) }
}

const CUSTOMER_COLUMNS = sql`id, name, legal_representative AS legalRepresentative, address, postcode, phone, fax,
  registered_capital AS registeredCapital, business_scale AS businessScale, business_scope AS businessScope,
  economic_strength AS economicStrength, dealings_record AS dealingsRecord, industry, region, grade,
  date_opened AS dateOpened, credit_standing AS creditStanding, background, has_agreement AS hasAgreement,
  consent_obtained AS consentObtained, collection_purpose AS collectionPurpose, version, created_at AS createdAt,
  updated_at AS updatedAt, created_by AS createdBy`

const SORT_EXPRESSIONS: Record<CustomerQuery['sortBy'], SqlQuery> = {
  name: sql`c.name`,
  grade: sql`CASE c.grade WHEN 'important' THEN 1 WHEN 'special' THEN 2 ELSE 3 END`,
  industry: sql`c.industry`,
  region: sql`c.region`,
  dateOpened: sql`c.date_opened`,
  updatedAt: sql`c.updated_at`
}

/** The ids of customers whose search row contains the text, as a subquery. */
export const customerIdsMatching = (search: string): SqlQuery => fullTextRowids('customers_fts', search)

/**
 * One page of the customer list and the number of customers that match, counted up to `COUNT_LIMIT`; ties in the sort
 * go by id. The page's ids are chosen first, so only its twenty customers are joined to their first contact. A search
 * alone is counted in the search index (each customer has one row there); with many matches the unary + keeps them
 * from driving the loop, so the sort's index does and no match is looked up to be sorted.
 */
export async function listCustomerRows(
  db: Db,
  query: Pick<CustomerQuery, 'grade' | 'industry' | 'region' | 'sortBy' | 'sortOrder'> & { search?: string },
  page: { limit: number; offset: number }
): Promise<{ rows: CustomerRow[]; total: number; totalCapped: boolean }> {
  const conditions: SqlQuery[] = []
  if (query.grade && query.grade.length > 0) conditions.push(sql`c.grade IN ${query.grade}`)
  if (query.industry && query.industry.length > 0) conditions.push(sql`c.industry IN ${query.industry}`)
  if (query.region && query.region.length > 0) conditions.push(sql`c.region IN ${query.region}`)
  const matching = query.search ? customerIdsMatching(query.search) : null
  const count = await countUpTo(
    db,
    matching && conditions.length === 0
      ? matching
      : sql`SELECT 1 FROM customers c ${sql.where([...(matching ? [sql`c.id IN (${matching})`] : []), ...conditions])}`
  )
  const searched = matching
    ? [count.total > SORT_ALL_UP_TO ? sql`+c.id IN (${matching})` : sql`c.id IN (${matching})`]
    : []
  const where = sql.where([...searched, ...conditions])
  const direction = query.sortOrder === 'ascend' ? sql`ASC` : sql`DESC`
  const order = sql`ORDER BY ${SORT_EXPRESSIONS[query.sortBy]} ${direction}, c.id ${direction}`
  const rows = await db.query<CustomerRow>(
    sql`SELECT c.id, c.name, c.legal_representative AS legalRepresentative, c.grade, c.industry, c.region,
              c.date_opened AS dateOpened, c.updated_at AS updatedAt,
              COALESCE(k.name, '') AS primaryContact, COALESCE(k.phone, '') AS primaryContactPhone
       FROM customers c
       LEFT JOIN customer_contacts k ON k.customer_id = c.id AND k.position = 0
       WHERE c.id IN (SELECT c.id FROM customers c ${where} ${order} LIMIT ${page.limit} OFFSET ${page.offset})
       ${order}`
  )
  const key = fieldKeyOf(db)
  return {
    rows: rows.map((row) => ({
      ...row,
      primaryContactPhone: openReadable(key, 'contact.phone', row.primaryContactPhone)
    })),
    ...count
  }
}

/** The values in use, sorted, for the list's filters. */
export async function customerFacetValues(db: Db, column: 'industry' | 'region'): Promise<string[]> {
  const name = sql.identifier(column)
  const rows = await db.query<{ value: string }>(
    sql`SELECT DISTINCT ${name} AS value FROM customers WHERE ${name} <> '' ORDER BY ${name}`
  )
  return rows.map((row) => row.value)
}

export async function findCustomer(db: Db, id: number): Promise<CustomerRecord | undefined> {
  const [row] = await db.query<StoredCustomer>(sql`SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE id = ${id}`)
  return row && { ...row, hasAgreement: Boolean(row.hasAgreement), consentObtained: Boolean(row.consentObtained) }
}

export async function customerExists(db: Db, id: number): Promise<boolean> {
  return (await db.query(sql`SELECT 1 FROM customers WHERE id = ${id}`)).length > 0
}

/** In their order on the form; the first is the primary contact. */
export async function customerContacts(db: Db, customerId: number): Promise<Contact[]> {
  const key = fieldKeyOf(db)
  const rows = await db.query<Contact>(
    sql`SELECT name, title, phone, email FROM customer_contacts WHERE customer_id = ${customerId} ORDER BY position`
  )
  return rows.map((row) => contactCodec.open(key, row))
}

/** Every customer's id and name but the one excepted (ids start at 1, so 0 excepts none): for spotting duplicate names. */
export function customerNames(db: Db, exceptId = 0): Promise<{ id: number; name: string }[]> {
  return db.query(sql`SELECT id, name FROM customers WHERE id <> ${exceptId}`)
}

export const insertCustomer = (db: Db, customer: Omit<CustomerRecord, 'id'>): Promise<number> =>
  insertRow(db, 'customers', customer)

export const updateCustomer = (db: Db, id: number, fields: Partial<Omit<CustomerRecord, 'id'>>): Promise<void> =>
  updateRow(db, 'customers', id, fields)

export async function replaceCustomerContacts(db: Db, customerId: number, contacts: Contact[]): Promise<void> {
  await db.query(sql`DELETE FROM customer_contacts WHERE customer_id = ${customerId}`)
  const key = fieldKeyOf(db)
  for (const [position, contact] of contacts.entries()) {
    await insertRow(db, 'customer_contacts', { ...contactCodec.seal(key, contact), customerId, position })
  }
}

export async function replaceCustomerSearchRow(db: Db, customerId: number, body: string): Promise<void> {
  await db.query(sql`DELETE FROM customers_fts WHERE rowid = ${customerId}`)
  await db.query(sql`INSERT INTO customers_fts (rowid, body) VALUES (${customerId}, ${body})`)
}

/** R-CUST-2: the documents linked to a customer, by code (uncoded last), with their home and where they are now. */
export function customerFileItems(
  db: Db,
  customerId: number
): Promise<(CustomerFileItem & { currentPath: string | null })[]> {
  return db.query(
    sql`SELECT i.id, i.archival_code AS archivalCode, i.title, i.customer_doc_type AS customerDocType, i.date_formed AS dateFormed,
          i.status, i.custody, v.archival_code AS volumeCode, COALESCE(h.path, vh.path) AS homePath,
          COALESCE(c.path, vc.path) AS currentPath, NULL AS awayAt
        FROM items i LEFT JOIN volumes v ON v.id = i.volume_id
          LEFT JOIN locations h ON h.id = i.home_location_id LEFT JOIN locations c ON c.id = i.current_location_id
          LEFT JOIN locations vh ON vh.id = v.home_location_id LEFT JOIN locations vc ON vc.id = v.current_location_id
        WHERE i.customer_id = ${customerId} ORDER BY i.archival_code IS NULL, i.archival_code, i.id`
  )
}

/** The consultations and loans of a customer's documents, or of the volumes holding them, newest first. */
export function customerFileUses(db: Db, customerId: number): Promise<CustomerFileUse[]> {
  return db.query(
    sql`SELECT u.id AS requestId, u.kind, u.status, u.applicant_name AS applicantName, u.out_on AS outOn, u.due_on AS dueOn,
          u.returned_on AS returnedOn,
          GROUP_CONCAT(COALESCE(i.archival_code, v.archival_code, i.title, v.title), '、') AS records
        FROM use_request_records r JOIN use_requests u ON u.id = r.request_id
          LEFT JOIN items i ON r.subject = 'item' AND i.id = r.subject_id
          LEFT JOIN volumes v ON r.subject = 'volume' AND v.id = r.subject_id
        WHERE (r.subject = 'item' AND i.customer_id = ${customerId})
           OR (r.subject = 'volume' AND EXISTS (SELECT 1 FROM items m WHERE m.volume_id = v.id AND m.customer_id = ${customerId}))
        GROUP BY u.id ORDER BY u.created_at DESC, u.id DESC`
  )
}
