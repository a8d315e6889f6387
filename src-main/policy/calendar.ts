/**
 * Calendar days written `YYYY-MM-DD`. They are counted in UTC so that no result depends on the PC's time zone or
 * summer time; setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
 */
const DAY_MS = 86_400_000

/** Days since 1970-01-01 of a year, month index (0–11, may overflow) and day (may be 0: the last of the month before). */
export function utcDay(year: number, monthIndex: number, day: number): number {
  const date = new Date(0)
  date.setUTCFullYear(year, monthIndex, day)
  return date.getTime() / DAY_MS
}

export function dayNumber(date: string): number {
  const [year, month, day] = date.split('-').map(Number)
  return utcDay(year, month - 1, day)
}

export const dateOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10)

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
