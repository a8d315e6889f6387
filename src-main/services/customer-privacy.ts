import {
  SENSITIVE_FIELDS,
  type Consent,
  type ConsentRegister,
  type CustomerPrivacySettings,
  type ParsedInput,
  type PolicyVersion,
  type Role,
  type SensitiveField,
  type SensitiveValue
} from '../../src-preload/contract'
import type { Db } from '../db/connection'
import { customerExists } from '../db/customers'
import { customerConsents, insertConsent } from '../db/customer-privacy'
import { customersWithFingerprint, sensitiveValues, upsertSensitiveValue } from '../db/customer-sensitive'
import { enforce, invalid, notFound } from '../errors'
import {
  decideCollection,
  decideConsent,
  decideReveal,
  fieldMarks,
  maskSensitive,
  sensitivityOf,
  validSensitiveValue
} from '../policy/customer-privacy'
import type { Actor, Store } from '../store'
import { SETTINGS_SCHEMAS, VersionedSettings } from './settings'

/** 000/002 defaults: what the purpose does not need may be refused (S110, S112); the first notice is v1. */
export const DEFAULT_CUSTOMER_PRIVACY: CustomerPrivacySettings = {
  optionalFields: ['personalAssets', 'contactEmail', 'fax', 'economicStrength', 'background'],
  noticeVersion: 'v1'
}

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
  reveal(actor: Actor, role: Role, input: ParsedInput<'customerPrivacy.reveal'>): Promise<{ value: string }> {
    return this.store.write(actor, async ({ db, audit }) => {
      await this.existing(db, input.customerId)
      enforce(decideReveal(role))
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

  saveSettings(actor: Actor, data: CustomerPrivacySettings): Promise<PolicyVersion<CustomerPrivacySettings>> {
    return this.settings.save(actor, data)
  }
}
