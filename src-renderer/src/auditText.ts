import dayjs from 'dayjs'
import type { i18n } from 'i18next'
import type { AuditEntry } from '@preload/contract'

/** The two things of i18next the audit words need, so tests can hand in an instance of their own. */
export type Words = Pick<i18n, 't' | 'exists'>

/**
 * Fields that store an internal name (a status, a kind …), with the catalogue section that has its words; where the
 * same field name means different lists for different objects, the list per object.
 */
const VALUE_WORDS: Record<string, string | string[] | Record<string, string>> = {
  applicantKind: 'use.applicantKinds',
  classification: 'classifications',
  classifiedLoanApprover: 'use.approvers',
  classifiedOffSiteApprover: 'use.approvers',
  classifiedReadingApprover: 'use.approvers',
  condition: 'use.conditions',
  custody: 'custody',
  customerDocType: 'customerDocTypes',
  documentKind: 'documentKinds',
  document: ['print.documents', 'use.documents', 'audit.documents'],
  effect: 'use.effects',
  excerptAnswer: 'use.excerptAnswers',
  externalApprover: 'use.approvers',
  grade: ['grades', 'customerUpkeep.credit.grades'],
  channel: 'customerUpkeep.log.channels',
  longLoanApprover: 'use.approvers',
  openStatus: 'openStatuses',
  proposedRole: 'roles',
  otherDepartmentApprover: 'use.approvers',
  resolution: 'incidents.resolutions',
  role: 'roles',
  subject: ['recordKinds', 'audit.entities'],
  verification: 'disposal.verifications',
  decision: { use_request: 'use.decisions', appraisal: 'disposal.decisions' },
  kind: {
    use_request: 'use.kinds',
    inspection: 'inspections.kinds',
    incident: 'incidents.kinds',
    item: 'linkKinds.*.name',
    location: 'locationKinds',
    customer: 'customerUpkeep.log.kinds'
  },
  reason: { inspection: 'inspections.reasons', user: 'audit.loginFailures' },
  source: { incident: 'incidents.sources', environment: 'environment.sources' },
  state: { appraisal: 'disposal.states', inspection: 'inspections.states' },
  status: {
    item: 'itemStatuses',
    volume: 'volumes.statuses',
    use_request: 'use.statuses',
    inspection: 'inspections.statuses',
    customer: 'customerUpkeep.registration.statuses'
  },
  step: { use_request: 'use.approvers', item: 'audit.actions', volume: 'audit.actions' }
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/
/** A list longer than this reads better as its length. */
const LISTED = 3

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export const entityText = (words: Words, entity: string) =>
  words.exists(`audit.entities.${entity}`) ? words.t(`audit.entities.${entity}`) : entity

export const actionText = (words: Words, action: string) =>
  words.exists(`audit.actions.${action}`) ? words.t(`audit.actions.${action}`) : action

/** Fields inside a list whose names mean something else there (a contact's title is a position, not a document's). */
const INNER_FIELDS: Record<string, string> = { contacts: 'audit.contactFields' }

/** A field's name in words; keys that are themselves data (an import mapping's header row) stay as they are. */
export function fieldText(words: Words, field: string, within = ''): string {
  const inner = INNER_FIELDS[within]
  if (inner && words.exists(`${inner}.${field}`)) return words.t(`${inner}.${field}`)
  return words.exists(`audit.fields.${field}`) ? words.t(`audit.fields.${field}`) : field
}

/** An import mapping is kept under its file's header row, "items:…" or "customers:…"; its values are field names. */
const MAPPING = /^(items|customers):/

function enumSections(entity: string, field: string): string[] {
  const mapping = MAPPING.exec(field)
  if (mapping) return [`${mapping[1]}.fields`, 'audit.fields']
  const words = VALUE_WORDS[field]
  if (words === undefined) return []
  if (typeof words === 'string') return [words]
  if (Array.isArray(words)) return words
  return words[entity] ? [words[entity]] : []
}

/** The key of a value's words in a section: `section.value`, or where the section says `*`, the value in its place. */
const keyIn = (section: string, value: string) =>
  section.includes('*') ? section.replace('*', value) : `${section}.${value}`

/** A policy decision kept in the entry ({ ruleId, reason, params }): its sentence, as on the screen where it was made. */
function reasonSentence(words: Words, value: Record<string, unknown>): string | null {
  if (typeof value.ruleId !== 'string' || typeof value.reason !== 'string' || !words.exists(value.reason)) return null
  return words.t(value.reason, isRecord(value.params) ? value.params : {})
}

/** One stored value in words: names of states and kinds translated, yes/no, times local, lists joined. */
export function valueText(words: Words, entity: string, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return words.t('audit.values.empty')
  if (value === 0 && /olicyVersion$/.test(field)) return words.t('audit.values.defaults')
  if (typeof value === 'boolean') return words.t(value ? 'audit.values.yes' : 'audit.values.no')
  if (typeof value === 'number') return String(value)
  if (typeof value === 'string') {
    const section = enumSections(entity, field).find((prefix) => words.exists(keyIn(prefix, value)))
    if (section) return words.t(keyIn(section, value))
    return ISO_TIMESTAMP.test(value) ? dayjs(value).format('YYYY-MM-DD HH:mm') : value
  }
  const separator = words.t('audit.values.separator')
  if (Array.isArray(value)) {
    if (value.length === 0) return words.t('audit.values.empty')
    if (value.length > LISTED && value.some((element) => typeof element === 'object' && element !== null))
      return words.t('audit.values.entries', { count: value.length })
    return value.map((element) => valueText(words, entity, field, element)).join(separator)
  }
  if (isRecord(value))
    return (
      reasonSentence(words, value) ??
      words.t('audit.values.group', {
        fields: Object.entries(value)
          .map(([key, inner]) =>
            words.t('common.labelled', {
              label: fieldText(words, key, field),
              value: valueText(words, entity, key, inner)
            })
          )
          .join(separator)
      })
    )
  return String(value)
}

const blank = (value: unknown) => value === null || value === undefined || value === ''
const same = (a: unknown, b: unknown) => (blank(a) && blank(b)) || JSON.stringify(a) === JSON.stringify(b)

/**
 * What an audit entry changed, one line per field: "字段：旧值 → 新值" where it keeps both sides, "字段：值" where it
 * keeps one (a new record, an event's facts). Fields left empty on a new record are left out.
 */
export function changeLines(words: Words, entry: Pick<AuditEntry, 'entity' | 'before' | 'after'>): string[] {
  const { entity, before, after } = entry
  const value = (field: string, v: unknown) => valueText(words, entity, field, v)
  if (isRecord(before) && isRecord(after)) {
    const fields = [...new Set([...Object.keys(after), ...Object.keys(before)])]
    return fields
      .filter((field) => !same(before[field], after[field]))
      .map((field) =>
        words.t('audit.values.change', {
          field: fieldText(words, field),
          before: value(field, before[field]),
          after: value(field, after[field])
        })
      )
  }
  const only = isRecord(after) ? after : isRecord(before) ? before : null
  if (only)
    return Object.entries(only)
      .filter(([, v]) => !blank(v))
      .map(([field, v]) => words.t('audit.values.set', { field: fieldText(words, field), value: value(field, v) }))
  if (after === null || after === undefined) return []
  if (before === null || before === undefined) return [value('', after)]
  return [words.t('audit.values.replaced', { before: value('', before), after: value('', after) })]
}
