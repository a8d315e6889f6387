/** Channels of the customer register (R-CUST); spread into the contract in contract.ts. */
import { z } from 'zod'
import {
  channel,
  empty,
  id,
  isoDate,
  optionalText,
  paging,
  RECORD_READERS,
  RECORD_WRITERS,
  required,
  searchText,
  trimmed,
  type Page
} from './contract-kit'
import {
  type Role,
  CUSTOMER_FIELD_NAMES,
  CUSTOMER_GRADES,
  type CustomerGrade,
  SORTABLE_CUSTOMER_FIELDS
} from './vocabulary'

/** Mainland landline (区号-号码[-分机]), mobile (1xxxxxxxxxx) or +86 forms; blank allowed. */
export const PHONE_PATTERN =
  /^(?:(?:\+86[- ]?)?1[3-9]\d{9}|(?:0\d{2,3}-?)?[2-9]\d{6,7}(?:-\d{1,6})?|400-?\d{3}-?\d{4})$/
const phone = trimmed(30).refine((v) => v === '' || PHONE_PATTERN.test(v), { message: 'validation.phone' })
const fax = trimmed(30).refine((v) => v === '' || PHONE_PATTERN.test(v), { message: 'validation.fax' })
const email = trimmed(120).refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), {
  message: 'validation.email'
})

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
} satisfies Record<(typeof CUSTOMER_FIELD_NAMES)[number], z.ZodType>

export const customerInput = z.strictObject({
  ...customerFields,
  confirmDuplicateName: z.boolean().optional().default(false)
})
export type CustomerInput = z.input<typeof customerInput>

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

/**
 * S50: the fields whose change is re-verified by a second person before it is saved: who the customer is (name, legal
 * representative), how it is served (grade, S18) and what its credit rests on (registered capital, credit standing,
 * S19–S20). The credit limit and the ID-card number are not here: the first is a credit entry of its own (S19–S21),
 * recorded with its report and kept beside the earlier ones, the second is saved encrypted through its own logged step.
 */
export const IMPORTANT_CUSTOMER_FIELDS = [
  'name',
  'legalRepresentative',
  'grade',
  'registeredCapital',
  'creditStanding'
] as const
export type ImportantCustomerField = (typeof IMPORTANT_CUSTOMER_FIELDS)[number]

export const PENDING_CHANGE_STATUSES = ['pending', 'approved', 'refused'] as const

/** S50: an important change held until a verifier, not its proposer, confirms it. */
export interface PendingCustomerChange {
  id: number
  customerId: number
  customerName: string
  changes: { field: ImportantCustomerField; before: string | number | null; after: string | number | null }[]
  status: (typeof PENDING_CHANGE_STATUSES)[number]
  proposedBy: string
  proposedAt: string
  decidedBy: string | null
  decidedAt: string | null
  note: string
  version: number
  /** Whether the person asking may confirm or refuse it now. */
  mayDecide: boolean
}

/** What an update saved, and the important fields it holds for confirmation instead (S50). */
export type SavedCustomer = Customer & { held: ImportantCustomerField[] }

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

export const customersQuery = z.strictObject({
  ...paging,
  search: searchText(100).optional(),
  grade: z.array(z.enum(CUSTOMER_GRADES)).max(3).optional(),
  industry: z.array(trimmed(50)).max(50).optional(),
  region: z.array(trimmed(50)).max(50).optional(),
  sortBy: z.enum(SORTABLE_CUSTOMER_FIELDS).optional().default('updatedAt'),
  sortOrder: z.enum(['ascend', 'descend']).optional().default('descend')
})

/** R-CUST-2: one document of a customer's file, with where it is kept. */
export interface CustomerFileItem {
  id: number
  archivalCode: string | null
  title: string
  customerDocType: string | null
  dateFormed: string
  status: string
  custody: string
  volumeCode: string | null
  /** Its home: its own box or shelf, or its volume's. */
  homePath: string | null
  /** Where it is now, when that is not its home (out on loan, in the reading room). */
  awayAt: string | null
}

/** A consultation or loan of documents of the customer's file (R-USE). */
export interface CustomerFileUse {
  requestId: number
  kind: string
  status: string
  /** Masked for roles that may not see personal data (R-CUST-5). */
  applicantName: string
  outOn: string | null
  dueOn: string | null
  returnedOn: string | null
  /** The file's documents in the request, by code or title. */
  records: string
}

/** Roles that may read contact persons' phone numbers and e-mails unmasked (R-CUST-5). */
export const PERSONAL_DATA_ROLES: readonly Role[] = ['archivist', 'archive_manager']

export const customerChannels = {
  'customers.list': channel<Page<CustomerRow>>()(customersQuery, RECORD_READERS),
  'customers.facets': channel<{ industries: string[]; regions: string[] }>()(empty, RECORD_READERS),
  'customers.get': channel<Customer>()(z.strictObject({ id }), RECORD_READERS),
  'customers.history': channel<CustomerChange[]>()(z.strictObject({ id }), RECORD_READERS),
  /** R-CUST-2, R-CUST-5: every document linked to the customer, where it is, and its consultations and loans; logged. */
  'customers.file': channel<{ items: CustomerFileItem[]; uses: CustomerFileUse[] }>()(
    z.strictObject({ id }),
    RECORD_READERS
  ),
  'customers.findByName': channel<{ id: number; name: string }[]>()(
    z.strictObject({ name: required(200), excludeId: id.optional() }),
    RECORD_WRITERS
  ),
  'customers.create': channel<Customer>()(customerInput, RECORD_WRITERS),
  'customers.update': channel<SavedCustomer>()(
    customerInput.extend({ id, version: z.number().int().min(1) }),
    RECORD_WRITERS
  ),
  /** S50: one customer's important changes, newest first, or every one still waiting. */
  'customers.pendingChanges': channel<PendingCustomerChange[]>()(
    z.strictObject({ customerId: id.optional() }),
    RECORD_READERS
  ),
  /** S50: a verifier of the settings, never the proposer, confirms (the change takes effect) or refuses it. */
  'customers.decideChange': channel<PendingCustomerChange>()(
    z.strictObject({
      id,
      version: z.number().int().min(1),
      decision: z.enum(['approved', 'refused']),
      note: optionalText(500)
    }),
    RECORD_READERS
  )
} as const
