import type { Role } from '@preload/contract'
import { REPORT_APPROVERS } from '@preload/contract'
import { utcDay, dateOf, dayNumber } from './calendar'
import { allowed, refuse, type Decision } from './decision'

/** S165: the report of a month is due before the 5th of the next. */
export const REPORT_DUE_DAY = 5

/** The month before `today`'s, whose report is due now, and the day it is due. */
export function reportDue(today: string): { month: string; dueOn: string; late: boolean } {
  const [year, month] = today.split('-').map(Number)
  const previous = dateOf(utcDay(year, month - 2, 1)).slice(0, 7)
  const dueOn = dateOf(utcDay(year, month - 1, REPORT_DUE_DAY))
  return { month: previous, dueOn, late: dayNumber(today) > dayNumber(dueOn) }
}

/** S167–S168: a report is approved once, by a manager who did not prepare it. */
export function decideReportApproval(
  report: { preparedBy: number; approvedAt: string | null },
  approver: { userId: number; role: Role }
): Decision {
  if (report.approvedAt !== null) return refuse('S168', 'customerUpkeep.policy.reportApproved')
  if (!(REPORT_APPROVERS as readonly Role[]).includes(approver.role))
    return refuse('S167', 'customerUpkeep.policy.reportApprover')
  if (report.preparedBy === approver.userId) return refuse('S168', 'customerUpkeep.policy.reportOwnApproval')
  return allowed
}

/** S167–S168: nobody receives a report before it is approved. */
export function decideDistribution(report: { approvedAt: string | null }): Decision {
  return report.approvedAt === null ? refuse('S167', 'customerUpkeep.policy.reportNotApproved') : allowed
}

/** S165: a month's report is prepared once; its figures are those of the day it was prepared. */
export function decidePreparation(existing: boolean, month: string, today: string): Decision {
  if (existing) return refuse('S165', 'customerUpkeep.policy.reportExists', { month })
  if (month >= today.slice(0, 7)) return refuse('S165', 'customerUpkeep.policy.reportMonthOpen', { month })
  return allowed
}
