import { dateOf, dayNumber, utcDay, weekdayOf } from './calendar'
import type { MessageKey } from '@preload/i18n/zh-CN'

export interface DeadlineSettings {
  /** Customer materials are filed within this many calendar days of receipt (R-CUST-3: one week). */
  customerFilingDays: number
  /** A customer is registered within this many working days of first contact (R-CUST-3). */
  customerRegistrationWorkingDays: number
  /** Last year's records are filed by the end of this month (R-FILE-9: June). */
  annualFilingMonth: number
}

export const DEFAULT_DEADLINES: DeadlineSettings = {
  customerFilingDays: 7,
  customerRegistrationWorkingDays: 5,
  annualFilingMonth: 6
}

export interface Overdue {
  id: number
  dueOn: string
  /** Days past `dueOn`; 0 for a record handed in late that the room still has time to file. */
  daysLate: number
  ruleId: string
  /** The sentence takes no params of its own: it is given the entry itself, whose dueOn and daysLate it names. */
  reason: MessageKey
  /** How late the record already was when it was handed in (逾期移交): a fact of its receipt that does not grow. */
  handedInLateDays?: number
}

/** The entries whose due day (a day number) has passed by `today`, with how many days late. */
function overdue(dues: { id: number; due: number }[], today: string, ruleId: string, reason: MessageKey): Overdue[] {
  const now = dayNumber(today)
  return dues
    .filter(({ due }) => now > due)
    .map(({ id, due }) => ({ id, dueOn: dateOf(due), daysLate: now - due, ruleId, reason }))
}

/** R-CUST-3: received customer materials are filed within `customerFilingDays` calendar days. */
export function overdueCustomerMaterials(
  items: { id: number; receivedOn: string; filed: boolean; isCustomerMaterial: boolean }[],
  today: string,
  settings: DeadlineSettings
): Overdue[] {
  const dues = items
    .filter((item) => item.isCustomerMaterial && !item.filed)
    .map((item) => ({ id: item.id, due: dayNumber(item.receivedOn) + settings.customerFilingDays }))
  return overdue(dues, today, 'R-CUST-3', 'policy.deadline.customerFiling')
}

/** R-FILE-9: the last day of month `annualFilingMonth` of the year after `year`, as a day number. */
const annualDue = (year: number, settings: DeadlineSettings): number =>
  // Day 0 of the next month is the last day of the filing month, whatever its length.
  utcDay(year + 1, settings.annualFilingMonth, 0)

/**
 * R-FILE-9: a record of year Y is filed by the last day of month `annualFilingMonth` of Y+1. The room can only file
 * what it has: a record handed in after that day (逾期移交) is listed once as handed in late, by the days it was
 * late then, and is due `customerFilingDays` after its receipt, the time the room takes for customer materials
 * (R-CUST-3); only past that is it overdue, counted from that day, not from its year.
 */
export function overdueAnnualFiling(
  items: { id: number; year: number; receivedOn: string; filed: boolean }[],
  today: string,
  settings: DeadlineSettings
): Overdue[] {
  const now = dayNumber(today)
  return items
    .filter((item) => !item.filed && now > annualDue(item.year, settings))
    .map((item): Overdue => {
      const annual = annualDue(item.year, settings)
      const received = dayNumber(item.receivedOn)
      if (received <= annual) {
        return {
          id: item.id,
          dueOn: dateOf(annual),
          daysLate: now - annual,
          ruleId: 'R-FILE-9',
          reason: 'policy.deadline.annualFiling'
        }
      }
      const due = received + settings.customerFilingDays
      const handedInLateDays = received - annual
      return now > due
        ? {
            id: item.id,
            dueOn: dateOf(due),
            daysLate: now - due,
            ruleId: 'R-FILE-9',
            reason: 'policy.deadline.filingAfterLateHandIn',
            handedInLateDays
          }
        : {
            id: item.id,
            dueOn: dateOf(due),
            daysLate: 0,
            ruleId: 'R-FILE-9',
            reason: 'policy.deadline.lateHandIn',
            handedInLateDays
          }
    })
}

/** R-CUST-3: the day of first contact does not count; Saturdays and Sundays are not working days. */
export function registrationDueDate(firstContactOn: string, settings: DeadlineSettings): string {
  let day = dayNumber(firstContactOn)
  for (let left = settings.customerRegistrationWorkingDays; left > 0;) {
    day += 1
    const weekday = weekdayOf(day)
    if (weekday !== 0 && weekday !== 6) left -= 1
  }
  return dateOf(day)
}

/** R-DISP-2: the retention period starts on 1 January after the filing year; 永久 (null years) never expires. */
export function expiryDate(filingYear: number, years: number | null): string | null {
  if (years === null) return null
  return `${String(filingYear + years + 1).padStart(4, '0')}-01-01`
}

/**
 * R-CUST-3, R-FILE-9 as bounds an index can search: on `today`, customer materials received on or before
 * `customerReceivedBy` are late, and records of `annualYearUpTo` or earlier are late or were handed in late, exactly
 * those that `overdueCustomerMaterials` and `overdueAnnualFiling` list.
 */
export function lateBounds(
  today: string,
  settings: DeadlineSettings
): { customerReceivedBy: string; annualYearUpTo: number } {
  const now = dayNumber(today)
  let year = Number(today.slice(0, 4))
  while (utcDay(year + 1, settings.annualFilingMonth, 0) >= now) year -= 1
  return { customerReceivedBy: dateOf(now - settings.customerFilingDays - 1), annualYearUpTo: year }
}
