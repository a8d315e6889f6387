import { describe, expect, it } from 'vitest'
import { refusalOf } from './refusal'
import type { Refusal } from '@main/policy/decision'
import type { BatchState } from '@preload/contract'
import { expiryDate } from '@main/policy/deadlines'
import {
  type DisposalFacts,
  holdPeriodEnd,
  refuseAppraisers,
  refuseBatchStep,
  refuseBeforeHoldEnd,
  refuseCount,
  refuseDestruction,
  refuseKeep,
  refuseListing,
  refuseRegister,
  refuseSigning,
  refuseSupervisors,
  refuseUndecided,
  refuseVerification,
  retentionOf,
  yearsKept
} from '@main/policy/disposal'

const PERIODS = [
  { code: 'Y', years: null },
  { code: 'D30', years: 30 },
  { code: 'D10', years: 10 },
  { code: 'C', years: 30 },
  { code: 'D', years: 10 }
]

const facts = (overrides: Partial<DisposalFacts> = {}): DisposalFacts => ({
  code: 'J001-KH·2014-D10-ZS-0001',
  custody: 'in_store',
  out: null,
  missing: 0,
  holds: [],
  expiresOn: '2025-01-01',
  volumeCode: null,
  openBatchId: null,
  ...overrides
})

describe('R-DISP-1, R-DISP-2 the period a record is filed with and its expiry', () => {
  it.each([
    { code: 'Y', filingYear: 2024, years: null, expiresOn: null },
    { code: 'D30', filingYear: 2024, years: 30, expiresOn: '2055-01-01' },
    { code: 'D10', filingYear: 2024, years: 10, expiresOn: '2035-01-01' },
    { code: 'D10', filingYear: 2023, years: 10, expiresOn: '2034-01-01' },
    { code: 'C', filingYear: 2023, years: 30, expiresOn: '2054-01-01' },
    { code: 'D', filingYear: 2024, years: 10, expiresOn: '2035-01-01' },
    { code: 'UNKNOWN', filingYear: 2024, years: null, expiresOn: null }
  ])('R-DISP-2 $code filed in $filingYear → $expiresOn', ({ code, filingYear, years, expiresOn }) => {
    expect(retentionOf(code, PERIODS, filingYear)).toEqual({ years, expiresOn })
  })

  it('R-DISP-2 a record formed on 29 February 2024 expires on 1 January like any other of that filing year', () => {
    expect(retentionOf('D10', PERIODS, Number('2024-02-29'.slice(0, 4))).expiresOn).toBe('2035-01-01')
  })

  it.each([
    { formed: '2023-12-31', filingYear: 2023, expiresOn: '2034-01-01' },
    { formed: '2024-01-01', filingYear: 2024, expiresOn: '2035-01-01' }
  ])('R-DISP-2 year boundary: formed $formed (filed $filingYear) expires $expiresOn', ({ filingYear, expiresOn }) => {
    expect(expiryDate(filingYear, 10)).toBe(expiresOn)
  })

  it('R-DISP-1 永久 never expires, whatever the year', () => {
    for (const year of [1900, 2000, 2024, 2200]) expect(expiryDate(year, null)).toBeNull()
  })
})

describe('R-DISP-3..5, 8 what may be listed for appraisal', () => {
  it.each<{ name: string; facts: Partial<DisposalFacts>; today?: string; ruleId: string | null; reason?: string }>([
    { name: 'an expired record', facts: {}, ruleId: null },
    { name: 'expiring today', facts: { expiresOn: '2026-03-02' }, ruleId: null },
    { name: 'a permanent record', facts: { expiresOn: null }, ruleId: 'R-DISP-1', reason: 'policy.disposal.permanent' },
    {
      name: 'expiring tomorrow',
      facts: { expiresOn: '2026-03-03' },
      ruleId: 'R-DISP-2',
      reason: 'policy.disposal.notExpired'
    },
    { name: 'a held record', facts: { holds: ['合同纠纷'] }, ruleId: 'R-DISP-3', reason: 'policy.disposal.held' },
    {
      name: 'one already in an open batch',
      facts: { openBatchId: 4 },
      ruleId: 'R-DISP-5',
      reason: 'policy.disposal.inOpenBatch'
    },
    {
      name: 'an item filed in a volume',
      facts: { volumeCode: 'J001-1-0001' },
      ruleId: 'R-DISP-4',
      reason: 'policy.disposal.inVolume'
    },
    {
      name: 'a destroyed record',
      facts: { custody: 'destroyed' },
      ruleId: 'R-DISP-8',
      reason: 'policy.disposal.destroyed'
    }
  ])('$name → $ruleId', ({ facts: overrides, ruleId, reason }) => {
    const refusal = refusalOf(refuseListing(facts(overrides), '2026-03-02'))
    expect(refusal === null ? null : { ruleId: refusal.ruleId, reason: refusal.reason }).toEqual(
      ruleId === null ? null : { ruleId, reason }
    )
  })

  it('R-DISP-3 the refusal names the holds', () => {
    expect(refusalOf(refuseListing(facts({ holds: ['合同纠纷', '账款未清'] }), '2026-03-02'))?.params).toMatchObject({
      holds: '合同纠纷、账款未清'
    })
  })
})

describe('R-DISP-3, R-DISP-7, R-KEEP-3 what may be destroyed', () => {
  it.each<{ name: string; facts: Partial<DisposalFacts>; ruleId: string | null; reason?: string }>([
    { name: 'a record set apart', facts: { custody: 'awaiting_destruction' }, ruleId: null },
    { name: 'a held record', facts: { holds: ['审计'] }, ruleId: 'R-DISP-3', reason: 'policy.disposal.held' },
    { name: 'a record on loan', facts: { out: 'on_loan' }, ruleId: 'R-DISP-7', reason: 'policy.disposal.onLoan' },
    {
      name: 'a record in an open consultation',
      facts: { out: 'reading_room' },
      ruleId: 'R-DISP-7',
      reason: 'policy.disposal.inReadingRoom'
    },
    { name: 'a record found missing', facts: { missing: 1 }, ruleId: 'R-KEEP-3', reason: 'policy.disposal.missing' },
    {
      name: 'an already destroyed record',
      facts: { custody: 'destroyed' },
      ruleId: 'R-DISP-8',
      reason: 'policy.disposal.destroyed'
    }
  ])('$name → $ruleId', ({ facts: overrides, ruleId, reason }) => {
    const refusal = refusalOf(refuseDestruction(facts(overrides)))
    expect(refusal === null ? null : { ruleId: refusal.ruleId, reason: refusal.reason }).toEqual(
      ruleId === null ? null : { ruleId, reason }
    )
  })
})

describe('R-DISP-6 the hold period', () => {
  it.each([
    { appraisedOn: '2026-03-02', months: 6, until: '2026-09-02' },
    { appraisedOn: '2026-08-31', months: 6, until: '2027-02-28' },
    { appraisedOn: '2027-08-31', months: 6, until: '2028-02-29' },
    { appraisedOn: '2026-07-15', months: 6, until: '2027-01-15' },
    { appraisedOn: '2026-12-31', months: 12, until: '2027-12-31' },
    { appraisedOn: '2026-01-31', months: 1, until: '2026-02-28' },
    { appraisedOn: '2026-05-10', months: 30, until: '2028-11-10' }
  ])('R-DISP-6 appraised $appraisedOn + $months months → $until', ({ appraisedOn, months, until }) => {
    expect(holdPeriodEnd(appraisedOn, months)).toBe(until)
  })

  it.each([
    { today: '2026-09-01', refused: true },
    { today: '2026-09-02', refused: false },
    { today: '2027-01-01', refused: false }
  ])('R-DISP-6 on $today with the period ending 2026-09-02 refused: $refused', ({ today, refused }) => {
    const refusal = refusalOf(refuseBeforeHoldEnd('2026-09-02', today))
    expect(refusal).toEqual(
      refused ? { ruleId: 'R-DISP-6', reason: 'policy.disposal.holdPeriod', params: { until: '2026-09-02' } } : null
    )
  })
})

describe('R-DISP-7 supervisors', () => {
  const excluded = ['王经理', '李主任', 'archivist1']
  it.each<{ name: string; supervisors: string[]; min: number; reason: string | null }>([
    { name: 'two different people', supervisors: ['张监销', '赵监销'], min: 2, reason: null },
    { name: 'one supervisor', supervisors: ['张监销'], min: 2, reason: 'policy.disposal.tooFewSupervisors' },
    {
      name: 'a blank second supervisor',
      supervisors: ['张监销', '  '],
      min: 2,
      reason: 'policy.disposal.tooFewSupervisors'
    },
    {
      name: 'two supervisors when three are required',
      supervisors: ['张监销', '赵监销'],
      min: 3,
      reason: 'policy.disposal.tooFewSupervisors'
    },
    {
      name: 'the same person twice',
      supervisors: ['张监销', ' 张 监销 '],
      min: 2,
      reason: 'policy.disposal.supervisorTwice'
    },
    { name: 'an appraiser', supervisors: ['张监销', '王经理'], min: 2, reason: 'policy.disposal.supervisorConflict' },
    {
      name: 'the handler by user name, in other case',
      supervisors: ['张监销', 'Archivist1'],
      min: 2,
      reason: 'policy.disposal.supervisorConflict'
    }
  ])('R-DISP-7 $name', ({ supervisors, min, reason }) => {
    const refusal = refusalOf(refuseSupervisors(supervisors, min, excluded))
    expect(refusal === null ? null : { ruleId: refusal.ruleId, reason: refusal.reason }).toEqual(
      reason === null ? null : { ruleId: 'R-DISP-7', reason }
    )
  })

  it.each([
    { confirmed: 3, expected: 3, reason: null },
    { confirmed: 2, expected: 3, reason: 'policy.disposal.countMismatch' },
    { confirmed: 0, expected: 0, reason: 'policy.disposal.nothingVerified' }
  ])('R-DISP-7 counted $confirmed against $expected', ({ confirmed, expected, reason }) => {
    expect(refusalOf(refuseCount(confirmed, expected))?.reason ?? null).toBe(reason)
  })
})

describe('R-DISP-5 joint appraisal and keep decisions', () => {
  it.each([
    { manager: '王经理', leader: '李主任', reason: null },
    { manager: '', leader: '李主任', reason: 'policy.disposal.appraisersRequired' },
    { manager: '王经理', leader: ' ', reason: 'policy.disposal.appraisersRequired' },
    { manager: '王经理', leader: '王 经理', reason: 'policy.disposal.appraisersDistinct' }
  ])('R-DISP-5 appraisers "$manager" and "$leader"', ({ manager, leader, reason }) => {
    expect(refusalOf(refuseAppraisers(manager, leader))?.reason ?? null).toBe(reason)
  })

  it.each<{ name: string; years: number | null | undefined; reason: string; result: string | null }>([
    { name: 'kept permanently with a reason', years: null, reason: '涉及长期合作', result: null },
    { name: 'kept 30 years from 2014 (to 2045)', years: 30, reason: '仍有参考价值', result: null },
    { name: 'no new period', years: undefined, reason: '仍有参考价值', result: 'policy.disposal.keepNeedsPeriod' },
    {
      name: 'a new period that has also ended (10 years from 2014)',
      years: 10,
      reason: '仍有参考价值',
      result: 'policy.disposal.keepPeriodEnded'
    },
    { name: 'no reason', years: 30, reason: '  ', result: 'policy.disposal.keepNeedsReason' }
  ])('R-DISP-5 $name', ({ years, reason, result }) => {
    expect(refusalOf(refuseKeep(2014, years, reason, '2026-03-02'))?.reason ?? null).toBe(result)
  })
})

describe('已保管时间 on the register', () => {
  it.each([
    { filingYear: 2014, destroyedOn: '2026-09-02', years: 11 },
    { filingYear: 2014, destroyedOn: '2025-01-01', years: 10 },
    { filingYear: 2014, destroyedOn: '2024-12-31', years: 9 },
    { filingYear: 2024, destroyedOn: '2024-06-01', years: 0 }
  ])('filed $filingYear, destroyed $destroyedOn → $years years', ({ filingYear, destroyedOn, years }) => {
    expect(yearsKept(filingYear, destroyedOn)).toBe(years)
  })
})

describe('R-DISP-5, R-DISP-7 the steps of a batch', () => {
  const listed = { state: 'listed' as const, stateName: '待鉴定', registerSigned: false }
  it.each<{
    name: string
    batch: Parameters<typeof refuseBatchStep>[0]
    states: BatchState[]
    refusal: Refusal | null
  }>([
    { name: 'a step in its state', batch: listed, states: ['listed'], refusal: null },
    {
      name: 'a step in another state names the state',
      batch: listed,
      states: ['awaiting', 'verified'],
      refusal: { ruleId: 'R-DISP-5', reason: 'policy.disposal.batchState', params: { state: '待鉴定' } }
    },
    {
      name: 'R-DISP-7 nothing once the register is signed, whatever the state',
      batch: { state: 'verified', stateName: '已复核', registerSigned: true },
      states: ['verified'],
      refusal: { ruleId: 'R-DISP-7', reason: 'policy.disposal.registerPermanent' }
    }
  ])('$name', ({ batch, states, refusal }) => {
    expect(refusalOf(refuseBatchStep(batch, states))).toEqual(refusal)
  })

  it.each<['destroy' | 'keep' | null, Refusal | null]>([
    ['destroy', null],
    ['keep', { ruleId: 'R-DISP-5', reason: 'policy.disposal.batchState', params: { state: '封存中' } }],
    [null, { ruleId: 'R-DISP-5', reason: 'policy.disposal.batchState', params: { state: '封存中' } }]
  ])('R-DISP-6 verifying a record decided %s', (decision, refusal) => {
    expect(refusalOf(refuseVerification(decision, '封存中'))).toEqual(refusal)
  })

  it.each<[number, Refusal | null]>([
    [0, null],
    [3, { ruleId: 'R-DISP-5', reason: 'policy.disposal.undecided', params: { count: 3 } }]
  ])('R-DISP-5 completing with %i records undecided', (undecided, refusal) => {
    expect(refusalOf(refuseUndecided(undecided))).toEqual(refusal)
  })
})

describe('R-DISP-6, R-DISP-7 the destruction register', () => {
  const ready = { holdUntil: '2026-09-02', today: '2026-09-10', unverified: 0, destroyedOn: '2026-09-05' }
  it.each<{ name: string; facts: Parameters<typeof refuseRegister>[0]; refusal: Refusal | null }>([
    { name: 'after the hold period, all verified, destroyed after it ended', facts: ready, refusal: null },
    { name: 'destroyed on the day the period ends', facts: { ...ready, destroyedOn: '2026-09-02' }, refusal: null },
    {
      name: 'R-DISP-6 before the hold period ends',
      facts: { ...ready, today: '2026-09-01' },
      refusal: { ruleId: 'R-DISP-6', reason: 'policy.disposal.holdPeriod', params: { until: '2026-09-02' } }
    },
    {
      name: 'R-DISP-6 with records not verified',
      facts: { ...ready, unverified: 2 },
      refusal: { ruleId: 'R-DISP-6', reason: 'policy.disposal.notVerified', params: { count: 2 } }
    },
    {
      name: 'R-DISP-6 a destruction dated inside the hold period',
      facts: { ...ready, destroyedOn: '2026-09-01' },
      refusal: { ruleId: 'R-DISP-6', reason: 'policy.disposal.beforeHoldEnd', params: { until: '2026-09-02' } }
    }
  ])('$name', ({ facts, refusal }) => {
    expect(refusalOf(refuseRegister(facts))).toEqual(refusal)
  })

  it.each<[string, Refusal | null]>([
    [
      '2026-09-04',
      { ruleId: 'R-DISP-7', reason: 'policy.disposal.signBeforeDestroyed', params: { destroyedOn: '2026-09-05' } }
    ],
    ['2026-09-05', null],
    ['2026-09-06', null]
  ])('R-DISP-7 signing on %s a destruction of 2026-09-05', (signedOn, refusal) => {
    expect(refusalOf(refuseSigning(signedOn, '2026-09-05'))).toEqual(refusal)
  })
})
