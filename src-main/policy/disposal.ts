/*
 * Reason keys (i18n, in the policy.disposal section); params in {{braces}}.
 *
 * policy.disposal.permanent                                   R-DISP-1
 *   zh: {{code}} 保管期限为永久，永不到期，不能列入鉴定销毁。
 *   en: {{code}} is kept permanently; it never expires and cannot be listed for destruction.
 * policy.disposal.notExpired        {code, expiresOn}         R-DISP-2
 *   zh: {{code}} 的保管期限到 {{expiresOn}} 才届满，尚未到期。
 *   en: {{code}} is kept until {{expiresOn}}; its period has not ended yet.
 * policy.disposal.inVolume          {code, volumeCode}        R-DISP-4
 *   zh: {{code}} 已归入案卷 {{volumeCode}}，请随案卷一起鉴定。
 *   en: {{code}} is filed in volume {{volumeCode}}; appraise the volume instead.
 * policy.disposal.destroyed         {code}                    R-DISP-8
 *   zh: {{code}} 已经销毁。
 *   en: {{code}} has already been destroyed.
 * policy.disposal.held              {code, holds}             R-DISP-3
 *   zh: {{code}} 处于保留状态（{{holds}}），解除保留前不能鉴定或销毁。
 *   en: {{code}} is under hold ({{holds}}); it cannot be appraised or destroyed until the hold is released.
 * policy.disposal.inOpenBatch       {code, batchId}           R-DISP-5
 *   zh: {{code}} 已在未结束的鉴定批次 #{{batchId}} 中。
 *   en: {{code}} is already in open appraisal batch #{{batchId}}.
 * policy.disposal.onLoan            {code}                    R-DISP-7
 *   zh: {{code}} 已借出，归还前不能销毁。
 *   en: {{code}} is out on loan; it cannot be destroyed until it is back.
 * policy.disposal.inReadingRoom     {code}                    R-DISP-7
 *   zh: {{code}} 正在阅览室查阅，查阅结束前不能销毁。
 *   en: {{code}} is being read in the reading room; it cannot be destroyed until the consultation ends.
 * policy.disposal.missing           {code}                    R-KEEP-3
 *   zh: {{code}} 在检查中登记为缺失，处理完毕前不能销毁。
 *   en: {{code}} is recorded missing; it cannot be destroyed until the incident is resolved.
 * policy.disposal.holdPeriod        {until}                   R-DISP-6
 *   zh: 批准销毁的档案须单独存放满封存期，{{until}} 起才能复核和销毁。
 *   en: Records approved for destruction are kept apart for the hold period; they can be verified and destroyed from {{until}}.
 * policy.disposal.tooFewSupervisors {min, count}              R-DISP-7
 *   zh: 销毁须至少 {{min}} 名监销人，现只有 {{count}} 名。
 *   en: A destruction needs at least {{min}} supervisors; {{count}} given.
 * policy.disposal.supervisorTwice   {name}                    R-DISP-7
 *   zh: 监销人“{{name}}”重复填写，监销人须为不同的人。
 *   en: Supervisor “{{name}}” is named twice; supervisors must be different people.
 * policy.disposal.supervisorConflict {name}                   R-DISP-7
 *   zh: “{{name}}”是本批次的鉴定人或经办人，不能同时担任监销人。
 *   en: “{{name}}” appraised or handled this batch and cannot also supervise its destruction.
 * policy.disposal.keepNeedsPeriod                             R-DISP-5
 *   zh: 决定继续保存时须选择新的保管期限。
 *   en: A keep decision needs a new retention period.
 * policy.disposal.keepPeriodEnded   {expiresOn}               R-DISP-5
 *   zh: 新的保管期限于 {{expiresOn}} 已经届满，请选择更长的期限。
 *   en: The new retention period already ended on {{expiresOn}}; choose a longer one.
 * policy.disposal.keepNeedsReason                             R-DISP-5
 *   zh: 决定继续保存时须写明理由。
 *   en: A keep decision needs a reason.
 * policy.disposal.appraisersRequired                          R-DISP-5
 *   zh: 鉴定须由档案部门负责人和形成部门负责人共同进行，两位鉴定人都必须填写。
 *   en: The archive manager and the originating department's leader appraise together; both must be named.
 * policy.disposal.appraisersDistinct                          R-DISP-5
 *   zh: 两位鉴定人须为不同的人。
 *   en: The two appraisers must be different people.
 * policy.disposal.undecided         {count}                   R-DISP-5
 *   zh: 还有 {{count}} 份档案未作出鉴定结论（销毁或继续保存）。
 *   en: {{count}} record(s) have no decision yet (destroy or keep).
 * policy.disposal.countMismatch     {confirmed, expected}     R-DISP-7
 *   zh: 监销人清点数量 {{confirmed}} 与清册所列 {{expected}} 份不符。
 *   en: The supervisors counted {{confirmed}}, but the register lists {{expected}}.
 * policy.disposal.nothingVerified                             R-DISP-6
 *   zh: 没有经复核确认待销毁的档案。
 *   en: No record has been verified as still to be destroyed.
 * policy.disposal.notVerified       {count}                   R-DISP-6
 *   zh: 还有 {{count}} 份档案未复核，复核完毕才能销毁。
 *   en: {{count}} record(s) are not verified yet; verify them all before destroying.
 * policy.disposal.beforeHoldEnd     {until}                   R-DISP-6
 *   zh: 销毁日期不能早于封存期满日 {{until}}。
 *   en: The destruction date cannot be before the hold period ends on {{until}}.
 * policy.disposal.signBeforeDestroyed {destroyedOn}           R-DISP-7
 *   zh: 签字日期不能早于销毁日期 {{destroyedOn}}。
 *   en: The signing date cannot be before the destruction date {{destroyedOn}}.
 * policy.disposal.registerPermanent                           R-DISP-7
 *   zh: 销毁清册已签字，永久保存，不能修改或删除。
 *   en: The destruction register is signed and kept permanently; it cannot be changed or deleted.
 * policy.disposal.batchState        {state}                   R-DISP-5
 *   zh: 鉴定批次当前为“{{state}}”状态，不能进行此操作。
 *   en: The appraisal batch is “{{state}}”; this step is not possible now.
 * policy.disposal.destroyedFrozen   {code}                    R-DISP-8
 *   zh: {{code}} 已销毁，其目录信息永久保存，不能再修改。
 *   en: {{code}} has been destroyed; its catalogue entry is kept as it is and cannot be changed.
 */
import { addMonths } from './calendar'
import type { Refusal } from './filing'
import { expiryDate } from './deadlines'

export interface DisposalSettings {
  /** R-DISP-6: months records approved for destruction are kept apart before they may go (000: six). */
  holdMonths: number
  /** R-DISP-7: supervisors needed at a destruction (003: at least two). */
  minSupervisors: number
  methods: string[]
}

export const DEFAULT_DISPOSAL: DisposalSettings = {
  holdMonths: 6,
  minSupervisors: 2,
  methods: ['碎纸机粉碎', '送指定造纸厂化浆', '焚毁']
}

/** What the rules need to know about one record; the services gather it, the rules only read it. */
export interface DisposalFacts {
  /** 档号, or the title when the record has none, for the messages. */
  code: string
  custody: 'in_store' | 'reading_room' | 'on_loan' | 'awaiting_destruction' | 'destroyed'
  /** The record itself, its volume or one of its items is out of the store this way, else null. */
  out: 'on_loan' | 'reading_room' | null
  /** Open incidents finding it (or its volume or items) missing. */
  missing: number
  /** Names of the open holds covering it. */
  holds: string[]
  /** null: 永久, never expires. */
  expiresOn: string | null
  /** The volume an item is filed in. */
  volumeCode: string | null
  /** An open appraisal batch it is already listed in (other than the one being worked on). */
  openBatchId: number | null
}

const refusal = (ruleId: string, reason: string, params?: Record<string, string | number>): Refusal => ({
  ruleId,
  reason,
  ...(params ? { params } : {})
})

/** R-DISP-3: held records are neither listed nor destroyed. */
function refuseHeld(facts: DisposalFacts): Refusal | null {
  return facts.holds.length > 0
    ? refusal('R-DISP-3', 'policy.disposal.held', { code: facts.code, holds: facts.holds.join('、') })
    : null
}

/** R-DISP-1, 2, 3, 4, 5, 8: why a record may not be listed in a new appraisal batch, or null when it may. */
export function refuseListing(facts: DisposalFacts, today: string): Refusal | null {
  if (facts.custody === 'destroyed') return refusal('R-DISP-8', 'policy.disposal.destroyed', { code: facts.code })
  if (facts.volumeCode !== null)
    return refusal('R-DISP-4', 'policy.disposal.inVolume', { code: facts.code, volumeCode: facts.volumeCode })
  if (facts.expiresOn === null) return refusal('R-DISP-1', 'policy.disposal.permanent', { code: facts.code })
  if (facts.expiresOn > today)
    return refusal('R-DISP-2', 'policy.disposal.notExpired', { code: facts.code, expiresOn: facts.expiresOn })
  if (facts.openBatchId !== null)
    return refusal('R-DISP-5', 'policy.disposal.inOpenBatch', { code: facts.code, batchId: facts.openBatchId })
  return refuseHeld(facts)
}

/** R-DISP-3, R-DISP-7, R-KEEP-3: why a record may not be destroyed (or set apart for it) now, or null when it may. */
export function refuseDestruction(facts: DisposalFacts): Refusal | null {
  if (facts.custody === 'destroyed') return refusal('R-DISP-8', 'policy.disposal.destroyed', { code: facts.code })
  const held = refuseHeld(facts)
  if (held) return held
  if (facts.out === 'on_loan') return refusal('R-DISP-7', 'policy.disposal.onLoan', { code: facts.code })
  if (facts.out === 'reading_room') return refusal('R-DISP-7', 'policy.disposal.inReadingRoom', { code: facts.code })
  if (facts.missing > 0) return refusal('R-KEEP-3', 'policy.disposal.missing', { code: facts.code })
  return null
}

/**
 * R-DISP-6: the day the hold period ends, `months` calendar months after the appraisal. A day the target month
 * lacks moves to its last day (31 August + 6 months → 28 or 29 February), so the period is never cut short.
 */
export function holdPeriodEnd(appraisedOn: string, months: number): string {
  return addMonths(appraisedOn, months)
}

/** R-DISP-6: nothing approved for destruction is verified or destroyed before the hold period has ended. */
export function refuseBeforeHoldEnd(holdUntil: string, today: string): Refusal | null {
  return today < holdUntil ? refusal('R-DISP-6', 'policy.disposal.holdPeriod', { until: holdUntil }) : null
}

const personKey = (name: string) => name.replace(/\s+/g, '').toLowerCase()

/**
 * R-DISP-7: at least `min` supervisors, each a different person, none of them one of the appraisers or the staff
 * who handled the batch (`excluded`: names and user names, compared ignoring spaces and case).
 */
export function refuseSupervisors(supervisors: string[], min: number, excluded: string[]): Refusal | null {
  const named = supervisors.map((name) => name.trim()).filter((name) => name !== '')
  const seen = new Set<string>()
  for (const name of named) {
    if (seen.has(personKey(name))) return refusal('R-DISP-7', 'policy.disposal.supervisorTwice', { name })
    seen.add(personKey(name))
  }
  if (named.length < min) return refusal('R-DISP-7', 'policy.disposal.tooFewSupervisors', { min, count: named.length })
  const conflicts = new Set(excluded.filter((name) => name.trim() !== '').map(personKey))
  const conflict = named.find((name) => conflicts.has(personKey(name)))
  return conflict ? refusal('R-DISP-7', 'policy.disposal.supervisorConflict', { name: conflict }) : null
}

/** R-DISP-5: the archive manager and the originating department's leader appraise together. */
export function refuseAppraisers(managerName: string, departmentLeaderName: string): Refusal | null {
  if (managerName.trim() === '' || departmentLeaderName.trim() === '')
    return refusal('R-DISP-5', 'policy.disposal.appraisersRequired')
  return personKey(managerName) === personKey(departmentLeaderName)
    ? refusal('R-DISP-5', 'policy.disposal.appraisersDistinct')
    : null
}

/**
 * R-DISP-5: a record kept longer gets a new period, counted like the first from its filing year (R-DISP-2), that must
 * still be running today, and the reason it is kept. `years` undefined: no period chosen; null: 永久.
 */
export function refuseKeep(
  filingYear: number,
  years: number | null | undefined,
  reason: string,
  today: string
): Refusal | null {
  if (years === undefined) return refusal('R-DISP-5', 'policy.disposal.keepNeedsPeriod')
  const expiresOn = expiryDate(filingYear, years)
  if (expiresOn !== null && expiresOn <= today)
    return refusal('R-DISP-5', 'policy.disposal.keepPeriodEnded', { expiresOn })
  return reason.trim() === '' ? refusal('R-DISP-5', 'policy.disposal.keepNeedsReason') : null
}

/** R-DISP-7: the supervisors' count before destruction must match the register. */
export function refuseCount(confirmed: number, expected: number): Refusal | null {
  if (expected === 0) return refusal('R-DISP-6', 'policy.disposal.nothingVerified')
  return confirmed === expected ? null : refusal('R-DISP-7', 'policy.disposal.countMismatch', { confirmed, expected })
}

/**
 * 已保管时间 on the destruction register: whole years from the start of the retention period (1 January after the
 * filing year, R-DISP-2) to the day of destruction.
 */
export function yearsKept(filingYear: number, destroyedOn: string): number {
  // Every 1 January passed since the period began completes one more year, so the calendar year alone decides.
  return Math.max(0, Number(destroyedOn.slice(0, 4)) - filingYear - 1)
}

/**
 * R-DISP-1, R-DISP-2: the period a record is filed with, from the retention list in force when it gets its code,
 * and the day it expires. A code the list does not know is treated as 永久, so nothing is ever destroyed by mistake.
 */
export function retentionOf(
  code: string,
  periods: { code: string; years: number | null }[],
  filingYear: number
): { years: number | null; expiresOn: string | null } {
  const years = periods.find((period) => period.code === code)?.years ?? null
  return { years, expiresOn: expiryDate(filingYear, years) }
}
