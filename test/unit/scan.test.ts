import { describe, expect, it } from 'vitest'
import { codeFromScan, scanPayload } from '@preload/scan'
import { tickByScan, unscanned, type Tickable } from '@renderer/scanTick'

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

describe('ticking a list off by scanning (issue 16: checkout, return, stock check)', () => {
  const records: Tickable[] = [
    { key: 'item-1', archivalCode: 'J001-WS·2024-D10-BGS-0003', ticked: false },
    { key: 'item-2', archivalCode: 'J001-WS·2024-D10-BGS-0004', ticked: true },
    { key: 'item-3', archivalCode: null, ticked: false }
  ]

  it('a scanned label ticks its own record, with the 间隔号 restored', () => {
    expect(tickByScan('J001-WS.2024-D10-BGS-0003\r\n', records)).toEqual({
      kind: 'ticked',
      key: 'item-1',
      code: 'J001-WS·2024-D10-BGS-0003'
    })
  })

  it('a code typed by hand ticks the same record', () => {
    expect(tickByScan(' J001-WS·2024-D10-BGS-0003 ', records)).toMatchObject({ kind: 'ticked', key: 'item-1' })
  })

  it('a record scanned twice is said to be ticked already, not ticked again', () => {
    expect(tickByScan('J001-WS.2024-D10-BGS-0004', records)).toMatchObject({ kind: 'again', key: 'item-2' })
  })

  it('a record that is not on the list is named, and nothing is ticked', () => {
    expect(tickByScan('J001-WS.2024-D10-BGS-0005', records)).toEqual({
      kind: 'unknown',
      code: 'J001-WS·2024-D10-BGS-0005'
    })
    expect(tickByScan('', records)).toEqual({ kind: 'unknown', code: '' })
  })
})

describe('what is left to scan at checkout and return (issue 16)', () => {
  const records = [
    { key: 'item-1', archivalCode: 'J001-WS·2024-D10-BGS-0003' },
    { key: 'item-2', archivalCode: 'J001-WS·2024-D10-BGS-0004' },
    { key: 'volume-1', archivalCode: null }
  ]

  it('nothing is missing while nobody has scanned: a room without scanners goes on as before', () => {
    expect(unscanned(records, new Set())).toEqual([])
  })

  it('once scanning has begun, the labelled records not yet scanned are named', () => {
    expect(unscanned(records, new Set(['item-1']))).toEqual(['J001-WS·2024-D10-BGS-0004'])
  })

  it('a record without a code cannot be scanned and is never asked for', () => {
    expect(unscanned(records, new Set(['item-1', 'item-2']))).toEqual([])
  })
})
