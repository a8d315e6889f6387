/** Channels of consultation and loans (R-USE); spread into the contract in contract.ts. */
import { z } from 'zod'
import {
  channel,
  code,
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
  SIGNER_ROLES,
  type Page,
  type PolicyReason,
  type RecordSummary
} from './contract-kit'
import type { PolicyVersion } from './contract-kit'
import {
  USE_KINDS,
  type UseKind,
  USE_STATUSES,
  type UseStatus,
  APPROVERS,
  type Approver,
  EXCERPT_ANSWERS,
  RETURN_CONDITIONS,
  USE_EFFECTS,
  USE_REGISTERS
} from './vocabulary'

export const APPLICANT_KINDS = ['internal', 'external'] as const

const days = (max: number) =>
  z
    .number({ message: 'validation.range' })
    .int({ message: 'validation.range' })
    .min(0, { message: 'validation.range' })
    .max(max, { message: 'validation.range' })
const approver = z.enum(APPROVERS, { message: 'validation.invalidValue' })

/** Every limit and approval step of R-USE-4..6 and S86, edited by the archive manager (defaults follow 000 and 003). */
export const useSettingsSchema = z.strictObject({
  loanMaxDays: days(365),
  longLoanMaxDays: days(365),
  renewable: z.boolean(),
  maxRenewals: days(10),
  renewalDays: days(365),
  longLoanApprover: approver,
  otherDepartmentApprover: approver,
  externalApprover: approver,
  externalMayBorrow: z.boolean(),
  classifiedReadingApprover: approver,
  classifiedLoanApprover: approver,
  classifiedOffSiteApprover: approver,
  classifiedNotLent: z.boolean(),
  topSecretNeverLeaves: z.boolean(),
  sealedOriginalsStay: z.boolean(),
  /** R-USE-4: 000 Art24.7 refuses loans past loanMaxDays; 003's long loans, signed by longLoanApprover, only when on. */
  longLoansAllowed: z.boolean().optional().default(false)
})
export type UseSettings = z.output<typeof useSettingsSchema>

/** What the approval chain depends on: enough of a request to show its chain while it is being filled in. */
const useFacts = {
  kind: z.enum(USE_KINDS, { message: 'validation.invalidValue' }),
  applicantKind: z.enum(APPLICANT_KINDS, { message: 'validation.invalidValue' }),
  departmentCode: code.or(z.literal('')).optional().default(''),
  records: z.array(recordRef).min(1, { message: 'validation.atLeastOne' }).max(50, { message: 'validation.tooMany' }),
  startOn: isoDate,
  dueOn: isoDate.nullable().optional().default(null),
  offSite: z.boolean().optional().default(false)
}

/** What the request's answer depends on beside the chain: the same fields, with the same defaults, in preview and create. */
const requestFacts = {
  ...useFacts,
  externalUnit: optionalText(200),
  introductionLetter: optionalText(100),
  excerptAnswer: z.enum(EXCERPT_ANSWERS, { message: 'validation.invalidValue' }).nullable().optional().default(null)
}

export const useRequestInput = z.strictObject({
  ...requestFacts,
  applicantUserId: id.nullable().optional().default(null),
  applicantName: required(50),
  purpose: required(300),
  reason: required(500),
  copies: z
    .number({ message: 'validation.range' })
    .int({ message: 'validation.range' })
    .min(1, { message: 'validation.range' })
    .max(100, { message: 'validation.range' })
    .optional()
    .default(1)
})
export type UseRequestInput = z.input<typeof useRequestInput>

const versioned = { id, version: z.number().int().min(1) }
const decision = {
  decision: z.enum(['approved', 'refused'], { message: 'validation.invalidValue' }),
  reason: optionalText(500)
}

export const SORTABLE_USE_FIELDS = ['createdAt', 'startOn', 'dueOn', 'outOn'] as const
const useListQuery = z.strictObject({
  ...paging,
  kind: z.array(z.enum(USE_KINDS)).max(3).optional(),
  status: z.array(z.enum(USE_STATUSES)).max(6).optional(),
  overdue: z.boolean().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  search: searchText(100).optional(),
  sortBy: z.enum(SORTABLE_USE_FIELDS).optional().default('createdAt'),
  sortOrder: z.enum(['ascend', 'descend']).optional().default('descend')
})

const registerRange = {
  register: z.enum(USE_REGISTERS, { message: 'validation.invalidValue' }),
  from: isoDate,
  to: isoDate
}

/** One signer of a chain with every reason that puts them there. */
export interface ChainStep {
  step: Approver
  reasons: PolicyReason[]
}

/** The chain a request needs under the current settings, or why it cannot be granted at all. */
export interface ChainPreview {
  steps: ChainStep[]
  refusal: PolicyReason | null
  /** Days between start and due date of a loan. */
  loanDays: number | null
  policyVersion: number
}

export interface UseApproval {
  step: Approver
  signerName: string
  signerUserId: number | null
  signedOn: string
  decision: 'approved' | 'refused'
  reason: string
  /** The account that entered it: the signer's own when they signed in the app. */
  enteredBy: string
  enteredAt: string
  /** Entered by someone else from the signed paper form (R-USE-1). */
  onBehalf: boolean
}

/** A signature entered wrongly and taken back; the request went back to awaiting its step. */
export interface UseWithdrawnSignature extends UseApproval {
  withdrawnBy: string
  withdrawnAt: string
  withdrawnReason: string
}

/** The accounts that may sign one step of a request (R-ROLE-3..5): for the department head, the applicant's own. */
export interface StepSigners {
  step: Approver
  signers: Applicant[]
}

export interface UseRenewal {
  previousDueOn: string
  newDueOn: string
  renewedOn: string
  enteredBy: string
}

export interface UseRequestRow {
  id: number
  /** The register number, e.g. JY-2026-0001: kind's prefix, year, running number (never reused). */
  number: string
  kind: UseKind
  status: UseStatus
  applicantKind: (typeof APPLICANT_KINDS)[number]
  applicantName: string
  departmentCode: string
  externalUnit: string
  purpose: string
  startOn: string
  dueOn: string | null
  outOn: string | null
  returnedOn: string | null
  /** The records' codes (or titles when not coded), in request order. */
  recordsText: string
  recordCount: number
  /** The signer whose signature is awaited, while pending. */
  nextStep: Approver | null
  overdue: boolean
  daysLate: number
  createdAt: string
}

export interface UseRecord extends RecordSummary {
  condition: (typeof RETURN_CONDITIONS)[number] | null
  pagesChecked: number | null
  returnNote: string
}

export interface UseRequest extends UseRequestRow {
  applicantUserId: number | null
  introductionLetter: string
  reason: string
  copies: number
  offSite: boolean
  excerptAnswer: (typeof EXCERPT_ANSWERS)[number] | null
  chain: ChainStep[]
  policyVersion: number
  approvals: UseApproval[]
  withdrawnSignatures: UseWithdrawnSignature[]
  records: UseRecord[]
  renewals: UseRenewal[]
  effect: (typeof USE_EFFECTS)[number] | null
  effectNote: string
  closingNote: string
  version: number
}

export interface OverdueLoan {
  id: number
  number: string
  applicantName: string
  departmentCode: string
  externalUnit: string
  recordsText: string
  outOn: string
  dueOn: string
  daysLate: number
}

export interface Applicant {
  id: number
  displayName: string
  department: string
}

export interface HeldRecord {
  requestId: number
  requestNumber: string
  kind: UseKind
  status: UseStatus
  archivalCode: string | null
  title: string
  dueOn: string | null
}

export const useChannels = {
  'settings.getUse': channel<PolicyVersion<UseSettings>>()(empty, RECORD_READERS),
  'settings.useHistory': channel<PolicyVersion<UseSettings>[]>()(empty, ['archive_manager']),
  'settings.saveUse': channel<PolicyVersion<UseSettings>>()(useSettingsSchema, ['archive_manager']),
  'use.preview': channel<ChainPreview>()(z.strictObject(requestFacts), RECORD_READERS),
  'use.applicants': channel<Applicant[]>()(empty, RECORD_WRITERS),
  'use.create': channel<UseRequest>()(useRequestInput, RECORD_WRITERS),
  'use.list': channel<Page<UseRequestRow>>()(useListQuery, RECORD_READERS),
  'use.get': channel<UseRequest>()(z.strictObject({ id }), RECORD_READERS),
  /** R-ROLE-3..5: requests whose next signature is the signed-in person's own. */
  'use.awaiting': channel<UseRequestRow[]>()(empty, SIGNER_ROLES),
  /** R-USE-1, R-ROLE-3..5: the signed-in signer signs their own step (derived from their account), today. */
  'use.sign': channel<UseRequest>()(z.strictObject({ ...versioned, ...decision }), SIGNER_ROLES),
  /** The accounts an archivist may enter a paper signature for, per step of the request's chain. */
  'use.signers': channel<StepSigners[]>()(z.strictObject({ id }), RECORD_WRITERS),
  /** R-USE-1: a signature from the signed paper form, entered on the signer's behalf. */
  'use.approve': channel<UseRequest>()(
    z.strictObject({ ...versioned, step: approver, signerUserId: id, signedOn: isoDate, ...decision }),
    RECORD_WRITERS
  ),
  /** A wrongly entered signature taken back with a reason; the request awaits that step again. */
  'use.withdrawSignature': channel<UseRequest>()(
    z.strictObject({ ...versioned, step: approver, reason: required(500) }),
    RECORD_WRITERS
  ),
  'use.checkout': channel<UseRequest>()(z.strictObject(versioned), RECORD_WRITERS),
  'use.return': channel<UseRequest>()(
    z.strictObject({
      ...versioned,
      records: z
        .array(
          z.strictObject({
            ...recordRef.shape,
            condition: z.enum(RETURN_CONDITIONS, { message: 'validation.invalidValue' }),
            pagesChecked: z
              .number({ message: 'validation.pageCount' })
              .int({ message: 'validation.pageCount' })
              .min(0, { message: 'validation.pageCount' })
              .max(100_000, { message: 'validation.pageCount' }),
            note: optionalText(500)
          })
        )
        .min(1, { message: 'validation.atLeastOne' })
        .max(50),
      note: optionalText(500)
    }),
    RECORD_WRITERS
  ),
  'use.renew': channel<UseRequest>()(z.strictObject({ ...versioned, newDueOn: isoDate }), RECORD_WRITERS),
  'use.feedback': channel<UseRequest>()(
    z.strictObject({
      ...versioned,
      effect: z.enum(USE_EFFECTS, { message: 'validation.invalidValue' }),
      note: optionalText(1000)
    }),
    RECORD_WRITERS
  ),
  'use.cancel': channel<UseRequest>()(z.strictObject({ ...versioned, reason: required(500) }), RECORD_WRITERS),
  /** R-USE-8: longest overdue first, a page at a time (about 800 at a million items). */
  'use.overdue': channel<Page<OverdueLoan>>()(z.strictObject({ ...paging }), RECORD_READERS),
  /** The signed-in person's own requests and loans under way: their workbench. */
  'use.mine': channel<UseRequestRow[]>()(empty, RECORD_READERS),
  /** R-CUST-6: what a person still holds, shown before their account is switched off. */
  'users.outstanding': channel<HeldRecord[]>()(z.strictObject({ userId: id }), [
    'sysadmin',
    'security_officer',
    ...RECORD_WRITERS
  ]),
  'print.use': channel<{ html: string }>()(
    z.discriminatedUnion('document', [
      z.strictObject({ document: z.literal('form'), id }),
      z.strictObject({ document: z.literal('outCards'), id }),
      z.strictObject({ document: z.literal('reminder'), id }),
      z.strictObject({ document: z.literal('register'), ...registerRange })
    ]),
    RECORD_READERS
  ),
  'export.useRegister': channel<{ fileName: string; base64: string; rows: number }>()(
    z.strictObject(registerRange),
    RECORD_READERS
  )
} as const
