import { describe, expect, it } from 'vitest'
import { refusalOf } from './refusal'
import { addMonths } from '@main/policy/calendar'
import {
  judgeMeasure,
  judgeReading,
  nextPeriodicInspection,
  refuseEmptyScope,
  refuseOutsideScope,
  refuseReadingPlace,
  refuseUnconfirmedMissing
} from '@main/policy/custody'
import { DEFAULT_CUSTODY } from '@main/services/settings'

const band = DEFAULT_CUSTODY

describe('R-KEEP-3 temperature band for paper (14–24 ℃, inclusive)', () => {
  it.each([
    [13.9, 'out_of_range', 'policy.custody.tooCold'],
    [14.0, 'in_range', 'policy.custody.temperatureInRange'],
    [19, 'in_range', 'policy.custody.temperatureInRange'],
    [24.0, 'in_range', 'policy.custody.temperatureInRange'],
    [24.1, 'out_of_range', 'policy.custody.tooHot'],
    [-5, 'out_of_range', 'policy.custody.tooCold']
  ] as const)('R-KEEP-3 %s ℃ is %s', (value, expected, reason) => {
    const decision = judgeMeasure('temperature', value, band.temperatureMin, band.temperatureMax)
    expect(decision).toEqual({ value: expected, ruleId: 'R-KEEP-3', reason, params: { value, min: 14, max: 24 } })
  })
})

describe('R-KEEP-3 relative humidity band for paper (45–60 %, inclusive)', () => {
  it.each([
    [44.9, 'out_of_range', 'policy.custody.tooDry'],
    [45, 'in_range', 'policy.custody.humidityInRange'],
    [60, 'in_range', 'policy.custody.humidityInRange'],
    [60.5, 'out_of_range', 'policy.custody.tooDamp']
  ] as const)('R-KEEP-3 %s %% RH is %s', (value, expected, reason) => {
    expect(judgeMeasure('humidity', value, band.humidityMin, band.humidityMax)).toMatchObject({
      value: expected,
      ruleId: 'R-KEEP-3',
      reason
    })
  })
})

describe('R-KEEP-3 a whole reading', () => {
  it('R-KEEP-3 is out of range when either measure is, and says which', () => {
    const damp = judgeReading({ temperature: 20, humidity: 72 }, band)
    expect(damp.outOfRange).toBe(true)
    expect(damp.temperature.value).toBe('in_range')
    expect(damp.humidity).toMatchObject({
      value: 'out_of_range',
      reason: 'policy.custody.tooDamp',
      params: { value: 72, max: 60 }
    })
    expect(judgeReading({ temperature: 20, humidity: 50 }, band).outOfRange).toBe(false)
  })

  it('R-KEEP-3 a missing value is "not measured", never in or out of range', () => {
    const judged = judgeReading({ temperature: null, humidity: 50 }, band)
    expect(judged.temperature).toEqual({
      value: 'not_measured',
      ruleId: 'R-KEEP-3',
      reason: 'policy.custody.notMeasured',
      params: {}
    })
    expect(judged.outOfRange).toBe(false)
    expect(judgeReading({ temperature: null, humidity: null }, band).outOfRange).toBe(false)
  })

  it('R-KEEP-3 follows the band of the settings, not a fixed one', () => {
    const cool = { ...band, temperatureMin: 10, temperatureMax: 18 }
    expect(judgeReading({ temperature: 19, humidity: 50 }, cool).outOfRange).toBe(true)
    expect(judgeReading({ temperature: 19, humidity: 50 }, band).outOfRange).toBe(false)
  })
})

describe('R-KEEP-3 periodic inspection schedule', () => {
  it.each([
    ['2025-09-15', 6, '2026-03-02', '2026-03-15', false],
    ['2025-09-02', 6, '2026-03-02', '2026-03-02', true],
    ['2025-08-31', 6, '2026-03-02', '2026-02-28', true],
    ['2023-08-31', 6, '2024-01-10', '2024-02-29', false],
    ['2025-11-20', 3, '2026-03-02', '2026-02-20', true],
    ['2025-03-01', 12, '2026-03-02', '2026-03-01', true]
  ] as const)('R-KEEP-3 last %s every %s months, today %s: due %s (%s)', (last, months, today, dueOn, due) => {
    const next = nextPeriodicInspection(last, months, today)
    expect(next).toEqual({
      value: dueOn,
      due,
      ruleId: 'R-KEEP-3',
      reason: 'policy.custody.periodicDue',
      params: { last, months, dueOn }
    })
  })

  it('R-KEEP-3 with no periodic inspection on record one is due today', () => {
    expect(nextPeriodicInspection(null, 6, '2026-03-02')).toEqual({
      value: '2026-03-02',
      due: true,
      ruleId: 'R-KEEP-3',
      reason: 'policy.custody.neverInspected',
      params: { months: 6 }
    })
  })

  it('adds calendar months and keeps the day inside the month', () => {
    expect(addMonths('2025-12-15', 1)).toBe('2026-01-15')
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28')
    expect(addMonths('2025-07-31', 6)).toBe('2026-01-31')
  })
})

describe('R-KEEP-2/3 findings and completion', () => {
  it('R-KEEP-3 refuses a finding for a record outside the scope', () => {
    expect(refusalOf(refuseOutsideScope(true, 'J001-1-0001'))).toBeNull()
    expect(refusalOf(refuseOutsideScope(false, 'J001-1-0001'))).toEqual({
      ruleId: 'R-KEEP-3',
      reason: 'policy.custody.outsideScope',
      params: { code: 'J001-1-0001' }
    })
  })

  it('R-KEEP-2 completing with unchecked records needs the person to confirm they are missing', () => {
    expect(refusalOf(refuseUnconfirmedMissing(0, false))).toBeNull()
    expect(refusalOf(refuseUnconfirmedMissing(3, true))).toBeNull()
    expect(refusalOf(refuseUnconfirmedMissing(3, false))).toEqual({
      ruleId: 'R-KEEP-2',
      reason: 'policy.custody.uncheckedBecomeMissing',
      params: { count: 3 }
    })
  })
})

describe('R-KEEP-3 where readings are taken and what an inspection checks', () => {
  it.each([
    ['room', null],
    ['rack', 'policy.custody.readingInRoom'],
    ['shelf', 'policy.custody.readingInRoom'],
    ['box', 'policy.custody.readingInRoom']
  ] as const)('R-KEEP-3 a reading in a %s: %s', (kind, reason) => {
    expect(refusalOf(refuseReadingPlace(kind))).toEqual(reason === null ? null : { ruleId: 'R-KEEP-3', reason })
  })

  it.each([
    [0, 'policy.custody.emptyScope'],
    [1, null],
    [250, null]
  ] as const)('R-KEEP-3 a scope holding %i records: %s', (records, reason) => {
    expect(refusalOf(refuseEmptyScope(records))).toEqual(reason === null ? null : { ruleId: 'R-KEEP-3', reason })
  })
})
