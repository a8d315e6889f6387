/**
 * Printed forms are read by people who never saw the rule ids (R-USE-1 …): every printable, built with the policy
 * reasons it prints, says why in sentences and shows no rule id. The fixtures are those of the escaping test.
 */
import { describe, expect, it } from 'vitest'
import type { Inspection, UseRequest } from '@preload/contract'
import { barcodeRenderer } from '@main/reports/barcode'
import { inspectionReportHtml } from '@main/reports/custody-printables'
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

const PLAIN = '甲'
const RULE_ID = /R-[A-Z]+-\d/

function expectPlain(name: string, document: string, _values?: number): void {
  expect(document, name).not.toMatch(RULE_ID)
}

const volume = {
  archivalCode: PLAIN,
  title: PLAIN,
  fondsName: PLAIN,
  fondsCode: PLAIN,
  year: 2024,
  retentionName: PLAIN,
  classificationName: PLAIN,
  dateRange: PLAIN,
  itemCount: 1,
  pageCount: 2,
  categoryName: PLAIN
}

describe('printed forms carry reasons in words, never rule ids', () => {
  it('volume catalogue, note sheet, cover, box spine, filing catalogue', async () => {
    const row = {
      sequence: 1,
      documentNumber: PLAIN,
      responsibleParty: PLAIN,
      title: PLAIN,
      dateFormed: PLAIN,
      startPage: 1,
      endPage: 2,
      remarks: PLAIN
    }
    expectPlain('catalogue', volumeCatalogueHtml(volume, [row, row]), 2 + 2 * 5)
    expectPlain(
      'note',
      volumeNoteSheetHtml(volume, {
        notes: PLAIN,
        compiledBy: PLAIN,
        compiledOn: PLAIN,
        checkedBy: PLAIN,
        checkedOn: PLAIN
      }),
      6
    )
    const barcodes = await barcodeRenderer()
    expectPlain('cover', volumeCoverHtml(volume, barcodes), 7)
    expectPlain(
      'spine',
      boxSpineHtml(
        {
          code: PLAIN,
          fondsCode: PLAIN,
          year: 2024,
          retentionName: PLAIN,
          firstNumber: PLAIN,
          lastNumber: PLAIN,
          boxNumber: PLAIN,
          categoryName: PLAIN
        },
        barcodes
      ),
      7
    )
    const filingRow = {
      sequence: 1,
      archivalCode: PLAIN,
      documentNumber: PLAIN,
      responsibleParty: PLAIN,
      title: PLAIN,
      dateFormed: PLAIN,
      classificationName: PLAIN,
      pageCount: 3,
      remarks: PLAIN
    }
    expectPlain(
      'filing',
      filingCatalogueHtml(
        { fondsCode: PLAIN, fondsName: PLAIN, year: 2024, retentionName: PLAIN, departmentName: PLAIN },
        [filingRow]
      ),
      5 + 7
    )
  })

  it('labels, whose codes also go into barcodes', async () => {
    const labels = labelsHtml(
      [{ code: `J001-KH·2024-D30-ZS-0001${PLAIN}`, title: PLAIN, lines: [PLAIN, PLAIN] }],
      { kind: 'sheet', columns: 2, rows: 5, start: 2 },
      await barcodeRenderer()
    )
    expectPlain('labels', labels, 4)
  })

  it('inspection report', () => {
    const judgement = {
      ruleId: 'R-KEEP-3',
      reason: 'policy.custody.tooHot',
      params: { value: 26, min: 14, max: 24 },
      value: 'out_of_range' as const
    }
    const inspection = {
      id: 1,
      kind: 'adhoc',
      reason: 'fire',
      inspectedOn: PLAIN,
      inspectors: PLAIN,
      scope: PLAIN,
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
      roomPath: PLAIN,
      checklist: [{ item: PLAIN, ok: false, note: PLAIN }],
      notes: PLAIN,
      locationPaths: [PLAIN],
      environment: { temperature: judgement, humidity: judgement },
      policyVersion: 1,
      createdBy: PLAIN,
      completedAt: null,
      completedBy: null,
      version: 1,
      findings: [
        {
          subject: 'item',
          id: 1,
          archivalCode: PLAIN,
          title: PLAIN,
          homePath: PLAIN,
          state: 'missing',
          note: PLAIN,
          incidentId: null
        }
      ]
    } as unknown as Inspection
    expectPlain('inspection', inspectionReportHtml(inspection), 13)
  })

  it('due listing, appraisal report, destruction register', () => {
    const due = {
      archivalCode: PLAIN,
      title: PLAIN,
      documentNumber: PLAIN,
      responsibleParty: PLAIN,
      dateFormed: PLAIN,
      retentionName: PLAIN,
      expiresOn: PLAIN,
      remarks: PLAIN
    }
    expectPlain('due', dueListingHtml(PLAIN, PLAIN, [due]), 2 + 8)
    const appraised = {
      archivalCode: PLAIN,
      title: PLAIN,
      dateFormed: PLAIN,
      retentionName: PLAIN,
      expiresOn: PLAIN,
      decision: PLAIN,
      newRetentionName: PLAIN,
      reason: PLAIN
    }
    expectPlain(
      'appraisal',
      appraisalReportHtml(
        {
          batchId: 1,
          title: PLAIN,
          appraisedOn: PLAIN,
          managerName: PLAIN,
          departmentLeaderName: PLAIN,
          holdUntil: PLAIN
        },
        [appraised]
      ),
      4 + 8 + 2
    )
    const line = {
      lineNo: 1,
      archivalCode: PLAIN,
      documentNumber: PLAIN,
      responsibleParty: PLAIN,
      title: PLAIN,
      dateFormed: PLAIN,
      retentionName: PLAIN,
      yearsKept: 10,
      destroyedOn: PLAIN
    }
    const header = {
      registerId: 1,
      batchTitle: PLAIN,
      place: PLAIN,
      method: PLAIN,
      destroyedOn: PLAIN,
      approvedBy: PLAIN,
      managerName: PLAIN,
      departmentLeaderName: PLAIN,
      handledBy: PLAIN,
      supervisors: [PLAIN, PLAIN],
      countConfirmed: 1,
      signedOn: PLAIN
    }
    expectPlain('register', destructionRegisterHtml(header, [line]), 3 + 7 + 1 + 6 * 2)
  })

  it('request form, out-cards, reminder, loan and consultation registers', async () => {
    const request = {
      id: 1,
      kind: 'loan',
      status: 'out',
      applicantKind: 'external',
      applicantName: PLAIN,
      departmentCode: PLAIN,
      externalUnit: PLAIN,
      purpose: PLAIN,
      startOn: PLAIN,
      dueOn: PLAIN,
      outOn: PLAIN,
      returnedOn: null,
      recordsText: PLAIN,
      recordCount: 1,
      nextStep: null,
      overdue: true,
      daysLate: 3,
      createdAt: PLAIN,
      applicantUserId: null,
      introductionLetter: PLAIN,
      reason: PLAIN,
      copies: 1,
      offSite: true,
      excerptAnswer: null,
      policyVersion: 1,
      renewals: [],
      chain: [
        {
          step: 'department_head',
          reasons: [{ ruleId: 'R-USE-1', reason: 'policy.use.departmentHead', params: { department: 'ZS' } }]
        },
        { step: 'archive_manager', reasons: [{ ruleId: 'R-USE-2', reason: 'policy.use.archiveManager' }] }
      ],
      approvals: [
        {
          step: 'department_head',
          signerName: PLAIN,
          signedOn: PLAIN,
          decision: 'refused',
          reason: PLAIN,
          enteredBy: PLAIN,
          enteredAt: PLAIN
        }
      ],
      records: [{ archivalCode: PLAIN, title: PLAIN, pageCount: 3 }]
    } as unknown as UseRequest
    expectPlain(
      'form',
      useFormHtml(request, PLAIN, { department_head: '部门负责人', archive_manager: '档案部门负责人' } as never),
      14
    )
    expectPlain('cards', outCardsHtml(request, PLAIN, await barcodeRenderer()), 6)
    expectPlain('reminder', reminderHtml(request, PLAIN, '2099-01-01'), 6)
    const row: RegisterRow = {
      requestId: 1,
      requestNumber: PLAIN,
      kind: 'loan',
      outOn: PLAIN,
      borrower: PLAIN,
      unit: PLAIN,
      archivalCode: PLAIN,
      title: PLAIN,
      copies: 1,
      purpose: PLAIN,
      reason: PLAIN,
      dueOn: PLAIN,
      returnedOn: PLAIN,
      state: 'overdue'
    }
    expectPlain('loans', loanRegisterHtml(PLAIN, PLAIN, [row]), 2 + 8)
    expectPlain('consultations', consultationRegisterHtml(PLAIN, PLAIN, [row]), 2 + 7)
  })
})

describe('the request form says why each signature is needed', () => {
  it('in the sentences of the rules, the department filled in', () => {
    const request = {
      id: 1,
      kind: 'consultation',
      applicantKind: 'internal',
      applicantName: '张三',
      purpose: '核对',
      reason: '核对',
      startOn: '2026-03-02',
      dueOn: null,
      copies: 1,
      offSite: false,
      excerptAnswer: null,
      createdAt: '2026-03-02T01:00:00Z',
      chain: [
        {
          step: 'department_head',
          reasons: [{ ruleId: 'R-USE-1', reason: 'policy.use.departmentHead', params: { department: 'ZS' } }]
        }
      ],
      approvals: [],
      records: []
    } as unknown as UseRequest
    const form = useFormHtml(request, '招商运营部', { department_head: '部门负责人' } as never)
    expect(form).toContain('依据：申请人所在部门（ZS）负责人签字。')
    expect(form).not.toMatch(RULE_ID)
  })
})
