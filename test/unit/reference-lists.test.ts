import { describe, expect, it } from 'vitest'
import { INDUSTRY_SECTIONS, PROVINCES, withReferenceValues } from '@preload/reference-lists'

describe('S23 reference lists shipped with the app (issue 13)', () => {
  it('GB/T 4754-2017 has the 20 sections A–T, each named in both languages', () => {
    expect(INDUSTRY_SECTIONS.map((entry) => entry.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST')
    for (const entry of INDUSTRY_SECTIONS) expect(entry.zh && entry.en, entry.code).toBeTruthy()
  })

  it('GB/T 2260 has the 34 provincial-level divisions with distinct six-digit codes ending in 0000', () => {
    expect(PROVINCES).toHaveLength(34)
    expect(new Set(PROVINCES.map((entry) => entry.code)).size).toBe(34)
    for (const entry of PROVINCES) expect(entry.code).toMatch(/^\d{2}0000$/)
  })

  it('a filter offers the list, then the free-text values customers had before it, each once', () => {
    expect(withReferenceValues(PROVINCES, ['广东省', '华南', ''])).toEqual([...PROVINCES.map((p) => p.zh), '华南'])
  })
})
