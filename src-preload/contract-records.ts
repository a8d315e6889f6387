/**
 * Channels of items, volumes, filing settings, printed catalogues and labels, and record look-up (R-FILE); spread
 * into the contract in contract.ts.
 */
import { z } from 'zod'
import {
  batchIds,
  channel,
  code,
  codeEntry,
  codeList,
  empty,
  id,
  isoDate,
  optionalText,
  paging,
  RECORD_READERS,
  RECORD_WRITERS,
  recordRef,
  required,
  searchText,
  year,
  type BatchOutcome,
  type Page,
  type PolicyReason,
  type PolicyVersion,
  type RecordSummary
} from './contract-kit'
import {
  CLASSIFICATIONS,
  CUSTODY_STATES,
  MAX_BATCH,
  type ClassificationCode,
  type CustodyState,
  DOCUMENT_KINDS,
  LINK_KINDS,
  OPEN_STATUSES,
  CUSTOMER_DOC_TYPES,
  ITEM_STATUSES
} from './vocabulary'

export const filingSettingsSchema = z.strictObject({
  fonds: codeList(codeEntry),
  categories: codeList(codeEntry),
  retentionPeriods: codeList(
    codeEntry.extend({
      years: z
        .number()
        .int()
        .min(1, { message: 'validation.range' })
        .max(100, { message: 'validation.range' })
        .nullable()
    })
  ),
  departments: codeList(codeEntry),
  defaultCatalogueCode: code,
  itemCodeTemplate: required(120),
  volumeCodeTemplate: required(120),
  customerFilingDays: z.number().int().min(1, { message: 'validation.range' }).max(90, { message: 'validation.range' }),
  customerRegistrationWorkingDays: z
    .number()
    .int()
    .min(1, { message: 'validation.range' })
    .max(30, { message: 'validation.range' }),
  annualFilingMonth: z.number().int().min(1, { message: 'validation.range' }).max(12, { message: 'validation.range' }),
  /**
   * R-CUST-2: the category and retention period a customer's documents are registered under. Versions saved before
   * these existed read as the shipped defaults.
   */
  customerCategoryCode: code.optional().default('KH'),
  customerRetentionCode: code.optional().default('D30')
})
export type FilingSettings = z.output<typeof filingSettingsSchema>

export const itemFields = {
  fondsCode: code,
  categoryCode: code,
  retentionCode: code,
  departmentCode: code,
  title: required(500),
  responsibleParty: required(200),
  documentNumber: optionalText(100),
  dateFormed: isoDate,
  pageCount: z
    .number({ message: 'validation.pageCount' })
    .int({ message: 'validation.pageCount' })
    .min(1, { message: 'validation.pageCount' })
    .max(100_000, { message: 'validation.pageCount' }),
  classification: z.enum(CLASSIFICATIONS, { message: 'validation.invalidValue' }),
  openStatus: z.enum(OPEN_STATUSES, { message: 'validation.invalidValue' }),
  remarks: optionalText(1000),
  documentKind: z.enum(DOCUMENT_KINDS, { message: 'validation.invalidValue' }).optional().default('ordinary'),
  periodStartYear: year.nullable().optional().default(null),
  periodEndYear: year.nullable().optional().default(null),
  meetingOpenedOn: isoDate.nullable().optional().default(null),
  customerId: id.nullable().optional().default(null),
  customerDocType: z.enum(CUSTOMER_DOC_TYPES).nullable().optional().default(null),
  sealedOriginal: z.boolean().optional().default(false),
  departmentCopyNote: optionalText(200),
  receivedOn: isoDate
}
export const itemInput = z.strictObject(itemFields)
export type ItemInput = z.input<typeof itemInput>

export interface ItemLinkRow {
  kind: (typeof LINK_KINDS)[number]
  fromId: number
  toId: number
  otherTitle: string
}

export interface Item {
  id: number
  fondsCode: string
  categoryCode: string
  year: number
  yearReason: PolicyReason
  retentionCode: string
  departmentCode: string
  itemNumber: number | null
  archivalCode: string | null
  title: string
  responsibleParty: string
  documentNumber: string
  dateFormed: string
  pageCount: number
  classification: ClassificationCode
  openStatus: (typeof OPEN_STATUSES)[number]
  remarks: string
  documentKind: (typeof DOCUMENT_KINDS)[number]
  periodStartYear: number | null
  periodEndYear: number | null
  meetingOpenedOn: string | null
  customerId: number | null
  customerName: string | null
  customerDocType: (typeof CUSTOMER_DOC_TYPES)[number] | null
  sealedOriginal: boolean
  departmentCopyNote: string
  receivedOn: string
  status: (typeof ITEM_STATUSES)[number]
  volumeId: number | null
  volumeCode: string | null
  position: number | null
  manualPosition: number | null
  startPage: number | null
  endPage: number | null
  homePath: string | null
  currentPath: string | null
  policyVersion: number
  custody: CustodyState
  version: number
  links: ItemLinkRow[]
}

export type ItemRow = Pick<
  Item,
  | 'id'
  | 'archivalCode'
  | 'title'
  | 'responsibleParty'
  | 'documentNumber'
  | 'dateFormed'
  | 'year'
  | 'categoryCode'
  | 'retentionCode'
  | 'classification'
  | 'pageCount'
  | 'status'
  | 'customerName'
  | 'volumeCode'
  | 'custody'
> & {
  /** Open missing/damaged incidents on the item or its volume: the item is flagged (R-KEEP-3). */
  openIncidents: number
  /** In a search: where the text occurs in each shown field, as [start, end) offsets of the field's string. */
  highlights?: Partial<Record<HighlightedItemField, [number, number][]>>
}

/** The fields of an item row a search looks in and highlights. */
export const HIGHLIGHTED_ITEM_FIELDS = [
  'title',
  'documentNumber',
  'responsibleParty',
  'archivalCode',
  'customerName'
] as const
export type HighlightedItemField = (typeof HIGHLIGHTED_ITEM_FIELDS)[number]

/**
 * The orders of the item list. `registered` is the order items were registered in, the search index's own: a search
 * reads it newest first at any number of matches, where `updatedAt` must know every match before its first row.
 */
export const SORTABLE_ITEM_FIELDS = ['archivalCode', 'title', 'dateFormed', 'year', 'updatedAt', 'registered'] as const

export interface Volume {
  id: number
  archivalCode: string
  title: string
  fondsCode: string
  catalogueCode: string
  categoryCode: string
  year: number
  retentionCode: string
  departmentCode: string
  classification: ClassificationCode
  topSecret: boolean
  status: 'open' | 'closed'
  notes: string
  compiledBy: string
  compiledOn: string
  checkedBy: string
  checkedOn: string
  itemCount: number
  pageCount: number
  homePath: string | null
  currentPath: string | null
  custody: CustodyState
  version: number
}

export interface VolumeItem {
  id: number
  position: number
  startPage: number
  endPage: number
  archivalCode: string | null
  documentNumber: string
  responsibleParty: string
  title: string
  dateFormed: string
  pageCount: number
  classification: ClassificationCode
  remarks: string
  orderReason: PolicyReason
  manualPosition: number | null
}

export interface OverdueEntry {
  itemId: number
  title: string
  archivalCode: string | null
  dueOn: string
  /** 0 for a record handed in late that the room still has time to file. */
  daysLate: number
  ruleId: string
  reason: string
  /** R-FILE-9: how late the record was when handed in (逾期移交), or null when it came in time. */
  handedInLateDays: number | null
}

/** What labels are printed for: records, volumes, or the boxes on the shelves. */
export const LABEL_SUBJECTS = ['items', 'volumes', 'boxes'] as const
export const MAX_LABELS = 1000

export const itemsQuery = z.strictObject({
  ...paging,
  search: searchText(100).optional(),
  year: z.array(year).max(50).optional(),
  categoryCode: z.array(code).max(50).optional(),
  retentionCode: z.array(code).max(20).optional(),
  classification: z.array(z.enum(CLASSIFICATIONS)).max(5).optional(),
  status: z.array(z.enum(ITEM_STATUSES)).max(3).optional(),
  customerId: id.optional(),
  /** The rows a person selected, e.g. to export just those. */
  ids: z.array(id).max(MAX_BATCH, { message: 'validation.batchTooLarge' }).optional(),
  volumeId: id.optional(),
  locationId: id.optional(),
  flagged: z.boolean().optional(),
  /** Destroyed items (R-DISP-8) are left out unless asked for here. */
  custody: z.array(z.enum(CUSTODY_STATES)).max(5).optional(),
  sortBy: z.enum(SORTABLE_ITEM_FIELDS).optional().default('updatedAt'),
  sortOrder: z.enum(['ascend', 'descend']).optional().default('descend')
})
export const volumesQuery = z.strictObject({
  ...paging,
  year: year.optional(),
  status: z.enum(['open', 'closed']).optional(),
  search: searchText(100).optional()
})

export const recordChannels = {
  'settings.getFiling': channel<PolicyVersion<FilingSettings>>()(empty, RECORD_READERS),
  'settings.filingHistory': channel<PolicyVersion<FilingSettings>[]>()(empty, ['archive_manager']),
  'settings.saveFiling': channel<PolicyVersion<FilingSettings>>()(filingSettingsSchema, ['archive_manager']),
  'items.list': channel<Page<ItemRow>>()(itemsQuery, RECORD_READERS),
  'items.get': channel<Item>()(z.strictObject({ id }), RECORD_READERS),
  'items.create': channel<Item>()(itemInput, RECORD_WRITERS),
  'items.update': channel<Item>()(itemInput.extend({ id, version: z.number().int().min(1) }), RECORD_WRITERS),
  'items.catalogue': channel<Item>()(z.strictObject({ id }), RECORD_WRITERS),
  'items.catalogueMany': channel<BatchOutcome>()(z.strictObject({ ids: batchIds }), RECORD_WRITERS),
  'items.link': channel<Item>()(z.strictObject({ kind: z.enum(LINK_KINDS), fromId: id, toId: id }), RECORD_WRITERS),
  'items.unlink': channel<Item>()(z.strictObject({ kind: z.enum(LINK_KINDS), fromId: id, toId: id }), RECORD_WRITERS),
  'volumes.list': channel<Page<Volume>>()(volumesQuery, RECORD_READERS),
  'volumes.get': channel<{ volume: Volume; items: VolumeItem[] }>()(z.strictObject({ id }), RECORD_READERS),
  'volumes.create': channel<Volume>()(
    z.strictObject({
      fondsCode: code,
      catalogueCode: code.optional(),
      categoryCode: code,
      year,
      retentionCode: code,
      departmentCode: code.optional().default(''),
      title: required(300),
      topSecret: z.boolean().optional().default(false)
    }),
    RECORD_WRITERS
  ),
  'volumes.addItem': channel<{ volume: Volume; items: VolumeItem[] }>()(
    z.strictObject({ volumeId: id, itemId: id }),
    RECORD_WRITERS
  ),
  'volumes.addItems': channel<BatchOutcome>()(z.strictObject({ volumeId: id, itemIds: batchIds }), RECORD_WRITERS),
  'volumes.removeItem': channel<{ volume: Volume; items: VolumeItem[] }>()(
    z.strictObject({ volumeId: id, itemId: id }),
    RECORD_WRITERS
  ),
  'volumes.setPosition': channel<{ volume: Volume; items: VolumeItem[] }>()(
    z.strictObject({ volumeId: id, itemId: id, position: z.number().int().min(1).nullable() }),
    RECORD_WRITERS
  ),
  'volumes.updateNote': channel<Volume>()(
    z.strictObject({
      id,
      version: z.number().int().min(1),
      notes: optionalText(2000),
      compiledBy: optionalText(50),
      compiledOn: isoDate.or(z.literal('')).optional().default(''),
      checkedBy: optionalText(50),
      checkedOn: isoDate.or(z.literal('')).optional().default('')
    }),
    RECORD_WRITERS
  ),
  'volumes.close': channel<Volume>()(z.strictObject({ id, version: z.number().int().min(1) }), RECORD_WRITERS),
  'print.volume': channel<{ html: string }>()(
    z.strictObject({ id, document: z.enum(['catalogue', 'note', 'cover', 'spine']) }),
    RECORD_READERS
  ),
  'print.labels': channel<{ html: string }>()(
    z.strictObject({
      subject: z.enum(LABEL_SUBJECTS, { message: 'validation.invalidValue' }),
      ids: z.array(id).min(1, { message: 'validation.required' }).max(MAX_LABELS, { message: 'validation.tooMany' }),
      layout: z.discriminatedUnion('kind', [
        z.strictObject({
          kind: z.literal('sheet'),
          columns: z.number().int().min(1, { message: 'validation.range' }).max(4, { message: 'validation.range' }),
          rows: z.number().int().min(1, { message: 'validation.range' }).max(12, { message: 'validation.range' }),
          start: z.number().int().min(1, { message: 'validation.range' }).max(48, { message: 'validation.range' })
        }),
        z.strictObject({
          kind: z.literal('roll'),
          widthMm: z.number().int().min(30, { message: 'validation.range' }).max(120, { message: 'validation.range' }),
          heightMm: z.number().int().min(20, { message: 'validation.range' }).max(100, { message: 'validation.range' })
        })
      ])
    }),
    RECORD_READERS
  ),
  'print.filingCatalogue': channel<{ html: string }>()(
    z.strictObject({ fondsCode: code, year, retentionCode: code, categoryCode: code, departmentCode: code.optional() }),
    RECORD_READERS
  ),
  'dashboard.overdue': channel<OverdueEntry[]>()(empty, RECORD_READERS),
  'records.lookup': channel<RecordSummary[]>()(
    z.strictObject({ search: searchText(100), limit: z.number().int().min(1).max(50).optional().default(20) }),
    RECORD_READERS
  ),
  'records.summaries': channel<RecordSummary[]>()(
    z.strictObject({ records: z.array(recordRef).max(500) }),
    RECORD_READERS
  )
} as const
