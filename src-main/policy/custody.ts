/*
 * Reason keys (i18n, under `policy`); params in {{braces}}. All apply R-KEEP-3 unless noted.
 *
 * policy.custody.temperatureInRange      {value, min, max}
 *   zh: 温度 {{value}} ℃，在允许范围 {{min}}–{{max}} ℃ 之内。
 *   en: Temperature {{value}} ℃ is within the allowed {{min}}–{{max}} ℃.
 * policy.custody.tooCold                 {value, min, max}
 *   zh: 温度 {{value}} ℃ 低于下限 {{min}} ℃（允许 {{min}}–{{max}} ℃）。
 *   en: Temperature {{value}} ℃ is below the minimum of {{min}} ℃ (allowed {{min}}–{{max}} ℃).
 * policy.custody.tooHot                  {value, min, max}
 *   zh: 温度 {{value}} ℃ 高于上限 {{max}} ℃（允许 {{min}}–{{max}} ℃）。
 *   en: Temperature {{value}} ℃ is above the maximum of {{max}} ℃ (allowed {{min}}–{{max}} ℃).
 * policy.custody.humidityInRange         {value, min, max}
 *   zh: 相对湿度 {{value}}%，在允许范围 {{min}}–{{max}}% 之内。
 *   en: Relative humidity {{value}} % is within the allowed {{min}}–{{max}} %.
 * policy.custody.tooDry                  {value, min, max}
 *   zh: 相对湿度 {{value}}% 低于下限 {{min}}%（允许 {{min}}–{{max}}%）。
 *   en: Relative humidity {{value}} % is below the minimum of {{min}} % (allowed {{min}}–{{max}} %).
 * policy.custody.tooDamp                 {value, min, max}
 *   zh: 相对湿度 {{value}}% 高于上限 {{max}}%（允许 {{min}}–{{max}}%）。
 *   en: Relative humidity {{value}} % is above the maximum of {{max}} % (allowed {{min}}–{{max}} %).
 * policy.custody.notMeasured
 *   zh: 未测量。
 *   en: Not measured.
 * policy.custody.neverInspected          {months}
 *   zh: 尚无定期检查记录，应立即检查（每 {{months}} 个月一次）。
 *   en: No periodic inspection has been recorded; one is due now (every {{months}} months).
 * policy.custody.periodicDue             {last, months, dueOn}
 *   zh: 上次定期检查 {{last}}，每 {{months}} 个月一次，下次应于 {{dueOn}} 前检查。
 *   en: Last periodic inspection {{last}}; every {{months}} months, so the next is due by {{dueOn}}.
 * policy.custody.outsideScope            {code}
 *   zh: {{code}} 不在本次检查范围内。
 *   en: {{code}} is not within this inspection's scope.
 * policy.custody.uncheckedBecomeMissing  {count}                       (R-KEEP-2)
 *   zh: 还有 {{count}} 件（卷）未清点，完成检查将把它们登记为缺失。请确认。
 *   en: {{count}} record(s) are not ticked off; completing the inspection records them as missing. Please confirm.
 * policy.custody.inspectionCompleted
 *   zh: 检查已完成，不能再修改。
 *   en: The inspection is completed and can no longer be changed.
 * policy.custody.readingInRoom
 *   zh: 温湿度按库房记录，请选择库房而不是架柜、层格或档案盒。
 *   en: Temperature and humidity are kept per room; choose a room, not a rack, shelf or box.
 * policy.custody.emptyScope
 *   zh: 所选范围内没有存放任何案卷或文件，无需清点。
 *   en: Nothing is kept in the chosen scope, so there is nothing to check.
 */
import { addMonths } from './calendar'
import type { Decision, Refusal } from './filing'

export interface EnvironmentBand {
  temperatureMin: number
  temperatureMax: number
  humidityMin: number
  humidityMax: number
}

export type EnvironmentValue = 'in_range' | 'out_of_range' | 'not_measured'
export type EnvironmentDecision = Decision<EnvironmentValue> & { params: Record<string, string | number> }

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

export interface PeriodicDue extends Decision<string> {
  /** True when the periodic inspection is due on or before today. */
  due: boolean
  params: Record<string, string | number>
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
export function refuseOutsideScope(inScope: boolean, code: string): Refusal | null {
  return inScope ? null : { ruleId: 'R-KEEP-3', reason: 'policy.custody.outsideScope', params: { code } }
}

/** R-KEEP-2 "不丢失": completing with records not ticked off records them missing, so the person must say so. */
export function refuseUnconfirmedMissing(unchecked: number, confirmed: boolean): Refusal | null {
  return unchecked === 0 || confirmed
    ? null
    : { ruleId: 'R-KEEP-2', reason: 'policy.custody.uncheckedBecomeMissing', params: { count: unchecked } }
}
