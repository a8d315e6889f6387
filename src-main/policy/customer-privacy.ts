import {
  CONSENT_FIELDS,
  PERSONAL_DATA_ROLES,
  type ConsentField,
  type CustomerPrivacySettings,
  type DisclosureState,
  type FieldMark,
  type PrivacyAlarm,
  type RetentionClass,
  type RetentionPeriod,
  type RightsOutcome,
  type RightsKind,
  type Role,
  type SensitiveField,
  type SensitivityClass
} from '@preload/contract'
import { addDays, addMonths } from './calendar'
import { allowed, refuse, type Decision } from './decision'

/** S110, S112: a customer may refuse only what the purpose does not need. */
export function decideConsent(refused: readonly ConsentField[], optional: readonly ConsentField[]): Decision {
  const needed = refused.find((field) => !optional.includes(field))
  return needed === undefined ? allowed : refuse('S110', 'customerPrivacy.rules.refusedNecessary', { field: needed })
}

/** S107, S110: how the form treats each field under the settings and the customer's newest consent. */
export function fieldMarks(
  optional: readonly ConsentField[],
  refused: readonly ConsentField[]
): Record<ConsentField, FieldMark> {
  return Object.fromEntries(
    CONSENT_FIELDS.map((field) => [
      field,
      refused.includes(field) ? 'refused' : optional.includes(field) ? 'optional' : 'required'
    ])
  ) as Record<ConsentField, FieldMark>
}

/** S112: nothing is kept of a field the customer refused to give. */
export function decideCollection(field: ConsentField, value: string, marks: Record<ConsentField, FieldMark>): Decision {
  return value !== '' && marks[field] === 'refused'
    ? refuse('S112', 'customerPrivacy.rules.fieldRefused', { field })
    : allowed
}

/** S122: ID-card numbers (S6) and personal assets (S7) are core; contact details important; the rest general. */
export function sensitivityOf(field: ConsentField): SensitivityClass {
  if (field === 'idNumber' || field === 'personalAssets') return 'core'
  if (field === 'contactPhone' || field === 'contactEmail') return 'important'
  return 'general'
}

/**
 * S117: core values are masked for everyone by default. An ID number keeps its first 6 digits (the issuing region)
 * and its last 4, enough to tell two apart; assets keep nothing.
 */
export function maskSensitive(field: SensitiveField, value: string): string {
  if (value === '') return ''
  if (field === 'idNumber')
    return value.length <= 10
      ? '*'.repeat(value.length)
      : value.slice(0, 6) + '*'.repeat(value.length - 10) + value.slice(-4)
  return '******'
}

/** S120, S121: only the roles with the right to personal data may reveal; S119: the purpose is stated (the schema). */
export function decideReveal(role: Role): Decision {
  return PERSONAL_DATA_ROLES.includes(role) ? allowed : refuse('S121', 'customerPrivacy.rules.revealNotPermitted')
}

/** S6: an ID-card number of the mainland, 18 characters (the last may be X) or the old 15 digits. */
export function validSensitiveValue(field: SensitiveField, value: string): boolean {
  return field !== 'idNumber' || value === '' || /^(?:\d{17}[\dXx]|\d{15})$/.test(value)
}

/**
 * S130–S133: a disclosure to a third party needs the customer's consent to sharing under 002's reading (the default);
 * under S131 alone an internal approval suffices. Internal recipients need the approval only.
 */
export function decideDisclosureRequest(facts: {
  recipientKind: 'internal' | 'third_party'
  sharingRule: CustomerPrivacySettings['sharingRule']
  sharingConsent: boolean
}): Decision {
  if (facts.recipientKind === 'third_party' && facts.sharingRule === 'approvalAndConsent' && !facts.sharingConsent)
    return refuse('S133', 'customerPrivacy.rules.noSharingConsent')
  return allowed
}

/** S131, S134: the approver the settings name decides, never the person who asked (R-ROLE-7); only open requests. */
export function decideDisclosureApproval(facts: {
  status: DisclosureState
  role: Role
  approver: CustomerPrivacySettings['disclosureApprover']
  requestedBy: string
  username: string
}): Decision {
  if (facts.status !== 'requested') return refuse('S131', 'customerPrivacy.rules.disclosureNotOpen')
  if (facts.role !== facts.approver) return refuse('S131', 'customerPrivacy.rules.notDisclosureApprover')
  if (facts.requestedBy === facts.username) return refuse('R-ROLE-7', 'customerPrivacy.rules.ownDisclosure')
  return allowed
}

/** S131, S134: only an approved request is disclosed, and only once. */
export function decideDisclose(status: DisclosureState): Decision {
  return status === 'approved' ? allowed : refuse('S131', 'customerPrivacy.rules.disclosureNotApproved')
}

/** The day an individual's request must be answered by: the set number of days after it was received. */
export const rightsDueOn = (receivedOn: string, answerDays: number): string => addDays(receivedOn, answerDays)

const OUTCOMES_OF: Record<RightsKind, readonly RightsOutcome[]> = {
  access: ['shown', 'refused'],
  correct: ['corrected', 'refused'],
  delete: ['anonymised', 'purged', 'refused']
}

/**
 * S103, S120: a request is answered once, with an outcome that fits what was asked. S140, R-DISP-1: the whole file is
 * purged only when no retention period protects any of its records; its personal data may always be anonymised
 * (S141, S147), the records staying as they are.
 */
export function decideRightsAnswer(facts: {
  status: 'open' | 'answered'
  kind: RightsKind
  outcome: RightsOutcome
  protectedRecords: number
}): Decision {
  if (facts.status !== 'open') return refuse('S120', 'customerPrivacy.rules.rightsAnswered')
  if (!OUTCOMES_OF[facts.kind].includes(facts.outcome)) return refuse('S120', 'customerPrivacy.rules.outcomeNotForKind')
  if (facts.outcome === 'purged' && facts.protectedRecords > 0)
    return refuse('S140', 'customerPrivacy.rules.recordsProtected', { count: facts.protectedRecords })
  return allowed
}

/** S143: the last day of contact before which a customer counts as inactive. */
export const inactiveBefore = (today: string, months: number): string => addMonths(today, -months)

/** S141, S147: what a contact person becomes once anonymised: a placeholder name and nothing to reach them by. */
export const ANONYMOUS_CONTACT = { name: '（已匿名）', title: '', phone: '', email: '' } as const

/** S140, S147: what a purge clears of the file's own fields besides the person's data; the name becomes a marker. */
export const PURGED_FIELDS = [
  'name',
  'address',
  'postcode',
  'phone',
  'fax',
  'businessScope',
  'economicStrength',
  'dealingsRecord',
  'creditStanding',
  'background',
  'collectionPurpose'
] as const
export const PURGED_TEXT = '（已清除）'

/** The fields a purge leaves, its name numbered so the register still tells purged files apart. */
export function purgedFields(customerId: number): Record<(typeof PURGED_FIELDS)[number], string> {
  const cleared = Object.fromEntries(PURGED_FIELDS.map((field) => [field, ''])) as Record<
    (typeof PURGED_FIELDS)[number],
    string
  >
  return { ...cleared, name: `${PURGED_TEXT}#${customerId}` }
}

/** One read of customer data as the alarms see it: who, on which local day and hour, what, how many rows. */
export interface CustomerRead {
  username: string
  day: string
  hour: number
  action: string
  rows: number
}

/**
 * S136: the alarm mechanism. Per person and day: reads and exported rows at or over the threshold (bulk reading),
 * any read outside the working day, and refusals at or over their threshold.
 */
export function detectAlarms(
  reads: readonly CustomerRead[],
  limits: Pick<
    CustomerPrivacySettings,
    'bulkReadThreshold' | 'workdayStartHour' | 'workdayEndHour' | 'refusalThreshold'
  >
): PrivacyAlarm[] {
  const tally = new Map<string, { username: string; day: string; rows: number; afterHours: number; refusals: number }>()
  for (const read of reads) {
    const key = `${read.username}\u0000${read.day}`
    const entry = tally.get(key) ?? { username: read.username, day: read.day, rows: 0, afterHours: 0, refusals: 0 }
    if (read.action === 'refused') entry.refusals += 1
    else {
      entry.rows += read.rows
      if (read.hour < limits.workdayStartHour || read.hour >= limits.workdayEndHour) entry.afterHours += 1
    }
    tally.set(key, entry)
  }
  const alarms: PrivacyAlarm[] = []
  for (const { username, day, rows, afterHours, refusals } of tally.values()) {
    const alarm = (kind: PrivacyAlarm['kind'], count: number) =>
      alarms.push({ kind, username, day, count, description: '' })
    if (rows >= limits.bulkReadThreshold) alarm('bulkRead', rows)
    if (afterHours > 0) alarm('afterHours', afterHours)
    if (refusals >= limits.refusalThreshold) alarm('repeatedRefusals', refusals)
  }
  return alarms.sort((a, b) => b.day.localeCompare(a.day) || a.username.localeCompare(b.username))
}

/** S139: the last day a class keeps after the last contact. */
export function retentionEndsOn(lastContactOn: string, period: RetentionPeriod): string {
  return period.unit === 'days' ? addDays(lastContactOn, period.amount) : addMonths(lastContactOn, 12 * period.amount)
}

/** S139, S141: the classes of a customer's information whose retention has run out today, of those it still holds. */
export function expiredClasses(
  lastContactOn: string,
  held: readonly RetentionClass[],
  retention: Record<RetentionClass, RetentionPeriod>,
  today: string
): RetentionClass[] {
  return held.filter((name) => retentionEndsOn(lastContactOn, retention[name]) < today)
}
