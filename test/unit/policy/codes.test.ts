import { describe, expect, it } from 'vitest'
import { refusalOf } from './refusal'
import { allow, type Refusal } from '@main/policy/decision'
import type { MessageKey } from '@preload/i18n/zh-CN'
import {
  checkTemplate,
  DEFAULT_ITEM_CODE_TEMPLATE,
  DEFAULT_VOLUME_CODE_TEMPLATE,
  nextCounter,
  renderCode,
  seriesKey,
  type CodeParts
} from '@main/policy/codes'

const parts: CodeParts = { fonds: 'J001', category: 'KH', year: 2024, retention: 'D30', department: 'ZS' }
const volumeParts: CodeParts = { ...parts, catalogue: 'A1' }
const refusal = (reason: MessageKey, params?: Record<string, string | number>): Refusal => ({
  ruleId: 'R-FILE-10',
  reason,
  ...(params ? { params } : {})
})

describe('R-FILE-10 code templates', () => {
  it.each([
    { name: 'the default item template', template: DEFAULT_ITEM_CODE_TEMPLATE, kind: 'item' as const, expected: null },
    {
      name: 'the default volume template',
      template: DEFAULT_VOLUME_CODE_TEMPLATE,
      kind: 'volume' as const,
      expected: null
    },
    {
      name: 'free literal text around tokens',
      template: 'ZS/{year}/{number:3}',
      kind: 'item' as const,
      expected: null
    },
    {
      name: 'every part token',
      template: '{fonds}{category}{year}{retention}{department}{catalogue}{volume:8}',
      kind: 'volume' as const,
      expected: null
    },
    { name: 'a one-digit counter', template: '{year}-{number:1}', kind: 'item' as const, expected: null },
    {
      name: 'an unknown token',
      template: '{fonds}-{foo}-{number:4}',
      kind: 'item' as const,
      expected: refusal('policy.code.unknownToken', { token: '{foo}' })
    },
    {
      name: 'tokens are case-sensitive',
      template: '{Fonds}-{number:4}',
      kind: 'item' as const,
      expected: refusal('policy.code.unknownToken', { token: '{Fonds}' })
    },
    {
      name: 'a counter without a width',
      template: '{fonds}-{number}',
      kind: 'item' as const,
      expected: refusal('policy.code.unknownToken', { token: '{number}' })
    },
    {
      name: 'an empty token',
      template: '{fonds}-{}-{number:4}',
      kind: 'item' as const,
      expected: refusal('policy.code.unknownToken', { token: '{}' })
    },
    {
      name: 'an unclosed brace',
      template: '{fonds-{number:4}',
      kind: 'item' as const,
      expected: refusal('policy.code.unknownToken', { token: '{' })
    },
    {
      name: 'a stray closing brace',
      template: '{fonds}}-{number:4}',
      kind: 'item' as const,
      expected: refusal('policy.code.unknownToken', { token: '}' })
    },
    {
      name: 'two counters',
      template: '{fonds}-{number:4}-{number:2}',
      kind: 'item' as const,
      expected: refusal('policy.code.severalCounters', { count: 2 })
    },
    {
      name: 'an item counter and a volume counter',
      template: '{fonds}-{volume:4}-{number:4}',
      kind: 'item' as const,
      expected: refusal('policy.code.severalCounters', { count: 2 })
    },
    {
      name: 'no counter',
      template: '{fonds}-{category}·{year}',
      kind: 'item' as const,
      expected: refusal('policy.code.noCounter')
    },
    { name: 'an empty template', template: '', kind: 'volume' as const, expected: refusal('policy.code.noCounter') },
    {
      name: 'a zero-digit counter',
      template: '{fonds}-{number:0}',
      kind: 'item' as const,
      expected: refusal('policy.code.counterWidth', { token: '{number:0}' })
    },
    {
      name: 'a nine-digit counter',
      template: '{fonds}-{volume:9}',
      kind: 'volume' as const,
      expected: refusal('policy.code.counterWidth', { token: '{volume:9}' })
    },
    {
      name: 'a volume counter in an item template',
      template: DEFAULT_VOLUME_CODE_TEMPLATE,
      kind: 'item' as const,
      expected: refusal('policy.code.wrongCounter', { token: '{volume:4}', expected: '{number:N}' })
    },
    {
      name: 'an item counter in a volume template',
      template: DEFAULT_ITEM_CODE_TEMPLATE,
      kind: 'volume' as const,
      expected: refusal('policy.code.wrongCounter', { token: '{number:4}', expected: '{volume:N}' })
    }
  ])('R-FILE-10 $name', ({ template, kind, expected }) => {
    expect(refusalOf(checkTemplate(template, kind))).toEqual(expected)
  })
})

describe('R-FILE-10 series keys', () => {
  it.each([
    {
      name: 'the item code without its number',
      template: DEFAULT_ITEM_CODE_TEMPLATE,
      parts,
      key: 'J001-KH·2024-D30-ZS-'
    },
    {
      name: 'the volume code without its number',
      template: DEFAULT_VOLUME_CODE_TEMPLATE,
      parts: volumeParts,
      key: 'J001-A1-'
    },
    { name: 'a counter in the middle', template: '{fonds}-{number:4}-{year}', parts, key: 'J001--2024' },
    {
      name: 'the counter width is not part of the series',
      template: '{fonds}-{category}·{year}-{retention}-{department}-{number:6}',
      parts,
      key: 'J001-KH·2024-D30-ZS-'
    }
  ])('R-FILE-10 $name', ({ template, parts, key }) => {
    expect(seriesKey(template, parts)).toBe(key)
  })

  it.each([
    { part: 'year', change: { year: 2025 } },
    { part: 'fonds', change: { fonds: 'J002' } },
    { part: 'retention', change: { retention: 'D10' } },
    { part: 'department', change: { department: 'CW' } },
    { part: 'category', change: { category: 'WS' } }
  ])('R-FILE-10 another $part starts another series', ({ change }) => {
    expect(seriesKey(DEFAULT_ITEM_CODE_TEMPLATE, { ...parts, ...change })).not.toBe(
      seriesKey(DEFAULT_ITEM_CODE_TEMPLATE, parts)
    )
  })

  it('R-FILE-10 a part the template does not use does not split the series', () => {
    expect(seriesKey(DEFAULT_VOLUME_CODE_TEMPLATE, { ...volumeParts, department: 'CW' })).toBe(
      seriesKey(DEFAULT_VOLUME_CODE_TEMPLATE, volumeParts)
    )
  })
})

describe('R-FILE-10 rendering codes', () => {
  it.each([
    {
      name: 'the standard example',
      template: DEFAULT_ITEM_CODE_TEMPLATE,
      parts,
      counter: 7,
      code: 'J001-KH·2024-D30-ZS-0007'
    },
    {
      name: 'the first item of a series',
      template: DEFAULT_ITEM_CODE_TEMPLATE,
      parts,
      counter: 1,
      code: 'J001-KH·2024-D30-ZS-0001'
    },
    {
      name: 'the largest 4-digit number',
      template: DEFAULT_ITEM_CODE_TEMPLATE,
      parts,
      counter: 9999,
      code: 'J001-KH·2024-D30-ZS-9999'
    },
    {
      name: 'a volume code',
      template: DEFAULT_VOLUME_CODE_TEMPLATE,
      parts: volumeParts,
      counter: 12,
      code: 'J001-A1-0012'
    },
    {
      name: 'a volume code ignores the unused department',
      template: DEFAULT_VOLUME_CODE_TEMPLATE,
      parts: { ...volumeParts, department: '' },
      counter: 3,
      code: 'J001-A1-0003'
    },
    { name: 'an 8-digit counter', template: '{year}-{number:8}', parts, counter: 42, code: '2024-00000042' },
    {
      name: 'Chinese parts',
      template: DEFAULT_ITEM_CODE_TEMPLATE,
      parts: { ...parts, department: '销售部' },
      counter: 5,
      code: 'J001-KH·2024-D30-销售部-0005'
    }
  ])('R-FILE-10 $name', ({ template, parts, counter, code }) => {
    expect(renderCode(template, parts, counter)).toEqual(allow(code))
  })

  it.each([
    {
      name: 'a number past 4 digits',
      template: DEFAULT_ITEM_CODE_TEMPLATE,
      parts,
      counter: 10000,
      expected: refusal('policy.code.counterOutOfRange', { counter: 10000, max: 9999 })
    },
    {
      name: 'a number past 1 digit',
      template: '{year}-{number:1}',
      parts,
      counter: 10,
      expected: refusal('policy.code.counterOutOfRange', { counter: 10, max: 9 })
    },
    {
      name: 'number zero',
      template: DEFAULT_ITEM_CODE_TEMPLATE,
      parts,
      counter: 0,
      expected: refusal('policy.code.counterOutOfRange', { counter: 0, max: 9999 })
    },
    {
      name: 'a fractional number',
      template: DEFAULT_ITEM_CODE_TEMPLATE,
      parts,
      counter: 1.5,
      expected: refusal('policy.code.counterOutOfRange', { counter: 1.5, max: 9999 })
    },
    {
      name: 'a department containing "-"',
      template: DEFAULT_ITEM_CODE_TEMPLATE,
      parts: { ...parts, department: 'Z-S' },
      counter: 1,
      expected: refusal('policy.code.separatorInPart', { part: 'department', value: 'Z-S' })
    },
    {
      name: 'a category containing "·"',
      template: DEFAULT_ITEM_CODE_TEMPLATE,
      parts: { ...parts, category: 'K·H' },
      counter: 1,
      expected: refusal('policy.code.separatorInPart', { part: 'category', value: 'K·H' })
    },
    {
      name: 'an empty fonds',
      template: DEFAULT_ITEM_CODE_TEMPLATE,
      parts: { ...parts, fonds: '' },
      counter: 1,
      expected: refusal('policy.code.emptyPart', { part: 'fonds' })
    },
    {
      name: 'a blank retention',
      template: DEFAULT_ITEM_CODE_TEMPLATE,
      parts: { ...parts, retention: '  ' },
      counter: 1,
      expected: refusal('policy.code.emptyPart', { part: 'retention' })
    },
    {
      name: 'a volume code without a catalogue',
      template: DEFAULT_VOLUME_CODE_TEMPLATE,
      parts,
      counter: 1,
      expected: refusal('policy.code.emptyPart', { part: 'catalogue' })
    },
    {
      name: 'a broken template',
      template: '{fonds}-{foo}-{number:4}',
      parts,
      counter: 1,
      expected: refusal('policy.code.unknownToken', { token: '{foo}' })
    },
    {
      name: 'a template without a counter',
      template: '{fonds}',
      parts,
      counter: 1,
      expected: refusal('policy.code.noCounter')
    }
  ])('R-FILE-10 refuses $name', ({ template, parts, counter, expected }) => {
    expect(refusalOf(renderCode(template, parts, counter))).toEqual(expected)
  })

  it('R-FILE-10 the code starts with its series key, so one series never yields another series’ codes', () => {
    const code = renderCode(DEFAULT_ITEM_CODE_TEMPLATE, parts, 7)
    if (!code.ok) throw new Error('the default template renders')
    expect(code.value.startsWith(seriesKey(DEFAULT_ITEM_CODE_TEMPLATE, parts))).toBe(true)
  })
})

describe('R-FILE-10 gap-free numbering', () => {
  it.each([
    { used: [], next: 1 },
    { used: [1], next: 2 },
    { used: [1, 2, 3], next: 4 },
    { used: [3, 1, 2], next: 4 },
    { used: [1, 2, 5], next: 6 },
    { used: [2, 2], next: 3 }
  ])('after [$used] comes $next', ({ used, next }) => {
    expect(nextCounter(used)).toBe(next)
  })

  it('R-FILE-10 numbering a series one by one leaves no gaps', () => {
    const used: number[] = []
    for (let i = 0; i < 50; i += 1) used.push(nextCounter(used))
    expect(used).toEqual(Array.from({ length: 50 }, (_, index) => index + 1))
  })

  it('R-FILE-10 a series of a million numbers (the scale target) still gets its next number', () => {
    const used = Array.from({ length: 1_000_000 }, (_, index) => index + 1)
    expect(nextCounter(used)).toBe(1_000_001)
  })
})
