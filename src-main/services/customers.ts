import type { Db } from '../db/connection'
import {
  customerFields,
  type Contact,
  type Customer,
  type CustomerChange,
  type CustomerRow,
  type Page,
  type ParsedInput,
  type Role
} from '../../src-preload/contract'
import { insertRow, updateRow } from '../db/connection'
import { CUSTOMER_COLUMNS, CUSTOMER_CONTACT_COLUMNS, customerRecord, type CustomerContactRecord, type CustomerRecord } from '../db/records'
import { AppFailure, notFound } from '../errors'
import { maskEmail, maskPhone, maySeePersonalData } from '../policy/roles'
import type { Actor, Store } from '../store'
import type { AuditService } from './audit'
import { ftsCondition, refreshItemSearch } from './item-search'

type CustomerInput = ParsedInput<'customers.create'>
type CustomerUpdate = ParsedInput<'customers.update'>
type CustomerQuery = ParsedInput<'customers.list'>

/** The fields a person edits: what the audit log snapshots and the history compares. */
export const CUSTOMER_FIELD_NAMES = Object.keys(customerFields) as (keyof typeof customerFields)[]
type CustomerSnapshot = Pick<Customer, (typeof CUSTOMER_FIELD_NAMES)[number]>

const SORT_COLUMNS: Record<CustomerQuery['sortBy'], string> = {
  name: 'c.name',
  grade: "CASE c.grade WHEN 'important' THEN 1 WHEN 'special' THEN 2 ELSE 3 END",
  industry: 'c.industry',
  region: 'c.region',
  dateOpened: 'c.date_opened',
  updatedAt: 'c.updated_at'
}

const normaliseName = (name: string) => name.replace(/\s+/g, '').toLowerCase()

function snapshotOf(source: CustomerSnapshot): CustomerSnapshot {
  const snapshot = {} as Record<string, unknown>
  for (const field of CUSTOMER_FIELD_NAMES) snapshot[field] = source[field]
  return snapshot as CustomerSnapshot
}

function searchBody(input: CustomerSnapshot): string {
  return [input.name, input.legalRepresentative, input.industry, input.region, input.address, ...input.contacts.map((c) => c.name)]
    .filter(Boolean)
    .join('\n')
}

function maskContact(contact: Contact): Contact {
  return { ...contact, phone: maskPhone(contact.phone), email: maskEmail(contact.email) }
}

export class CustomersService {
  constructor(
    private readonly store: Store,
    private readonly audit: AuditService
  ) {}

  async list(query: CustomerQuery, role: Role): Promise<Page<CustomerRow>> {
    const where: string[] = []
    const params: unknown[] = []
    const search = query.search?.trim()
    if (search) {
      const condition = ftsCondition('customers_fts', search)
      where.push(`c.id IN (${condition.sql})`)
      params.push(condition.param)
    }
    for (const [column, values] of [
      ['c.grade', query.grade],
      ['c.industry', query.industry],
      ['c.region', query.region]
    ] as const) {
      if (values && values.length > 0) {
        where.push(`${column} IN (${values.map(() => '?').join(',')})`)
        params.push(...values)
      }
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
    const db = this.store.db
    const [{ total }] = await db.query(`SELECT COUNT(*) AS total FROM customers c ${clause}`, params)
    const direction = query.sortOrder === 'ascend' ? 'ASC' : 'DESC'
    const rows: CustomerRow[] = await db.query(
      `SELECT c.id, c.name, c.legal_representative AS legalRepresentative, c.grade, c.industry, c.region,
              c.date_opened AS dateOpened, c.updated_at AS updatedAt,
              COALESCE(k.name, '') AS primaryContact, COALESCE(k.phone, '') AS primaryContactPhone
       FROM customers c
       LEFT JOIN customer_contacts k ON k.customer_id = c.id AND k.position = 0
       ${clause}
       ORDER BY ${SORT_COLUMNS[query.sortBy]} ${direction}, c.id ${direction}
       LIMIT ? OFFSET ?`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize]
    )
    const showPersonal = maySeePersonalData(role)
    return {
      rows: rows.map((row) => (showPersonal ? row : { ...row, primaryContactPhone: maskPhone(row.primaryContactPhone) })),
      total,
      page: query.page,
      pageSize: query.pageSize
    }
  }

  async facets(): Promise<{ industries: string[]; regions: string[] }> {
    const distinct = async (column: string) =>
      ((await this.store.db.query(
        `SELECT DISTINCT ${column} AS value FROM customers WHERE ${column} <> '' ORDER BY ${column}`
      )) as { value: string }[]).map((r) => r.value)
    return { industries: await distinct('industry'), regions: await distinct('region') }
  }

  private async load(db: Db, id: number): Promise<Customer> {
    const [row] = await db.query(`SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE id = ?`, [id])
    if (!row) throw notFound('errors.customerNotFound')
    const contacts: CustomerContactRecord[] = await db.query(
      `SELECT ${CUSTOMER_CONTACT_COLUMNS} FROM customer_contacts WHERE customer_id = ? ORDER BY position`,
      [id]
    )
    return toCustomer(
      customerRecord(row),
      contacts.map(({ name, title, phone, email }) => ({ name, title, phone, email }))
    )
  }

  /** R-CUST-5: opening the full record is itself recorded; personal data is masked for roles without the right. */
  async get(actor: Actor, role: Role, id: number): Promise<Customer> {
    const customer = await this.store.write(actor, async ({ db, audit }) => {
      const found = await this.load(db, id)
      await audit({ entity: 'customer', entityId: id, action: 'view' })
      return found
    })
    return maySeePersonalData(role) ? customer : { ...customer, contacts: customer.contacts.map(maskContact) }
  }

  async findByName(name: string, excludeId?: number): Promise<{ id: number; name: string }[]> {
    const rows: { id: number; name: string }[] = await this.store.db.query('SELECT id, name FROM customers')
    const wanted = normaliseName(name)
    return rows.filter((r) => r.id !== excludeId && normaliseName(r.name) === wanted)
  }

  private async refuseDuplicateName(db: Db, input: CustomerInput, excludeId?: number): Promise<void> {
    if (input.confirmDuplicateName) return
    const wanted = normaliseName(input.name)
    const rows: { id: number; name: string }[] = await db.query('SELECT id, name FROM customers WHERE id <> ?', [excludeId ?? 0])
    const same = rows.filter((r) => normaliseName(r.name) === wanted)
    if (same.length > 0) {
      throw new AppFailure('CONFLICT', 'errors.duplicateCustomerName', {
        params: { name: same[0].name },
        details: [{ path: 'name', message: 'errors.duplicateCustomerName', params: { name: same[0].name } }]
      })
    }
  }

  async create(actor: Actor, input: CustomerInput): Promise<Customer> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      await this.refuseDuplicateName(db, input)
      const snapshot = snapshotOf(input)
      const { contacts, ...fields } = snapshot
      const stamp = now.toISOString()
      const id = await insertRow(db, 'customers', {
        ...fields,
        version: 1,
        createdAt: stamp,
        updatedAt: stamp,
        createdBy: actor.userId ?? 0
      })
      await this.writeContactsAndIndex(db, id, snapshot, false)
      await audit({ entity: 'customer', entityId: id, action: 'create', after: snapshot })
      return this.load(db, id)
    })
  }

  /** R-CUST-4: an update keeps the old values in the audit log, from which the history is shown. */
  async update(actor: Actor, input: CustomerUpdate): Promise<Customer> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const current = await this.load(db, input.id)
      if (current.version !== input.version) throw new AppFailure('CONFLICT', 'errors.staleVersion')
      if (normaliseName(current.name) !== normaliseName(input.name)) await this.refuseDuplicateName(db, input, input.id)
      const before = snapshotOf(current)
      const after = snapshotOf(input)
      const { contacts, ...fields } = after
      await updateRow(db, 'customers', input.id, { ...fields, version: current.version + 1, updatedAt: now.toISOString() })
      await this.writeContactsAndIndex(db, input.id, after, true)
      if (before.name !== after.name) {
        const items: { id: number }[] = await db.query('SELECT id FROM items WHERE customer_id = ?', [input.id])
        await refreshItemSearch(db, items.map((item) => item.id))
      }
      await audit({ entity: 'customer', entityId: input.id, action: 'update', before, after })
      return this.load(db, input.id)
    })
  }

  private async writeContactsAndIndex(db: Db, id: number, snapshot: CustomerSnapshot, replace: boolean) {
    if (replace) {
      await db.query('DELETE FROM customer_contacts WHERE customer_id = ?', [id])
      await db.query('DELETE FROM customers_fts WHERE rowid = ?', [id])
    }
    for (const [position, contact] of snapshot.contacts.entries()) {
      await insertRow(db, 'customer_contacts', { ...contact, customerId: id, position })
    }
    await db.query('INSERT INTO customers_fts (rowid, body) VALUES (?, ?)', [id, searchBody(snapshot)])
  }

  /** R-CUST-4: who changed which field when, old → new, read back from the audit log. */
  async history(id: number, role: Role): Promise<CustomerChange[]> {
    const [exists] = await this.store.db.query('SELECT 1 FROM customers WHERE id = ?', [id])
    if (!exists) throw notFound('errors.customerNotFound')
    const entries = await this.audit.forEntity('customer', String(id), ['create', 'update'])
    const showPersonal = maySeePersonalData(role)
    const changesPerEntry = entries.map((entry): CustomerChange[] => {
      const after = JSON.parse(entry.after ?? '{}') as CustomerSnapshot
      if (entry.action === 'create') {
        return [{ at: entry.at, username: entry.username, action: 'create', field: 'name', before: '', after: after.name }]
      }
      const before = JSON.parse(entry.before ?? '{}') as CustomerSnapshot
      return CUSTOMER_FIELD_NAMES.flatMap((field) => {
        const old = displayValue(before[field], showPersonal)
        const now = displayValue(after[field], showPersonal)
        return old === now ? [] : [{ at: entry.at, username: entry.username, action: 'update' as const, field, before: old, after: now }]
      })
    })
    return changesPerEntry.reverse().flat()
  }
}

function displayValue(value: unknown, showPersonal: boolean): string {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) {
    return (value as Contact[])
      .map((c) => [c.name, c.title, showPersonal ? c.phone : maskPhone(c.phone), showPersonal ? c.email : maskEmail(c.email)].filter(Boolean).join(' '))
      .join('; ')
  }
  return String(value)
}

function toCustomer(record: CustomerRecord, contacts: Contact[]): Customer {
  const { createdBy: _createdBy, ...fields } = record
  return {
    ...fields,
    registeredCapital: record.registeredCapital === null ? null : Number(record.registeredCapital),
    hasAgreement: Boolean(record.hasAgreement),
    consentObtained: Boolean(record.consentObtained),
    contacts
  }
}
