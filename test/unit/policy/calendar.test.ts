import { describe, expect, it } from 'vitest'
import { addMonths, dateOf, dayNumber, utcDay } from '@main/policy/calendar'

/**
 * Issue 19: the calendar counts days by arithmetic instead of through Date, for speed. Every deadline rule
 * (R-FILE-9, R-CUST-3, R-USE-8, R-DISP-4, R-KEEP-3, S29, S46–S47, S59–S61) reads days through it, so it must give what
 * Date gives for every input, overflowing months and days, day 0, years 0–99 and beyond 9999 included.
 */
const DAY_MS = 86_400_000
const dateUtcDay = (year: number, monthIndex: number, day: number) => {
  const date = new Date(0)
  date.setUTCFullYear(year, monthIndex, day)
  return date.getTime() / DAY_MS
}
const dateDateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10)

/** A small seeded generator (mulberry32), so a failing case can be replayed. */
function random(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('the calendar counted by arithmetic (issue 19)', () => {
  it('counts the days of any year, month index and day as Date does', () => {
    const next = random(20_261_202)
    const between = (low: number, high: number) => low + Math.floor(next() * (high - low + 1))
    for (let n = 0; n < 20_000; n += 1) {
      const year = n % 4 === 0 ? between(-500, 10_500) : between(1890, 2110)
      const monthIndex = n % 3 === 0 ? between(-30, 40) : between(0, 11)
      const day = n % 5 === 0 ? between(-400, 400) : between(0, 31)
      expect(utcDay(year, monthIndex, day), `${year}, ${monthIndex}, ${day}`).toBe(dateUtcDay(year, monthIndex, day))
    }
    for (const [year, monthIndex, day] of [
      [2024, 1, 29],
      [2023, 1, 29],
      [2000, 1, 29],
      [1900, 1, 29],
      [0, 0, 1],
      [99, 11, 31],
      [9999, 11, 31],
      [10_000, 0, 1],
      [1970, 0, 1],
      [2025, 0, 0],
      [2025, 12, 1],
      [2025, -1, 1],
      [2025, 1.5, 3],
      [2025, 0, 1.5]
    ])
      expect(utcDay(year, monthIndex, day)).toBe(dateUtcDay(year, monthIndex, day))
    expect(utcDay(NaN, 0, 1)).toBeNaN()
    expect(utcDay(2025, Infinity, 1)).toBeNaN()
    // A month index that carries a year beyond Date's range back into 0–9999: Date gives no day, nor may the arithmetic.
    expect(utcDay(-1e15, 1.2e16, 1)).toBeNaN()
    expect(utcDay(-2_000_000, 24_000_000, 1)).toBe(dateUtcDay(-2_000_000, 24_000_000, 1))
  })

  it('writes any day as Date does, and a day that is not one fails as it did', () => {
    const next = random(20_261_203)
    for (let n = 0; n < 20_000; n += 1) {
      const day = Math.floor((next() - 0.5) * 2 * 3_000_000)
      expect(dateOf(day), String(day)).toBe(dateDateOf(day))
    }
    for (const day of [0, -1, -719_468, -719_469, 2_932_896, 2_932_897, 20_000.5, -0.5])
      expect(dateOf(day), String(day)).toBe(dateDateOf(day))
    expect(() => dateOf(NaN)).toThrow(RangeError)
  })

  it('reads written days, and malformed ones, as Date did', () => {
    const dateDayNumber = (text: string) => {
      const [year, month, day] = text.split('-').map(Number)
      return dateUtcDay(year, month - 1, day)
    }
    for (const text of ['2025-03-12', '2024-02-29', '2023-02-29', '0001-01-01', '2025-13-45', '2025-00-00', '2025-3-1'])
      expect(dayNumber(text), text).toBe(dateDayNumber(text))
    expect(dayNumber('')).toBeNaN()
    expect(dayNumber('2025-03--1')).toBe(dateUtcDay(2025, 2, 0))
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28')
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29')
    expect(addMonths('2025-01-31', -2)).toBe('2024-11-30')
  })
})
