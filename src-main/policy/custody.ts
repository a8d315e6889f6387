import { addMonths } from './calendar'
import { allowed, refuse, type Decision, type Params, type Reasoned } from './decision'
import type { LocationKind } from '@preload/contract'

export interface EnvironmentBand {
  temperatureMin: number
  temperatureMax: number
  humidityMin: number
  humidityMax: number
}

export type EnvironmentValue = 'in_range' | 'out_of_range' | 'not_measured'
export type EnvironmentDecision = Reasoned<EnvironmentValue> & { params: Params }

const MEASURES = {
  temperature: {
    inRange: 'policy.custody.temperatureInRange',
    low: 'policy.custody.tooCold',
    high: 'policy.custody.tooHot'
  },
  humidity: { inRange: 'policy.custody.humidityInRange', low: 'policy.custody.tooDry', high: 'policy.custody.tooDamp' }
} as const

/** R-KEEP-3: the band is inclusive — 14.0 ℃ and 24.0 ℃ are still fine for paper; a missing value is "not measured". */
export function judgeMeasure(
  measure: keyof typeof MEASURES,
  value: number | null,
  min: number,
  max: number
): EnvironmentDecision {
  const keys = MEASURES[measure]
  if (value === null || !Number.isFinite(value))
    return { value: 'not_measured', ruleId: 'R-KEEP-3', reason: 'policy.custody.notMeasured', params: {} }
  const params = { value, min, max }
  if (value < min) return { value: 'out_of_range', ruleId: 'R-KEEP-3', reason: keys.low, params }
  if (value > max) return { value: 'out_of_range', ruleId: 'R-KEEP-3', reason: keys.high, params }
  return { value: 'in_range', ruleId: 'R-KEEP-3', reason: keys.inRange, params }
}

/** R-KEEP-3: temperature and humidity of one reading against the band set in the custody settings. */
export function judgeReading(reading: { temperature: number | null; humidity: number | null }, band: EnvironmentBand) {
  const temperature = judgeMeasure('temperature', reading.temperature, band.temperatureMin, band.temperatureMax)
  const humidity = judgeMeasure('humidity', reading.humidity, band.humidityMin, band.humidityMax)
  return {
    temperature,
    humidity,
    outOfRange: temperature.value === 'out_of_range' || humidity.value === 'out_of_range'
  }
}

export type PeriodicDue = Reasoned<string> & {
  /** True when the periodic inspection is due on or before today. */
  due: boolean
  params: Params
}

/**
 * R-KEEP-3: periodic inspections come every `intervalMonths` after the last completed one; with none on record the
 * first is due today. `value` is the day it is due.
 */
export function nextPeriodicInspection(
  lastPeriodicOn: string | null,
  intervalMonths: number,
  today: string
): PeriodicDue {
  if (lastPeriodicOn === null) {
    return {
      value: today,
      due: true,
      ruleId: 'R-KEEP-3',
      reason: 'policy.custody.neverInspected',
      params: { months: intervalMonths }
    }
  }
  const dueOn = addMonths(lastPeriodicOn, intervalMonths)
  return {
    value: dueOn,
    due: dueOn <= today,
    ruleId: 'R-KEEP-3',
    reason: 'policy.custody.periodicDue',
    params: { last: lastPeriodicOn, months: intervalMonths, dueOn }
  }
}

/** R-KEEP-2/3: a finding may only name a record the inspection set out to check. */
export function refuseOutsideScope(inScope: boolean, code: string): Decision {
  return inScope ? allowed : refuse('R-KEEP-3', 'policy.custody.outsideScope', { code })
}

/** R-KEEP-2 "不丢失": completing with records not ticked off records them missing, so the person must say so. */
export function refuseUnconfirmedMissing(unchecked: number, confirmed: boolean): Decision {
  return unchecked === 0 || confirmed
    ? allowed
    : refuse('R-KEEP-2', 'policy.custody.uncheckedBecomeMissing', { count: unchecked })
}

/** R-KEEP-3: temperature and humidity are kept per room, so a reading is taken in a room, not a rack, shelf or box. */
export function refuseReadingPlace(kind: LocationKind): Decision {
  return kind === 'room' ? allowed : refuse('R-KEEP-3', 'policy.custody.readingInRoom')
}

/** R-KEEP-3: an inspection checks records; a scope that holds none leaves nothing to check. */
export function refuseEmptyScope(records: number): Decision {
  return records === 0 ? refuse('R-KEEP-3', 'policy.custody.emptyScope') : allowed
}
