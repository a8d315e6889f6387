import { describe, expect, it } from 'vitest'
import { ROLES } from '@preload/contract'
import {
  claimedType,
  decideFileName,
  decideFileSize,
  decideFileType,
  decideReplacement,
  decideViewing,
  detectType,
  fixityDue,
  matchScanName,
  PdfPageCounter,
  readScanName,
  type ViewingFacts,
  type ViewingGrant
} from '@main/policy/electronic'
import { refusalOf } from './refusal'

const bytes = (...values: number[]) => Uint8Array.from(values)
const text = (value: string) => Uint8Array.from(value, (c) => c.charCodeAt(0))

describe('R-ELEC-1 a file’s type comes from its content, not its name', () => {
  it.each([
    ['pdf', text('%PDF-1.7\n')],
    ['jpeg', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46)],
    ['png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)],
    ['tiff', bytes(0x49, 0x49, 0x2a, 0, 8, 0, 0, 0)],
    ['tiff', bytes(0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8)],
    ['ofd', bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0)],
    ['other', text('hello, w')],
    ['other', text('%PD')]
  ] as const)('%s from its first bytes', (type, head) => {
    expect(detectType(head)).toBe(type)
  })

  it.each([
    ['scan.PDF', 'pdf'],
    ['a.jpg', 'jpeg'],
    ['a.JPEG', 'jpeg'],
    ['a.tif', 'tiff'],
    ['a.png', 'png'],
    ['a.ofd', null],
    ['notes.txt', null],
    ['no-extension', null]
  ] as const)('the name %s claims %s', (name, type) => {
    expect(claimedType(name)).toBe(type)
  })

  it('refuses a name that claims pdf, jpeg, png or tiff over other content, and takes any other name as the content', () => {
    expect(refusalOf(decideFileType('contract.pdf', text('PK\u0003\u0004....')))).toEqual({
      ruleId: 'R-ELEC-1',
      reason: 'electronic.errors.typeMismatch',
      params: { name: 'contract.pdf', claimed: 'pdf', detected: 'ofd' }
    })
    expect(refusalOf(decideFileType('photo.jpg', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)))).toMatchObject(
      {
        reason: 'electronic.errors.typeMismatch'
      }
    )
    expect(decideFileType('contract.ofd', text('%PDF-1.4'))).toEqual({ ok: true, value: 'pdf' })
    expect(decideFileType('readme.txt', text('plain te'))).toEqual({ ok: true, value: 'other' })
  })
})

describe('R-ELEC-1 a file name is a name, never a path', () => {
  it.each(['../etc/passwd', '..\\boot.ini', '/etc/passwd', 'C:\\scan.pdf', 'c:scan.pdf', 'a/b.pdf', 'a\u0000.pdf'])(
    'refuses %s',
    (name) => {
      expect(refusalOf(decideFileName(name))).toMatchObject({
        ruleId: 'R-ELEC-1',
        reason: 'electronic.errors.pathInName'
      })
    }
  )

  it.each(['', '  ', '.', '..', 'x'.repeat(256)])('refuses the empty or bare name %j', (name) => {
    expect(refusalOf(decideFileName(name))).toMatchObject({ reason: 'electronic.errors.badName' })
  })

  it('takes an archival code with its sequence and Chinese', () => {
    expect(decideFileName('J001-WS·2024-D10-BGS-0003_002.jpg').ok).toBe(true)
    expect(decideFileName('合同..扫描件.pdf').ok).toBe(true)
  })
})

describe('R-ELEC-1 size: nothing empty, nothing over the cap', () => {
  it.each([
    [0, 100, 'electronic.errors.emptyFile'],
    [101, 100, 'electronic.errors.tooLarge'],
    [100, 100, null],
    [1, 100, null]
  ] as const)('%i bytes under a cap of %i', (size, cap, reason) => {
    const refusal = refusalOf(decideFileSize(size, cap))
    expect(refusal?.reason ?? null).toBe(reason)
  })
})

describe('R-ELEC-1 PDF pages counted while streaming', () => {
  const bytes = (text: string) => new TextEncoder().encode(text)
  const pdf = (pages: number) =>
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Count ' +
    `${pages} >> endobj\n` +
    Array.from({ length: pages }, (_, i) => `${i + 3} 0 obj << /Type/Page /Parent 2 0 R >> endobj\n`).join('') +
    '%%EOF'

  it('counts the page objects, not the page tree, whatever the chunk edges', () => {
    const whole = pdf(7)
    for (const size of [1, 3, 7, 13, 64, whole.length]) {
      const counter = new PdfPageCounter()
      for (let at = 0; at < whole.length; at += size) counter.push(bytes(whole.slice(at, at + size)))
      expect(counter.finish(), `chunks of ${size}`).toBe(7)
    }
  })

  it('says nothing (null) when no page object shows, as in compressed object streams', () => {
    const counter = new PdfPageCounter()
    counter.push(bytes('%PDF-1.7\n1 0 obj << /Type /ObjStm /N 40 >> stream ... endstream'))
    expect(counter.finish()).toBeNull()
  })

  it('counts a page mark that ends the file', () => {
    const counter = new PdfPageCounter()
    counter.push(bytes('<< /Type /Page'))
    expect(counter.finish()).toBe(1)
  })
})

describe('R-ELEC-1 批量挂接: a scanned file is named by archival code, or code and sequence', () => {
  it.each([
    ['J001-WS·2024-D10-BGS-0003_002.jpg', 'J001-WS·2024-D10-BGS-0003', 2],
    ['J001-WS·2024-D10-BGS-0003.pdf', 'J001-WS·2024-D10-BGS-0003', null],
    ['J001-WS·2024-D10-BGS-0003', 'J001-WS·2024-D10-BGS-0003', null],
    ['J001-KH·2025-D30-ZS-0001_1.tif', 'J001-KH·2025-D30-ZS-0001', 1]
  ] as const)('%s names %s, sequence %s', (name, code, sequence) => {
    expect(readScanName(name)).toMatchObject({ code, sequence })
  })

  it('matches one item, none, or is ambiguous between two', () => {
    expect(matchScanName([])).toEqual({ status: 'unmatched' })
    expect(matchScanName(['A'])).toEqual({ status: 'matched', item: 'A' })
    expect(matchScanName(['A', 'A_001'])).toEqual({ status: 'ambiguous', items: ['A', 'A_001'] })
  })
})

describe('R-ELEC-8, R-USE-5 viewing an electronic file is a use of its record', () => {
  const today = '2026-03-02'
  const grant = (over: Partial<ViewingGrant> = {}): ViewingGrant => ({
    requestId: 7,
    status: 'approved',
    startOn: today,
    dueOn: null,
    ...over
  })
  const decide = (role: ViewingFacts['role'], classification: ViewingFacts['classification'], grants: ViewingGrant[]) =>
    decideViewing({ role, classification, grants, today })

  it.each([
    ['archivist', 'none', [], null],
    ['archive_manager', 'secret', [], null],
    ['staff_viewer', 'none', [], 'electronic.errors.viewNeedsRequest'],
    ['department_head', 'internal', [], 'electronic.errors.viewNeedsRequest'],
    ['archivist', 'confidential', [], 'electronic.errors.viewClassified'],
    ['archive_manager', 'top_secret', [], 'electronic.errors.viewClassified']
  ] as const)('%s on a %s record without a request: %s', (role, classification, grants, reason) => {
    expect(refusalOf(decide(role, classification, [...grants]))?.reason ?? null).toBe(reason)
  })

  it('an approved or checked-out request in its period grants viewing and is named; others do not', () => {
    expect(decide('staff_viewer', 'none', [grant()])).toEqual({ ok: true, value: 7 })
    expect(
      decide('archivist', 'top_secret', [grant({ status: 'out', startOn: '2026-03-01', dueOn: '2026-03-05' })])
    ).toEqual({
      ok: true,
      value: 7
    })
    for (const refused of [
      grant({ status: 'pending' }),
      grant({ status: 'returned' }),
      grant({ status: 'refused' }),
      grant({ startOn: '2026-03-03' }),
      grant({ startOn: '2026-02-20', dueOn: '2026-03-01' }),
      grant({ startOn: '2026-03-01', dueOn: null })
    ])
      expect(refusalOf(decide('staff_viewer', 'none', [refused])), JSON.stringify(refused)).toMatchObject({
        ruleId: 'R-ELEC-8'
      })
    expect(refusalOf(decide('staff_viewer', 'confidential', [grant({ status: 'pending' })]))).toMatchObject({
      ruleId: 'R-USE-5'
    })
  })
})

describe('R-ELEC-4 who may change a stored file, and only with a reason', () => {
  const decide = (over: Partial<Parameters<typeof decideReplacement>[0]> = {}) =>
    refusalOf(
      decideReplacement({ role: 'archivist', reason: '重新扫描', superseded: false, itemDestroyed: false, ...over })
    )

  const table = [
    ['archivist', null],
    ['archive_manager', null],
    ['department_head', 'electronic.errors.replaceNotAllowed'],
    ['staff_viewer', 'electronic.errors.replaceNotAllowed'],
    ['deputy_gm', 'electronic.errors.replaceNotAllowed'],
    ['gm', 'electronic.errors.replaceNotAllowed'],
    ['sysadmin', 'electronic.errors.replaceNotAllowed'],
    ['security_officer', 'electronic.errors.replaceNotAllowed'],
    ['auditor', 'electronic.errors.replaceNotAllowed']
  ] as const

  it.each(table)('%s: %s', (role, reason) => {
    expect(decide({ role })?.reason ?? null).toBe(reason)
  })

  it('the table names every role', () => {
    expect(table.map(([role]) => role).sort()).toEqual([...ROLES].sort())
  })

  it.each([
    ['an empty reason', { reason: '' }, 'electronic.errors.replaceNeedsReason'],
    ['a reason of spaces', { reason: ' \u3000 ' }, 'electronic.errors.replaceNeedsReason'],
    ['a version already replaced', { superseded: true }, 'electronic.errors.replaceSuperseded'],
    ['a destroyed record', { itemDestroyed: true }, 'electronic.errors.itemDestroyed']
  ] as const)('refuses %s', (_what, over, reason) => {
    expect(decide(over)).toMatchObject({ ruleId: 'R-ELEC-4', reason })
  })
})

describe('R-ELEC-3 the full machine check falls due every so many years', () => {
  it.each([
    ['never checked, files stored', null, true, 2, '2026-03-02', true],
    ['never checked, nothing stored', null, false, 2, '2026-03-02', false],
    ['checked a day short of two years ago', '2024-03-03', true, 2, '2026-03-02', false],
    ['checked two years ago to the day', '2024-03-02', true, 2, '2026-03-02', true],
    ['checked two years ago, interval three', '2024-03-02', true, 3, '2026-03-02', false],
    ['checked long ago, nothing stored any more', '2020-01-01', false, 2, '2026-03-02', false]
  ] as const)('%s', (_what, last, stored, years, today, due) => {
    expect(fixityDue(last, stored, years, today)).toMatchObject({ due, ruleId: 'R-ELEC-3' })
  })
})
