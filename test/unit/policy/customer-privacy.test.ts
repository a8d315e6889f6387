import { describe, expect, it } from 'vitest'
import { DEFAULT_RETENTION, type ConsentField, type Role } from '@preload/contract'
import {
  expiredClasses,
  retentionEndsOn,
  decideCollection,
  decideConsent,
  decideDisclose,
  decideDisclosureApproval,
  decideDisclosureRequest,
  decideReveal,
  decideRightsAnswer,
  detectAlarms,
  fieldMarks,
  type CustomerRead,
  inactiveBefore,
  rightsDueOn,
  maskSensitive,
  sensitivityOf,
  validSensitiveValue
} from '@main/policy/customer-privacy'

const OPTIONAL: ConsentField[] = ['personalAssets', 'contactEmail']

describe('S110 a customer may refuse only what is not needed', () => {
  it.each<[ConsentField[], string | null]>([
    [[], null],
    [['personalAssets'], null],
    [['personalAssets', 'contactEmail'], null],
    [['idNumber'], 'idNumber'],
    [['contactEmail', 'address'], 'address']
  ])('refusing %j → %s', (refused, needed) => {
    const decision = decideConsent(refused, OPTIONAL)
    expect(decision.ok ? null : decision.refusal).toEqual(
      needed === null
        ? null
        : { ruleId: 'S110', reason: 'customerPrivacy.rules.refusedNecessary', params: { field: needed } }
    )
  })
})

describe('S107, S112 field marks and collection', () => {
  const marks = fieldMarks(OPTIONAL, ['personalAssets'])
  it('marks needed, optional and refused fields', () => {
    expect([marks.idNumber, marks.contactEmail, marks.personalAssets]).toEqual(['required', 'optional', 'refused'])
  })
  it.each<[ConsentField, string, boolean]>([
    ['personalAssets', '房产两处', false],
    ['personalAssets', '', true],
    ['contactEmail', 'a@b.cn', true],
    ['idNumber', '310101198001011234', true]
  ])('collecting %s = %j allowed: %s', (field, value, ok) => {
    expect(decideCollection(field, value, marks).ok).toBe(ok)
  })
})

describe('S117, S121, S122 sensitivity, masking and who may reveal', () => {
  it.each<[ConsentField, string]>([
    ['idNumber', 'core'],
    ['personalAssets', 'core'],
    ['contactPhone', 'important'],
    ['address', 'general']
  ])('%s is %s', (field, level) => expect(sensitivityOf(field)).toBe(level))

  it.each([
    ['idNumber', '310101198001011234', '310101********1234'],
    ['idNumber', '12345', '*****'],
    ['personalAssets', '房产两处', '******'],
    ['idNumber', '', '']
  ] as const)('masks %s %s as %s', (field, value, masked) => expect(maskSensitive(field, value)).toBe(masked))

  it.each<[Role, boolean]>([
    ['archivist', true],
    ['archive_manager', true],
    ['staff_viewer', false],
    ['department_head', false],
    ['gm', false]
  ])('%s may reveal: %s', (role, ok) => {
    const decision = decideReveal(role)
    expect(decision.ok ? 'ok' : decision.refusal.ruleId).toBe(ok ? 'ok' : 'S121')
  })

  it.each([
    ['310101198001011234', true],
    ['31010119800101123X', true],
    ['310101800101123', true],
    ['3101011980010112', false],
    ['', true]
  ])('S6 ID number %j valid: %s', (value, ok) => expect(validSensitiveValue('idNumber', value)).toBe(ok))
})

describe('S130–S133 disclosure needs approval, and consent for a third party', () => {
  it.each([
    ['third_party', 'approvalAndConsent', false, 'S133'],
    ['third_party', 'approvalAndConsent', true, null],
    ['third_party', 'approvalOnly', false, null],
    ['internal', 'approvalAndConsent', false, null]
  ] as const)('%s under %s with consent %s → %s', (recipientKind, sharingRule, sharingConsent, ruleId) => {
    const decision = decideDisclosureRequest({ recipientKind, sharingRule, sharingConsent })
    expect(decision.ok ? null : decision.refusal.ruleId).toBe(ruleId)
  })

  const open = {
    status: 'requested',
    role: 'archive_manager',
    approver: 'archive_manager',
    requestedBy: 'keeper',
    username: 'boss'
  } as const
  it.each([
    [open, null],
    [{ ...open, status: 'approved' }, 'S131'],
    [{ ...open, role: 'archivist' }, 'S131'],
    [{ ...open, approver: 'gm' }, 'S131'],
    [{ ...open, requestedBy: 'boss' }, 'R-ROLE-7']
  ] as const)('approval %j → %s', (facts, ruleId) => {
    const decision = decideDisclosureApproval(facts)
    expect(decision.ok ? null : decision.refusal.ruleId).toBe(ruleId)
  })

  it.each([
    ['approved', true],
    ['requested', false],
    ['refused', false],
    ['disclosed', false]
  ] as const)('S131 disclosing a %s request allowed: %s', (status, ok) => expect(decideDisclose(status).ok).toBe(ok))
})

describe('S103, S120, S140 answering an individual request', () => {
  const open = { status: 'open', kind: 'delete', outcome: 'anonymised', protectedRecords: 3 } as const
  it.each([
    [open, null],
    [{ ...open, status: 'answered' }, 'S120'],
    [{ ...open, outcome: 'corrected' }, 'S120'],
    [{ ...open, outcome: 'purged' }, 'S140'],
    [{ ...open, outcome: 'purged', protectedRecords: 0 }, null],
    [{ ...open, kind: 'access', outcome: 'shown' }, null],
    [{ ...open, kind: 'correct', outcome: 'refused' }, null]
  ] as const)('%j → %s', (facts, ruleId) => {
    const decision = decideRightsAnswer(facts)
    expect(decision.ok ? null : decision.refusal.ruleId).toBe(ruleId)
  })

  it('answers are due the set days after receipt; S143 inactivity counts back the set months', () => {
    expect(rightsDueOn('2026-03-02', 15)).toBe('2026-03-17')
    expect(inactiveBefore('2026-03-31', 24)).toBe('2024-03-31')
  })
})

describe('S136 alarms', () => {
  const limits = { bulkReadThreshold: 100, workdayStartHour: 8, workdayEndHour: 18, refusalThreshold: 3 }
  const read = (more: Partial<CustomerRead>): CustomerRead => ({
    username: 'keeper',
    day: '2026-03-02',
    hour: 10,
    action: 'view',
    rows: 1,
    ...more
  })
  it('raises nothing for ordinary work', () => {
    expect(detectAlarms([read({}), read({ action: 'export', rows: 50 })], limits)).toEqual([])
  })
  it('raises a bulk read when one person reads or exports the threshold in a day', () => {
    expect(detectAlarms([read({ action: 'export', rows: 99 }), read({})], limits)).toEqual([
      { kind: 'bulkRead', username: 'keeper', day: '2026-03-02', count: 100, description: '' }
    ])
    expect(detectAlarms([read({ action: 'export', rows: 99 }), read({ day: '2026-03-03' })], limits)).toEqual([])
  })
  it.each([
    [7, true],
    [8, false],
    [17, false],
    [18, true],
    [23, true]
  ])('a read at %i h is after hours: %s', (hour, raised) => {
    expect(detectAlarms([read({ hour })], limits).map((alarm) => alarm.kind)).toEqual(raised ? ['afterHours'] : [])
  })
  it('raises repeated refusals at the threshold, not before', () => {
    const refused = read({ action: 'refused' })
    expect(detectAlarms([refused, refused], limits)).toEqual([])
    expect(detectAlarms([refused, refused, refused], limits).map((alarm) => alarm.kind)).toEqual(['repeatedRefusals'])
  })
})

describe('S139: retention per information class', () => {
  it('a period in days or years ends that long after the last contact', () => {
    expect(retentionEndsOn('2026-03-02', { amount: 100, unit: 'days' })).toBe('2026-06-10')
    expect(retentionEndsOn('2024-02-29', { amount: 1, unit: 'years' })).toBe('2025-02-28')
  })

  it('a class expires the day after its period ends, and only classes still held', () => {
    const retention = { ...DEFAULT_RETENTION, idNumber: { amount: 100, unit: 'days' as const } }
    const held = ['contact', 'idNumber', 'credit'] as const
    expect(expiredClasses('2026-03-02', held, retention, '2026-06-10')).toEqual([])
    expect(expiredClasses('2026-03-02', held, retention, '2026-06-11')).toEqual(['idNumber'])
    expect(expiredClasses('2026-03-02', held, retention, '2029-03-03')).toEqual(['contact', 'idNumber'])
    expect(expiredClasses('2026-03-02', ['assets'], retention, '2040-01-01')).toEqual(['assets'])
  })
})
