/** Channels of the customer file's upkeep (issue 20, custa): registration gate, contact log, staff and credit file. */
import { z } from 'zod'
import {
  channel,
  id,
  isoDate,
  missingIsRequired,
  optionalText,
  RECORD_READERS,
  RECORD_WRITERS,
  required,
  year,
  type PolicyVersion
} from './contract-kit'
import {
  ROLES,
  type Role,
  type CustomerGrade,
  CONTACT_CHANNELS,
  type ContactChannel,
  UPKEEP_KINDS,
  type UpkeepKind,
  CREDIT_GRADES,
  type CreditGrade
} from './vocabulary'

/** S29: a file is temporary (临时档案) from the contract until it is verified and becomes the formal archive. */
export const REGISTRATION_STATUSES = ['temporary', 'formal'] as const
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number]

/** Why the credit limit is to be reviewed (S21, 004: 当客户的基本情况发生变化，信用额度也要随之进行调整). */
export const CREDIT_REVIEW_REASONS = ['unrated', 'expired', 'situationChanged'] as const
export type CreditReviewReason = (typeof CREDIT_REVIEW_REASONS)[number]

const months = z.number({ message: 'validation.number' }).int({ message: 'validation.number' }).min(1).max(36)

/** The archive manager's choices where the sources disagree; the defaults are the 000/002 reading. */
export const customerUpkeepSettingsSchema = z.strictObject({
  /** S29: days from the completion documents to the formal file. */
  formalWithinDays: z.number({ message: 'validation.number' }).int().min(1).max(90),
  /** S37–S39: the roles that verify a file before it becomes formal (custodian, inspector or supervisor). */
  verifierRoles: z
    .array(z.enum(ROLES, { message: 'validation.invalidValue' }))
    .min(1, { message: 'validation.required' }),
  /** S59–S61: return visits, in days after the contract is signed. */
  visitDays: z.array(z.number().int().min(1).max(365)).max(8),
  /** S46–S47: months between reviews of a customer's file, by grade. */
  reviewMonths: z.strictObject({ important: months, special: months, general: months })
})
export type CustomerUpkeepSettings = z.output<typeof customerUpkeepSettingsSchema>

export interface CustomerRegistration {
  status: RegistrationStatus
  contractSignedOn: string | null
  completionOn: string | null
  /** S29: the day by which the file is to be formal; null until the completion documents are in. */
  formalDueOn: string | null
  /** S29: still temporary past that day, by main's calendar. */
  late: boolean
  /** S40: who created the file and when, and who verified it. */
  createdBy: string
  createdAt: string
  verifiedBy: string | null
  verifiedAt: string | null
  verificationNote: string
}

export interface UpkeepEntry {
  id: number
  kind: UpkeepKind
  channel: ContactChannel
  happenedOn: string
  staffName: string
  counterpart: string
  summary: string
  outcome: string
  planDay: number | null
  recordedBy: string
  recordedAt: string
}

export interface PlannedVisit {
  day: number
  dueOn: string
  doneOn: string | null
  /** Not done and its day has come. */
  due: boolean
}

export interface StaffContact {
  userId: number
  name: string
  assignedOn: string
}

export interface CreditEntry {
  id: number
  grade: CreditGrade
  limitAmount: number
  limitYear: number
  reportItemId: number | null
  reportTitle: string | null
  riskEvaluation: string
  reason: string
  decidedOn: string
  recordedBy: string
  recordedAt: string
}

export interface CustomerUpkeep {
  grade: CustomerGrade
  registration: CustomerRegistration
  log: UpkeepEntry[]
  visits: PlannedVisit[]
  /** S46–S47: when the next review is due, and whether it is due now. */
  review: { dueOn: string; due: boolean }
  staff: StaffContact[]
  /** S154: an important customer with fewer than two staff contacts. */
  staffShort: boolean
  /** Newest first; the first is in force. */
  credit: CreditEntry[]
  creditReview: CreditReviewReason | null
  /** Whether the person asking may verify this file now (S37–S39). */
  mayVerify: boolean
}

const logInput = z.strictObject({
  customerId: id,
  kind: z.enum(UPKEEP_KINDS, { message: 'validation.invalidValue' }),
  channel: z.enum(CONTACT_CHANNELS, { message: 'validation.invalidValue' }),
  happenedOn: isoDate,
  staffName: required(50),
  counterpart: optionalText(50),
  summary: optionalText(2000),
  outcome: optionalText(1000),
  planDay: z.number().int().min(1).max(365).nullable().optional().default(null)
})

const creditInput = z.strictObject({
  customerId: id,
  grade: z.enum(CREDIT_GRADES, { message: 'validation.invalidValue' }),
  limitAmount: z
    .number({ message: 'validation.amount' })
    .finite()
    .nonnegative({ message: 'validation.amountNonNegative' }),
  limitYear: year,
  reportItemId: id.nullable().optional().default(null),
  riskEvaluation: optionalText(2000),
  reason: optionalText(500),
  decidedOn: isoDate
})

const MANAGERS = ['archive_manager'] as const satisfies readonly Role[]

export const customerUpkeepChannels = {
  'customerUpkeep.get': channel<CustomerUpkeep>()(z.strictObject({ customerId: id }), RECORD_READERS),
  'customerUpkeep.register': channel<CustomerRegistration>()(
    z.strictObject({
      customerId: id,
      contractSignedOn: isoDate.nullable(),
      completionOn: isoDate.nullable()
    }),
    RECORD_WRITERS
  ),
  'customerUpkeep.verify': channel<CustomerRegistration>()(
    z.strictObject({ customerId: id, note: optionalText(500) }),
    RECORD_READERS
  ),
  'customerUpkeep.log': channel<UpkeepEntry>()(logInput, RECORD_WRITERS),
  'customerUpkeep.staffOptions': channel<{ id: number; name: string }[]>()(z.strictObject({}), RECORD_WRITERS),
  'customerUpkeep.assignStaff': channel<StaffContact[]>()(
    z.strictObject({ customerId: id, userIds: z.array(id).max(10) }),
    RECORD_WRITERS
  ),
  'customerUpkeep.reassign': channel<{ customers: number }>()(
    z.strictObject({ fromUserId: id, toUserId: id, note: optionalText(500) }),
    RECORD_WRITERS
  ),
  'customerUpkeep.credit': channel<CreditEntry>()(creditInput, RECORD_WRITERS),
  'customerUpkeep.settings': channel<PolicyVersion<CustomerUpkeepSettings>>()(z.strictObject({}), RECORD_READERS),
  'customerUpkeep.saveSettings': channel<PolicyVersion<CustomerUpkeepSettings>>()(
    customerUpkeepSettingsSchema,
    MANAGERS
  ),
  'customerUpkeep.settingsHistory': channel<PolicyVersion<CustomerUpkeepSettings>[]>()(z.strictObject({}), MANAGERS)
}

const month = z.string(missingIsRequired).regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'validation.invalidValue' })

/** S165: a customer document out and not back, with where it is now. */
export interface OutstandingCustomerDocument {
  itemId: number
  archivalCode: string | null
  title: string
  customerName: string
  custody: string
  location: string | null
  holder: string | null
  dueOn: string | null
}

/** S165: the monthly count of the customer files: originals and copies, and what is out and not returned. */
export interface MonthlyCustomerReport {
  month: string
  customers: number
  originals: number
  copies: number
  out: OutstandingCustomerDocument[]
}

export interface AnalysisRow {
  key: string
  customers: number
  /** S19, S170: the credit limits in force of these customers, summed. */
  creditLimit: number
}

/** S170: the customers by grade, industry, region and credit grade. */
export interface CustomerAnalysis {
  byGrade: AnalysisRow[]
  byIndustry: AnalysisRow[]
  byRegion: AnalysisRow[]
  byCredit: AnalysisRow[]
}

/** S165, S167–S168: a report as prepared, its approval and every copy handed out. */
export interface IssuedCustomerReport {
  id: number
  month: string
  figures: { monthly: MonthlyCustomerReport; analysis: CustomerAnalysis }
  preparedBy: string
  preparedAt: string
  approvedBy: string | null
  approvedAt: string | null
  distribution: { recipient: string; department: string; distributedOn: string; recordedBy: string }[]
}

/** S167: who approves a periodic report before anyone else receives it (the service and general managers). */
export const REPORT_APPROVERS = ['archive_manager', 'deputy_gm', 'gm'] as const satisfies readonly Role[]

export const customerReportChannels = {
  'customerReports.monthly': channel<MonthlyCustomerReport>()(z.strictObject({ month }), RECORD_READERS),
  'customerReports.analysis': channel<CustomerAnalysis>()(z.strictObject({}), RECORD_READERS),
  'customerReports.list': channel<IssuedCustomerReport[]>()(z.strictObject({}), RECORD_READERS),
  'customerReports.prepare': channel<IssuedCustomerReport>()(z.strictObject({ month }), RECORD_WRITERS),
  'customerReports.approve': channel<IssuedCustomerReport>()(z.strictObject({ id }), REPORT_APPROVERS),
  'customerReports.distribute': channel<IssuedCustomerReport>()(
    z.strictObject({ id, recipient: required(50), department: optionalText(50), distributedOn: isoDate }),
    RECORD_WRITERS
  )
}
