/**
 * Calendar days written `YYYY-MM-DD`. They are counted in UTC so that no result depends on the PC's time zone or
 * summer time; setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
 */
const DAY_MS = 86_400_000

/** Days since 1970-01-01 of a calendar date, month 1–12 (H. Hinnant's days_from_civil, proleptic Gregorian). */
function civilDay(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468
}

/** Years whose days are counted and written by arithmetic; others (never a record's) go through Date as before. */
const plainYear = (year: number) => Number.isInteger(year) && year >= 0 && year <= 9999

/**
 * Days since 1970-01-01 of a year, month index (0–11, may overflow) and day (may be 0: the last of the month before).
 * Counted by arithmetic, as Date would: the workbench counts tens of thousands of dates a sign-in (issue 19).
 */
export function utcDay(year: number, monthIndex: number, day: number): number {
  const carried = year + Math.floor(monthIndex / 12)
  // Date gives no day for a year or month index far out of range even when one carries the other back into 0–9999.
  const near = (n: number) => Number.isInteger(n) && Math.abs(n) < 1_000_000
  if (plainYear(carried) && near(year) && near(monthIndex) && near(day))
    return civilDay(carried, monthIndex - Math.floor(monthIndex / 12) * 12 + 1, 1) + day - 1
  const date = new Date(0)
  date.setUTCFullYear(year, monthIndex, day)
  return date.getTime() / DAY_MS
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/

export function dayNumber(date: string): number {
  if (ISO_DAY.test(date))
    return utcDay(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))
  const [year, month, day] = date.split('-').map(Number)
  return utcDay(year, month - 1, day)
}

const digits = (n: number, width: number) => String(n).padStart(width, '0')

export function dateOf(day: number): string {
  // H. Hinnant's civil_from_days.
  const shifted = day + 719_468
  const era = Math.floor(shifted / 146_097)
  const dayOfEra = shifted - era * 146_097
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365
  )
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153)
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  if (!Number.isInteger(day) || !plainYear(year)) return new Date(day * DAY_MS).toISOString().slice(0, 10)
  return `${digits(year, 4)}-${digits(month, 2)}-${digits(dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1, 2)}`
}

/** 0 is Sunday, 6 is Saturday. */
export const weekdayOf = (day: number): number => new Date(day * DAY_MS).getUTCDay()

/** Whole days from one day to another; negative when `to` comes first. */
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from)

export const addDays = (date: string, days: number): string => dateOf(dayNumber(date) + days)

/** Calendar months later; a day the target month lacks becomes its last day (08-31 + 6 months → 02-28 or 02-29). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number)
  const firstOfTarget = utcDay(year, month - 1 + months, 1)
  const lastOfTarget = utcDay(year, month + months, 0)
  return dateOf(Math.min(firstOfTarget + day - 1, lastOfTarget))
}

/** The local calendar day of a moment on this PC, which is the day the archivist lives in. */
export function localDay(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}
