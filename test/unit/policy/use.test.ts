import { describe, expect, it } from 'vitest'
import { refusalOf } from './refusal'
import type { Refusal } from '@main/policy/decision'
import {
  CLASSIFICATIONS,
  type Approver,
  type ClassificationCode,
  type UseKind,
  type UseSettings
} from '@preload/contract'
import {
  approvalChain,
  type AvailabilityFacts,
  DEFAULT_USE_SETTINGS,
  refuseClosingAccount,
  refuseRenewal,
  refuseReturnCount,
  refuseSignature,
  refuseSigner,
  refuseUnavailable,
  refuseWithdrawal,
  stepOfRole,
  type SignatureFacts,
  type SignerAccount,
  type UseFacts,
  type WithdrawalFacts
} from '@main/policy/use'

type Period = 'within' | 'long' | 'beyond'
type Department = 'own' | 'other'
interface Case {
  classification: ClassificationCode
  external: boolean
  department: Department
  period: Period
  kind: UseKind
}

/** Due dates for a loan starting 2026-03-02: within 5 days, a long loan up to 30 days, beyond that. */
const DUE: Record<Period, string> = { within: '2026-03-05', long: '2026-03-22', beyond: '2026-04-11' }

function facts(c: Case, overrides: Partial<UseFacts> = {}): UseFacts {
  return {
    kind: c.kind,
    external: c.external,
    departmentCode: c.external ? '' : 'ZS',
    knownDepartments: ['ZS', 'BGS'],
    externalUnit: c.external ? '市审计局' : '',
    introductionLetter: c.external ? '审字〔2026〕3号' : '',
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
    // R-USE-4 (003): only where the archive manager switched long loans on.
    when: (c) => c.kind === 'loan' && c.period === 'long',
    step: 'deputy_gm',
    reason: () => 'R-USE-4 policy.use.longLoan'
  }
]
/** Refusals in the order they are checked; the first that applies is the answer. */
const REFUSAL_RULES: { when(c: Case, longLoans: boolean): boolean; refusal: string }[] = [
  { when: (c) => c.kind === 'loan' && c.external, refusal: 'R-USE-6 policy.use.externalReadOnly' },
  { when: (c) => c.kind === 'loan' && c.classification === 'top_secret', refusal: 'R-USE-5 policy.use.topSecretStays' },
  {
    // R-USE-4, 000 Art24.7: past 5 days is refused unless long loans are on, and past 30 days always.
    when: (c, longLoans) => c.kind === 'loan' && (c.period === 'beyond' || (c.period === 'long' && !longLoans)),
    refusal: 'R-USE-4 policy.use.loanTooLong'
  }
]
const SIGNING_ORDER: Approver[] = ['department_head', 'archive_manager', 'deputy_gm', 'gm']
const LONG_LOANS: UseSettings = { ...DEFAULT_USE_SETTINGS, longLoansAllowed: true }

function expected(
  c: Case,
  longLoans = false
): { refusal: string } | { steps: { step: Approver; reasons: string[] }[] } {
  const refusal = REFUSAL_RULES.find((rule) => rule.when(c, longLoans))
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

  it.each(CASES)(
    'with long loans on (003): $kind of a $classification record, external=$external, $department, $period',
    (c) => {
      expect(actual(facts(c), LONG_LOANS)).toEqual(expected(c, true))
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
      { loanMaxDays: 0, longLoansAllowed: true },
      ['department_head', 'archive_manager', 'deputy_gm']
    ],
    [
      'R-USE-4 with long loans on but no long-loan days, anything past the limit is refused',
      { dueOn: '2026-03-10' },
      { longLoanMaxDays: 0, longLoansAllowed: true },
      'R-USE-4 policy.use.loanTooLong'
    ],
    [
      'R-USE-4 by default (000 Art24.7) a six-day loan is refused',
      { dueOn: '2026-03-08' },
      {},
      'R-USE-4 policy.use.loanTooLong'
    ],
    [
      'R-USE-4 by default a five-day loan needs no one beyond the usual signers',
      { dueOn: '2026-03-07' },
      {},
      ['department_head', 'archive_manager']
    ],
    ['R-USE-4 a loan needs its due date', { dueOn: null }, {}, 'R-USE-4 policy.use.dueDateMissing'],
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
    expect(approvalChain(facts({ ...internalLoan, period: 'long' }), DEFAULT_USE_SETTINGS)).toEqual({
      ok: false,
      refusal: { ruleId: 'R-USE-4', reason: 'policy.use.loanTooLong', params: { days: 20, max: 5 } }
    })
    expect(approvalChain(facts({ ...internalLoan, period: 'long' }), LONG_LOANS)).toMatchObject({
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
    expect(approvalChain(facts({ ...internalLoan, period: 'beyond' }), LONG_LOANS)).toEqual({
      ok: false,
      refusal: { ruleId: 'R-USE-4', reason: 'policy.use.loanTooLong', params: { days: 40, max: 30 } }
    })
    expect(actual(facts(internalLoan, { dueOn: '2026-03-01' }))).toEqual({
      refusal: 'R-USE-4 policy.use.dueBeforeStart'
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
    otherRequest: null,
    ...overrides
  })
  it.each<[Partial<AvailabilityFacts>, string | null]>([
    [{}, null],
    [{ effectiveCustody: 'destroyed' }, 'R-DISP-8 policy.use.destroyed'],
    [{ effectiveCustody: 'awaiting_destruction' }, 'R-DISP-8 policy.use.awaitingDestruction'],
    [{ openIncidents: 1 }, 'R-KEEP-3 policy.use.flagged'],
    [{ effectiveCustody: 'on_loan' }, 'R-USE-2 policy.use.alreadyOut'],
    [{ effectiveCustody: 'reading_room' }, 'R-USE-2 policy.use.alreadyOut'],
    [{ otherRequest: 'JY-2026-0007' }, 'R-USE-2 policy.use.requestedElsewhere']
  ])('%o → %s', (overrides, outcome) => {
    const refusal = refusalOf(refuseUnavailable([record({}), record(overrides)]))
    expect(refusal ? `${refusal.ruleId} ${refusal.reason}` : null).toBe(outcome)
    if (refusal) expect(refusal.params).toMatchObject({ code: 'A-1' })
  })
})

describe('R-ROLE-3..5 the step an account signs', () => {
  const account = (overrides: Partial<SignerAccount>): SignerAccount => ({
    userId: 3,
    name: '王部长',
    role: 'department_head',
    department: 'ZS',
    active: true,
    ...overrides
  })
  const zs = { code: 'ZS', name: '招商运营部' }
  it.each<[string, Partial<SignerAccount>, Approver, string | null]>([
    ['R-ROLE-3 the head of the applicant’s department, by code', {}, 'department_head', null],
    ['R-ROLE-3 … or by the department’s name', { department: '招商运营部' }, 'department_head', null],
    [
      'R-ROLE-3 the head of another department',
      { department: 'BGS' },
      'department_head',
      'R-ROLE-3 policy.use.otherDepartmentHead'
    ],
    [
      'R-ROLE-3 a head without a department',
      { department: '' },
      'department_head',
      'R-ROLE-3 policy.use.otherDepartmentHead'
    ],
    ['R-ROLE-4 the archive manager', { role: 'archive_manager', department: '' }, 'archive_manager', null],
    ['R-ROLE-4 a department head for the archive manager', {}, 'archive_manager', 'R-ROLE-4 policy.use.notSignersStep'],
    ['R-ROLE-5 the deputy GM', { role: 'deputy_gm' }, 'deputy_gm', null],
    ['R-ROLE-5 the GM', { role: 'gm' }, 'gm', null],
    ['R-ROLE-5 the deputy GM for the GM', { role: 'deputy_gm' }, 'gm', 'R-ROLE-5 policy.use.notSignersStep'],
    ['R-ROLE-3 an archivist', { role: 'archivist' }, 'department_head', 'R-ROLE-3 policy.use.notSignersStep'],
    ['R-ROLE-5 a switched-off account', { role: 'gm', active: false }, 'gm', 'R-ROLE-5 policy.use.notSignersStep']
  ])('%s', (_name, overrides, step, outcome) => {
    const refusal = refusalOf(refuseSigner(account(overrides), step, zs))
    expect(refusal ? `${refusal.ruleId} ${refusal.reason}` : null).toBe(outcome)
  })

  it('the step is named like the role; other roles sign nothing', () => {
    expect(stepOfRole('gm')).toBe('gm')
    expect(stepOfRole('department_head')).toBe('department_head')
    expect(stepOfRole('archivist')).toBeNull()
    expect(stepOfRole('staff_viewer')).toBeNull()
  })
})

describe('R-ROLE-7, R-USE-1 signatures', () => {
  const base: SignatureFacts = {
    chain: ['department_head', 'archive_manager', 'gm'],
    signed: [{ step: 'department_head', signerUserId: 3 }],
    step: 'archive_manager',
    department: { code: 'ZS', name: '招商运营部' },
    signer: { userId: 4, name: '赵主任', role: 'archive_manager', department: '', active: true },
    applicantName: '张三',
    applicantUserId: 5,
    enteredByUserId: 2,
    enteredByName: '李文'
  }
  const signer = (overrides: Partial<SignerAccount>) => ({ signer: { ...base.signer, ...overrides } })
  it.each<[string, Partial<SignatureFacts>, string | null]>([
    ['R-USE-1 the next step by its signer', {}, null],
    ['R-USE-1 a step out of order', { step: 'gm' }, 'R-USE-1 policy.use.stepOutOfOrder'],
    ['R-USE-1 a step already signed', { step: 'department_head' }, 'R-USE-1 policy.use.stepOutOfOrder'],
    ['R-USE-1 a step not in the chain', { step: 'deputy_gm' }, 'R-USE-1 policy.use.stepNotInChain'],
    ['R-ROLE-4 a step that is not the signer’s', signer({ role: 'gm' }), 'R-ROLE-4 policy.use.notSignersStep'],
    ['R-ROLE-7 the same account signing a second step', signer({ userId: 3 }), 'R-ROLE-7 policy.use.signedTwice'],
    ['R-ROLE-7 the applicant signing by name', signer({ name: ' 张三 ' }), 'R-ROLE-7 policy.use.selfApproval'],
    ['R-ROLE-7 the applicant signing by account', signer({ userId: 5 }), 'R-ROLE-7 policy.use.selfApproval'],
    ['R-ROLE-7 the applicant entering the signature', { enteredByUserId: 5 }, 'R-ROLE-7 policy.use.selfEntry'],
    [
      'R-ROLE-7 an applicant without account entering under their name',
      { applicantUserId: null, enteredByName: '张三' },
      'R-ROLE-7 policy.use.selfEntry'
    ]
  ])('%s', (_name, overrides, outcome) => {
    const refusal = refusalOf(refuseSignature({ ...base, ...overrides }))
    expect(refusal ? `${refusal.ruleId} ${refusal.reason}` : null).toBe(outcome)
  })
})

describe('R-USE-1 withdrawing a signature entered wrongly', () => {
  const base: WithdrawalFacts = {
    chain: ['department_head', 'archive_manager', 'gm'],
    signed: [
      { step: 'department_head', onBehalf: true },
      { step: 'archive_manager', onBehalf: true }
    ],
    step: 'archive_manager'
  }
  it.each<[string, Partial<WithdrawalFacts>, string | null]>([
    ['the last signature, entered on behalf', {}, null],
    ['an earlier one while a later one stands', { step: 'department_head' }, 'R-USE-1 policy.use.withdrawLastFirst'],
    ['a step not signed', { step: 'gm' }, 'R-USE-1 policy.use.stepNotSigned'],
    [
      'one the signer gave in the app themselves',
      {
        signed: [
          { step: 'department_head', onBehalf: true },
          { step: 'archive_manager', onBehalf: false }
        ]
      },
      'R-ROLE-7 policy.use.signedInPerson'
    ]
  ])('%s', (_name, overrides, outcome) => {
    const refusal = refusalOf(refuseWithdrawal({ ...base, ...overrides }))
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
