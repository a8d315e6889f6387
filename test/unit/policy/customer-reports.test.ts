import { describe, expect, it } from 'vitest'
import { decideDistribution, decidePreparation, decideReportApproval, reportDue } from '@main/policy/customer-reports'
import type { Role } from '@preload/contract'
import { refusalOf } from './refusal'

describe('S165 the monthly customer-archive report is due before the 5th', () => {
  it.each([
    ['2026-03-02', '2026-02', '2026-03-05', false],
    ['2026-03-05', '2026-02', '2026-03-05', false],
    ['2026-03-06', '2026-02', '2026-03-05', true],
    ['2027-01-10', '2026-12', '2027-01-05', true]
  ])('on %s the report of %s is due on %s (late: %s)', (today, month, dueOn, late) => {
    expect(reportDue(today)).toEqual({ month, dueOn, late })
  })

  it.each([
    [false, '2026-02', '2026-03-02', null],
    [true, '2026-02', '2026-03-02', 'customerUpkeep.policy.reportExists'],
    [false, '2026-03', '2026-03-02', 'customerUpkeep.policy.reportMonthOpen']
  ] as const)('prepared already %s, month %s on %s', (existing, month, today, refused) => {
    expect(refusalOf(decidePreparation(existing, month, today))?.reason ?? null).toBe(refused)
  })
})

describe('S167–S168 periodic reports are released only after approval, and distribution follows', () => {
  const prepared = { preparedBy: 1, approvedAt: null }
  it.each([
    ['gm', 2, prepared, null],
    ['archive_manager', 2, prepared, null],
    ['archivist', 2, prepared, 'customerUpkeep.policy.reportApprover'],
    ['gm', 1, prepared, 'customerUpkeep.policy.reportOwnApproval'],
    ['gm', 2, { preparedBy: 1, approvedAt: '2026-03-03T00:00:00Z' }, 'customerUpkeep.policy.reportApproved']
  ] as [Role, number, { preparedBy: number; approvedAt: string | null }, string | null][])(
    '%s (user %i) approving',
    (role, userId, report, refused) => {
      expect(refusalOf(decideReportApproval(report, { userId, role }))?.reason ?? null).toBe(refused)
    }
  )

  it('hands out no copy before the approval', () => {
    expect(refusalOf(decideDistribution({ approvedAt: null }))?.ruleId).toBe('S167')
    expect(refusalOf(decideDistribution({ approvedAt: '2026-03-03T00:00:00Z' }))).toBeNull()
  })
})
