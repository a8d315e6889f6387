import {
  IMPORTANT_CUSTOMER_FIELDS,
  type CreditReviewReason,
  type Customer,
  type CustomerGrade,
  type ImportantCustomerField,
  type PendingCustomerChange,
  CustomerUpkeepSettings,
  type PlannedVisit,
  type RegistrationStatus,
  type Role
} from '@preload/contract'
import { addDays, addMonths, dayNumber } from './calendar'
import { allowed, refuse, type Decision } from './decision'

/**
 * The 000/002 reading where the sources disagree: five days to the formal file (S29), approval by a supervisor or the
 * department head (S39, 002), return visits on days 3, 15, 30 and 60 (S59–S61), important customers reviewed at least
 * monthly (S46), the others quarterly and yearly (S47).
 */
export const DEFAULT_CUSTOMER_UPKEEP: CustomerUpkeepSettings = {
  formalWithinDays: 5,
  verifierRoles: ['archive_manager', 'department_head'],
  visitDays: [3, 15, 30, 60],
  reviewMonths: { important: 1, special: 3, general: 12 }
}

/** S29: the day a temporary file is to be formal, counted from the completion documents; none before they are in. */
export function formalDueOn(completionOn: string | null, settings: CustomerUpkeepSettings): string | null {
  return completionOn === null ? null : addDays(completionOn, settings.formalWithinDays)
}

/** S29: a temporary file past its day is late. */
export function formalLate(
  registration: { status: RegistrationStatus; completionOn: string | null },
  settings: CustomerUpkeepSettings,
  today: string
): boolean {
  const due = formalDueOn(registration.completionOn, settings)
  return registration.status === 'temporary' && due !== null && dayNumber(today) > dayNumber(due)
}

/**
 * S37–S40: a temporary file becomes formal once someone of a verifying role checked it; the person who created it
 * does not confirm their own file, so the signature is a second person's.
 */
export function decideVerification(
  file: { status: RegistrationStatus; createdBy: number },
  verifier: { userId: number; role: Role },
  settings: CustomerUpkeepSettings
): Decision {
  if (file.status === 'formal') return refuse('S40', 'customerUpkeep.policy.alreadyFormal')
  if (!settings.verifierRoles.includes(verifier.role)) return refuse('S37', 'customerUpkeep.policy.notVerifier')
  if (file.createdBy === verifier.userId) return refuse('S40', 'customerUpkeep.policy.ownFile')
  return allowed
}

/** S29: the completion documents come after the contract. */
export function decideRegistrationDates(contractSignedOn: string | null, completionOn: string | null): Decision {
  if (contractSignedOn !== null && completionOn !== null && completionOn < contractSignedOn)
    return refuse('S29', 'customerUpkeep.policy.completionBeforeContract')
  return allowed
}

/**
 * S59–S61: the return visits of the plan, each due on its day after the contract; a visit logged for that day
 * (`planDay`) does it. No contract, no plan.
 */
export function plannedVisits(
  contractSignedOn: string | null,
  settings: CustomerUpkeepSettings,
  done: { planDay: number | null; happenedOn: string }[],
  today: string
): PlannedVisit[] {
  if (contractSignedOn === null) return []
  return [...settings.visitDays]
    .sort((a, b) => a - b)
    .map((day) => {
      const dueOn = addDays(contractSignedOn, day)
      const doneOn = done.find((visit) => visit.planDay === day)?.happenedOn ?? null
      return { day, dueOn, doneOn, due: doneOn === null && dayNumber(today) >= dayNumber(dueOn) }
    })
}

/** S46–S47, S52: the next review falls the grade's months after the last one, or after the file was opened. */
export function reviewDue(
  grade: CustomerGrade,
  lastReviewOn: string | null,
  openedOn: string,
  settings: CustomerUpkeepSettings,
  today: string
): { dueOn: string; due: boolean } {
  const dueOn = addMonths(lastReviewOn ?? openedOn, settings.reviewMonths[grade])
  return { dueOn, due: dayNumber(today) >= dayNumber(dueOn) }
}

/**
 * The rules above for every customer at once, as days to compare with: a customer is counted when its own day is on
 * or before the cut-off (before it, for `formalCompletedBefore`), which lets main count a whole room in one query
 * instead of judging each customer. Each cut-off is the last day for which the rule above says due, so the counts
 * equal those of `formalLate`, `plannedVisits` and `reviewDue` customer by customer.
 */
export interface UpkeepCutoffs {
  /** S29: a temporary file whose completion documents came in before this day is late. */
  formalCompletedBefore: string
  /** S59–S61: each visit of the plan is due for contracts signed on or before its day. */
  visitsSignedBy: { day: number; signedBy: string }[]
  /** S46–S47: a review is due where the last one (or the opening) was on or before the grade's day. */
  reviewedBy: Record<CustomerGrade, string>
  /** S19: a credit limit of an earlier year than this is to be reviewed. */
  creditYear: number
}

export function upkeepCutoffs(settings: CustomerUpkeepSettings, today: string): UpkeepCutoffs {
  const todayNumber = dayNumber(today)
  const reviewDay = (months: number) => {
    // addMonths never goes back as its start goes forward, so the days it brings due end at one last day.
    let day = addMonths(today, -months)
    while (dayNumber(addMonths(day, months)) > todayNumber) day = addDays(day, -1)
    while (dayNumber(addMonths(addDays(day, 1), months)) <= todayNumber) day = addDays(day, 1)
    return day
  }
  return {
    formalCompletedBefore: addDays(today, -settings.formalWithinDays),
    visitsSignedBy: settings.visitDays.map((day) => ({ day, signedBy: addDays(today, -day) })),
    reviewedBy: {
      important: reviewDay(settings.reviewMonths.important),
      special: reviewDay(settings.reviewMonths.special),
      general: reviewDay(settings.reviewMonths.general)
    },
    creditYear: Number(today.slice(0, 4))
  }
}

/** S154: important customers have at least two people of the company in touch with them. */
export const MIN_STAFF_OF_IMPORTANT = 2

export const staffShort = (grade: CustomerGrade, staff: number): boolean =>
  grade === 'important' && staff < MIN_STAFF_OF_IMPORTANT

/** S154: an important customer's staff are set two at least; nobody twice. */
export function decideStaff(grade: CustomerGrade, userIds: number[]): Decision {
  if (new Set(userIds).size !== userIds.length) return refuse('S154', 'customerUpkeep.policy.staffTwice')
  if (staffShort(grade, userIds.length))
    return refuse('S154', 'customerUpkeep.policy.importantNeedsTwo', { count: MIN_STAFF_OF_IMPORTANT })
  return allowed
}

/** S151–S152: a leaver's customers go to another person, who is in post. */
export function decideReassignment(fromUserId: number, to: { id: number; active: boolean } | undefined): Decision {
  if (!to || !to.active) return refuse('S152', 'customerUpkeep.policy.replacementInactive')
  if (to.id === fromUserId) return refuse('S152', 'customerUpkeep.policy.sameReplacement')
  return allowed
}

/**
 * S19–S21: a credit entry's report is a document of this customer's own file, and an important customer's rating
 * comes with its risk evaluation.
 */
export function decideCredit(
  grade: CustomerGrade,
  entry: { riskEvaluation: string; report: { customerId: number | null } | null },
  customerId: number
): Decision {
  if (entry.report !== null && entry.report.customerId !== customerId)
    return refuse('S21', 'customerUpkeep.policy.reportNotInFile')
  if (grade === 'important' && entry.riskEvaluation.trim() === '')
    return refuse('S21', 'customerUpkeep.policy.riskEvaluationNeeded')
  return allowed
}

/**
 * Why the limit is to be reviewed now, if it is: an important customer never rated (S21), a limit whose year is over
 * (S19), or a customer whose record changed after the last rating (004: 当客户的基本情况发生变化，信用额度也要随之进行调整).
 */
export function creditReviewReason(
  grade: CustomerGrade,
  latest: { limitYear: number; recordedAt: string } | null,
  customerUpdatedAt: string,
  today: string
): CreditReviewReason | null {
  if (latest === null) return grade === 'important' ? 'unrated' : null
  if (latest.limitYear < Number(today.slice(0, 4))) return 'expired'
  if (customerUpdatedAt > latest.recordedAt) return 'situationChanged'
  return null
}

/**
 * S50: the important fields an update changes, old → new. A temporary file is still to be verified as a whole (S37),
 * so only a formal file's changes are held.
 */
export function importantChanges(
  status: RegistrationStatus,
  current: Pick<Customer, ImportantCustomerField>,
  proposed: Pick<Customer, ImportantCustomerField>
): PendingCustomerChange['changes'] {
  if (status !== 'formal') return []
  return IMPORTANT_CUSTOMER_FIELDS.filter((field) => current[field] !== proposed[field]).map((field) => ({
    field,
    before: current[field],
    after: proposed[field]
  }))
}

/** S50: one important change waits per customer; another is proposed once it is confirmed or refused. */
export function decideProposal(waiting: number | null): Decision {
  return waiting === null ? allowed : refuse('S50', 'customerUpkeep.policy.changeWaiting')
}

/** S50, S37–S40: a verifier of the settings confirms or refuses a waiting change, never the person who proposed it. */
export function decideChange(
  change: { status: PendingCustomerChange['status']; proposedById: number },
  verifier: { userId: number; role: Role },
  settings: CustomerUpkeepSettings
): Decision {
  if (change.status !== 'pending') return refuse('S50', 'customerUpkeep.policy.changeDecided')
  if (!settings.verifierRoles.includes(verifier.role)) return refuse('S50', 'customerUpkeep.policy.notVerifier')
  if (change.proposedById === verifier.userId) return refuse('S50', 'customerUpkeep.policy.ownChange')
  return allowed
}
