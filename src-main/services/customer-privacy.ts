import {
  RETENTION_CLASSES,
  SENSITIVE_FIELDS,
  type RetentionClass,
  type RetentionPurge,
  type Consent,
  type ConsentRegister,
  type Disclosure,
  type PrivacyAlarm,
  type PrivacyState,
  type RightsRequest,
  type CustomerPrivacySettings,
  type ParsedInput,
  type PolicyVersion,
  type Role,
  type SensitiveField,
  type SensitiveValue,
  DEFAULT_RETENTION
} from '@preload/contract'
import type { Db } from '../db/connection'
import { customerExists } from '../db/customers'
import { localDay } from '../policy/calendar'
import {
  customerContacts,
  findCustomer,
  replaceCustomerContacts,
  replaceCustomerSearchRow,
  updateCustomer
} from '../db/customers'
import { refreshCustomerItemsSearch } from '../db/item-search'
import {
  customerConsents,
  customerReadsSince,
  deleteSensitiveValue,
  deleteUnprotectedCredit,
  deleteUpkeepLog,
  retentionFacts,
  deleteSensitiveValues,
  insertLeakReport,
  leakReportsSince,
  disclosures,
  findRightsRequest,
  inactiveCustomerIds,
  insertRightsRequest,
  markPrivacyState,
  privacyState,
  protectedRecordCount,
  rightsRequests,
  updateRightsRequest,
  findDisclosure,
  insertConsent,
  insertDisclosure,
  updateDisclosure
} from '../db/customer-privacy'
import { withdrawPendingChanges } from '../db/customer-changes'
import { customersWithFingerprint, sensitiveValues, upsertSensitiveValue } from '../db/customer-sensitive'
import { enforce, invalid, notFound, refuseStale } from '../errors'
import {
  decideCollection,
  decideConsent,
  decideDisclose,
  decideDisclosureApproval,
  decideDisclosureRequest,
  decideReveal,
  decideRightsAnswer,
  detectAlarms,
  fieldMarks,
  ANONYMOUS_CONTACT,
  inactiveBefore,
  expiredClasses,
  purgedFields,
  rightsDueOn,
  maskSensitive,
  sensitivityOf,
  validSensitiveValue
} from '../policy/customer-privacy'
import type { Actor, Store } from '../store'
import type { AuditDraft } from './audit-chain'
import { SETTINGS_SCHEMAS, VersionedSettings } from './settings'

/** 000/002 defaults: what the purpose does not need may be refused (S110, S112); the first notice is v1. */
export const DEFAULT_CUSTOMER_PRIVACY: CustomerPrivacySettings = {
  optionalFields: ['personalAssets', 'contactEmail', 'fax', 'economicStrength', 'background'],
  noticeVersion: 'v1',
  sharingRule: 'approvalAndConsent',
  disclosureApprover: 'archive_manager',
  rightsAnswerDays: 15,
  inactiveMonths: 24,
  bulkReadThreshold: 200,
  workdayStartHour: 8,
  workdayEndHour: 18,
  refusalThreshold: 3,
  retention: DEFAULT_RETENTION
}

/** How far back the alarms look. */
const ALARM_DAYS = 30

/** Issue 20: customers' personal information — consent, sensitive fields, and (later steps) its sharing and its end. */
export class CustomerPrivacyService {
  readonly settings: VersionedSettings<CustomerPrivacySettings>

  constructor(private readonly store: Store) {
    this.settings = new VersionedSettings(
      store,
      'customerPrivacy',
      SETTINGS_SCHEMAS.customerPrivacy,
      DEFAULT_CUSTOMER_PRIVACY
    )
  }

  private async existing(db: Db, customerId: number): Promise<void> {
    if (!(await customerExists(db, customerId))) throw notFound('errors.customerNotFound')
  }

  private async register(db: Db, customerId: number): Promise<ConsentRegister> {
    const consents = await customerConsents(db, customerId)
    const { optionalFields } = (await this.settings.current(db)).data
    return { consents, marks: fieldMarks(optionalFields, consents[0]?.refusedFields ?? []) }
  }

  /** S107–S110: the consents, newest first; the newest one decides which fields were refused. */
  async consents(customerId: number): Promise<ConsentRegister> {
    await this.existing(this.store.db, customerId)
    return this.register(this.store.db, customerId)
  }

  /** S108–S110: scope, purpose, the notice and its version, date, channel and who recorded it; audited (R-SEC-1). */
  recordConsent(actor: Actor, input: ParsedInput<'customerPrivacy.recordConsent'>): Promise<Consent> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      await this.existing(db, input.customerId)
      const { optionalFields } = (await this.settings.current(db)).data
      enforce(decideConsent(input.refusedFields, optionalFields))
      const consent = { ...input, recordedBy: actor.username, recordedAt: now.toISOString() }
      const id = await insertConsent(db, consent)
      await audit({ entity: 'customer', entityId: input.customerId, action: 'consent', after: { id, ...consent } })
      return { id, ...consent }
    })
  }

  /** S117, S121, S122: every sensitive value masked, whoever asks: revealing is a separate, logged step. */
  async sensitive(customerId: number): Promise<SensitiveValue[]> {
    await this.existing(this.store.db, customerId)
    const stored = await sensitiveValues(this.store.db, customerId)
    return SENSITIVE_FIELDS.map((field) => this.shown(field, stored.get(field) ?? ''))
  }

  private shown(field: SensitiveField, value: string): SensitiveValue {
    return { field, sensitivity: sensitivityOf(field), masked: maskSensitive(field, value), present: value !== '' }
  }

  /**
   * S124–S125: stored encrypted with its keyed fingerprint; S112: not kept when the customer refused it. The audit
   * entry holds the masked value only, so the log does not become a plain copy of what is encrypted.
   */
  saveSensitive(actor: Actor, input: ParsedInput<'customerPrivacy.saveSensitive'>): Promise<SensitiveValue> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      await this.existing(db, input.customerId)
      if (!validSensitiveValue(input.field, input.value))
        throw invalid([{ path: 'value', message: 'customerPrivacy.validation.idNumber' }])
      const { marks } = await this.register(db, input.customerId)
      enforce(decideCollection(input.field, input.value, marks))
      const before = (await sensitiveValues(db, input.customerId)).get(input.field) ?? ''
      await upsertSensitiveValue(db, input.customerId, input.field, input.value, now.toISOString())
      await audit({
        entity: 'customer',
        entityId: input.customerId,
        action: 'update',
        before: { [input.field]: maskSensitive(input.field, before) },
        after: { [input.field]: maskSensitive(input.field, input.value) }
      })
      return this.shown(input.field, input.value)
    })
  }

  /** S118–S121: the value in clear for a permitted role, with the purpose and the responsible person logged. */
  async reveal(actor: Actor, role: Role, input: ParsedInput<'customerPrivacy.reveal'>): Promise<{ value: string }> {
    const decision = decideReveal(role)
    if (!decision.ok) {
      // S136: a refusal is kept on its own, since refusals repeated raise an alarm.
      await this.store.write(actor, ({ audit }) =>
        audit({
          entity: 'customer',
          entityId: input.customerId,
          action: 'refused',
          after: { field: input.field, purpose: input.purpose, ruleId: decision.refusal.ruleId }
        })
      )
      enforce(decision)
    }
    return this.store.write(actor, async ({ db, audit }) => {
      await this.existing(db, input.customerId)
      const value = (await sensitiveValues(db, input.customerId)).get(input.field) ?? ''
      await audit({
        entity: 'customer',
        entityId: input.customerId,
        action: 'reveal',
        after: { field: input.field, purpose: input.purpose }
      })
      return { value }
    })
  }

  /** S124: an exact match on the ID number through its fingerprint; the encrypted values are never scanned. */
  findByIdNumber(idNumber: string): Promise<{ id: number; name: string }[]> {
    return customersWithFingerprint(this.store.db, 'idNumber', idNumber)
  }

  /** S131–S135: one customer's disclosures, or every request awaiting approval. */
  disclosures(customerId?: number): Promise<Disclosure[]> {
    return disclosures(this.store.db, customerId)
  }

  /**
   * S131–S133: recipient, scope, purpose and method; for a third party, under 002's reading, the customer's newest
   * consent must allow sharing, and the request names that consent.
   */
  requestDisclosure(actor: Actor, input: ParsedInput<'customerPrivacy.requestDisclosure'>): Promise<Disclosure> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      await this.existing(db, input.customerId)
      const { sharingRule } = (await this.settings.current(db)).data
      const [consent] = await customerConsents(db, input.customerId)
      const sharingConsent = consent?.sharingConsent ?? false
      enforce(decideDisclosureRequest({ recipientKind: input.recipientKind, sharingRule, sharingConsent }))
      const row = {
        ...input,
        status: 'requested' as const,
        consentId: input.recipientKind === 'third_party' && sharingConsent ? consent.id : null,
        requestedBy: actor.username,
        requestedAt: now.toISOString(),
        version: 1
      }
      const id = await insertDisclosure(db, row)
      await audit({ entity: 'disclosure', entityId: id, action: 'create', after: row })
      return (await findDisclosure(db, id))!
    })
  }

  private async loadDisclosure(db: Db, id: number, version: number): Promise<Disclosure> {
    const found = await findDisclosure(db, id)
    if (!found) throw notFound('customerPrivacy.errors.disclosureNotFound')
    refuseStale(found.version, version)
    return found
  }

  /** S131, S134: the approver named in the settings approves or refuses; nobody decides their own request. */
  decideDisclosure(
    actor: Actor,
    role: Role,
    input: ParsedInput<'customerPrivacy.decideDisclosure'>
  ): Promise<Disclosure> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const found = await this.loadDisclosure(db, input.id, input.version)
      const { disclosureApprover } = (await this.settings.current(db)).data
      enforce(
        decideDisclosureApproval({
          status: found.status,
          role,
          approver: disclosureApprover,
          requestedBy: found.requestedBy,
          username: actor.username
        })
      )
      const change = {
        status: input.decision,
        decidedBy: actor.username,
        decidedAt: now.toISOString(),
        decisionNote: input.note,
        version: found.version + 1
      }
      await updateDisclosure(db, input.id, change)
      await audit({
        entity: 'disclosure',
        entityId: input.id,
        action: 'decide',
        before: { status: found.status },
        after: change
      })
      return (await findDisclosure(db, input.id))!
    })
  }

  /** S131, S148: the disclosure made, after its approval, recorded with who made it and when. */
  recordDisclosure(actor: Actor, input: ParsedInput<'customerPrivacy.recordDisclosure'>): Promise<Disclosure> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const found = await this.loadDisclosure(db, input.id, input.version)
      enforce(decideDisclose(found.status))
      const change = {
        status: 'disclosed' as const,
        disclosedBy: actor.username,
        disclosedAt: now.toISOString(),
        version: found.version + 1
      }
      await updateDisclosure(db, input.id, change)
      await audit({
        entity: 'disclosure',
        entityId: input.id,
        action: 'disclose',
        after: { ...change, customerId: found.customerId, recipient: found.recipient, scope: found.scope }
      })
      return (await findDisclosure(db, input.id))!
    })
  }

  /** S103: one customer's requests, or every open one. */
  rightsRequests(customerId?: number): Promise<RightsRequest[]> {
    return rightsRequests(this.store.db, customerId)
  }

  /** S103: registered once the requester's identity was checked, with the day it must be answered by; audited. */
  registerRightsRequest(
    actor: Actor,
    input: ParsedInput<'customerPrivacy.registerRightsRequest'>
  ): Promise<RightsRequest> {
    return this.store.write(actor, async ({ db, audit }) => {
      await this.existing(db, input.customerId)
      const { rightsAnswerDays } = (await this.settings.current(db)).data
      const { identityChecked: _checked, ...fields } = input
      const row = {
        ...fields,
        dueOn: rightsDueOn(input.receivedOn, rightsAnswerDays),
        status: 'open' as const,
        registeredBy: actor.username,
        version: 1
      }
      const id = await insertRightsRequest(db, row)
      await audit({ entity: 'rights_request', entityId: id, action: 'create', after: row })
      return (await findRightsRequest(db, id))!
    })
  }

  /**
   * S120, S141, S147–S148: the answer, audited; a deletion answered by anonymising wipes the customer's personal data
   * (contact persons, legal representative's name, the encrypted values) and keeps every archival record; purging the
   * whole file is refused while a retention period protects any of them (S140, R-DISP-1).
   */
  answerRightsRequest(actor: Actor, input: ParsedInput<'customerPrivacy.answerRightsRequest'>): Promise<RightsRequest> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const found = await findRightsRequest(db, input.id)
      if (!found) throw notFound('customerPrivacy.errors.rightsRequestNotFound')
      refuseStale(found.version, input.version)
      const today = localDay(now)
      const protectedRecords = await protectedRecordCount(db, found.customerId, today)
      enforce(decideRightsAnswer({ status: found.status, kind: found.kind, outcome: input.outcome, protectedRecords }))
      if (input.outcome === 'anonymised' || input.outcome === 'purged') {
        const erased = await this.erase(db, found.customerId, input.outcome === 'purged', now)
        await audit({
          entity: 'customer',
          entityId: found.customerId,
          action: input.outcome === 'purged' ? 'purge' : 'anonymise',
          after: { request: found.id, ...erased, keptRecords: protectedRecords }
        })
      }
      const change = {
        status: 'answered' as const,
        outcome: input.outcome,
        answer: input.answer,
        answeredBy: actor.username,
        answeredAt: now.toISOString(),
        version: found.version + 1
      }
      await updateRightsRequest(db, found.id, change)
      await audit({ entity: 'rights_request', entityId: found.id, action: 'answer', after: change })
      return (await findRightsRequest(db, found.id))!
    })
  }

  /** S141, S147: the personal data gone for good (a purge also empties the file's own fields); what was erased. */
  private async erase(db: Db, customerId: number, purge: boolean, now: Date) {
    const customer = (await findCustomer(db, customerId))!
    const contacts = await customerContacts(db, customerId)
    await replaceCustomerContacts(
      db,
      customerId,
      contacts.map(() => ({ ...ANONYMOUS_CONTACT }))
    )
    await deleteSensitiveValues(db, customerId)
    await withdrawPendingChanges(db, customerId, now.toISOString())
    const cleared = purge ? purgedFields(customerId) : {}
    await updateCustomer(db, customerId, {
      legalRepresentative: ANONYMOUS_CONTACT.name,
      ...cleared,
      version: customer.version + 1,
      updatedAt: now.toISOString()
    })
    const name = purge ? purgedFields(customerId).name : customer.name
    await replaceCustomerSearchRow(
      db,
      customerId,
      [name, customer.industry, customer.region].filter(Boolean).join('\n')
    )
    if (purge) await refreshCustomerItemsSearch(db, customerId)
    await markPrivacyState(db, customerId, 'anonymised_at', now.toISOString())
    return { contacts: contacts.length, sensitiveValues: 'deleted' }
  }

  /** S141, S143, S147: what has become of the customer's personal data, and what a retention period still protects. */
  async state(customerId: number): Promise<PrivacyState> {
    const db = this.store.db
    await this.existing(db, customerId)
    return {
      ...(await privacyState(db, customerId)),
      protectedRecords: await protectedRecordCount(db, customerId, localDay(this.store.clock()))
    }
  }

  /**
   * S143: customers without contact (no change) for the set months move to the inactive archive, each audited; a dry
   * run counts them and moves none.
   */
  archiveInactive(actor: Actor, dryRun = false): Promise<{ archived: number }> {
    if (dryRun) return this.inactive(this.store.db, this.store.clock()).then(({ ids }) => ({ archived: ids.length }))
    return this.store.write(actor, async ({ db, now, audit }) => {
      const { before, ids } = await this.inactive(db, now)
      for (const id of ids) {
        await markPrivacyState(db, id, 'archived_at', now.toISOString())
        await audit({ entity: 'customer', entityId: id, action: 'archive', after: { inactiveSince: before } })
      }
      return { archived: ids.length }
    })
  }

  private async inactive(db: Db, now: Date): Promise<{ before: string; ids: number[] }> {
    const { inactiveMonths } = (await this.settings.current(db)).data
    const before = inactiveBefore(localDay(now), inactiveMonths)
    return { before, ids: (await inactiveCustomerIds(db, before)).map(({ id }) => id) }
  }

  /**
   * S139, S141, S147–S148: each class of a customer's information whose retention after the last contact has run out
   * is erased (contact persons anonymised, the ID number and assets deleted, the credit entries and the contact log
   * deleted), each customer's erasure audited with its classes and the settings' version. Archival records are never
   * touched, nor a credit entry whose report a retention period still protects (R-DISP-1). A dry run counts only.
   */
  async purgeExpired(actor: Actor, dryRun = false): Promise<RetentionPurge> {
    const work = async (db: Db, now: Date, audit?: (draft: AuditDraft) => Promise<void>) => {
      const settings = await this.settings.current(db)
      const today = localDay(now)
      const classes = Object.fromEntries(RETENTION_CLASSES.map((name) => [name, 0])) as RetentionPurge['classes']
      let customers = 0
      for (const facts of await retentionFacts(db, ANONYMOUS_CONTACT.name, today)) {
        const held = RETENTION_CLASSES.filter((name) => facts[name === 'contact' ? 'contacts' : name] > 0)
        const expired = expiredClasses(facts.lastContactOn, held, settings.data.retention, today)
        if (expired.length === 0) continue
        customers += 1
        for (const name of expired) classes[name] += 1
        if (!audit) continue
        const credit = await this.eraseClasses(db, facts.id, expired, today)
        await audit({
          entity: 'customer',
          entityId: facts.id,
          action: 'anonymise',
          after: { retention: expired, lastContactOn: facts.lastContactOn, settings: settings.version, credit }
        })
      }
      return { dryRun, customers, classes }
    }
    if (dryRun) return work(this.store.db, this.store.clock())
    return this.store.write(actor, ({ db, now, audit }) => work(db, now, audit))
  }

  /** The erasure of the given classes of one customer; how many credit entries went. */
  private async eraseClasses(db: Db, customerId: number, expired: RetentionClass[], today: string): Promise<number> {
    if (expired.includes('contact')) {
      const contacts = await customerContacts(db, customerId)
      await replaceCustomerContacts(
        db,
        customerId,
        contacts.map(() => ({ ...ANONYMOUS_CONTACT }))
      )
      const customer = (await findCustomer(db, customerId))!
      await replaceCustomerSearchRow(
        db,
        customerId,
        [customer.name, customer.legalRepresentative, customer.industry, customer.region, customer.address]
          .filter(Boolean)
          .join('\n')
      )
    }
    if (expired.includes('idNumber')) await deleteSensitiveValue(db, customerId, 'idNumber')
    if (expired.includes('assets')) await deleteSensitiveValue(db, customerId, 'personalAssets')
    if (expired.includes('visitLog')) await deleteUpkeepLog(db, customerId)
    return expired.includes('credit') ? deleteUnprotectedCredit(db, customerId, today) : 0
  }

  /** S136–S137: bulk reads, reads outside the working day and repeated refusals of the last days, and leaks reported. */
  async alarms(): Promise<PrivacyAlarm[]> {
    const db = this.store.db
    const since = new Date(this.store.clock().getTime() - ALARM_DAYS * 86_400_000).toISOString()
    const limits = (await this.settings.current(db)).data
    const reads = (await customerReadsSince(db, since)).map((read) => {
      const at = new Date(read.at)
      return { ...read, day: localDay(at), hour: at.getHours() }
    })
    const leaks = (await leakReportsSince(db, since)).map((leak): PrivacyAlarm => ({
      kind: 'leakReported',
      username: leak.reportedBy,
      day: localDay(new Date(leak.reportedAt)),
      count: 1,
      description: leak.description
    }))
    return [...leaks, ...detectAlarms(reads, limits)]
  }

  /** S137: a suspected leak, reported at once to the security officer; audited. */
  reportLeak(actor: Actor, input: ParsedInput<'customerPrivacy.reportLeak'>): Promise<{ id: number }> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      if (input.customerId !== undefined) await this.existing(db, input.customerId)
      const row = {
        customerId: input.customerId ?? null,
        description: input.description,
        reportedBy: actor.username,
        reportedAt: now.toISOString()
      }
      const id = await insertLeakReport(db, row)
      await audit({ entity: 'incident', entityId: `leak-${id}`, action: 'create', after: row })
      return { id }
    })
  }

  saveSettings(actor: Actor, data: CustomerPrivacySettings): Promise<PolicyVersion<CustomerPrivacySettings>> {
    return this.settings.save(actor, data)
  }
}
