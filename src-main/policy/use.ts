import {
  APPROVERS,
  type Approver,
  type ChainStep,
  type ClassificationCode,
  type CustodyState,
  type Role,
  type UseKind,
  type UseSettings
} from '@preload/contract'
import { daysBetween } from './calendar'
import { classificationRank, highestClassification, isClassified } from './classification'
import { allow, allowed, refuse, type Decision, type Params, type Reason } from './decision'
import type { MessageKey } from '@preload/i18n/zh-CN'

export const DEFAULT_USE_SETTINGS: UseSettings = {
  loanMaxDays: 5,
  longLoanMaxDays: 30,
  renewable: false,
  maxRenewals: 1,
  renewalDays: 7,
  longLoanApprover: 'deputy_gm',
  otherDepartmentApprover: 'gm',
  externalApprover: 'gm',
  externalMayBorrow: false,
  classifiedReadingApprover: 'deputy_gm',
  classifiedLoanApprover: 'deputy_gm',
  classifiedOffSiteApprover: 'gm',
  classifiedNotLent: false,
  topSecretNeverLeaves: true,
  sealedOriginalsStay: true,
  longLoansAllowed: false
}

export interface UseRecordFacts {
  /** The code, or the title when not coded: how messages name it. */
  label: string
  departmentCode: string
  classification: ClassificationCode
  sealedOriginal: boolean
}

export interface UseFacts {
  kind: UseKind
  external: boolean
  departmentCode: string
  /** Departments of the reference data; an internal applicant's must be one of them. */
  knownDepartments: string[]
  externalUnit: string
  introductionLetter: string
  /** Loans only: R-USE-3's answer; null while it has not been given. */
  excerptAnswer: 'excerpt_suffices' | 'original_needed' | null
  records: UseRecordFacts[]
  startOn: string
  dueOn: string | null
  offSite: boolean
}

export interface Chain {
  steps: ChainStep[]
  loanDays: number | null
}

/** Who the request is from and what it asks for, checked before any signer is worked out. */
function refuseRequest(facts: UseFacts, settings: UseSettings): Decision {
  if (!facts.external && !facts.knownDepartments.includes(facts.departmentCode))
    return refuse('R-USE-1', 'policy.use.noDepartment')
  if (facts.external && (facts.externalUnit.trim() === '' || facts.introductionLetter.trim() === '')) {
    return refuse('R-USE-6', 'policy.use.introductionLetter')
  }
  if (facts.kind !== 'loan') return allowed
  if (facts.excerptAnswer === 'excerpt_suffices') return refuse('R-USE-3', 'policy.use.excerptWouldDo')
  if (facts.excerptAnswer === null) return refuse('R-USE-3', 'policy.use.excerptQuestion')
  if (facts.external && !settings.externalMayBorrow) return refuse('R-USE-6', 'policy.use.externalReadOnly')
  for (const record of facts.records) {
    if (record.classification === 'top_secret' && settings.topSecretNeverLeaves)
      return refuse('R-USE-5', 'policy.use.topSecretStays', { code: record.label })
    if (isClassified(record.classification) && settings.classifiedNotLent)
      return refuse('R-USE-5', 'policy.use.classifiedNotLent', { code: record.label })
  }
  if (facts.offSite && settings.sealedOriginalsStay) {
    const sealed = facts.records.find((record) => record.sealedOriginal)
    if (sealed) return refuse('S86', 'policy.use.sealedOriginal', { code: sealed.label })
  }
  return allowed
}

/**
 * R-USE-1..6, S86: the signers a request needs, in signing order and each once, with every reason that requires
 * them; or the first reason it cannot be granted at all. The form's preview and the save both ask this, with the same
 * facts, so what the form shows is what the save does.
 */
export function approvalChain(facts: UseFacts, settings: UseSettings): Decision<Chain> {
  const request = refuseRequest(facts, settings)
  if (!request.ok) return request
  const reasons = new Map<Approver, Reason[]>()
  // The approver rides along as a parameter because settings choose who it is; the message names them.
  const need = (step: Approver, ruleId: string, reason: MessageKey, params: Params = {}) =>
    reasons.set(step, [...(reasons.get(step) ?? []), { ruleId, reason, params: { ...params, approver: step } }])
  const baseRule = facts.kind === 'loan' ? 'R-USE-2' : 'R-USE-1'

  if (facts.external) {
    need('archive_manager', baseRule, 'policy.use.archiveManager')
    need(settings.externalApprover, 'R-USE-6', 'policy.use.external')
    if (facts.kind === 'excerpt') need(settings.externalApprover, 'R-USE-6', 'policy.use.externalExcerpt')
  } else {
    need('department_head', 'R-USE-1', 'policy.use.departmentHead', { department: facts.departmentCode })
    need('archive_manager', baseRule, 'policy.use.archiveManager')
    const others = [
      ...new Set(
        facts.records.map((r) => r.departmentCode).filter((code) => code !== '' && code !== facts.departmentCode)
      )
    ]
    if (others.length > 0)
      need(settings.otherDepartmentApprover, 'R-USE-6', 'policy.use.otherDepartment', {
        departments: others.join('、')
      })
  }

  const highest = highestClassification(facts.records)
  const classification = highest
  if (isClassified(highest)) {
    if (facts.kind === 'consultation')
      need(settings.classifiedReadingApprover, 'R-USE-5', 'policy.use.classifiedReading', { classification })
    if (facts.kind === 'excerpt')
      need(settings.classifiedReadingApprover, 'R-USE-5', 'policy.use.classifiedCopy', { classification })
    if (facts.kind === 'loan')
      need(settings.classifiedLoanApprover, 'R-USE-5', 'policy.use.classifiedLoan', { classification })
    if (facts.kind === 'loan' && facts.offSite && classificationRank(highest) >= classificationRank('confidential')) {
      need(settings.classifiedOffSiteApprover, 'R-USE-5', 'policy.use.classifiedOffSite', { classification })
    }
  }

  let loanDays: number | null = null
  if (facts.kind === 'loan') {
    if (facts.dueOn === null) return refuse('R-USE-4', 'policy.use.dueDateMissing')
    loanDays = daysBetween(facts.startOn, facts.dueOn)
    if (loanDays < 0) return refuse('R-USE-4', 'policy.use.dueBeforeStart')
    if (loanDays > settings.loanMaxDays) {
      // 000 Art24.7 lends for at most loanMaxDays; 003's long loans are a variant the archive manager switches on.
      const longest = settings.longLoansAllowed ? Math.max(settings.loanMaxDays, settings.longLoanMaxDays) : 0
      if (loanDays > longest)
        return refuse('R-USE-4', 'policy.use.loanTooLong', { days: loanDays, max: longest || settings.loanMaxDays })
      need(settings.longLoanApprover, 'R-USE-4', 'policy.use.longLoan', { days: loanDays, max: settings.loanMaxDays })
    }
  }

  const steps = APPROVERS.filter((step) => reasons.has(step)).map((step) => ({
    step,
    reasons: reasons.get(step)!
  }))
  return allow({ steps, loanDays })
}

export interface AvailabilityFacts {
  label: string
  effectiveCustody: CustodyState
  openIncidents: number
  /** The number of another consultation or loan not yet finished that holds this record (or its volume, or an item). */
  otherRequest: string | null
}

/** R-USE-2, R-DISP-8, R-KEEP-3: a record can be used only when it is in its place, whole and not promised elsewhere. */
export function refuseUnavailable(records: AvailabilityFacts[]): Decision {
  for (const record of records) {
    const code = record.label
    if (record.effectiveCustody === 'destroyed') return refuse('R-DISP-8', 'policy.use.destroyed', { code })
    if (record.effectiveCustody === 'awaiting_destruction')
      return refuse('R-DISP-8', 'policy.use.awaitingDestruction', { code })
    if (record.openIncidents > 0) return refuse('R-KEEP-3', 'policy.use.flagged', { code })
    if (record.effectiveCustody !== 'in_store') return refuse('R-USE-2', 'policy.use.alreadyOut', { code })
    if (record.otherRequest !== null)
      return refuse('R-USE-2', 'policy.use.requestedElsewhere', { code, request: record.otherRequest })
  }
  return allowed
}

/** R-ROLE-3..5: the chain step an account signs, named like its role; none for the roles that do not sign. */
export function stepOfRole(role: Role): Approver | null {
  return APPROVERS.find((step) => step === role) ?? null
}

/** An account as the signature rules see it. */
export interface SignerAccount {
  userId: number
  name: string
  role: Role
  department: string
  active: boolean
}

const STEP_RULES: Record<Approver, string> = {
  department_head: 'R-ROLE-3',
  archive_manager: 'R-ROLE-4',
  deputy_gm: 'R-ROLE-5',
  gm: 'R-ROLE-5'
}

/** A department of the reference data; an account names its department by either. */
export interface Department {
  code: string
  name: string
}

/**
 * R-ROLE-3..5: an account signs the step named like its role, and a department head only for the staff of their own
 * department (R-USE-1: "signed by the applicant's department head").
 */
export function refuseSigner(signer: SignerAccount, step: Approver, department: Department): Decision {
  if (!signer.active || stepOfRole(signer.role) !== step)
    return refuse(STEP_RULES[step], 'policy.use.notSignersStep', { approver: step })
  const own = signer.department.trim()
  if (step === 'department_head' && (own === '' || (own !== department.code && own !== department.name)))
    return refuse('R-ROLE-3', 'policy.use.otherDepartmentHead', { department: department.name || department.code })
  return allowed
}

export interface SignatureFacts {
  chain: Approver[]
  /** The standing signatures, with who gave them. */
  signed: { step: Approver; signerUserId: number | null }[]
  step: Approver
  /** The applicant's department: its head signs the first step. */
  department: Department
  signer: SignerAccount
  applicantName: string
  applicantUserId: number | null
  enteredByUserId: number | null
  enteredByName: string
}

const samePerson = (nameA: string, idA: number | null, nameB: string, idB: number | null) =>
  (idA !== null && idA === idB) || nameA.trim() === nameB.trim()

/**
 * R-USE-1, R-ROLE-3..5, R-ROLE-7: signatures follow the chain, each by an account that holds the step, nobody signs
 * two steps of one request, and neither the signer nor the person entering it is the applicant.
 */
export function refuseSignature(facts: SignatureFacts): Decision {
  if (!facts.chain.includes(facts.step)) return refuse('R-USE-1', 'policy.use.stepNotInChain')
  const expected = facts.chain.find((step) => !facts.signed.some((s) => s.step === step))
  if (expected !== facts.step) return refuse('R-USE-1', 'policy.use.stepOutOfOrder', { expected: expected ?? '' })
  const signer = refuseSigner(facts.signer, facts.step, facts.department)
  if (!signer.ok) return signer
  if (facts.signed.some((s) => s.signerUserId === facts.signer.userId))
    return refuse('R-ROLE-7', 'policy.use.signedTwice')
  if (samePerson(facts.signer.name, facts.signer.userId, facts.applicantName, facts.applicantUserId))
    return refuse('R-ROLE-7', 'policy.use.selfApproval')
  if (samePerson(facts.enteredByName, facts.enteredByUserId, facts.applicantName, facts.applicantUserId))
    return refuse('R-ROLE-7', 'policy.use.selfEntry')
  return allowed
}

export interface WithdrawalFacts {
  chain: Approver[]
  /** The standing signatures; `onBehalf` when someone else entered it from the paper form. */
  signed: { step: Approver; onBehalf: boolean }[]
  step: Approver
}

/**
 * R-USE-1: a signature entered wrongly is taken back last first, so the chain stays in order; one a signer gave
 * in the app themselves is theirs and is not withdrawn by whoever enters paper forms (R-ROLE-7).
 */
export function refuseWithdrawal(facts: WithdrawalFacts): Decision {
  const signature = facts.signed.find((s) => s.step === facts.step)
  if (!signature) return refuse('R-USE-1', 'policy.use.stepNotSigned')
  const last = [...facts.chain].reverse().find((step) => facts.signed.some((s) => s.step === step))
  if (last !== facts.step) return refuse('R-USE-1', 'policy.use.withdrawLastFirst', { expected: last ?? '' })
  if (!signature.onBehalf) return refuse('R-ROLE-7', 'policy.use.signedInPerson')
  return allowed
}

/** R-USE-4: a renewal moves the due date later, within the setting's per-renewal limit and number of renewals. */
export function refuseRenewal(dueOn: string, newDueOn: string, renewals: number, settings: UseSettings): Decision {
  if (!settings.renewable) return refuse('R-USE-4', 'policy.use.notRenewable')
  if (renewals >= settings.maxRenewals)
    return refuse('R-USE-4', 'policy.use.renewalLimit', { max: settings.maxRenewals })
  const days = daysBetween(dueOn, newDueOn)
  if (days <= 0) return refuse('R-USE-4', 'policy.use.renewalNotLater')
  if (days > settings.renewalDays)
    return refuse('R-USE-4', 'policy.use.renewalTooLong', { days, max: settings.renewalDays })
  return allowed
}

/** R-USE-8, S89: a record returned complete must have all its pages; otherwise it is damaged or lost. */
export function refuseReturnCount(
  label: string,
  condition: 'complete' | 'damaged' | 'lost',
  expected: number,
  counted: number
): Decision {
  if (condition !== 'complete' || counted === expected) return allowed
  return refuse('R-USE-8', 'policy.use.pagesMissing', { code: label, expected, counted })
}

/** R-CUST-6: an account is closed only once its holder has returned every record they hold (named by `held`). */
export function refuseClosingAccount(held: string[]): Decision {
  return held.length === 0
    ? allowed
    : refuse('R-CUST-6', 'policy.use.holdsRecords', { count: held.length, records: held.join('、') })
}
