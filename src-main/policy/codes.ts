/*
 * Reason keys (i18n, under `policy`); params in {{braces}}. All refusals carry rule R-FILE-10.
 *
 * policy.code.unknownToken        {token}
 *   zh: 代码模板含有无法识别的标记 {{token}}；可用标记：{fonds} {category} {year} {retention} {department} {catalogue}。
 *   en: The code template has an unknown token {{token}}; allowed: {fonds} {category} {year} {retention} {department} {catalogue}.
 * policy.code.counterWidth        {token}
 *   zh: 流水号 {{token}} 的位数须在 1 到 8 之间。
 *   en: The counter {{token}} must have 1 to 8 digits.
 * policy.code.noCounter
 *   zh: 代码模板缺少流水号（文件用 {number:N}，案卷用 {volume:N}）。
 *   en: The code template has no counter ({number:N} for items, {volume:N} for volumes).
 * policy.code.severalCounters     {count}
 *   zh: 代码模板只能有一个流水号，现有 {{count}} 个。
 *   en: The code template may have only one counter; it has {{count}}.
 * policy.code.wrongCounter        {token, expected}
 *   zh: 此模板的流水号应为 {{expected}}，不能用 {{token}}。
 *   en: This template's counter must be {{expected}}, not {{token}}.
 * policy.code.emptyPart           {part}
 *   zh: 档号组成部分 {{part}} 为空。
 *   en: The code part {{part}} is empty.
 * policy.code.separatorInPart     {part, value}
 *   zh: 档号组成部分 {{part}} 的值“{{value}}”含有分隔符“-”或“·”。
 *   en: The code part {{part}} ("{{value}}") contains a separator, "-" or "·".
 * policy.code.counterOutOfRange   {counter, max}
 *   zh: 流水号 {{counter}} 超出范围（1–{{max}}）。
 *   en: The counter {{counter}} is out of range (1–{{max}}).
 */
import type { Refusal } from './filing'

export const DEFAULT_ITEM_CODE_TEMPLATE = '{fonds}-{category}·{year}-{retention}-{department}-{number:4}'
export const DEFAULT_VOLUME_CODE_TEMPLATE = '{fonds}-{catalogue}-{volume:4}'

export interface CodeParts {
  fonds: string
  category: string
  year: number
  retention: string
  department: string
  catalogue?: string
}

type PartName = keyof CodeParts
// A record, so a part added to CodeParts cannot be forgotten here.
const PART_NAMES: Record<PartName, true> = {
  fonds: true,
  category: true,
  year: true,
  retention: true,
  department: true,
  catalogue: true
}
const isPartName = (name: string): name is PartName => Object.hasOwn(PART_NAMES, name)

type CounterName = 'number' | 'volume'
type Piece =
  | { type: 'text'; text: string }
  | { type: 'unknown'; text: string }
  | { type: 'part'; name: PartName }
  | { type: 'counter'; text: string; name: CounterName; width: number }

const SEPARATORS = ['-', '·']
const MAX_WIDTH = 8

/** Splits a template into literal text and tokens; a stray brace is an unknown token, never literal text. */
function tokenize(template: string): Piece[] {
  const pieces: Piece[] = []
  let textFrom = 0
  for (const match of template.matchAll(/\{[^{}]*\}|[{}]/g)) {
    if (match.index > textFrom) pieces.push({ type: 'text', text: template.slice(textFrom, match.index) })
    textFrom = match.index + match[0].length
    const name = match[0].slice(1, -1)
    const counter = /^(number|volume):(\d+)$/.exec(name)
    if (isPartName(name)) pieces.push({ type: 'part', name })
    else if (counter)
      pieces.push({ type: 'counter', text: match[0], name: counter[1] as CounterName, width: Number(counter[2]) })
    else pieces.push({ type: 'unknown', text: match[0] })
  }
  if (textFrom < template.length) pieces.push({ type: 'text', text: template.slice(textFrom) })
  return pieces
}

const refuse = (reason: string, params?: Record<string, string | number>): Refusal => ({
  ruleId: 'R-FILE-10',
  reason,
  ...(params ? { params } : {})
})

function templateProblem(pieces: Piece[]): Refusal | null {
  const unknown = pieces.find((piece) => piece.type === 'unknown')
  if (unknown) return refuse('policy.code.unknownToken', { token: unknown.text })
  const counters = pieces.filter((piece) => piece.type === 'counter')
  const badWidth = counters.find((counter) => counter.width < 1 || counter.width > MAX_WIDTH)
  if (badWidth) return refuse('policy.code.counterWidth', { token: badWidth.text })
  if (counters.length === 0) return refuse('policy.code.noCounter')
  if (counters.length > 1) return refuse('policy.code.severalCounters', { count: counters.length })
  return null
}

/** R-FILE-10: a template must yield one counter of the right kind, or codes could not be numbered per series. */
export function checkTemplate(template: string, kind: 'item' | 'volume'): Refusal | null {
  const pieces = tokenize(template)
  const problem = templateProblem(pieces)
  if (problem) return problem
  const expected: CounterName = kind === 'item' ? 'number' : 'volume'
  const counter = pieces.find((piece) => piece.type === 'counter')
  if (counter && counter.name !== expected)
    return refuse('policy.code.wrongCounter', { token: counter.text, expected: `{${expected}:N}` })
  return null
}

const partValue = (parts: CodeParts, name: PartName): string =>
  name === 'year' ? String(parts.year) : (parts[name] ?? '')

/** R-FILE-10: codes are gap-free per series, and the series is everything in the code except the counter. */
export function seriesKey(template: string, parts: CodeParts): string {
  return tokenize(template)
    .map((piece) => (piece.type === 'part' ? partValue(parts, piece.name) : piece.type === 'counter' ? '' : piece.text))
    .join('')
}

/** R-FILE-10: a part holding a separator would make the code ambiguous to read back, so it is refused. */
export function renderCode(template: string, parts: CodeParts, counter: number): string | Refusal {
  const pieces = tokenize(template)
  const problem = templateProblem(pieces)
  if (problem) return problem
  let code = ''
  for (const piece of pieces) {
    if (piece.type === 'part') {
      const value = partValue(parts, piece.name)
      if (value.trim() === '') return refuse('policy.code.emptyPart', { part: piece.name })
      if (SEPARATORS.some((separator) => value.includes(separator)))
        return refuse('policy.code.separatorInPart', { part: piece.name, value })
      code += value
    } else if (piece.type === 'counter') {
      const max = 10 ** piece.width - 1
      if (!Number.isInteger(counter) || counter < 1 || counter > max)
        return refuse('policy.code.counterOutOfRange', { counter, max })
      code += String(counter).padStart(piece.width, '0')
    } else {
      code += piece.text
    }
  }
  return code
}

/** R-FILE-10: numbering continues after the highest number used, so a series never has gaps of its own making. */
export function nextCounter(used: number[]): number {
  // A loop, not Math.max(...used): a series can hold more numbers than a call may take arguments.
  let highest = 0
  for (const n of used) if (n > highest) highest = n
  return highest + 1
}
