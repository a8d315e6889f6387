import { allow, allowed, refuse as refuseRule, type Decision, type Params } from './decision'
import type { MessageKey } from '@preload/i18n/zh-CN'

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

// Every refusal about codes applies R-FILE-10.
const refuse = <T = undefined>(reason: MessageKey, params?: Params): Decision<T> =>
  refuseRule('R-FILE-10', reason, params)

function templateProblem(pieces: Piece[]): Decision {
  const unknown = pieces.find((piece) => piece.type === 'unknown')
  if (unknown) return refuse('policy.code.unknownToken', { token: unknown.text })
  const counters = pieces.filter((piece) => piece.type === 'counter')
  const badWidth = counters.find((counter) => counter.width < 1 || counter.width > MAX_WIDTH)
  if (badWidth) return refuse('policy.code.counterWidth', { token: badWidth.text })
  if (counters.length === 0) return refuse('policy.code.noCounter')
  if (counters.length > 1) return refuse('policy.code.severalCounters', { count: counters.length })
  return allowed
}

/** R-FILE-10: a template must yield one counter of the right kind, or codes could not be numbered per series. */
export function checkTemplate(template: string, kind: 'item' | 'volume'): Decision {
  const pieces = tokenize(template)
  const problem = templateProblem(pieces)
  if (!problem.ok) return problem
  const expected: CounterName = kind === 'item' ? 'number' : 'volume'
  const counter = pieces.find((piece) => piece.type === 'counter')
  if (counter && counter.name !== expected)
    return refuse('policy.code.wrongCounter', { token: counter.text, expected: `{${expected}:N}` })
  return allowed
}

const partValue = (parts: CodeParts, name: PartName): string =>
  name === 'year' ? String(parts.year) : (parts[name] ?? '')

/** R-FILE-10: codes are gap-free per series, and the series is everything in the code except the counter. */
export function seriesKey(template: string, parts: CodeParts): string {
  return tokenize(template)
    .map((piece) => (piece.type === 'part' ? partValue(parts, piece.name) : piece.type === 'counter' ? '' : piece.text))
    .join('')
}

/** R-FILE-10: the highest running number the template's counter can print (4 digits: 9999). */
export function highestNumber(template: string): number {
  const counter = tokenize(template).find((piece) => piece.type === 'counter')
  return counter?.type === 'counter' ? 10 ** counter.width - 1 : Number.MAX_SAFE_INTEGER
}

/** R-FILE-10: a part holding a separator would make the code ambiguous to read back, so it is refused. */
export function renderCode(template: string, parts: CodeParts, counter: number): Decision<string> {
  const pieces = tokenize(template)
  const problem = templateProblem(pieces)
  if (!problem.ok) return problem
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
  return allow(code)
}

/** R-FILE-10: numbering continues after the highest number used, so a series never has gaps of its own making. */
export function nextCounter(used: number[]): number {
  // A loop, not Math.max(...used): a series can hold more numbers than a call may take arguments.
  let highest = 0
  for (const n of used) if (n > highest) highest = n
  return highest + 1
}

/**
 * The name a code list of the settings gives `code`; the code itself when the list no longer has it, so a record filed
 * under a code removed since still shows what it was filed under.
 */
export function nameOfCode(entries: readonly { code: string; name: string }[], code: string): string {
  return entries.find((entry) => entry.code === code)?.name ?? code
}
