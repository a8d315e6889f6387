/** Channels of customers' personal information (issue 20, S106–S149); spread into the contract in contract.ts. */
import { z } from 'zod'
import {
  channel,
  empty,
  id,
  isoDate,
  optionalText,
  RECORD_READERS,
  RECORD_WRITERS,
  required,
  trimmed,
  type PolicyVersion
} from './contract-kit'
import {
  CONSENT_FIELDS,
  type ConsentField,
  CONSENT_CHANNELS,
  RECIPIENT_KINDS,
  DISCLOSURE_METHODS,
  RIGHTS_KINDS,
  type RightsKind,
  RETENTION_CLASSES,
  type RetentionClass,
  RETENTION_UNITS,
  RETENTION_LIMITS
} from './vocabulary'

/** S122: the confidentiality level of each kind of information; core is masked for everyone until revealed. */
export const SENSITIVITY_CLASSES = ['core', 'important', 'general'] as const
export type SensitivityClass = (typeof SENSITIVITY_CLASSES)[number]

/** S6, S7: the sensitive values kept beside a customer's record, encrypted (S124–S125). */
export const SENSITIVE_FIELDS = ['idNumber', 'personalAssets'] as const
export type SensitiveField = (typeof SENSITIVE_FIELDS)[number]

/** S131–S133: the variants of the sources; the archive manager chooses, 002's reading (consent as well) by default. */
export const SHARING_RULES = ['approvalAndConsent', 'approvalOnly'] as const
/** S131: who approves a disclosure, chosen in the settings. */
export const DISCLOSURE_APPROVERS = ['archive_manager', 'deputy_gm', 'gm'] as const
export const DISCLOSURE_STATES = ['requested', 'approved', 'refused', 'disclosed'] as const
export type DisclosureState = (typeof DISCLOSURE_STATES)[number]

/**
 * How a request was answered: shown, corrected, personal data anonymised (S141, S147), the whole file purged (S144,
 * only when no retention period protects its records), or refused with the reason.
 */
export const RIGHTS_OUTCOMES = ['shown', 'corrected', 'anonymised', 'purged', 'refused'] as const
export type RightsOutcome = (typeof RIGHTS_OUTCOMES)[number]

const days = (max: number) =>
  z
    .number({ message: 'validation.range' })
    .int({ message: 'validation.range' })
    .min(1, { message: 'validation.range' })
    .max(max, { message: 'validation.range' })

const retentionPeriod = z
  .strictObject({
    amount: z.number({ message: 'validation.range' }).int({ message: 'validation.range' }),
    unit: z.enum(RETENTION_UNITS, { message: 'validation.invalidValue' })
  })
  .refine((period) => period.amount >= 1 && period.amount <= RETENTION_LIMITS[period.unit], {
    message: 'validation.retention',
    path: ['amount']
  })
export type RetentionPeriod = z.output<typeof retentionPeriod>

/**
 * The sources give no number of years (customer-rules.md, gaps): these are the room's starting choice, three years
 * for personal data, five for the credit file, which decides trade terms longer (S19).
 */
export const DEFAULT_RETENTION: Record<RetentionClass, RetentionPeriod> = {
  contact: { amount: 3, unit: 'years' },
  idNumber: { amount: 3, unit: 'years' },
  assets: { amount: 3, unit: 'years' },
  credit: { amount: 5, unit: 'years' },
  visitLog: { amount: 3, unit: 'years' }
}

/** The archive manager's versioned choices for personal information; defaults follow 000 and 002. */
export const customerPrivacySettingsSchema = z.strictObject({
  /** S110, S112: the fields not needed for the purpose, which a customer may refuse. */
  optionalFields: z.array(z.enum(CONSENT_FIELDS, { message: 'validation.invalidValue' })).max(CONSENT_FIELDS.length),
  /** S107: the version of the notice customers are shown now. */
  noticeVersion: required(20),
  /** S131 (approval) or S132–S133 (approval and the customer's consent for third parties). */
  sharingRule: z.enum(SHARING_RULES, { message: 'validation.invalidValue' }),
  disclosureApprover: z.enum(DISCLOSURE_APPROVERS, { message: 'validation.invalidValue' }),
  /** Days to answer an individual's request; the sources give none, so the room sets it. */
  rightsAnswerDays: days(90),
  /** S143: months without contact after which a customer moves to the inactive archive. */
  inactiveMonths: days(240),
  /** S136: one person's reads and exports of customer data in a day that raise an alarm. */
  bulkReadThreshold: days(100_000),
  /** S136: the working day, in whole hours of the PC's clock; reads outside it raise an alarm. */
  workdayStartHour: z
    .number({ message: 'validation.range' })
    .int()
    .min(0, { message: 'validation.range' })
    .max(23, { message: 'validation.range' }),
  workdayEndHour: z
    .number({ message: 'validation.range' })
    .int()
    .min(1, { message: 'validation.range' })
    .max(24, { message: 'validation.range' }),
  /** S136: refusals of one person in a day that raise an alarm. */
  refusalThreshold: days(100),
  /** S139: how long each class of information keeps after the last contact; settings saved before it take the default. */
  retention: z
    .strictObject(
      Object.fromEntries(RETENTION_CLASSES.map((name) => [name, retentionPeriod])) as Record<
        RetentionClass,
        typeof retentionPeriod
      >
    )
    .optional()
    .default(DEFAULT_RETENTION)
})
export type CustomerPrivacySettings = z.output<typeof customerPrivacySettingsSchema>

export const consentInput = z.strictObject({
  customerId: id,
  scope: required(300),
  purpose: required(300),
  noticeText: required(4000),
  noticeVersion: required(20),
  consentedOn: isoDate,
  channel: z.enum(CONSENT_CHANNELS, { message: 'validation.invalidValue' }),
  refusedFields: z.array(z.enum(CONSENT_FIELDS, { message: 'validation.invalidValue' })).max(CONSENT_FIELDS.length),
  /** S132–S133: separate consent to share with third parties. */
  sharingConsent: z.boolean({ message: 'validation.boolean' })
})
export type ConsentInput = z.input<typeof consentInput>

export interface Consent {
  id: number
  customerId: number
  scope: string
  purpose: string
  noticeText: string
  noticeVersion: string
  consentedOn: string
  channel: (typeof CONSENT_CHANNELS)[number]
  refusedFields: ConsentField[]
  sharingConsent: boolean
  recordedBy: string
  recordedAt: string
}

/** How the customer form treats a field: needed for the purpose, optional, or refused by the customer's consent. */
export type FieldMark = 'required' | 'optional' | 'refused'

export interface ConsentRegister {
  consents: Consent[]
  marks: Record<ConsentField, FieldMark>
}

/** A sensitive value as the screens get it: masked unless revealed (S117, S121). */
export interface SensitiveValue {
  field: SensitiveField
  sensitivity: SensitivityClass
  masked: string
  present: boolean
}

export const sensitiveInput = z.strictObject({
  customerId: id,
  field: z.enum(SENSITIVE_FIELDS, { message: 'validation.invalidValue' }),
  value: trimmed(200)
})

export const revealInput = z.strictObject({
  customerId: id,
  field: z.enum(SENSITIVE_FIELDS, { message: 'validation.invalidValue' }),
  /** S119: every use states its purpose. */
  purpose: required(200)
})

export const disclosureInput = z.strictObject({
  customerId: id,
  recipient: required(200),
  recipientKind: z.enum(RECIPIENT_KINDS, { message: 'validation.invalidValue' }),
  scope: required(300),
  purpose: required(300),
  method: z.enum(DISCLOSURE_METHODS, { message: 'validation.invalidValue' })
})
export type DisclosureInput = z.input<typeof disclosureInput>

/** S131–S135: a request to disclose a customer's information, its approval and the disclosure itself. */
export interface Disclosure {
  id: number
  customerId: number
  customerName: string
  recipient: string
  recipientKind: (typeof RECIPIENT_KINDS)[number]
  scope: string
  purpose: string
  method: (typeof DISCLOSURE_METHODS)[number]
  status: DisclosureState
  /** The consent that allowed sharing with a third party (S132–S133), when one was needed. */
  consentId: number | null
  requestedBy: string
  requestedAt: string
  decidedBy: string | null
  decidedAt: string | null
  decisionNote: string
  disclosedBy: string | null
  disclosedAt: string | null
  version: number
}

const versioned = { id, version: z.number().int().min(1) }

export const rightsRequestInput = z.strictObject({
  customerId: id,
  kind: z.enum(RIGHTS_KINDS, { message: 'validation.invalidValue' }),
  requester: required(100),
  /** S103: the requester's identity was checked before anything is answered. */
  identityChecked: z.literal(true, { message: 'validation.required' }),
  details: optionalText(1000),
  receivedOn: isoDate
})
export type RightsRequestInput = z.input<typeof rightsRequestInput>

export interface RightsRequest {
  id: number
  customerId: number
  customerName: string
  kind: RightsKind
  requester: string
  details: string
  receivedOn: string
  dueOn: string
  status: 'open' | 'answered'
  outcome: RightsOutcome | null
  answer: string
  answeredBy: string | null
  answeredAt: string | null
  version: number
}

/** S141, S143, S147: what has become of the customer's personal data. */
export interface PrivacyState {
  archivedAt: string | null
  anonymisedAt: string | null
  /** Records of the customer's file that a retention period still protects (R-DISP-1, S140). */
  protectedRecords: number
}

export const ALARM_KINDS = ['bulkRead', 'afterHours', 'repeatedRefusals', 'leakReported'] as const
export type AlarmKind = (typeof ALARM_KINDS)[number]

/** S136–S137: something the security officer must look into, from the log of the last days or a leak reported. */
export interface PrivacyAlarm {
  kind: AlarmKind
  username: string
  day: string
  count: number
  /** The report's own words, for a suspected leak. */
  description: string
}

export const leakReportInput = z.strictObject({
  description: required(1000),
  customerId: id.optional()
})

/** S139, S141: what the purge of expired information erased, or would erase (a dry run), per class. */
export interface RetentionPurge {
  dryRun: boolean
  customers: number
  classes: Record<RetentionClass, number>
}

const dryRunInput = z.strictObject({ dryRun: z.boolean({ message: 'validation.boolean' }).optional().default(false) })

export const privacyChannels = {
  'customerPrivacy.settings': channel<PolicyVersion<CustomerPrivacySettings>>()(empty, RECORD_READERS),
  'customerPrivacy.settingsHistory': channel<PolicyVersion<CustomerPrivacySettings>[]>()(empty, ['archive_manager']),
  'customerPrivacy.saveSettings': channel<PolicyVersion<CustomerPrivacySettings>>()(customerPrivacySettingsSchema, [
    'archive_manager'
  ]),
  /** S107–S110: the customer's consents, newest first, and what they make of each field. */
  'customerPrivacy.consents': channel<ConsentRegister>()(z.strictObject({ customerId: id }), RECORD_READERS),
  'customerPrivacy.recordConsent': channel<Consent>()(consentInput, RECORD_WRITERS),
  /** S117, S121: the customer's sensitive values, masked. */
  'customerPrivacy.sensitive': channel<SensitiveValue[]>()(z.strictObject({ customerId: id }), RECORD_READERS),
  'customerPrivacy.saveSensitive': channel<SensitiveValue>()(sensitiveInput, RECORD_WRITERS),
  /** S118–S121: one value in clear, for a permitted role with a stated purpose; logged. */
  'customerPrivacy.reveal': channel<{ value: string }>()(revealInput, RECORD_READERS),
  /** S124: customers found by the exact ID number, through its keyed fingerprint. */
  /** S131–S135: disclosures of one customer, or every open one (for the approver) when none is named. */
  'customerPrivacy.disclosures': channel<Disclosure[]>()(z.strictObject({ customerId: id.optional() }), RECORD_READERS),
  'customerPrivacy.requestDisclosure': channel<Disclosure>()(disclosureInput, RECORD_WRITERS),
  'customerPrivacy.decideDisclosure': channel<Disclosure>()(
    z.strictObject({
      ...versioned,
      decision: z.enum(['approved', 'refused'], { message: 'validation.invalidValue' }),
      note: trimmed(300).optional().default('')
    }),
    DISCLOSURE_APPROVERS
  ),
  'customerPrivacy.recordDisclosure': channel<Disclosure>()(z.strictObject(versioned), RECORD_WRITERS),
  /** S103, S139–S148: individuals' requests, of one customer or every open one. */
  'customerPrivacy.rightsRequests': channel<RightsRequest[]>()(
    z.strictObject({ customerId: id.optional() }),
    RECORD_READERS
  ),
  'customerPrivacy.registerRightsRequest': channel<RightsRequest>()(rightsRequestInput, RECORD_WRITERS),
  'customerPrivacy.answerRightsRequest': channel<RightsRequest>()(
    z.strictObject({
      ...versioned,
      outcome: z.enum(RIGHTS_OUTCOMES, { message: 'validation.invalidValue' }),
      answer: required(1000)
    }),
    RECORD_WRITERS
  ),
  'customerPrivacy.state': channel<PrivacyState>()(z.strictObject({ customerId: id }), RECORD_READERS),
  /**
   * S143: moves every customer without contact for the set months to the inactive archive; how many moved, or with
   * `dryRun` how many would, moving none.
   */
  'customerPrivacy.archiveInactive': channel<{ archived: number }>()(dryRunInput, ['archive_manager']),
  /** S139, S141, S147: erases each class of information whose retention after the last contact has run out. */
  'customerPrivacy.purgeExpired': channel<RetentionPurge>()(dryRunInput, ['archive_manager']),
  /** S136–S137: the alarms of the last 30 days, for the security officer's workbench. */
  'customerPrivacy.alarms': channel<PrivacyAlarm[]>()(empty, ['security_officer']),
  /** S137: anyone who suspects a leak reports it; it goes straight to the security officer. */
  'customerPrivacy.reportLeak': channel<{ id: number }>()(leakReportInput, 'authenticated'),
  'customerPrivacy.findByIdNumber': channel<{ id: number; name: string }[]>()(
    z.strictObject({ idNumber: required(30) }),
    RECORD_WRITERS
  )
} as const
