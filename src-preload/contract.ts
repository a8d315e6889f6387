/**
 * THE typed contract between renderer and main. Every call crosses here: a channel name, the zod schema
 * its input must pass, the roles allowed to call it, and (as a phantom type) what it returns.
 * Field error messages are i18n keys; the renderer translates them.
 */
import { z } from 'zod'
import {
  BACKUP_ROLES,
  channel,
  CLASSIFICATIONS,
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
  required,
  ROLES,
  searchText,
  trimmed,
  year,
  type ClassificationCode,
  type Page,
  type PolicyReason,
  type Role,
  INCIDENT_KINDS,
  INCIDENT_RESOLUTIONS,
  recordRef,
  type Incident,
  type RecordSummary,
  CUSTODY_STATES,
  type CustodyState,
  type PolicyVersion
} from './contract-kit'
import { custodyChannels } from './contract-custody'
import { disposalChannels } from './contract-disposal'
import { useChannels } from './contract-use'

export * from './contract-kit'
export * from './contract-custody'
export * from './contract-disposal'
export * from './contract-use'

export const CUSTOMER_GRADES = ['important', 'special', 'general'] as const
export type CustomerGrade = (typeof CUSTOMER_GRADES)[number]

export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'POLICY_DENIED',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'STORAGE',
  'INTERNAL'
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface FieldError {
  path: string
  message: string
  params?: Record<string, string | number>
}

export interface AppError {
  code: ErrorCode
  message: string
  params?: Record<string, string | number>
  ruleId?: string
  details?: FieldError[]
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: AppError }

/** Mainland landline (区号-号码[-分机]), mobile (1xxxxxxxxxx) or +86 forms; blank allowed. */
export const PHONE_PATTERN =
  /^(?:(?:\+86[- ]?)?1[3-9]\d{9}|(?:0\d{2,3}-?)?[2-9]\d{6,7}(?:-\d{1,6})?|400-?\d{3}-?\d{4})$/
const phone = trimmed(30).refine((v) => v === '' || PHONE_PATTERN.test(v), { message: 'validation.phone' })
const fax = trimmed(30).refine((v) => v === '' || PHONE_PATTERN.test(v), { message: 'validation.fax' })
const email = trimmed(120).refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), {
  message: 'validation.email'
})

export const username = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{3,32}$/, { message: 'validation.username' })
export const password = z
  .string()
  .min(10, { message: 'validation.passwordLength' })
  .max(128, { message: 'validation.tooLong' })
  .refine((v) => /[A-Za-z]/.test(v) && /\d/.test(v), { message: 'validation.passwordMix' })

export const contactSchema = z.strictObject({
  name: required(50),
  title: optionalText(50),
  phone: phone.optional().default(''),
  email: email.optional().default('')
})

export const customerFields = {
  name: required(200),
  legalRepresentative: required(50),
  address: optionalText(300),
  postcode: trimmed(6)
    .refine((v) => v === '' || /^\d{6}$/.test(v), { message: 'validation.postcode' })
    .optional()
    .default(''),
  phone: phone.optional().default(''),
  fax: fax.optional().default(''),
  registeredCapital: z
    .number({ message: 'validation.amount' })
    .finite({ message: 'validation.amount' })
    .nonnegative({ message: 'validation.amountNonNegative' })
    .max(1e10, { message: 'validation.amount' })
    .refine((v) => Math.abs(v * 10000 - Math.round(v * 10000)) < 1e-6, { message: 'validation.amountPrecision' })
    .nullable()
    .optional()
    .default(null),
  businessScale: optionalText(100),
  businessScope: optionalText(2000),
  economicStrength: optionalText(500),
  dealingsRecord: optionalText(4000),
  industry: optionalText(50),
  region: optionalText(50),
  grade: z.enum(CUSTOMER_GRADES, {
    error: (issue) => (issue.input === undefined ? 'validation.required' : 'validation.grade')
  }),
  dateOpened: isoDate,
  creditStanding: optionalText(200),
  background: optionalText(2000),
  hasAgreement: z.boolean({ message: 'validation.boolean' }).optional().default(false),
  consentObtained: z.boolean({ message: 'validation.boolean' }).optional().default(false),
  collectionPurpose: optionalText(300),
  contacts: z.array(contactSchema).max(20, { message: 'validation.tooMany' }).optional().default([])
}

export const customerInput = z.strictObject({
  ...customerFields,
  confirmDuplicateName: z.boolean().optional().default(false)
})
export type CustomerInput = z.input<typeof customerInput>

export const SORTABLE_CUSTOMER_FIELDS = ['name', 'grade', 'industry', 'region', 'dateOpened', 'updatedAt'] as const

export interface Contact {
  name: string
  title: string
  phone: string
  email: string
}

export interface Customer {
  id: number
  name: string
  legalRepresentative: string
  address: string
  postcode: string
  phone: string
  fax: string
  registeredCapital: number | null
  businessScale: string
  businessScope: string
  economicStrength: string
  dealingsRecord: string
  industry: string
  region: string
  grade: CustomerGrade
  dateOpened: string
  creditStanding: string
  background: string
  hasAgreement: boolean
  consentObtained: boolean
  collectionPurpose: string
  contacts: Contact[]
  version: number
  createdAt: string
  updatedAt: string
}

export interface CustomerRow {
  id: number
  name: string
  legalRepresentative: string
  grade: CustomerGrade
  industry: string
  region: string
  dateOpened: string
  primaryContact: string
  primaryContactPhone: string
  updatedAt: string
}

export interface CustomerChange {
  at: string
  username: string
  action: 'create' | 'update'
  field: string
  before: string
  after: string
}

export interface SessionInfo {
  userId: number
  username: string
  displayName: string
  role: Role
  locked: boolean
  idleLockMinutes: number
  canSeePersonalData: boolean
}

export interface UserRow {
  id: number
  username: string
  displayName: string
  role: Role
  department: string
  active: boolean
  lockedUntil: string | null
  createdAt: string
}

export interface AuditEntry {
  id: number
  at: string
  username: string
  entity: string
  entityId: string
  action: string
  before: unknown
  after: unknown
}

export interface AuditVerification {
  checked: number
  ok: boolean
  firstBrokenId: number | null
}

export interface SecuritySettings {
  idleLockMinutes: number
  maxFailedLogins: number
  lockoutMinutes: number
}

export const securitySettingsSchema = z.strictObject({
  idleLockMinutes: z.number().int().min(1, { message: 'validation.range' }).max(240, { message: 'validation.range' }),
  maxFailedLogins: z.number().int().min(3, { message: 'validation.range' }).max(20, { message: 'validation.range' }),
  lockoutMinutes: z.number().int().min(1, { message: 'validation.range' }).max(1440, { message: 'validation.range' })
})

export const DOCUMENT_KINDS = ['ordinary', 'request', 'reply', 'plan', 'summary', 'meeting_papers'] as const
export const LINK_KINDS = [
  'request_reply',
  'main_attachment',
  'original_copy',
  'printed_final',
  'language_version'
] as const
export const OPEN_STATUSES = ['open', 'restricted', 'closed'] as const
export const CUSTOMER_DOC_TYPES = ['basic_info', 'intent', 'agreement', 'contract', 'annual_report', 'other'] as const
export const ITEM_STATUSES = ['received', 'catalogued', 'filed'] as const

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
  annualFilingMonth: z.number().int().min(1, { message: 'validation.range' }).max(12, { message: 'validation.range' })
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

/** Why the engine decided as it did: an i18n key with its parameters and the rule it applies. */

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

export const SORTABLE_ITEM_FIELDS = ['archivalCode', 'title', 'dateFormed', 'year', 'updatedAt'] as const

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
  daysLate: number
  ruleId: string
  reason: string
}

/** What labels are printed for: records, volumes, or the boxes on the shelves. */
export const LABEL_SUBJECTS = ['items', 'volumes', 'boxes'] as const
export const MAX_LABELS = 1000

export const LOCATION_KINDS = ['room', 'rack', 'shelf', 'box'] as const
export type LocationKind = (typeof LOCATION_KINDS)[number]
export const LOCATION_SUBJECTS = ['item', 'volume'] as const
export type LocationSubject = (typeof LOCATION_SUBJECTS)[number]

export interface LocationNode {
  id: number
  parentId: number | null
  kind: LocationKind
  code: string
  name: string
  /** The full code from the room down, e.g. A-01-3-05. */
  path: string
  capacity: number | null
  /** Volumes and loose items whose home is here. */
  occupied: number
  version: number
}

export interface LocationContent {
  subject: LocationSubject
  id: number
  archivalCode: string | null
  title: string
  homePath: string | null
  currentPath: string | null
  away: boolean
}

export interface LocationMove {
  at: string
  username: string
  fromPath: string | null
  toPath: string | null
  home: boolean
  note: string
}

export const backupSettingsSchema = z.strictObject({
  folder: trimmed(500),
  dailyAt: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'validation.time' })
    .nullable(),
  reminderDays: z.number().int().min(1, { message: 'validation.range' }).max(90, { message: 'validation.range' })
})
export type BackupSettings = z.output<typeof backupSettingsSchema>

export interface BackupInfo {
  file: string
  createdAt: string
  createdBy: string
  appVersion: string
  migrations: string[]
  counts: Record<string, number>
  bytes: number
}

export interface BackupVerification {
  ok: boolean
  /** The backup file checked, named even when its manifest could not be read. */
  file: string
  /** i18n keys of what is wrong, with their parameters. */
  problems: { reason: string; params?: Record<string, string | number> }[]
  info: BackupInfo | null
}

export interface BackupStatus {
  lastBackupAt: string | null
  lastBackupFile: string | null
  settings: BackupSettings
  due: boolean
}

export const IMPORT_TARGETS = ['items', 'customers'] as const
export type ImportTargetName = (typeof IMPORT_TARGETS)[number]

/** An import's file travels as base64: 40 000 000 characters are 30 000 000 bytes, about 30 MB of spreadsheet. */
export const IMPORT_FILE_BASE64_MAX = 40_000_000
export const IMPORT_FILE_MB = (IMPORT_FILE_BASE64_MAX * 3) / 4 / 1_000_000

const importFile = {
  target: z.enum(IMPORT_TARGETS),
  fileName: required(255).refine((name) => /\.(xlsx|csv|txt)$/i.test(name), { message: 'validation.importFileType' }),
  base64: z
    .string()
    .min(1, { message: 'validation.required' })
    .max(IMPORT_FILE_BASE64_MAX, { message: 'validation.fileTooLarge' }),
  encoding: z.enum(['utf-8', 'gb18030']).optional()
}
const importPlan = {
  ...importFile,
  mapping: z.array(z.string().max(40).nullable()).max(200),
  /** Values for fields the file lacks, chosen in the form (e.g. the category all rows belong to). */
  defaults: z.record(z.string().max(40), z.string().max(200)).optional().default({})
}
export const importPreviewInput = z.strictObject(importFile)
export const importPlanInput = z.strictObject(importPlan)
export const importRunInput = z.strictObject({ ...importPlan, mode: z.enum(['validOnly', 'allOrNothing']) })

export interface ImportPreview {
  encoding: 'utf-8' | 'gb18030' | null
  headers: string[]
  sample: string[][]
  totalRows: number
  fields: string[]
  mapping: (string | null)[]
  /** True when the mapping is the one remembered for files of this layout. */
  remembered: boolean
}

export interface ImportRowError {
  row: number
  field: string
  message: string
  params?: Record<string, string | number>
}

export interface ImportReport {
  total: number
  valid: number
  duplicates: number
  errors: ImportRowError[]
  /** The row-by-row error list as .xlsx, base64. */
  reportBase64: string | null
}

export interface ImportResult {
  imported: number
  skippedDuplicates: number
  skippedInvalid: number
}

export interface ImportProgress {
  state: 'running' | 'done' | 'failed' | 'cancelled'
  done: number
  total: number
  result: ImportResult | null
  error: AppError | null
}

const customersQuery = z.strictObject({
  ...paging,
  search: searchText(100).optional(),
  grade: z.array(z.enum(CUSTOMER_GRADES)).max(3).optional(),
  industry: z.array(trimmed(50)).max(50).optional(),
  region: z.array(trimmed(50)).max(50).optional(),
  sortBy: z.enum(SORTABLE_CUSTOMER_FIELDS).optional().default('updatedAt'),
  sortOrder: z.enum(['ascend', 'descend']).optional().default('descend')
})
const itemsQuery = z.strictObject({
  ...paging,
  search: searchText(100).optional(),
  year: z.array(year).max(50).optional(),
  categoryCode: z.array(code).max(50).optional(),
  retentionCode: z.array(code).max(20).optional(),
  classification: z.array(z.enum(CLASSIFICATIONS)).max(5).optional(),
  status: z.array(z.enum(ITEM_STATUSES)).max(3).optional(),
  customerId: id.optional(),
  volumeId: id.optional(),
  locationId: id.optional(),
  flagged: z.boolean().optional(),
  /** Destroyed items (R-DISP-8) are left out unless asked for here. */
  custody: z.array(z.enum(CUSTODY_STATES)).max(5).optional(),
  sortBy: z.enum(SORTABLE_ITEM_FIELDS).optional().default('updatedAt'),
  sortOrder: z.enum(['ascend', 'descend']).optional().default('descend')
})
const volumesQuery = z.strictObject({
  ...paging,
  year: year.optional(),
  status: z.enum(['open', 'closed']).optional(),
  search: searchText(100).optional()
})

/** The columns the user sees, in order, with the labels shown for coded values (grades, classifications…). */
const exportColumns = z
  .array(
    z.strictObject({
      key: z.string().regex(/^[A-Za-z]{1,40}$/, { message: 'validation.invalidValue' }),
      title: required(60),
      labels: z.record(z.string().max(40), z.string().max(60)).optional()
    })
  )
  .min(1, { message: 'validation.atLeastOne' })
  .max(40)

export const EXPORT_VIEWS = ['customers', 'items', 'volumes'] as const

export const contract = {
  'app.status': channel<{ needsSetup: boolean; version: string; session: SessionInfo | null }>()(empty, 'public'),
  'auth.setupAdmin': channel<SessionInfo>()(
    z.strictObject({ username, displayName: required(50), password }),
    'public'
  ),
  'auth.login': channel<SessionInfo>()(
    z.strictObject({
      username: required(32),
      password: z.string().min(1, { message: 'validation.required' }).max(128)
    }),
    'public'
  ),
  'auth.logout': channel<null>()(empty, 'authenticated'),
  'auth.lock': channel<null>()(empty, 'authenticated'),
  'auth.unlock': channel<SessionInfo>()(
    z.strictObject({ password: z.string().min(1, { message: 'validation.required' }).max(128) }),
    'authenticated'
  ),
  'auth.changePassword': channel<null>()(
    z.strictObject({
      currentPassword: z.string().min(1, { message: 'validation.required' }).max(128),
      newPassword: password
    }),
    'authenticated'
  ),
  'users.list': channel<UserRow[]>()(empty, ['sysadmin', 'security_officer']),
  'users.create': channel<UserRow>()(
    z.strictObject({
      username,
      displayName: required(50),
      role: z.enum(ROLES, { message: 'validation.role' }),
      department: optionalText(50),
      password
    }),
    ['sysadmin']
  ),
  'users.update': channel<UserRow>()(
    z.strictObject({
      id,
      displayName: required(50),
      role: z.enum(ROLES, { message: 'validation.role' }),
      department: optionalText(50),
      active: z.boolean()
    }),
    ['sysadmin']
  ),
  'users.resetPassword': channel<null>()(z.strictObject({ id, password }), ['sysadmin']),
  'users.unlock': channel<null>()(z.strictObject({ id }), ['sysadmin', 'security_officer']),
  'settings.getSecurity': channel<PolicyVersion<SecuritySettings>>()(empty, ['security_officer', 'sysadmin']),
  'settings.securityHistory': channel<PolicyVersion<SecuritySettings>[]>()(empty, ['security_officer']),
  'settings.saveSecurity': channel<PolicyVersion<SecuritySettings>>()(securitySettingsSchema, ['security_officer']),
  'audit.list': channel<Page<AuditEntry>>()(
    z.strictObject({
      ...paging,
      username: trimmed(32).optional(),
      entity: trimmed(40).optional(),
      action: trimmed(40).optional(),
      from: isoDate.optional(),
      to: isoDate.optional()
    }),
    ['auditor']
  ),
  'audit.verify': channel<AuditVerification>()(empty, ['auditor']),
  'customers.list': channel<Page<CustomerRow>>()(customersQuery, RECORD_READERS),
  'customers.facets': channel<{ industries: string[]; regions: string[] }>()(empty, RECORD_READERS),
  'customers.get': channel<Customer>()(z.strictObject({ id }), RECORD_READERS),
  'customers.history': channel<CustomerChange[]>()(z.strictObject({ id }), RECORD_READERS),
  'customers.findByName': channel<{ id: number; name: string }[]>()(
    z.strictObject({ name: required(200), excludeId: id.optional() }),
    RECORD_WRITERS
  ),
  'customers.create': channel<Customer>()(customerInput, RECORD_WRITERS),
  'customers.update': channel<Customer>()(
    customerInput.extend({ id, version: z.number().int().min(1) }),
    RECORD_WRITERS
  ),
  'settings.getFiling': channel<PolicyVersion<FilingSettings>>()(empty, RECORD_READERS),
  'settings.filingHistory': channel<PolicyVersion<FilingSettings>[]>()(empty, ['archive_manager']),
  'settings.saveFiling': channel<PolicyVersion<FilingSettings>>()(filingSettingsSchema, ['archive_manager']),
  'items.list': channel<Page<ItemRow>>()(itemsQuery, RECORD_READERS),
  'items.get': channel<Item>()(z.strictObject({ id }), RECORD_READERS),
  'items.create': channel<Item>()(itemInput, RECORD_WRITERS),
  'items.update': channel<Item>()(itemInput.extend({ id, version: z.number().int().min(1) }), RECORD_WRITERS),
  'items.catalogue': channel<Item>()(z.strictObject({ id }), RECORD_WRITERS),
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
  'locations.tree': channel<LocationNode[]>()(empty, RECORD_READERS),
  'locations.create': channel<LocationNode>()(
    z.strictObject({
      parentId: id.nullable(),
      kind: z.enum(LOCATION_KINDS, { message: 'validation.invalidValue' }),
      code,
      name: required(50),
      capacity: z
        .number()
        .int()
        .min(1, { message: 'validation.range' })
        .max(100_000, { message: 'validation.range' })
        .nullable()
        .optional()
        .default(null)
    }),
    RECORD_WRITERS
  ),
  'locations.update': channel<LocationNode>()(
    z.strictObject({
      id,
      version: z.number().int().min(1),
      name: required(50),
      capacity: z
        .number()
        .int()
        .min(1, { message: 'validation.range' })
        .max(100_000, { message: 'validation.range' })
        .nullable()
    }),
    RECORD_WRITERS
  ),
  'locations.contents': channel<LocationContent[]>()(z.strictObject({ id }), RECORD_READERS),
  'locations.place': channel<LocationContent>()(
    z.strictObject({
      subject: z.enum(LOCATION_SUBJECTS),
      id,
      locationId: id,
      home: z.boolean(),
      note: optionalText(200)
    }),
    RECORD_WRITERS
  ),
  'locations.returnHome': channel<LocationContent>()(
    z.strictObject({ subject: z.enum(LOCATION_SUBJECTS), id, note: optionalText(200) }),
    RECORD_WRITERS
  ),
  'locations.history': channel<LocationMove[]>()(
    z.strictObject({ subject: z.enum(LOCATION_SUBJECTS), id }),
    RECORD_READERS
  ),
  'support.diagnostics': channel<{ fileName: string; content: string }>()(empty, ['sysadmin']),
  'backup.status': channel<BackupStatus>()(empty, [...BACKUP_ROLES, 'department_head', 'staff_viewer']),
  'backup.saveSettings': channel<BackupStatus>()(backupSettingsSchema, ['sysadmin']),
  'backup.create': channel<BackupInfo>()(z.strictObject({ folder: trimmed(500).optional() }), BACKUP_ROLES),
  'backup.list': channel<BackupVerification[]>()(z.strictObject({ folder: trimmed(500).optional() }), ['sysadmin']),
  'backup.verify': channel<BackupVerification>()(z.strictObject({ file: required(1000) }), ['sysadmin']),
  'backup.restore': channel<{ restoredFrom: string; safetyCopy: string }>()(z.strictObject({ file: required(1000) }), [
    'sysadmin'
  ]),
  'import.preview': channel<ImportPreview>()(importPreviewInput, RECORD_WRITERS),
  'import.dryRun': channel<ImportReport>()(importPlanInput, RECORD_WRITERS),
  'import.start': channel<{ jobId: string }>()(importRunInput, RECORD_WRITERS),
  'import.progress': channel<ImportProgress>()(
    z.strictObject({ jobId: z.uuid({ message: 'validation.invalidValue' }) }),
    RECORD_WRITERS
  ),
  'import.cancel': channel<null>()(
    z.strictObject({ jobId: z.uuid({ message: 'validation.invalidValue' }) }),
    RECORD_WRITERS
  ),
  'export.list': channel<{ fileName: string; base64: string; rows: number }>()(
    z.discriminatedUnion('view', [
      z.strictObject({ view: z.literal('customers'), query: customersQuery, columns: exportColumns }),
      z.strictObject({ view: z.literal('items'), query: itemsQuery, columns: exportColumns }),
      z.strictObject({ view: z.literal('volumes'), query: volumesQuery, columns: exportColumns })
    ]),
    RECORD_READERS
  ),
  'records.lookup': channel<RecordSummary[]>()(
    z.strictObject({ search: searchText(100), limit: z.number().int().min(1).max(50).optional().default(20) }),
    RECORD_READERS
  ),
  'records.summaries': channel<RecordSummary[]>()(
    z.strictObject({ records: z.array(recordRef).max(500) }),
    RECORD_READERS
  ),
  'incidents.list': channel<Page<Incident>>()(
    z.strictObject({
      ...paging,
      state: z.enum(['open', 'resolved', 'all']).optional().default('open'),
      subject: recordRef.optional()
    }),
    RECORD_READERS
  ),
  'incidents.report': channel<Incident>()(
    z.strictObject({
      record: recordRef,
      kind: z.enum(INCIDENT_KINDS, { message: 'validation.invalidValue' }),
      note: required(500)
    }),
    RECORD_WRITERS
  ),
  'incidents.resolve': channel<Incident>()(
    z.strictObject({
      id,
      resolution: z.enum(INCIDENT_RESOLUTIONS, { message: 'validation.invalidValue' }),
      note: required(500),
      resolvedOn: isoDate
    }),
    RECORD_WRITERS
  ),
  ...useChannels,
  ...disposalChannels,
  ...custodyChannels
} as const

export type Contract = typeof contract
export type Channel = keyof Contract
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>
export type ChannelOutput<C extends Channel> = Exclude<Contract[C]['output'], undefined>

export const CHANNELS = Object.keys(contract) as Channel[]

export interface ArchiveApi {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Envelope<ChannelOutput<C>>>
}

/** Roles that may read contact persons' phone numbers and e-mails unmasked (R-CUST-5). */
export const PERSONAL_DATA_ROLES: readonly Role[] = ['archivist', 'archive_manager']
