import type { FilingSettings, ItemInput } from '@preload/contract'

/** What a run of registrations at the paper register shares: the same file, class, period, department and customer. */
export const KEPT_FIELDS = [
  'fondsCode',
  'categoryCode',
  'retentionCode',
  'departmentCode',
  'customerId',
  'customerDocType'
] as const
export type KeptFields = Partial<Pick<ItemInput, (typeof KEPT_FIELDS)[number]>> & { customerName?: string }

/** The fields a 保存并继续登记 carries over to the next item, with the customer's name for its select. */
export function keptFrom(values: Partial<ItemInput>, customerName: string | undefined): KeptFields {
  const kept: KeptFields = Object.fromEntries(KEPT_FIELDS.map((field) => [field, values[field] ?? null]))
  if (values.customerId && customerName) kept.customerName = customerName
  return kept
}

/** R-CUST-2: a customer's document is a customer file, of the category and period the filing settings name for them. */
export const customerDefaults = (settings: FilingSettings) => ({
  categoryCode: settings.customerCategoryCode,
  retentionCode: settings.customerRetentionCode
})

/** A remembered code that is no longer in the lists (settings changed since) falls back to the first entry. */
export function listed<T extends { code: string }>(entries: T[], code: string | null | undefined): string | undefined {
  return entries.some((entry) => entry.code === code) ? (code ?? undefined) : entries[0]?.code
}
