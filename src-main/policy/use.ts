/*
 * Reason keys (i18n, under policy.use); params in {{braces}}.
 *
 * Why a signer is in the chain:
 * policy.use.departmentHead               {department}        R-USE-1
 *   zh: 申请人所在部门（{{department}}）负责人签字。
 *   en: The head of the applicant's department ({{department}}) signs.
 * policy.use.archiveManager                                   R-USE-1 / R-USE-2
 *   zh: 档案部门负责人审批。
 *   en: The archive manager approves.
 * policy.use.external                                         R-USE-6
 *   zh: 外单位人员查借阅档案，须持介绍信并经总经理批准。
 *   en: A person from outside the company needs an introduction letter and the GM's approval.
 * policy.use.externalExcerpt                                  R-USE-6
 *   zh: 外单位人员带走摘录或复制件须经批准。
 *   en: Excerpts or copies an outside person takes away need approval.
 * policy.use.otherDepartment              {departments}       R-USE-6
 *   zh: 调阅其他部门（{{departments}}）的档案，须经总经理批准。
 *   en: Records of another department ({{departments}}) need the GM's approval.
 * policy.use.classifiedReading            {classification}    R-USE-5
 *   zh: 查阅涉密档案（最高密级：{{classification}}）须经副总经理批准。
 *   en: Reading classified records (highest: {{classification}}) needs the deputy GM.
 * policy.use.classifiedCopy               {classification}    R-USE-5
 *   zh: 复制或摘录涉密档案（最高密级：{{classification}}）须经副总经理批准。
 *   en: Copying classified records (highest: {{classification}}) needs the deputy GM.
 * policy.use.classifiedLoan               {classification}    R-USE-5
 *   zh: 涉密档案（最高密级：{{classification}}）原则上只在阅览室查阅，借出须经副总经理批准。
 *   en: Classified records (highest: {{classification}}) are read in the room; lending them needs the deputy GM.
 * policy.use.classifiedOffSite            {classification}    R-USE-5
 *   zh: 机密、绝密档案带出办公楼须经总经理批准（最高密级：{{classification}}）。
 *   en: Taking confidential or top-secret records out of the building needs the GM (highest: {{classification}}).
 * policy.use.longLoan                     {days, max}         R-USE-4
 *   zh: 借期 {{days}} 天，超过 {{max}} 天属长期借阅，须经副总经理批准。
 *   en: A loan of {{days}} days is longer than {{max}} days: a long-term loan needs the deputy GM.
 *
 * Why a request cannot be granted:
 * policy.use.noDepartment                                     R-USE-1
 *   zh: 本单位申请人须填写所在部门（部门须为基础数据中的部门）。
 *   en: A staff applicant needs their department (one of the departments in the reference data).
 * policy.use.introductionLetter                               R-USE-6
 *   zh: 外单位人员须填写单位名称和介绍信编号。
 *   en: An outside applicant needs their unit and the introduction letter's reference.
 * policy.use.externalReadOnly                                 R-USE-6
 *   zh: 外单位人员只能在阅览室查阅，不能借出档案；如需带走，请申请复制或摘录。
 *   en: Outside persons read in the room only and cannot borrow; ask for a copy or excerpt instead.
 * policy.use.classifiedNotLent            {code}              R-USE-5
 *   zh: 按现行设置，涉密档案不外借：{{code}}。
 *   en: Under the current settings classified records are not lent: {{code}}.
 * policy.use.topSecretStays               {code}              R-USE-5
 *   zh: 绝密档案不得借出：{{code}}，只能在阅览室查阅。
 *   en: Top-secret records never leave the room: {{code}}; they are read in the room.
 * policy.use.sealedOriginal               {code}              S86
 *   zh: 客户档案原件不允许拿出公司：{{code}}。请在公司内借阅或申请复制。
 *   en: Customer originals never leave the company: {{code}}. Borrow it in-house or ask for a copy.
 * policy.use.dueBeforeStart                                   R-USE-4
 *   zh: 应还日期不能早于借出日期。
 *   en: The due date cannot be before the day the loan starts.
 * policy.use.loanTooLong                  {days, max}         R-USE-4
 *   zh: 借期 {{days}} 天，超过允许的最长借期 {{max}} 天。
 *   en: A loan of {{days}} days is longer than the longest allowed, {{max}} days.
 * policy.use.dueDateMissing                                   R-USE-4
 *   zh: 借阅须填写应还日期。
 *   en: A loan needs a due date.
 * policy.use.excerptWouldDo                                   R-USE-3
 *   zh: 已确认摘录或复制即可满足需要，请改为复制/摘录申请，不借出原件。
 *   en: An excerpt or copy was said to be enough: ask for a copy instead of lending the original.
 * policy.use.excerptQuestion                                  R-USE-3
 *   zh: 借出原件前须先回答：摘录或复制是否可以满足需要？
 *   en: Before an original is lent, answer: would an excerpt or copy do?
 * policy.use.destroyed                    {code}              R-DISP-8
 *   zh: {{code}} 已销毁，不能查阅或借出。
 *   en: {{code}} has been destroyed and cannot be used.
 * policy.use.awaitingDestruction          {code}              R-DISP-8
 *   zh: {{code}} 已列入待销毁，不能查阅或借出。
 *   en: {{code}} is set apart for destruction and cannot be used.
 * policy.use.flagged                      {code}              R-KEEP-3
 *   zh: {{code}} 有未处理的缺失或损坏记录，处理完毕前不能查阅或借出。
 *   en: {{code}} has an open missing or damaged incident; it cannot be used until that is resolved.
 * policy.use.alreadyOut                   {code}              R-USE-2
 *   zh: {{code}} 目前不在库（已借出或在阅览室）。
 *   en: {{code}} is not in store (on loan or in the reading room).
 * policy.use.requestedElsewhere           {code, requestId}   R-USE-2
 *   zh: {{code}} 已在另一份申请（#{{requestId}}）中，须待其结束。
 *   en: {{code}} is already in another request (#{{requestId}}); wait until it is finished.
 *
 * Signatures, renewals and returns:
 * policy.use.stepOutOfOrder               {expected}          R-USE-1
 *   zh: 须按顺序签批，当前应由“{{expected}}”签字。
 *   en: Signatures follow the chain; the next one is {{expected}}.
 * policy.use.stepNotInChain                                   R-USE-1
 *   zh: 该申请的审批链中没有这一步。
 *   en: This step is not part of the request's chain.
 * policy.use.selfApproval                                     R-ROLE-7
 *   zh: 申请人不能审批自己的申请。
 *   en: Nobody approves their own request.
 * policy.use.selfEntry                                        R-ROLE-7
 *   zh: 申请人不能为自己的申请录入签批。
 *   en: The applicant cannot enter the signatures of their own request.
 * policy.use.notRenewable                                     R-USE-4
 *   zh: 按现行设置，借阅不能续借。
 *   en: Under the current settings loans cannot be renewed.
 * policy.use.renewalLimit                 {max}               R-USE-4
 *   zh: 已续借 {{max}} 次，不能再续借。
 *   en: Already renewed {{max}} time(s); no more renewals.
 * policy.use.renewalTooLong               {days, max}         R-USE-4
 *   zh: 续借 {{days}} 天，超过每次最多 {{max}} 天。
 *   en: A renewal of {{days}} days is longer than the {{max}} days allowed.
 * policy.use.renewalNotLater                                  R-USE-4
 *   zh: 续借后的应还日期须晚于原应还日期。
 *   en: The new due date must be after the current one.
 * policy.use.holdsRecords                 {count, records}    R-CUST-6
 *   zh: 此人仍有 {{count}} 件档案未归还（{{records}}），归还后才能停用账号。
 *   en: This person still holds {{count}} record(s) ({{records}}); they must be returned before the account is closed.
 * policy.use.pagesMissing                 {code, expected, counted}   R-USE-8
 *   zh: {{code}} 应有 {{expected}} 页，清点为 {{counted}} 页；页数不符时请登记为损坏或丢失。
 *   en: {{code}} has {{expected}} pages but {{counted}} were counted; record it as damaged or lost.
 */
import type {
  Approver,
  ChainStep,
  ClassificationCode,
  CustodyState,
  PolicyReason,
  UseKind,
  UseSettings
} from '../../src-preload/contract'
import { daysBetween } from './calendar'
import type { Refusal } from './filing'

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
  sealedOriginalsStay: true
}

const APPROVER_ORDER: Approver[] = ['department_head', 'archive_manager', 'deputy_gm', 'gm']
const RANK: Record<ClassificationCode, number> = { none: 0, internal: 1, secret: 2, confidential: 3, top_secret: 4 }
const isClassified = (classification: ClassificationCode) => RANK[classification] >= RANK.secret

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
  externalUnit?: string
  introductionLetter?: string
  /** Loans only: R-USE-3's answer; `undefined` when the form has not asked yet (a preview). */
  excerptAnswer?: 'excerpt_suffices' | 'original_needed' | null
  records: UseRecordFacts[]
  startOn: string
  dueOn: string | null
  offSite: boolean
}

export type ChainDecision = { ok: true; steps: ChainStep[]; loanDays: number | null } | { ok: false; refusal: Refusal }

const refusal = (ruleId: string, reason: string, params?: Record<string, string | number>): ChainDecision => ({
  ok: false,
  refusal: { ruleId, reason, ...(params ? { params } : {}) }
})

/** Who the request is from and what it asks for, checked before any signer is worked out. */
function refuseRequest(facts: UseFacts, settings: UseSettings): ChainDecision | null {
  if (!facts.external && !facts.knownDepartments.includes(facts.departmentCode))
    return refusal('R-USE-1', 'policy.use.noDepartment')
  if (facts.external && (facts.externalUnit?.trim() === '' || facts.introductionLetter?.trim() === '')) {
    return refusal('R-USE-6', 'policy.use.introductionLetter')
  }
  if (facts.kind !== 'loan') return null
  if (facts.excerptAnswer === 'excerpt_suffices') return refusal('R-USE-3', 'policy.use.excerptWouldDo')
  if (facts.excerptAnswer === null) return refusal('R-USE-3', 'policy.use.excerptQuestion')
  if (facts.external && !settings.externalMayBorrow) return refusal('R-USE-6', 'policy.use.externalReadOnly')
  for (const record of facts.records) {
    if (record.classification === 'top_secret' && settings.topSecretNeverLeaves)
      return refusal('R-USE-5', 'policy.use.topSecretStays', { code: record.label })
    if (isClassified(record.classification) && settings.classifiedNotLent)
      return refusal('R-USE-5', 'policy.use.classifiedNotLent', { code: record.label })
  }
  if (facts.offSite && settings.sealedOriginalsStay) {
    const sealed = facts.records.find((record) => record.sealedOriginal)
    if (sealed) return refusal('S86', 'policy.use.sealedOriginal', { code: sealed.label })
  }
  return null
}

/**
 * R-USE-1..6, S86: the signers a request needs, in signing order and each once, with every reason that requires
 * them; or the first reason it cannot be granted at all. A loan without a due date yet gets its chain without the
 * period rules, so the form can show the chain while it is being filled in.
 */
export function approvalChain(facts: UseFacts, settings: UseSettings): ChainDecision {
  const refused = refuseRequest(facts, settings)
  if (refused) return refused
  const reasons = new Map<Approver, PolicyReason[]>()
  // The approver rides along as a parameter because settings choose who it is; the message names them.
  const need = (step: Approver, ruleId: string, reason: string, params: Record<string, string | number> = {}) =>
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

  const highest = facts.records.reduce<ClassificationCode>(
    (top, r) => (RANK[r.classification] > RANK[top] ? r.classification : top),
    'none'
  )
  const classification = highest
  if (isClassified(highest)) {
    if (facts.kind === 'consultation')
      need(settings.classifiedReadingApprover, 'R-USE-5', 'policy.use.classifiedReading', { classification })
    if (facts.kind === 'excerpt')
      need(settings.classifiedReadingApprover, 'R-USE-5', 'policy.use.classifiedCopy', { classification })
    if (facts.kind === 'loan')
      need(settings.classifiedLoanApprover, 'R-USE-5', 'policy.use.classifiedLoan', { classification })
    if (facts.kind === 'loan' && facts.offSite && RANK[highest] >= RANK.confidential) {
      need(settings.classifiedOffSiteApprover, 'R-USE-5', 'policy.use.classifiedOffSite', { classification })
    }
  }

  let loanDays: number | null = null
  if (facts.kind === 'loan' && facts.dueOn !== null) {
    loanDays = daysBetween(facts.startOn, facts.dueOn)
    if (loanDays < 0) return refusal('R-USE-4', 'policy.use.dueBeforeStart')
    if (loanDays > settings.loanMaxDays) {
      const longest = Math.max(settings.loanMaxDays, settings.longLoanMaxDays)
      if (loanDays > longest) return refusal('R-USE-4', 'policy.use.loanTooLong', { days: loanDays, max: longest })
      need(settings.longLoanApprover, 'R-USE-4', 'policy.use.longLoan', { days: loanDays, max: settings.loanMaxDays })
    }
  }

  const steps = APPROVER_ORDER.filter((step) => reasons.has(step)).map((step) => ({
    step,
    reasons: reasons.get(step)!
  }))
  return { ok: true, steps, loanDays }
}

export interface AvailabilityFacts {
  label: string
  effectiveCustody: CustodyState
  openIncidents: number
  /** Another consultation or loan not yet finished that holds this record (or its volume, or one of its items). */
  otherRequestId: number | null
}

/** R-USE-2, R-DISP-8, R-KEEP-3: a record can be used only when it is in its place, whole and not promised elsewhere. */
export function refuseUnavailable(records: AvailabilityFacts[]): Refusal | null {
  for (const record of records) {
    const code = record.label
    if (record.effectiveCustody === 'destroyed')
      return { ruleId: 'R-DISP-8', reason: 'policy.use.destroyed', params: { code } }
    if (record.effectiveCustody === 'awaiting_destruction')
      return { ruleId: 'R-DISP-8', reason: 'policy.use.awaitingDestruction', params: { code } }
    if (record.openIncidents > 0) return { ruleId: 'R-KEEP-3', reason: 'policy.use.flagged', params: { code } }
    if (record.effectiveCustody !== 'in_store')
      return { ruleId: 'R-USE-2', reason: 'policy.use.alreadyOut', params: { code } }
    if (record.otherRequestId !== null)
      return {
        ruleId: 'R-USE-2',
        reason: 'policy.use.requestedElsewhere',
        params: { code, requestId: record.otherRequestId }
      }
  }
  return null
}

export interface SignatureFacts {
  chain: Approver[]
  signed: Approver[]
  step: Approver
  signerName: string
  signerUserId: number | null
  applicantName: string
  applicantUserId: number | null
  enteredByUserId: number | null
  enteredByName: string
}

const samePerson = (nameA: string, idA: number | null, nameB: string, idB: number | null) =>
  (idA !== null && idA === idB) || nameA.trim() === nameB.trim()

/** R-ROLE-7, R-USE-1: signatures follow the chain, and neither the signer nor the person entering it is the applicant. */
export function refuseSignature(facts: SignatureFacts): Refusal | null {
  if (!facts.chain.includes(facts.step)) return { ruleId: 'R-USE-1', reason: 'policy.use.stepNotInChain' }
  const expected = facts.chain.find((step) => !facts.signed.includes(step))
  if (expected !== facts.step)
    return { ruleId: 'R-USE-1', reason: 'policy.use.stepOutOfOrder', params: { expected: expected ?? '' } }
  if (samePerson(facts.signerName, facts.signerUserId, facts.applicantName, facts.applicantUserId)) {
    return { ruleId: 'R-ROLE-7', reason: 'policy.use.selfApproval' }
  }
  if (samePerson(facts.enteredByName, facts.enteredByUserId, facts.applicantName, facts.applicantUserId)) {
    return { ruleId: 'R-ROLE-7', reason: 'policy.use.selfEntry' }
  }
  return null
}

/** R-USE-4: a renewal moves the due date later, within the setting's per-renewal limit and number of renewals. */
export function refuseRenewal(
  dueOn: string,
  newDueOn: string,
  renewals: number,
  settings: UseSettings
): Refusal | null {
  if (!settings.renewable) return { ruleId: 'R-USE-4', reason: 'policy.use.notRenewable' }
  if (renewals >= settings.maxRenewals)
    return { ruleId: 'R-USE-4', reason: 'policy.use.renewalLimit', params: { max: settings.maxRenewals } }
  const days = daysBetween(dueOn, newDueOn)
  if (days <= 0) return { ruleId: 'R-USE-4', reason: 'policy.use.renewalNotLater' }
  if (days > settings.renewalDays)
    return { ruleId: 'R-USE-4', reason: 'policy.use.renewalTooLong', params: { days, max: settings.renewalDays } }
  return null
}

/** R-USE-8, S89: a record returned complete must have all its pages; otherwise it is damaged or lost. */
export function refuseReturnCount(
  label: string,
  condition: 'complete' | 'damaged' | 'lost',
  expected: number,
  counted: number
): Refusal | null {
  if (condition !== 'complete' || counted === expected) return null
  return { ruleId: 'R-USE-8', reason: 'policy.use.pagesMissing', params: { code: label, expected, counted } }
}
