import type { TFunction } from 'i18next'
import type { FilingSettings } from '@preload/contract'
import { CLASSIFICATIONS } from '@preload/vocabulary'

/** Each value's text in the person's language, for an export column: `labelsOf(t, ITEM_STATUSES, 'itemStatuses')`. */
export const labelsOf = (t: TFunction, values: readonly string[], prefix: string) =>
  Object.fromEntries(values.map((value) => [value, t(`${prefix}.${value}`)]))

/** A select's options: each value with its text in the person's language, `optionsOf(t, USE_KINDS, 'use.kinds')`. */
export const optionsOf = <V extends string>(t: TFunction, values: readonly V[], prefix: string) =>
  values.map((value) => ({ value, label: t(`${prefix}.${value}`) }))

/** Each code's name, for an export column. */
export const codeLabels = (entries: { code: string; name: string }[] | undefined) =>
  Object.fromEntries((entries ?? []).map((entry) => [entry.code, entry.name]))

/** The export columns items and volumes share: category, retention period and classification, by name. */
export const filingExportColumns = (t: TFunction, settings: FilingSettings | null) => [
  { key: 'categoryCode', title: t('items.fields.categoryCode'), labels: codeLabels(settings?.categories) },
  { key: 'retentionCode', title: t('items.fields.retentionCode'), labels: codeLabels(settings?.retentionPeriods) },
  {
    key: 'classification',
    title: t('items.fields.classification'),
    labels: labelsOf(t, CLASSIFICATIONS, 'classifications')
  }
]

/** Which loan rules a request was decided under; version 0 is the defaults, before anyone saved the rules. */
export const policyVersionText = (t: TFunction, version: number) =>
  version > 0 ? t('use.chain.policyVersion', { version }) : t('use.chain.defaultPolicy')
