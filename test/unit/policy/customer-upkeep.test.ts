import { describe, expect, it } from 'vitest'
import {
  creditReviewReason,
  decideChange,
  decideCredit,
  decideProposal,
  decideReassignment,
  decideRegistrationDates,
  decideStaff,
  decideVerification,
  DEFAULT_CUSTOMER_UPKEEP as SETTINGS,
  formalDueOn,
  formalLate,
  importantChanges,
  plannedVisits,
  reviewDue,
  staffShort,
  upkeepCutoffs
} from '@main/policy/customer-upkeep'
import { addDays } from '@main/policy/calendar'
import type { CustomerUpkeepSettings, Role } from '@preload/contract'
import { refusalOf } from './refusal'

describe('S29 a temporary file becomes formal within the set days of the completion documents', () => {
  it.each([
    ['temporary', '2026-03-01', '2026-03-06', false],
    ['temporary', '2026-03-01', '2026-03-07', true],
    ['formal', '2026-03-01', '2026-04-01', false],
    ['temporary', null, '2027-01-01', false]
  ] as const)('%s file, completion %s, on %s: late %s', (status, completionOn, today, late) => {
    expect(formalLate({ status, completionOn }, SETTINGS, today)).toBe(late)
  })

  it('counts the days from the setting (default 5, a versioned choice)', () => {
    expect(formalDueOn('2026-03-01', SETTINGS)).toBe('2026-03-06')
    expect(formalDueOn('2026-03-01', { ...SETTINGS, formalWithinDays: 10 })).toBe('2026-03-11')
    expect(formalDueOn(null, SETTINGS)).toBeNull()
  })

  it('refuses completion documents dated before the contract', () => {
    expect(refusalOf(decideRegistrationDates('2026-03-05', '2026-03-01'))?.ruleId).toBe('S29')
    expect(refusalOf(decideRegistrationDates('2026-03-01', '2026-03-05'))).toBeNull()
    expect(refusalOf(decideRegistrationDates(null, '2026-03-05'))).toBeNull()
  })
})

describe('S37–S40 a second person of a verifying role confirms the file before it is formal', () => {
  const file = { status: 'temporary' as const, createdBy: 1 }
  const verifier = (role: Role, userId = 2) => ({ userId, role })
  it.each([
    ['archive_manager', 2, SETTINGS, null],
    ['department_head', 2, SETTINGS, null],
    ['archivist', 2, SETTINGS, 'customerUpkeep.policy.notVerifier'],
    // S37: where the custodian verifies, the archivist does.
    ['archivist', 2, { ...SETTINGS, verifierRoles: ['archivist'] }, null],
    ['archive_manager', 1, SETTINGS, 'customerUpkeep.policy.ownFile']
  ] as [Role, number, CustomerUpkeepSettings, string | null][])('%s (user %i)', (role, userId, settings, refused) => {
    expect(refusalOf(decideVerification(file, verifier(role, userId), settings))?.reason ?? null).toBe(refused)
  })

  it('refuses a file that is formal already', () => {
    expect(refusalOf(decideVerification({ status: 'formal', createdBy: 1 }, verifier('gm'), SETTINGS))).toEqual({
      ruleId: 'S40',
      reason: 'customerUpkeep.policy.alreadyFormal'
    })
  })
})

describe('S59–S61 return visits fall on the planned days after the contract', () => {
  it('lists each planned visit with its day, done or due', () => {
    const visits = plannedVisits('2026-03-01', SETTINGS, [{ planDay: 3, happenedOn: '2026-03-04' }], '2026-03-20')
    expect(visits).toEqual([
      { day: 3, dueOn: '2026-03-04', doneOn: '2026-03-04', due: false },
      { day: 15, dueOn: '2026-03-16', doneOn: null, due: true },
      { day: 30, dueOn: '2026-03-31', doneOn: null, due: false },
      { day: 60, dueOn: '2026-04-30', doneOn: null, due: false }
    ])
  })

  it('follows the plan set (S61: the supervising doctor visits on days 15, 30 and 60)', () => {
    const visits = plannedVisits('2026-03-01', { ...SETTINGS, visitDays: [60, 15, 30] }, [], '2026-03-01')
    expect(visits.map((visit) => visit.day)).toEqual([15, 30, 60])
  })

  it('has no plan before the contract is signed', () => {
    expect(plannedVisits(null, SETTINGS, [], '2026-03-01')).toEqual([])
  })
})

describe('S46–S47, S52 reviews follow the cadence of the grade', () => {
  it.each([
    ['important', null, '2026-04-01', '2026-04-01', true],
    ['important', '2026-03-15', '2026-04-14', '2026-04-15', false],
    ['special', null, '2026-05-31', '2026-06-01', false],
    ['general', '2026-01-10', '2027-01-10', '2027-01-10', true]
  ] as const)('%s last reviewed %s, on %s: due on %s', (grade, last, today, dueOn, due) => {
    expect(reviewDue(grade, last, '2026-03-01', SETTINGS, today)).toEqual({ dueOn, due })
  })

  it('S47 a quarterly cadence for important customers, if the manager sets it', () => {
    const quarterly = { ...SETTINGS, reviewMonths: { ...SETTINGS.reviewMonths, important: 3 } }
    expect(reviewDue('important', null, '2026-03-01', quarterly, '2026-04-01').due).toBe(false)
  })
})

describe('S154 important customers have at least two staff contacts', () => {
  it.each([
    ['important', [1], 'customerUpkeep.policy.importantNeedsTwo'],
    ['important', [1, 2], null],
    ['important', [1, 1], 'customerUpkeep.policy.staffTwice'],
    ['general', [1], null],
    ['general', [], null]
  ] as const)('%s with %j', (grade, ids, refused) => {
    expect(refusalOf(decideStaff(grade, [...ids]))?.reason ?? null).toBe(refused)
    expect(staffShort(grade, ids.length)).toBe(refused === 'customerUpkeep.policy.importantNeedsTwo')
  })
})

describe('S151–S152 a leaver’s customers go to another person in post', () => {
  it.each([
    [{ id: 2, active: true }, null],
    [{ id: 2, active: false }, 'customerUpkeep.policy.replacementInactive'],
    [undefined, 'customerUpkeep.policy.replacementInactive'],
    [{ id: 1, active: true }, 'customerUpkeep.policy.sameReplacement']
  ] as const)('to %j', (to, refused) => {
    expect(refusalOf(decideReassignment(1, to))?.reason ?? null).toBe(refused)
  })
})

describe('S19–S21 the credit file', () => {
  it.each([
    ['general', '', null, null],
    ['important', '', null, 'customerUpkeep.policy.riskEvaluationNeeded'],
    ['important', '经营稳定，回款及时', { customerId: 7 }, null],
    ['general', '', { customerId: 8 }, 'customerUpkeep.policy.reportNotInFile'],
    ['general', '', { customerId: null }, 'customerUpkeep.policy.reportNotInFile']
  ] as const)('%s, risk %j, report %j', (grade, riskEvaluation, report, refused) => {
    expect(refusalOf(decideCredit(grade, { riskEvaluation, report }, 7))?.reason ?? null).toBe(refused)
  })

  it.each([
    ['important', null, '2026-03-01T00:00:00Z', 'unrated'],
    ['general', null, '2026-03-01T00:00:00Z', null],
    ['general', { limitYear: 2025, recordedAt: '2025-03-01T00:00:00Z' }, '2025-01-01T00:00:00Z', 'expired'],
    ['general', { limitYear: 2026, recordedAt: '2026-03-01T00:00:00Z' }, '2026-03-05T00:00:00Z', 'situationChanged'],
    ['important', { limitYear: 2026, recordedAt: '2026-03-05T00:00:00Z' }, '2026-03-01T00:00:00Z', null]
  ] as const)('%s, latest %j, customer changed %s: %s', (grade, latest, updatedAt, reason) => {
    expect(creditReviewReason(grade, latest, updatedAt, '2026-06-01')).toBe(reason)
  })
})

describe('S50: important changes', () => {
  const now = {
    name: '顺达',
    legalRepresentative: '王建国',
    grade: 'general' as const,
    registeredCapital: 500,
    creditStanding: ''
  }

  it('a formal file holds the important fields that change, a temporary one none', () => {
    const proposed = { ...now, grade: 'important' as const, registeredCapital: 900 }
    expect(importantChanges('formal', now, proposed)).toEqual([
      { field: 'grade', before: 'general', after: 'important' },
      { field: 'registeredCapital', before: 500, after: 900 }
    ])
    expect(importantChanges('formal', now, { ...now })).toEqual([])
    expect(importantChanges('temporary', now, proposed)).toEqual([])
  })

  it('one waits at a time; a verifier of the settings decides it, never its proposer, and only once', () => {
    expect(decideProposal(7)).toMatchObject({ ok: false, refusal: { ruleId: 'S50' } })
    expect(decideProposal(null).ok).toBe(true)
    const waiting = { status: 'pending' as const, proposedById: 3 }
    const verifier = { userId: 4, role: 'archive_manager' as const }
    expect(decideChange(waiting, verifier, SETTINGS).ok).toBe(true)
    expect(decideChange(waiting, { ...verifier, userId: 3 }, SETTINGS)).toMatchObject({
      ok: false,
      refusal: { reason: 'customerUpkeep.policy.ownChange' }
    })
    expect(decideChange(waiting, { userId: 4, role: 'archivist' }, SETTINGS)).toMatchObject({
      ok: false,
      refusal: { reason: 'customerUpkeep.policy.notVerifier' }
    })
    expect(decideChange({ ...waiting, status: 'approved' }, verifier, SETTINGS)).toMatchObject({
      ok: false,
      refusal: { reason: 'customerUpkeep.policy.changeDecided' }
    })
  })
})

describe('S29, S46–S47, S59–S61 the cut-off days count the same customers as the rules customer by customer', () => {
  // Month ends, leap days and year ends are where a month's arithmetic and a day's part ways.
  const TODAYS = ['2026-02-28', '2028-02-29', '2026-03-31', '2026-12-31', '2027-01-01', '2026-05-15', '2026-03-01']
  const settingsOf = (seed: number): CustomerUpkeepSettings => ({
    ...SETTINGS,
    formalWithinDays: seed % 31,
    visitDays: [1 + (seed % 7), 15 + (seed % 50)],
    reviewMonths: { important: 1 + (seed % 3), special: 1 + (seed % 12), general: 12 + (seed % 25) }
  })

  it.each(TODAYS)('on %s, for every day within four years before it', (today) => {
    const disagreements: string[] = []
    for (let seed = 0; seed < 12; seed += 1) {
      const settings = settingsOf(seed * 7)
      const cutoffs = upkeepCutoffs(settings, today)
      for (let back = -3; back <= 4 * 366; back += 1) {
        const day = addDays(today, -back)
        const late = formalLate({ status: 'temporary', completionOn: day }, settings, today)
        if (late !== day < cutoffs.formalCompletedBefore) disagreements.push(`formal ${day} ${late}`)
        for (const grade of ['important', 'special', 'general'] as const) {
          const due = reviewDue(grade, day, day, settings, today).due
          if (due !== day <= cutoffs.reviewedBy[grade]) disagreements.push(`review ${grade} ${day} ${due}`)
        }
        const visits = plannedVisits(day, settings, [], today)
          .filter((visit) => visit.due)
          .map((visit) => visit.day)
        const counted = cutoffs.visitsSignedBy.filter((visit) => day <= visit.signedBy).map((visit) => visit.day)
        if (visits.join() !== counted.sort((a, b) => a - b).join()) disagreements.push(`visits ${day} ${visits.join()}`)
      }
    }
    expect(disagreements).toEqual([])
  })

  it('S19: a limit of an earlier year than today’s is expired', () => {
    expect(upkeepCutoffs(SETTINGS, '2027-01-01').creditYear).toBe(2027)
    expect(creditReviewReason('general', { limitYear: 2026, recordedAt: '' }, '', '2027-01-01')).toBe('expired')
  })
})
