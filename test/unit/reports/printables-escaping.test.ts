/**
 * Every printable, with markup in every text value it prints: the markup comes out as text, never as a tag
 * (R-STAT-2). Pure string checks, no browser; the PDF tests in test/integration read some of these back too.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Inspection, UseRequest } from '@preload/contract'
import { barcodeRenderer } from '@main/reports/barcode'
import { inspectionReportHtml } from '@main/reports/custody-printables'
import {
  electronicLedgerHtml,
  electronicRegisterHtml,
  fixityReportHtml,
  viewedImageHtml
} from '@main/reports/electronic-printables'
import { labelsHtml } from '@main/reports/labels'
import { appraisalReportHtml, destructionRegisterHtml, dueListingHtml } from '@main/reports/disposal-printables'
import {
  boxSpineHtml,
  filingCatalogueHtml,
  volumeCatalogueHtml,
  volumeCoverHtml,
  volumeNoteSheetHtml
} from '@main/reports/printables'
import {
  consultationRegisterHtml,
  loanRegisterHtml,
  outCardsHtml,
  reminderHtml,
  useFormHtml,
  type RegisterRow
} from '@main/reports/use-printables'

const M = `<i data-m="1">'&`
const M_ESCAPED = '&lt;i data-m=&quot;1&quot;&gt;&#39;&amp;'

function expectEscaped(name: string, document: string, atLeast: number): void {
  expect(document, name).not.toMatch(/<i[\s>]/)
  expect(document, name).not.toContain('data-m="1"')
  expect(document.split(M_ESCAPED).length - 1, `${name}: escaped values`).toBeGreaterThanOrEqual(atLeast)
  expect(document, name).not.toContain('&amp;lt;') // nothing escaped twice
}

const volume = {
  archivalCode: M,
  title: M,
  fondsName: M,
  fondsCode: M,
  year: 2024,
  retentionName: M,
  classificationName: M,
  dateRange: M,
  itemCount: 1,
  pageCount: 2,
  categoryName: M
}

describe('R-STAT-2: markup in any value of any printable prints as text', () => {
  it('volume catalogue, note sheet, cover, box spine, filing catalogue', async () => {
    const row = {
      sequence: 1,
      documentNumber: M,
      responsibleParty: M,
      title: M,
      dateFormed: M,
      startPage: 1,
      endPage: 2,
      remarks: M
    }
    expectEscaped('catalogue', volumeCatalogueHtml(volume, [row, row]), 2 + 2 * 5)
    expectEscaped(
      'note',
      volumeNoteSheetHtml(volume, { notes: M, compiledBy: M, compiledOn: M, checkedBy: M, checkedOn: M }),
      6
    )
    const barcodes = await barcodeRenderer()
    expectEscaped('cover', volumeCoverHtml(volume, barcodes), 7)
    expectEscaped(
      'spine',
      boxSpineHtml(
        {
          code: M,
          fondsCode: M,
          year: 2024,
          retentionName: M,
          firstNumber: M,
          lastNumber: M,
          boxNumber: M,
          categoryName: M
        },
        barcodes
      ),
      7
    )
    const filingRow = {
      sequence: 1,
      archivalCode: M,
      documentNumber: M,
      responsibleParty: M,
      title: M,
      dateFormed: M,
      classificationName: M,
      pageCount: 3,
      remarks: M
    }
    expectEscaped(
      'filing',
      filingCatalogueHtml({ fondsCode: M, fondsName: M, year: 2024, retentionName: M, departmentName: M }, [filingRow]),
      5 + 7
    )
  })

  it('labels, whose codes also go into barcodes', async () => {
    const labels = labelsHtml(
      [{ code: `J001-KH·2024-D30-ZS-0001${M}`, title: M, lines: [M, M] }],
      { kind: 'sheet', columns: 2, rows: 5, start: 2 },
      await barcodeRenderer()
    )
    expectEscaped('labels', labels, 4)
  })

  it('inspection report', () => {
    const judgement = { ruleId: M, reason: M, params: { value: M }, value: 'out_of_range' as const }
    const inspection = {
      id: 1,
      kind: 'adhoc',
      reason: 'fire',
      inspectedOn: M,
      inspectors: M,
      scope: M,
      status: 'draft',
      records: 1,
      found: 1,
      missing: 0,
      damaged: 0,
      unchecked: 0,
      temperature: 30,
      humidity: 50,
      outOfRange: true,
      roomId: 1,
      roomPath: M,
      checklist: [{ item: M, ok: false, note: M }],
      notes: M,
      locationPaths: [M],
      environment: { temperature: judgement, humidity: judgement },
      policyVersion: 1,
      createdBy: M,
      completedAt: null,
      completedBy: null,
      version: 1,
      findings: [
        { subject: 'item', id: 1, archivalCode: M, title: M, homePath: M, state: 'missing', note: M, incidentId: null }
      ]
    } as unknown as Inspection
    expectEscaped('inspection', inspectionReportHtml(inspection), 13)
  })

  it('due listing, appraisal report, destruction register', () => {
    const due = {
      archivalCode: M,
      title: M,
      documentNumber: M,
      responsibleParty: M,
      dateFormed: M,
      retentionName: M,
      expiresOn: M,
      remarks: M
    }
    expectEscaped('due', dueListingHtml(M, M, [due]), 2 + 8)
    const appraised = {
      archivalCode: M,
      title: M,
      dateFormed: M,
      retentionName: M,
      expiresOn: M,
      decision: M,
      newRetentionName: M,
      reason: M
    }
    expectEscaped(
      'appraisal',
      appraisalReportHtml(
        { batchId: 1, title: M, appraisedOn: M, managerName: M, departmentLeaderName: M, holdUntil: M },
        [appraised]
      ),
      4 + 8 + 2
    )
    const line = {
      lineNo: 1,
      archivalCode: M,
      documentNumber: M,
      responsibleParty: M,
      title: M,
      dateFormed: M,
      retentionName: M,
      yearsKept: 10,
      destroyedOn: M
    }
    const header = {
      registerId: 1,
      batchTitle: M,
      place: M,
      method: M,
      destroyedOn: M,
      approvedBy: M,
      managerName: M,
      departmentLeaderName: M,
      handledBy: M,
      supervisors: [M, M],
      countConfirmed: 1,
      signedOn: M
    }
    expectEscaped('register', destructionRegisterHtml(header, [line]), 3 + 7 + 1 + 6 * 2)
    // R-ELEC-7: each destroyed file's code, name and checksum, and a classified one's witnesses.
    const files = [
      { archivalCode: M, originalName: M, sha256: M, size: 1, carrierDestroyed: false },
      { archivalCode: M, originalName: M, sha256: M, size: 1, carrierDestroyed: true }
    ]
    expectEscaped('register with files', destructionRegisterHtml(header, [line], files), 3 + 7 + 1 + 6 * 2 + 3 * 2 + 2)
  })

  it('request form, out-cards, reminder, loan and consultation registers', async () => {
    const request = {
      id: 1,
      number: M,
      kind: 'loan',
      status: 'out',
      applicantKind: 'external',
      applicantName: M,
      departmentCode: M,
      externalUnit: M,
      purpose: M,
      startOn: M,
      dueOn: M,
      outOn: M,
      returnedOn: null,
      recordsText: M,
      recordCount: 1,
      nextStep: null,
      overdue: true,
      daysLate: 3,
      createdAt: M,
      applicantUserId: null,
      introductionLetter: M,
      reason: M,
      copies: 1,
      offSite: true,
      excerptAnswer: null,
      policyVersion: 1,
      renewals: [],
      chain: [{ step: 'manager', reasons: [{ ruleId: M, reason: M }] }],
      approvals: [
        { step: 'manager', signerName: M, signedOn: M, decision: 'refused', reason: M, enteredBy: M, enteredAt: M }
      ],
      records: [{ archivalCode: M, title: M, pageCount: 3 }]
    } as unknown as UseRequest
    expectEscaped('form', useFormHtml(request, M, { manager: M } as never), 16)
    expectEscaped('cards', outCardsHtml(request, M, await barcodeRenderer()), 8)
    expectEscaped('reminder', reminderHtml(request, M, '2099-01-01'), 8)
    const row: RegisterRow = {
      requestId: 1,
      requestNumber: M,
      kind: 'loan',
      outOn: M,
      borrower: M,
      unit: M,
      archivalCode: M,
      title: M,
      copies: 1,
      purpose: M,
      reason: M,
      dueOn: M,
      returnedOn: M,
      state: 'overdue'
    }
    expectEscaped('loans', loanRegisterHtml(M, M, [row]), 2 + 9)
    expectEscaped('consultations', consultationRegisterHtml(M, M, [row]), 2 + 8)
  })

  it('electronic records register, modification ledger, fixity report, viewed image (R-ELEC-1, -3, -4, -8)', () => {
    const file = {
      id: 1,
      itemId: 1,
      role: 'scan' as const,
      sha256: M,
      size: 1,
      type: 'pdf' as const,
      pages: 1,
      originalName: M,
      version: 1,
      replacesId: null,
      supersededBy: null,
      attachedAt: M,
      attachedBy: M
    }
    expectEscaped('register', electronicRegisterHtml([{ ...file, archivalCode: M, title: M }], M), 4)
    const entry = {
      id: 1,
      oldFileId: 1,
      newFileId: 2,
      oldName: M,
      newName: M,
      oldVersion: 1,
      newVersion: 2,
      oldSha256: M,
      newSha256: M,
      reason: M,
      changedAt: M,
      changedBy: M
    }
    expectEscaped('ledger', electronicLedgerHtml({ archivalCode: M, title: M }, [entry], M), 2 + 7)
    const run = {
      id: 1,
      scope: 'all' as const,
      startedAt: M,
      startedBy: M,
      finishedAt: M,
      total: 1,
      checked: 1,
      mismatched: 1,
      missing: 0
    }
    const line = {
      archivalCode: M,
      title: M,
      outcome: 'mismatch' as const,
      originalName: M,
      version: 1,
      expected: M,
      actual: M
    }
    expectEscaped('fixity report', fixityReportHtml(run, [line], M), 4 + 5)
    expectEscaped('viewed image', viewedImageHtml({ name: M, dataUrl: M, watermark: M }), 3 + 24)
  })
})

describe('no printable builds HTML from plain strings', () => {
  it('every template that starts a tag in src-main/reports is an html`…` template', () => {
    const dir = path.join(__dirname, '../../../src-main/reports')
    const offenders: string[] = []
    for (const file of fs.readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
      fs.readFileSync(path.join(dir, file), 'utf8')
        .split('\n')
        .forEach((line, index) => {
          if (/^\s*(\*|\/\/|\/\*)/.test(line)) return // comments name tags in backquotes
          // a backquote (or quote) opening text that starts with a tag, not preceded by the html tag
          if (/(?<!html)[`'"]\s*<[a-z!/]/i.test(line)) offenders.push(`${file}:${index + 1}: ${line.trim()}`)
        })
    }
    expect(offenders).toEqual([])
  })
})
