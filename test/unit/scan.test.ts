import { describe, expect, it } from 'vitest'
import { codeFromScan, scanPayload } from '../../src-preload/scan'

describe('what a barcode carries and what a scan names', () => {
  it.each([
    ['J001-WS·2024-D10-BGS-0003', 'J001-WS.2024-D10-BGS-0003'],
    ['J001-KH·2024-D30-ZS-0001', 'J001-KH.2024-D30-ZS-0001'],
    ['J001-3-0012', 'J001-3-0012'],
    ['A-01-3-05', 'A-01-3-05']
  ])('%s is carried as %s and read back', (code, payload) => {
    expect(scanPayload(code)).toBe(payload)
    expect(/^[\x21-\x7e]+$/.test(payload)).toBe(true)
    expect(codeFromScan(`${payload}\r\n`)).toBe(code)
    expect(codeFromScan(code)).toBe(code)
  })

  it.each(['2023.5.6', '合同', 'J001-WS', '1.5', 'a.b c-d', ' 会议纪要 '])('leaves %j as typed, trimmed', (text) => {
    expect(codeFromScan(text)).toBe(text.trim())
  })
})
