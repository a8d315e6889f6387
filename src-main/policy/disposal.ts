import type { BatchState, ClassificationCode } from '@preload/contract'
import { addMonths } from './calendar'
import { allowed, refuse, type Decision } from './decision'
import { expiryDate } from './deadlines'
import { isClassified } from './classification'

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

/** R-DISP-3: held records are neither listed nor destroyed. */
function refuseHeld(facts: DisposalFacts): Decision {
  return facts.holds.length > 0
    ? refuse('R-DISP-3', 'policy.disposal.held', { code: facts.code, holds: facts.holds.join('、') })
    : allowed
}

/** R-DISP-1, 2, 3, 4, 5, 8: why a record may not be listed in a new appraisal batch, or null when it may. */
export function refuseListing(facts: DisposalFacts, today: string): Decision {
  if (facts.custody === 'destroyed') return refuse('R-DISP-8', 'policy.disposal.destroyed', { code: facts.code })
  if (facts.volumeCode !== null)
    return refuse('R-DISP-4', 'policy.disposal.inVolume', { code: facts.code, volumeCode: facts.volumeCode })
  if (facts.expiresOn === null) return refuse('R-DISP-1', 'policy.disposal.permanent', { code: facts.code })
  if (facts.expiresOn > today)
    return refuse('R-DISP-2', 'policy.disposal.notExpired', { code: facts.code, expiresOn: facts.expiresOn })
  if (facts.openBatchId !== null)
    return refuse('R-DISP-5', 'policy.disposal.inOpenBatch', { code: facts.code, batchId: facts.openBatchId })
  return refuseHeld(facts)
}

/** R-DISP-3, R-DISP-7, R-KEEP-3: why a record may not be destroyed (or set apart for it) now, or null when it may. */
export function refuseDestruction(facts: DisposalFacts): Decision {
  if (facts.custody === 'destroyed') return refuse('R-DISP-8', 'policy.disposal.destroyed', { code: facts.code })
  const held = refuseHeld(facts)
  if (!held.ok) return held
  if (facts.out === 'on_loan') return refuse('R-DISP-7', 'policy.disposal.onLoan', { code: facts.code })
  if (facts.out === 'reading_room') return refuse('R-DISP-7', 'policy.disposal.inReadingRoom', { code: facts.code })
  if (facts.missing > 0) return refuse('R-KEEP-3', 'policy.disposal.missing', { code: facts.code })
  return allowed
}

/**
 * R-DISP-6: the day the hold period ends, `months` calendar months after the appraisal. A day the target month
 * lacks moves to its last day (31 August + 6 months → 28 or 29 February), so the period is never cut short.
 */
export function holdPeriodEnd(appraisedOn: string, months: number): string {
  return addMonths(appraisedOn, months)
}

/** R-DISP-6: nothing approved for destruction is verified or destroyed before the hold period has ended. */
export function refuseBeforeHoldEnd(holdUntil: string, today: string): Decision {
  return today < holdUntil ? refuse('R-DISP-6', 'policy.disposal.holdPeriod', { until: holdUntil }) : allowed
}

const personKey = (name: string) => name.replace(/\s+/g, '').toLowerCase()

/**
 * R-DISP-7: at least `min` supervisors, each a different person, none of them one of the appraisers or the staff
 * who handled the batch (`excluded`: names and user names, compared ignoring spaces and case).
 */
export function refuseSupervisors(supervisors: string[], min: number, excluded: string[]): Decision {
  const named = supervisors.map((name) => name.trim()).filter((name) => name !== '')
  const seen = new Set<string>()
  for (const name of named) {
    if (seen.has(personKey(name))) return refuse('R-DISP-7', 'policy.disposal.supervisorTwice', { name })
    seen.add(personKey(name))
  }
  if (named.length < min) return refuse('R-DISP-7', 'policy.disposal.tooFewSupervisors', { min, count: named.length })
  const conflicts = new Set(excluded.filter((name) => name.trim() !== '').map(personKey))
  const conflict = named.find((name) => conflicts.has(personKey(name)))
  return conflict ? refuse('R-DISP-7', 'policy.disposal.supervisorConflict', { name: conflict }) : allowed
}

/** R-DISP-5: the archive manager and the originating department's leader appraise together. */
export function refuseAppraisers(managerName: string, departmentLeaderName: string): Decision {
  if (managerName.trim() === '' || departmentLeaderName.trim() === '')
    return refuse('R-DISP-5', 'policy.disposal.appraisersRequired')
  return personKey(managerName) === personKey(departmentLeaderName)
    ? refuse('R-DISP-5', 'policy.disposal.appraisersDistinct')
    : allowed
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
): Decision {
  if (years === undefined) return refuse('R-DISP-5', 'policy.disposal.keepNeedsPeriod')
  const expiresOn = expiryDate(filingYear, years)
  if (expiresOn !== null && expiresOn <= today)
    return refuse('R-DISP-5', 'policy.disposal.keepPeriodEnded', { expiresOn })
  return reason.trim() === '' ? refuse('R-DISP-5', 'policy.disposal.keepNeedsReason') : allowed
}

/** R-DISP-7: the supervisors' count before destruction must match the register. */
export function refuseCount(confirmed: number, expected: number): Decision {
  if (expected === 0) return refuse('R-DISP-6', 'policy.disposal.nothingVerified')
  return confirmed === expected ? allowed : refuse('R-DISP-7', 'policy.disposal.countMismatch', { confirmed, expected })
}

/**
 * R-DISP-5, R-DISP-7: each step of a batch needs the batch in one of the step's states (`stateName` says the state in
 * words), and nothing changes once its destruction register is signed, for that register is kept for ever.
 */
export function refuseBatchStep(
  batch: { state: BatchState; stateName: string; registerSigned: boolean },
  states: BatchState[]
): Decision {
  if (batch.registerSigned) return refuse('R-DISP-7', 'policy.disposal.registerPermanent')
  return states.includes(batch.state)
    ? allowed
    : refuse('R-DISP-5', 'policy.disposal.batchState', { state: batch.stateName })
}

/** R-DISP-6: only a record decided for destruction is verified once more after the hold period. */
export function refuseVerification(decision: 'destroy' | 'keep' | null, stateName: string): Decision {
  return decision === 'destroy' ? allowed : refuse('R-DISP-5', 'policy.disposal.batchState', { state: stateName })
}

/** R-DISP-5: an appraisal is complete when every record in it is decided. */
export function refuseUndecided(undecided: number): Decision {
  return undecided > 0 ? refuse('R-DISP-5', 'policy.disposal.undecided', { count: undecided }) : allowed
}

/**
 * R-DISP-6: the register is drawn up once the hold period is over and every record has been verified, for a
 * destruction on a day the hold period has ended.
 */
export function refuseRegister(facts: {
  holdUntil: string
  today: string
  unverified: number
  destroyedOn: string
}): Decision {
  const held = refuseBeforeHoldEnd(facts.holdUntil, facts.today)
  if (!held.ok) return held
  if (facts.unverified > 0) return refuse('R-DISP-6', 'policy.disposal.notVerified', { count: facts.unverified })
  return facts.destroyedOn < facts.holdUntil
    ? refuse('R-DISP-6', 'policy.disposal.beforeHoldEnd', { until: facts.holdUntil })
    : allowed
}

/** R-DISP-7: the supervisors sign after they have seen the records destroyed. */
export function refuseSigning(signedOn: string, destroyedOn: string): Decision {
  return signedOn < destroyedOn ? refuse('R-DISP-7', 'policy.disposal.signBeforeDestroyed', { destroyedOn }) : allowed
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

/**
 * R-ELEC-7 (003: 属于保密范围的归档电子文件…应连同存储载体一起销毁): a classified file (秘密 and above) is destroyed with its
 * carrier and erased everywhere else; any other is deleted logically. The register says which.
 */
export const carrierDestroyedWith = (classification: ClassificationCode): boolean => isClassified(classification)
