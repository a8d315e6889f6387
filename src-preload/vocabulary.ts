/**
 * The contract's fixed lists and limits, without a schema: the renderer shows them (menus, filters, labels) and must
 * not load zod to do it. The contract's modules build their schemas from these and re-export them.
 */

// Roles, classification and custody
export const ROLES = [
  'sysadmin',
  'security_officer',
  'auditor',
  'archivist',
  'archive_manager',
  'department_head',
  'staff_viewer',
  'deputy_gm',
  'gm'
] as const
export type Role = (typeof ROLES)[number]
/** R-ROLE-7 (三员分立, 003): the system administrator, the security officer and the auditor, three different people. */
export const OFFICER_ROLES = ['sysadmin', 'security_officer', 'auditor'] as const satisfies readonly Role[]
/** R-ROLE-7: the roles that only the administrator and the security officer together can give. */
export const TWO_PERSON_ROLES = ['sysadmin', 'security_officer'] as const satisfies readonly Role[]
export const CLASSIFICATIONS = ['none', 'internal', 'secret', 'confidential', 'top_secret'] as const
export type ClassificationCode = (typeof CLASSIFICATIONS)[number]
/** Where a record is in its life beside where it is shelved (R-KEEP-1). */
export const CUSTODY_STATES = ['in_store', 'reading_room', 'on_loan', 'awaiting_destruction', 'destroyed'] as const
export type CustodyState = (typeof CUSTODY_STATES)[number]
export const INCIDENT_RESOLUTIONS = ['found', 'repaired', 'written_off'] as const
/** The built-in defaults of a settings namespace are its version 1; the first saved change is version 2. */
export const DEFAULT_POLICY_VERSION = 1
/** A batch action on selected records runs in one transaction; past this many it is refused, to be split. */
export const MAX_BATCH = 1000

// Records
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

// Use
/** 查阅 (read in the room), 借阅 (the original leaves the room), 复制/摘录 (copies leave, the original stays: R-USE-3). */
export const USE_KINDS = ['consultation', 'loan', 'excerpt'] as const
export type UseKind = (typeof USE_KINDS)[number]
export const USE_STATUSES = ['pending', 'approved', 'out', 'returned', 'refused', 'cancelled'] as const
export type UseStatus = (typeof USE_STATUSES)[number]
/** The signers a chain can need, in the order they sign. */
export const APPROVERS = ['department_head', 'archive_manager', 'deputy_gm', 'gm'] as const
export type Approver = (typeof APPROVERS)[number]
/** R-USE-3: the answer to "would an excerpt or copy do?" on a loan request. */
export const EXCERPT_ANSWERS = ['excerpt_suffices', 'original_needed'] as const
export const RETURN_CONDITIONS = ['complete', 'damaged', 'lost'] as const
/** R-USE-9 利用效果. */
export const USE_EFFECTS = ['evidence', 'history', 'reference', 'economic', 'other'] as const
export const USE_REGISTERS = ['loan', 'consultation'] as const

// Custody
export const INSPECTION_KINDS = ['periodic', 'adhoc'] as const
/** Why an ad-hoc inspection was made (000 Art19, 003 Art41). */
export const ADHOC_REASONS = ['in_doubt', 'theft', 'loss', 'fire', 'other'] as const

// Disposal
/** The older scheme (004): 永久 / 长期 / 短期; the archive manager may add it beside the modern Y / D30 / D10. */
export const LEGACY_RETENTION_PERIODS = [
  { code: 'Y', name: '永久', years: null },
  { code: 'C', name: '长期', years: 30 },
  { code: 'D', name: '短期', years: 10 }
] as const

// Import
/** An import's file travels as base64: 40 000 000 characters are 30 000 000 bytes, about 30 MB of spreadsheet. */
export const IMPORT_FILE_BASE64_MAX = 40_000_000
export const IMPORT_FILE_MB = (IMPORT_FILE_BASE64_MAX * 3) / 4 / 1_000_000

// Roles, classification and custody
export const INCIDENT_SOURCES = ['loan', 'inspection', 'manual', 'fixity'] as const

// Customers
export const CUSTOMER_GRADES = ['important', 'special', 'general'] as const
export type CustomerGrade = (typeof CUSTOMER_GRADES)[number]
/** The customer form's fields in the order the file shows them; `customerFields` in the contract has a schema for each. */
export const CUSTOMER_FIELD_NAMES = [
  'name',
  'legalRepresentative',
  'address',
  'postcode',
  'phone',
  'fax',
  'registeredCapital',
  'businessScale',
  'businessScope',
  'economicStrength',
  'dealingsRecord',
  'industry',
  'region',
  'grade',
  'dateOpened',
  'creditStanding',
  'background',
  'hasAgreement',
  'consentObtained',
  'collectionPurpose',
  'contacts'
] as const
export const SORTABLE_CUSTOMER_FIELDS = ['name', 'grade', 'industry', 'region', 'dateOpened', 'updatedAt'] as const
/**
 * S125: what a sealed value reads as when it does not open (damaged in the file, or sealed under another
 * installation's key): the screens say so in words; the phone and e-mail rules refuse it, so it is never saved back.
 */
export const UNREADABLE_VALUE = '\u26a0unreadable'

// Personal information
/**
 * S107–S110, S112: the pieces of information a consent is about. The sensitive ones (S6, S7, contact details) are
 * kept encrypted; the others are fields of the customer form.
 */
export const CONSENT_FIELDS = [
  'idNumber',
  'personalAssets',
  'contactPhone',
  'contactEmail',
  'address',
  'fax',
  'economicStrength',
  'dealingsRecord',
  'background'
] as const
export type ConsentField = (typeof CONSENT_FIELDS)[number]
export const CONSENT_CHANNELS = ['written', 'electronic', 'oral'] as const
export const RECIPIENT_KINDS = ['internal', 'third_party'] as const
export const DISCLOSURE_METHODS = ['paper', 'electronic', 'viewing'] as const
/** S103: what an individual asks of their own information (to see it, correct it, delete it). */
export const RIGHTS_KINDS = ['access', 'correct', 'delete'] as const
export type RightsKind = (typeof RIGHTS_KINDS)[number]
/**
 * S139: the classes of a customer's information that each keep for a period of their own, counted from the last
 * contact: contact persons, the ID-card number, personal assets, the credit entries, the contact and visit log.
 */
export const RETENTION_CLASSES = ['contact', 'idNumber', 'assets', 'credit', 'visitLog'] as const
export type RetentionClass = (typeof RETENTION_CLASSES)[number]
export const RETENTION_UNITS = ['days', 'years'] as const
/** Up to a hundred years, in days or years. */
export const RETENTION_LIMITS = { days: 36_500, years: 100 } as const

// Customer upkeep
/** S35, S44, S63: how the company and the customer were in touch; `notice` is the company telling them (S152). */
export const CONTACT_CHANNELS = ['call', 'letter', 'fax', 'email', 'visit', 'meeting', 'complaint', 'notice'] as const
export type ContactChannel = (typeof CONTACT_CHANNELS)[number]
/** A contact (S35), a return visit of the plan (S59–S61), a periodic review with its result (S52), or a notice (S152). */
export const UPKEEP_KINDS = ['contact', 'visit', 'review', 'notice'] as const
export type UpkeepKind = (typeof UPKEEP_KINDS)[number]
/** S19–S20: the credit grade that decides trade terms and the limit; a poor grade restricts business. */
export const CREDIT_GRADES = ['excellent', 'good', 'fair', 'poor'] as const
export type CreditGrade = (typeof CREDIT_GRADES)[number]

// Electronic files
/** R-ELEC-1: what a file is to its item: the born-digital original (电子原件), a scan (扫描件), an attachment (附件). */
export const FILE_ROLES = ['original', 'scan', 'attachment'] as const
export type FileRole = (typeof FILE_ROLES)[number]
/**
 * A file attached through the contract travels as base64 in one call (the browser mode's request body holds the
 * same 40 000 000 characters as an import): about 30 MB. Bigger files come in through the bulk paths.
 */
export const ATTACH_BASE64_MAX = 40_000_000
