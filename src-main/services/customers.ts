import type { Db } from '../db/connection'
import { INDUSTRY_SECTIONS, PROVINCES, withReferenceValues } from '@preload/reference-lists'
import {
  customerFields,
  UNREADABLE_VALUE,
  type Contact,
  type Customer,
  type CustomerChange,
  type CustomerFileItem,
  type CustomerFileUse,
  type CustomerRow,
  type CustomerUpkeepSettings,
  type Page,
  type PendingCustomerChange,
  type SavedCustomer,
  type ParsedInput,
  type Role
} from '@preload/contract'
import {
  customerContacts,
  customerExists,
  customerFacetValues,
  customerNames,
  findCustomer,
  insertCustomer,
  listCustomerRows,
  replaceCustomerContacts,
  replaceCustomerSearchRow,
  updateCustomer,
  type CustomerRecord,
  customerFileItems,
  customerFileUses,
  recordedContacts
} from '../db/customers'
import { fieldKeyOf } from '../db/field-codec'
import { pageTotal } from '../db/paging'
import {
  decidePendingChange,
  findPendingChange,
  insertPendingChange,
  pendingChanges,
  waitingChangeOf,
  type PendingChangeRecord
} from '../db/customer-changes'
import { findRegistration, openTemporaryFile } from '../db/customer-upkeep'
import { refreshCustomerItemsSearch } from '../db/item-search'
import { AppFailure, enforce, notFound, refuseStale } from '../errors'
import { decideChange, decideProposal, importantChanges } from '../policy/customer-upkeep'
import { ANONYMOUS_CONTACT, PURGED_FIELDS, PURGED_TEXT } from '../policy/customer-privacy'
import { maskEmail, maskName, maskPhone, maySeePersonalData } from '../policy/roles'
import type { Actor, Store } from '../store'
import type { AuditDraft } from './audit-chain'
import type { Log } from '../log'
import type { AuditService } from './audit'
import type { VersionedSettings } from './settings'

/** The fields a person edits: what the audit log snapshots and the history compares. */
export const CUSTOMER_FIELD_NAMES = Object.keys(customerFields) as (keyof typeof customerFields)[]
type CustomerSnapshot = Pick<Customer, (typeof CUSTOMER_FIELD_NAMES)[number]>

const normaliseName = (name: string) => name.replace(/\s+/g, '').toLowerCase()

function snapshotOf(source: CustomerSnapshot): CustomerSnapshot {
  const snapshot = {} as Record<string, unknown>
  for (const field of CUSTOMER_FIELD_NAMES) snapshot[field] = source[field]
  return snapshot as CustomerSnapshot
}

function searchBody(input: CustomerSnapshot): string {
  return [
    input.name,
    input.legalRepresentative,
    input.industry,
    input.region,
    input.address,
    ...input.contacts.map((c) => c.name)
  ]
    .filter(Boolean)
    .join('\n')
}

function maskContact(contact: Contact): Contact {
  return { ...contact, phone: maskPhone(contact.phone), email: maskEmail(contact.email) }
}

export class CustomersService {
  /** Sealed values found unreadable since start, reported to the support log once each. */
  private readonly reportedUnreadable = new Set<string>()

  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly log: Log,
    /** Who verifies a file (S37–S39) also confirms its important changes (S50). */
    private readonly upkeepSettings: VersionedSettings<CustomerUpkeepSettings>
  ) {}

  /** S125: which row and field, never the value, so support can restore that row from a backup. */
  private reportUnreadable(customerId: number, fields: { field: string; value: string }[]): void {
    for (const { field } of fields.filter(({ value }) => value === UNREADABLE_VALUE)) {
      const key = `${customerId}:${field}`
      if (this.reportedUnreadable.has(key)) continue
      this.reportedUnreadable.add(key)
      this.log.error('sealed value unreadable', new Error('the value does not open under field.key'), {
        table: 'customer_contacts',
        customerId,
        field
      })
    }
  }

  private reportUnreadableContacts(customerId: number, contacts: Contact[]): void {
    this.reportUnreadable(
      customerId,
      contacts.flatMap((contact) => [
        { field: 'contact.phone', value: contact.phone },
        { field: 'contact.email', value: contact.email }
      ])
    )
  }

  async list(query: ParsedInput<'customers.list'>, role: Role): Promise<Page<CustomerRow>> {
    const { rows, ...count } = await listCustomerRows(
      this.store.db,
      { ...query, search: query.search?.trim() },
      { limit: query.pageSize, offset: (query.page - 1) * query.pageSize }
    )
    for (const row of rows) this.reportUnreadable(row.id, [{ field: 'contact.phone', value: row.primaryContactPhone }])
    const showPersonal = maySeePersonalData(role)
    return {
      rows: rows.map((row) =>
        showPersonal ? row : { ...row, primaryContactPhone: maskPhone(row.primaryContactPhone) }
      ),
      ...pageTotal(count),
      page: query.page,
      pageSize: query.pageSize
    }
  }

  /** S23: the shipped reference lists, then the free-text values customers had before them, so both filter. */
  async facets(): Promise<{ industries: string[]; regions: string[] }> {
    return {
      industries: withReferenceValues(INDUSTRY_SECTIONS, await customerFacetValues(this.store.db, 'industry')),
      regions: withReferenceValues(PROVINCES, await customerFacetValues(this.store.db, 'region'))
    }
  }

  private async load(db: Db, id: number): Promise<Customer> {
    const record = await findCustomer(db, id)
    if (!record) throw notFound('errors.customerNotFound')
    return toCustomer(record, await customerContacts(db, id))
  }

  /** R-CUST-5: opening the full record is itself recorded; personal data is masked for roles without the right. */
  async get(actor: Actor, role: Role, id: number): Promise<Customer> {
    const customer = await this.store.write(actor, async ({ db, audit }) => {
      const found = await this.load(db, id)
      await audit({ entity: 'customer', entityId: id, action: 'view' })
      return found
    })
    this.reportUnreadableContacts(id, customer.contacts)
    return maySeePersonalData(role) ? customer : { ...customer, contacts: customer.contacts.map(maskContact) }
  }

  /**
   * R-CUST-2: the customer's file — every document linked to it, its status, code and place, and their consultations
   * and loans. R-CUST-5: opening it is logged like the record itself; applicants' names are masked for roles without
   * the right to personal data.
   */
  async file(actor: Actor, role: Role, id: number): Promise<{ items: CustomerFileItem[]; uses: CustomerFileUse[] }> {
    const { items, uses } = await this.store.write(actor, async ({ db, audit }) => {
      await this.load(db, id)
      await audit({ entity: 'customer', entityId: id, action: 'view', after: { document: 'file' } })
      return { items: await customerFileItems(db, id), uses: await customerFileUses(db, id) }
    })
    const showPersonal = maySeePersonalData(role)
    return {
      items: items.map(({ currentPath, ...item }) => ({
        ...item,
        awayAt: currentPath !== null && currentPath !== item.homePath ? currentPath : null
      })),
      uses: showPersonal ? uses : uses.map((use) => ({ ...use, applicantName: maskName(use.applicantName) }))
    }
  }

  async findByName(name: string, excludeId?: number): Promise<{ id: number; name: string }[]> {
    const wanted = normaliseName(name)
    return (await customerNames(this.store.db, excludeId)).filter((r) => normaliseName(r.name) === wanted)
  }

  private async refuseDuplicateName(db: Db, input: ParsedInput<'customers.create'>, excludeId?: number): Promise<void> {
    if (input.confirmDuplicateName) return
    const wanted = normaliseName(input.name)
    const same = (await customerNames(db, excludeId)).filter((r) => normaliseName(r.name) === wanted)
    if (same.length > 0) {
      throw new AppFailure('CONFLICT', 'errors.duplicateCustomerName', {
        params: { name: same[0].name },
        details: [{ path: 'name', message: 'errors.duplicateCustomerName', params: { name: same[0].name } }]
      })
    }
  }

  async create(actor: Actor, input: ParsedInput<'customers.create'>): Promise<Customer> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      await this.refuseDuplicateName(db, input)
      const snapshot = snapshotOf(input)
      const { contacts, ...fields } = snapshot
      const stamp = now.toISOString()
      const id = await insertCustomer(db, {
        ...fields,
        version: 1,
        createdAt: stamp,
        updatedAt: stamp,
        createdBy: actor.userId ?? 0
      })
      await this.writeContactsAndIndex(db, id, snapshot)
      // S29: a new file is temporary until it is verified (customer-upkeep.ts).
      await openTemporaryFile(db, id)
      await audit({ entity: 'customer', entityId: id, action: 'create', after: sealed(db, snapshot) })
      return this.load(db, id)
    })
  }

  /**
   * R-CUST-4: an update keeps the old values in the audit log, from which the history is shown. S50: on a formal file
   * the important fields it changes are held for a second person's confirmation; the rest is saved at once.
   */
  async update(actor: Actor, input: ParsedInput<'customers.update'>): Promise<SavedCustomer> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const current = await this.load(db, input.id)
      refuseStale(current.version, input.version)
      if (normaliseName(current.name) !== normaliseName(input.name)) await this.refuseDuplicateName(db, input, input.id)
      const registration = (await findRegistration(db, input.id))!
      const held = importantChanges(registration.status, current, input)
      const kept = Object.fromEntries(held.map(({ field, before }) => [field, before]))
      if (held.length > 0) {
        enforce(decideProposal(await waitingChangeOf(db, input.id)))
        const id = await insertPendingChange(db, {
          customerId: input.id,
          changes: held,
          proposedBy: actor.userId ?? 0,
          proposedAt: now.toISOString()
        })
        await audit({ entity: 'customer', entityId: input.id, action: 'propose_change', after: { change: id, held } })
      }
      await this.save(db, current, snapshotOf({ ...input, ...kept }), now, audit, 'update')
      return { ...(await this.load(db, input.id)), held: held.map(({ field }) => field) }
    })
  }

  /** Writes a snapshot over the current record, audited with both sealed. */
  private async save(
    db: Db,
    current: Customer,
    after: CustomerSnapshot,
    now: Date,
    audit: (draft: AuditDraft) => Promise<void>,
    action: 'update' | 'confirm_change'
  ): Promise<void> {
    const before = snapshotOf(current)
    const { contacts, ...fields } = after
    await updateCustomer(db, current.id, { ...fields, version: current.version + 1, updatedAt: now.toISOString() })
    await this.writeContactsAndIndex(db, current.id, after)
    if (before.name !== after.name) await refreshCustomerItemsSearch(db, current.id)
    await audit({
      entity: 'customer',
      entityId: current.id,
      action,
      before: sealed(db, before),
      after: sealed(db, after)
    })
  }

  /** S50: one customer's held changes, or every one waiting; whether this person may decide each now. */
  async pendingChanges(who: { userId: number; role: Role }, customerId?: number): Promise<PendingCustomerChange[]> {
    const settings = (await this.upkeepSettings.current()).data
    const rows = await pendingChanges(this.store.db, customerId)
    return rows.map((row) => this.shownChange(row, who, settings))
  }

  private shownChange(
    { proposedById, ...row }: PendingChangeRecord,
    who: { userId: number; role: Role },
    settings: CustomerUpkeepSettings
  ): PendingCustomerChange {
    return { ...row, mayDecide: decideChange({ status: row.status, proposedById }, who, settings).ok }
  }

  /**
   * S50: a verifier of the settings, not the proposer, confirms the held change, which then takes effect over the
   * file as it is now, or refuses it and the old values stay; both are audited.
   */
  async decideChange(
    actor: Actor,
    role: Role,
    input: ParsedInput<'customers.decideChange'>
  ): Promise<PendingCustomerChange> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const found = await findPendingChange(db, input.id)
      if (!found) throw notFound('customerUpkeep.errors.changeNotFound')
      refuseStale(found.version, input.version)
      const settings = (await this.upkeepSettings.current(db)).data
      const verifier = { userId: actor.userId ?? 0, role }
      enforce(decideChange(found, verifier, settings))
      await decidePendingChange(db, found.id, {
        status: input.decision,
        decidedBy: verifier.userId,
        decidedAt: now.toISOString(),
        note: input.note,
        version: found.version + 1
      })
      if (input.decision === 'approved') {
        const current = await this.load(db, found.customerId)
        const confirmed = Object.fromEntries(found.changes.map(({ field, after }) => [field, after]))
        await this.save(db, current, snapshotOf({ ...current, ...confirmed }), now, audit, 'confirm_change')
      } else {
        await audit({
          entity: 'customer',
          entityId: found.customerId,
          action: 'refuse_change',
          after: { change: found.id, note: input.note }
        })
      }
      return this.shownChange((await findPendingChange(db, found.id))!, verifier, settings)
    })
  }

  private async writeContactsAndIndex(db: Db, id: number, snapshot: CustomerSnapshot) {
    await replaceCustomerContacts(db, id, snapshot.contacts)
    await replaceCustomerSearchRow(db, id, searchBody(snapshot))
  }

  /** R-CUST-4: who changed which field when, old → new, read back from the audit log. */
  async history(id: number, role: Role): Promise<CustomerChange[]> {
    if (!(await customerExists(this.store.db, id))) throw notFound('errors.customerNotFound')
    const logged = await this.audit.forEntity('customer', String(id), [
      'create',
      'update',
      'confirm_change',
      'anonymise',
      'purge'
    ])
    const showPersonal = maySeePersonalData(role)
    // S141, S147: the log keeps what a person was, in order; once they are anonymised nobody reads it back here.
    // S140, S147: a purge clears the file's own fields too, and the history keeps none of what they were.
    const actions = logged.map((entry) => entry.action)
    const erasedUpTo = Math.max(actions.lastIndexOf('anonymise'), actions.lastIndexOf('purge'))
    const purgedUpTo = actions.lastIndexOf('purge')
    const key = fieldKeyOf(this.store.db)
    const snapshotOf = (text: string | null, index: number): CustomerSnapshot => {
      const snapshot = recordedContacts(key, JSON.parse(text ?? '{}'), 'open') as CustomerSnapshot
      if (index > erasedUpTo) return snapshot
      const purged =
        index < purgedUpTo
          ? Object.fromEntries(PURGED_FIELDS.map((field) => [field, snapshot[field] && PURGED_TEXT]))
          : {}
      return {
        ...snapshot,
        ...purged,
        legalRepresentative: snapshot.legalRepresentative && ANONYMOUS_CONTACT.name,
        contacts: snapshot.contacts?.map(() => ({ ...ANONYMOUS_CONTACT }))
      }
    }
    const entries = logged.flatMap((entry, index) =>
      entry.action === 'create' || entry.action === 'update' || entry.action === 'confirm_change'
        ? [{ ...entry, before: snapshotOf(entry.before, index), after: snapshotOf(entry.after, index) }]
        : []
    )
    const changesPerEntry = entries.map(({ before, after, ...entry }): CustomerChange[] => {
      if (entry.action === 'create') {
        return [
          { at: entry.at, username: entry.username, action: 'create', field: 'name', before: '', after: after.name }
        ]
      }
      return CUSTOMER_FIELD_NAMES.flatMap((field) => {
        const old = displayValue(before[field], showPersonal)
        const now = displayValue(after[field], showPersonal)
        return old === now
          ? []
          : [{ at: entry.at, username: entry.username, action: 'update' as const, field, before: old, after: now }]
      })
    })
    return changesPerEntry.reverse().flat()
  }
}

/** S124–S125: what the audit log keeps of a snapshot: the contacts' phones and e-mails sealed. */
const sealed = (db: Db, snapshot: CustomerSnapshot): unknown => recordedContacts(fieldKeyOf(db), snapshot, 'seal')

function displayValue(value: unknown, showPersonal: boolean): string {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) {
    return (value as Contact[])
      .map((c) =>
        [c.name, c.title, showPersonal ? c.phone : maskPhone(c.phone), showPersonal ? c.email : maskEmail(c.email)]
          .filter(Boolean)
          .join(' ')
      )
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
