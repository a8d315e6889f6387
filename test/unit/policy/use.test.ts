import { describe, expect, it } from 'vitest'
import { refusalOf } from './refusal'
import type { Refusal } from '../../../src-main/policy/decision'
import {
  CLASSIFICATIONS,
  type Approver,
  type ClassificationCode,
  type UseKind,
  type UseSettings
} from '../../../src-preload/contract'
import {
  approvalChain,
  type AvailabilityFacts,
  DEFAULT_USE_SETTINGS,
  refuseClosingAccount,
  refuseRenewal,
  refuseReturnCount,
  refuseSignature,
  refuseUnavailable,
  type SignatureFacts,
  type UseFacts
} from '../../../src-main/policy/use'

type Period = 'within' | 'long' | 'beyond'
type Department = 'own' | 'other'
interface Case {
  classification: ClassificationCode
  external: boolean
  department: Department
  period: Period
  kind: UseKind
}

/** Due dates for a loan starting 2026-03-02 under the defaults (5 days, long loans up to 30). */
const DUE: Record<Period, string> = { within: '2026-03-05', long: '2026-03-22', beyond: '2026-04-11' }

function facts(c: Case, overrides: Partial<UseFacts> = {}): UseFacts {
  return {
    kind: c.kind,
    external: c.external,
    departmentCode: c.external ? '' : 'ZS',
    knownDepartments: ['ZS', 'BGS'],
    excerptAnswer: c.kind === 'loan' ? 'original_needed' : null,
    records: [
      {
        label: 'J001-KH·2025-D30-ZS-0001',
        departmentCode: c.department === 'own' ? 'ZS' : 'BGS',
        classification: c.classification,
        sealedOriginal: false
      }
    ],
    startOn: '2026-03-02',
    dueOn: DUE[c.period],
    offSite: false,
    ...overrides
  }
}

/*
 * The rules of R-USE-1..6 under the default settings, written out as a table: when a row applies, its signer is in
 * the chain for its reason. The chain is the signers in signing order, each once, with all of their reasons.
 */
const classified = (c: Case) => ['secret', 'confidential', 'top_secret'].includes(c.classification)
const SIGNER_RULES: { when(c: Case): boolean; step: Approver; reason(c: Case): string }[] = [
  { when: (c) => !c.external, step: 'department_head', reason: () => 'R-USE-1 policy.use.departmentHead' },
  {
    when: () => true,
    step: 'archive_manager',
    reason: (c) => `${c.kind === 'loan' ? 'R-USE-2' : 'R-USE-1'} policy.use.archiveManager`
  },
  { when: (c) => c.external, step: 'gm', reason: () => 'R-USE-6 policy.use.external' },
  { when: (c) => c.external && c.kind === 'excerpt', step: 'gm', reason: () => 'R-USE-6 policy.use.externalExcerpt' },
  {
    when: (c) => !c.external && c.department === 'other',
    step: 'gm',
    reason: () => 'R-USE-6 policy.use.otherDepartment'
  },
  {
    when: (c) => classified(c) && c.kind === 'consultation',
    step: 'deputy_gm',
    reason: () => 'R-USE-5 policy.use.classifiedReading'
  },
  {
    when: (c) => classified(c) && c.kind === 'excerpt',
    step: 'deputy_gm',
    reason: () => 'R-USE-5 policy.use.classifiedCopy'
  },
  {
    when: (c) => classified(c) && c.kind === 'loan',
    step: 'deputy_gm',
    reason: () => 'R-USE-5 policy.use.classifiedLoan'
  },
  {
    when: (c) => c.kind === 'loan' && c.period === 'long',
    step: 'deputy_gm',
    reason: () => 'R-USE-4 policy.use.longLoan'
  }
]
/** Refusals in the order they are checked; the first that applies is the answer. */
const REFUSAL_RULES: { when(c: Case): boolean; refusal: string }[] = [
  { when: (c) => c.kind === 'loan' && c.external, refusal: 'R-USE-6 policy.use.externalReadOnly' },
  { when: (c) => c.kind === 'loan' && c.classification === 'top_secret', refusal: 'R-USE-5 policy.use.topSecretStays' },
  { when: (c) => c.kind === 'loan' && c.period === 'beyond', refusal: 'R-USE-4 policy.use.loanTooLong' }
]
const SIGNING_ORDER: Approver[] = ['department_head', 'archive_manager', 'deputy_gm', 'gm']

function expected(c: Case): { refusal: string } | { steps: { step: Approver; reasons: string[] }[] } {
  const refusal = REFUSAL_RULES.find((rule) => rule.when(c))
  if (refusal) return { refusal: refusal.refusal }
  const applying = SIGNER_RULES.filter((rule) => rule.when(c))
  return {
    steps: SIGNING_ORDER.filter((step) => applying.some((rule) => rule.step === step)).map((step) => ({
      step,
      reasons: applying.filter((rule) => rule.step === step).map((rule) => rule.reason(c))
    }))
  }
}

function actual(
  f: UseFacts,
  settings: UseSettings = DEFAULT_USE_SETTINGS
): { refusal: string } | { steps: { step: Approver; reasons: string[] }[] } {
  const decision = approvalChain(f, settings)
  if (!decision.ok) return { refusal: `${decision.refusal.ruleId} ${decision.refusal.reason}` }
  return {
    steps: decision.value.steps.map((s) => ({ step: s.step, reasons: s.reasons.map((r) => `${r.ruleId} ${r.reason}`) }))
  }
}

const CASES: Case[] = CLASSIFICATIONS.flatMap((classification) =>
  [false, true].flatMap((external) =>
    (['own', 'other'] as const).flatMap((department) =>
      (['within', 'long', 'beyond'] as const).flatMap((period) =>
        (['consultation', 'loan', 'excerpt'] as const).map((kind) => ({
          classification,
          external,
          department,
          period,
          kind
        }))
      )
    )
  )
)

describe('R-USE-1..6 approval chain, every combination under the default settings', () => {
  it('covers 5 classifications × internal/external × own/other department × 3 periods × 3 kinds', () => {
    expect(CASES).toHaveLength(180)
  })

  it.each(CASES)(
    '$kind of a $classification record, external=$external, $department department, $period period',
    (c) => {
      expect(actual(facts(c))).toEqual(expected(c))
    }
  )
})

describe('R-USE-1..6 chain details', () => {
  const internalLoan: Case = {
    classification: 'none',
    external: false,
    department: 'own',
    period: 'within',
    kind: 'loan'
  }

  it('R-USE-1 gives the department and R-USE-6 the other departments as parameters', () => {
    const decision = approvalChain(
      facts(internalLoan, {
        records: [
          { label: 'A', departmentCode: 'BGS', classification: 'none', sealedOriginal: false },
          { label: 'B', departmentCode: 'CW', classification: 'secret', sealedOriginal: false },
          { label: 'C', departmentCode: 'ZS', classification: 'internal', sealedOriginal: false }
        ]
      }),
      DEFAULT_USE_SETTINGS
    )
    expect(decision).toMatchObject({
      ok: true,
      value: {
        loanDays: 3,
        steps: [
          { step: 'department_head', reasons: [{ params: { department: 'ZS' } }] },
          { step: 'archive_manager' },
          {
            step: 'deputy_gm',
            reasons: [
              { reason: 'policy.use.classifiedLoan', params: { classification: 'secret', approver: 'deputy_gm' } }
            ]
          },
          {
            step: 'gm',
            reasons: [{ reason: 'policy.use.otherDepartment', params: { departments: 'BGS、CW', approver: 'gm' } }]
          }
        ]
      }
    })
  })

  const one = (classification: ClassificationCode, departmentCode = 'ZS') => ({
    records: [{ label: 'X', departmentCode, classification, sealedOriginal: false }]
  })
  it.each<[string, Partial<UseFacts>, Partial<UseSettings>, string[] | string]>([
    [
      'R-USE-5 off-site loan of a confidential record needs the GM too',
      { ...one('confidential'), offSite: true },
      {},
      ['department_head', 'archive_manager', 'deputy_gm', 'gm']
    ],
    [
      'R-USE-5 a top-secret record leaves when the setting allows it, with the GM off site',
      { ...one('top_secret'), offSite: true },
      { topSecretNeverLeaves: false },
      ['department_head', 'archive_manager', 'deputy_gm', 'gm']
    ],
    [
      'R-USE-5 a secret record off site needs no GM',
      { ...one('secret'), offSite: true },
      {},
      ['department_head', 'archive_manager', 'deputy_gm']
    ],
    [
      'R-USE-5 classified records are not lent when the setting says so',
      one('secret'),
      { classifiedNotLent: true },
      'R-USE-5 policy.use.classifiedNotLent'
    ],
    [
      'R-USE-6 external loans when the setting allows them',
      { external: true, departmentCode: '', externalUnit: '审计局', introductionLetter: '3号' },
      { externalMayBorrow: true },
      ['archive_manager', 'gm']
    ],
    [
      'R-USE-6 the other-department approver is a setting',
      one('none', 'BGS'),
      { otherDepartmentApprover: 'deputy_gm' },
      ['department_head', 'archive_manager', 'deputy_gm']
    ],
    [
      'R-USE-5 the classified-reading approver is a setting',
      { ...one('secret'), kind: 'consultation' },
      { classifiedReadingApprover: 'gm' },
      ['department_head', 'archive_manager', 'gm']
    ],
    [
      'R-USE-4 with a 0-day limit (S87 same day) a two-day loan is long',
      { dueOn: '2026-03-04' },
      { loanMaxDays: 0 },
      ['department_head', 'archive_manager', 'deputy_gm']
    ],
    [
      'R-USE-4 with no long loans anything past the limit is refused',
      { dueOn: '2026-03-10' },
      { longLoanMaxDays: 0 },
      'R-USE-4 policy.use.loanTooLong'
    ],
    [
      'R-USE-4 the 7-day variant lends a week without the deputy GM',
      { dueOn: '2026-03-09' },
      { loanMaxDays: 7 },
      ['department_head', 'archive_manager']
    ]
  ])('%s', (_name, overrides, settings, result) => {
    const outcome = actual(facts(internalLoan, overrides), { ...DEFAULT_USE_SETTINGS, ...settings })
    if (typeof result === 'string') expect(outcome).toEqual({ refusal: result })
    else expect('steps' in outcome ? outcome.steps.map((s) => s.step) : outcome).toEqual(result)
  })

  it('each reason names the approver the settings chose, so the message says who signs', () => {
    const decision = approvalChain(facts({ ...internalLoan, classification: 'secret' }), {
      ...DEFAULT_USE_SETTINGS,
      classifiedLoanApprover: 'gm'
    })
    expect(decision).toMatchObject({
      ok: true,
      value: {
        steps: [{}, {}, { step: 'gm', reasons: [{ reason: 'policy.use.classifiedLoan', params: { approver: 'gm' } }] }]
      }
    })
  })

  it('R-USE-4 a long loan names its days and the limit; a refusal names the longest allowed', () => {
    expect(approvalChain(facts({ ...internalLoan, period: 'long' }), DEFAULT_USE_SETTINGS)).toMatchObject({
      ok: true,
      value: {
        steps: [
          {},
          {},
          {
            step: 'deputy_gm',
            reasons: [{ ruleId: 'R-USE-4', reason: 'policy.use.longLoan', params: { days: 20, max: 5 } }]
          }
        ]
      }
    })
    expect(approvalChain(facts({ ...internalLoan, period: 'beyond' }), DEFAULT_USE_SETTINGS)).toEqual({
      ok: false,
      refusal: { ruleId: 'R-USE-4', reason: 'policy.use.loanTooLong', params: { days: 40, max: 30 } }
    })
    expect(actual(facts(internalLoan, { dueOn: '2026-03-01' }))).toEqual({
      refusal: 'R-USE-4 policy.use.dueBeforeStart'
    })
  })

  it('a loan without a due date yet gets its chain without the period rules (the form shows it while typing)', () => {
    expect(approvalChain(facts(internalLoan, { dueOn: null }), DEFAULT_USE_SETTINGS)).toMatchObject({
      ok: true,
      value: { loanDays: null }
    })
  })

  it.each<[string, Partial<UseFacts>, Partial<UseSettings>, string]>([
    [
      'R-USE-1 an internal applicant without a department',
      { departmentCode: '' },
      {},
      'R-USE-1 policy.use.noDepartment'
    ],
    [
      'R-USE-6 an outside applicant without an introduction letter',
      { external: true, externalUnit: '审计局', introductionLetter: ' ' },
      {},
      'R-USE-6 policy.use.introductionLetter'
    ],
    [
      'R-USE-6 an outside applicant without a unit',
      { external: true, externalUnit: '', introductionLetter: '3号' },
      {},
      'R-USE-6 policy.use.introductionLetter'
    ],
    [
      'R-USE-3 a loan when an excerpt would do',
      { excerptAnswer: 'excerpt_suffices' },
      {},
      'R-USE-3 policy.use.excerptWouldDo'
    ],
    [
      'R-USE-3 a loan before the excerpt question is answered',
      { excerptAnswer: null },
      {},
      'R-USE-3 policy.use.excerptQuestion'
    ],
    [
      'S86 a sealed original off site',
      { offSite: true, records: [{ label: 'X', departmentCode: 'ZS', classification: 'none', sealedOriginal: true }] },
      {},
      'S86 policy.use.sealedOriginal'
    ]
  ])('%s is refused', (_name, overrides, settings, refusal) => {
    expect(actual(facts(internalLoan, overrides), { ...DEFAULT_USE_SETTINGS, ...settings })).toEqual({ refusal })
  })

  it('S86 a sealed original may be borrowed in-house, or off site when the setting allows', () => {
    const sealed = {
      records: [{ label: 'X', departmentCode: 'ZS', classification: 'none' as const, sealedOriginal: true }]
    }
    expect(approvalChain(facts(internalLoan, sealed), DEFAULT_USE_SETTINGS).ok).toBe(true)
    expect(
      approvalChain(facts(internalLoan, { ...sealed, offSite: true }), {
        ...DEFAULT_USE_SETTINGS,
        sealedOriginalsStay: false
      }).ok
    ).toBe(true)
  })
})

describe('R-USE-2, R-DISP-8, R-KEEP-3 availability', () => {
  const record = (overrides: Partial<AvailabilityFacts>): AvailabilityFacts => ({
    label: 'A-1',
    effectiveCustody: 'in_store',
    openIncidents: 0,
    otherRequestId: null,
    ...overrides
  })
  it.each<[Partial<AvailabilityFacts>, string | null]>([
    [{}, null],
    [{ effectiveCustody: 'destroyed' }, 'R-DISP-8 policy.use.destroyed'],
    [{ effectiveCustody: 'awaiting_destruction' }, 'R-DISP-8 policy.use.awaitingDestruction'],
    [{ openIncidents: 1 }, 'R-KEEP-3 policy.use.flagged'],
    [{ effectiveCustody: 'on_loan' }, 'R-USE-2 policy.use.alreadyOut'],
    [{ effectiveCustody: 'reading_room' }, 'R-USE-2 policy.use.alreadyOut'],
    [{ otherRequestId: 7 }, 'R-USE-2 policy.use.requestedElsewhere']
  ])('%o → %s', (overrides, outcome) => {
    const refusal = refusalOf(refuseUnavailable([record({}), record(overrides)]))
    expect(refusal ? `${refusal.ruleId} ${refusal.reason}` : null).toBe(outcome)
    if (refusal) expect(refusal.params).toMatchObject({ code: 'A-1' })
  })
})

describe('R-ROLE-7, R-USE-1 signatures', () => {
  const base: SignatureFacts = {
    chain: ['department_head', 'archive_manager', 'gm'],
    signed: ['department_head'],
    step: 'archive_manager',
    signerName: '赵主任',
    signerUserId: null,
    applicantName: '张三',
    applicantUserId: 5,
    enteredByUserId: 2,
    enteredByName: '李文'
  }
  it.each<[string, Partial<SignatureFacts>, string | null]>([
    ['the next step by someone else', {}, null],
    ['a step out of order', { step: 'gm' }, 'R-USE-1 policy.use.stepOutOfOrder'],
    ['a step already signed', { step: 'department_head' }, 'R-USE-1 policy.use.stepOutOfOrder'],
    ['a step not in the chain', { step: 'deputy_gm' }, 'R-USE-1 policy.use.stepNotInChain'],
    ['the applicant signing by name', { signerName: ' 张三 ' }, 'R-ROLE-7 policy.use.selfApproval'],
    ['the applicant signing by account', { signerUserId: 5 }, 'R-ROLE-7 policy.use.selfApproval'],
    ['the applicant entering the signature', { enteredByUserId: 5 }, 'R-ROLE-7 policy.use.selfEntry'],
    [
      'an applicant without account entering under their name',
      { applicantUserId: null, enteredByName: '张三' },
      'R-ROLE-7 policy.use.selfEntry'
    ]
  ])('%s', (_name, overrides, outcome) => {
    const refusal = refusalOf(refuseSignature({ ...base, ...overrides }))
    expect(refusal ? `${refusal.ruleId} ${refusal.reason}` : null).toBe(outcome)
  })
})

describe('R-USE-4 renewal and R-USE-8 return count', () => {
  const renewable = { ...DEFAULT_USE_SETTINGS, renewable: true, maxRenewals: 2, renewalDays: 7 }
  it.each<[string, string, number, UseSettings, string | null]>([
    ['not renewable by default', '2026-03-10', 0, DEFAULT_USE_SETTINGS, 'policy.use.notRenewable'],
    ['a week more', '2026-03-12', 0, renewable, null],
    ['eight days more', '2026-03-13', 0, renewable, 'policy.use.renewalTooLong'],
    ['the same due date', '2026-03-05', 0, renewable, 'policy.use.renewalNotLater'],
    ['the second renewal', '2026-03-08', 1, renewable, null],
    ['a third renewal', '2026-03-08', 2, renewable, 'policy.use.renewalLimit']
  ])('%s', (_name, newDueOn, renewals, settings, reason) => {
    const refusal = refusalOf(refuseRenewal('2026-03-05', newDueOn, renewals, settings))
    expect(refusal?.reason ?? null).toBe(reason)
    if (refusal) expect(refusal.ruleId).toBe('R-USE-4')
  })

  it.each<['complete' | 'damaged' | 'lost', number, boolean]>([
    ['complete', 6, false],
    ['complete', 5, true],
    ['damaged', 5, false],
    ['lost', 0, false]
  ])('%s with %i of 6 pages refused: %s', (condition, counted, refused) => {
    const refusal = refusalOf(refuseReturnCount('A-1', condition, 6, counted))
    expect(refusal !== null).toBe(refused)
    if (refusal)
      expect(refusal).toEqual({
        ruleId: 'R-USE-8',
        reason: 'policy.use.pagesMissing',
        params: { code: 'A-1', expected: 6, counted }
      })
  })
})

describe('R-CUST-6 closing an account', () => {
  it.each<[string[], Refusal | null]>([
    [[], null],
    [
      ['J001-KH·2024-D30-ZS-0001'],
      {
        ruleId: 'R-CUST-6',
        reason: 'policy.use.holdsRecords',
        params: { count: 1, records: 'J001-KH·2024-D30-ZS-0001' }
      }
    ],
    [['A', '合同'], { ruleId: 'R-CUST-6', reason: 'policy.use.holdsRecords', params: { count: 2, records: 'A、合同' } }]
  ])('R-CUST-6 holding %j', (held, refusal) => {
    expect(refusalOf(refuseClosingAccount(held))).toEqual(refusal)
  })
})
