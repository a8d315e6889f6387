import { describe, expect, it } from 'vitest'
import { decideLogin, isIdleExpired } from '../../../src-main/policy/login'

const settings = { idleLockMinutes: 15, maxFailedLogins: 5, lockoutMinutes: 15 }
const now = new Date('2026-03-02T09:00:00.000Z')
const minutesFromNow = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString()

describe('R-SEC-3 login decisions', () => {
  it.each([
    {
      name: 'right password signs in and clears the count',
      state: { failedLogins: 3, lockedUntil: null },
      ok: true,
      outcome: 'accepted',
      failed: 0,
      locked: null
    },
    {
      name: 'first wrong password counts one',
      state: { failedLogins: 0, lockedUntil: null },
      ok: false,
      outcome: 'rejected',
      failed: 1,
      locked: null
    },
    {
      name: 'fourth wrong password still only counts',
      state: { failedLogins: 3, lockedUntil: null },
      ok: false,
      outcome: 'rejected',
      failed: 4,
      locked: null
    },
    {
      name: 'fifth wrong password locks for 15 minutes',
      state: { failedLogins: 4, lockedUntil: null },
      ok: false,
      outcome: 'rejected',
      failed: 5,
      locked: minutesFromNow(15)
    },
    {
      name: 'while locked the right password is refused',
      state: { failedLogins: 5, lockedUntil: minutesFromNow(10) },
      ok: true,
      outcome: 'rejected',
      failed: 5,
      locked: minutesFromNow(10)
    },
    {
      name: 'after the lock the right password signs in',
      state: { failedLogins: 5, lockedUntil: minutesFromNow(-1) },
      ok: true,
      outcome: 'accepted',
      failed: 0,
      locked: null
    },
    {
      name: 'after the lock a wrong password starts a new count',
      state: { failedLogins: 5, lockedUntil: minutesFromNow(-1) },
      ok: false,
      outcome: 'rejected',
      failed: 1,
      locked: null
    }
  ])('$name', ({ state, ok, outcome, failed, locked }) => {
    const decision = decideLogin({ active: true, ...state }, ok, now, settings)
    expect(decision.outcome).toBe(outcome)
    expect(decision.failedLogins).toBe(failed)
    expect(decision.lockedUntil).toBe(locked)
  })

  it('refuses a switched-off account even with the right password', () => {
    const decision = decideLogin({ active: false, failedLogins: 0, lockedUntil: null }, true, now, settings)
    expect(decision).toMatchObject({ outcome: 'rejected', reason: 'inactive', ruleId: 'R-SEC-3' })
  })

  it('follows the configured limit and duration', () => {
    const strict = { ...settings, maxFailedLogins: 3, lockoutMinutes: 60 }
    const decision = decideLogin({ active: true, failedLogins: 2, lockedUntil: null }, false, now, strict)
    expect(decision).toMatchObject({ outcome: 'rejected', reason: 'locked', lockedUntil: minutesFromNow(60) })
  })

  it.each([
    [14, false],
    [15, true],
    [16, true]
  ])('idle for %i of 15 minutes → locked: %s', (idle, expired) => {
    const lastActivity = now.getTime() - idle * 60_000
    expect(isIdleExpired(lastActivity, now, 15)).toBe(expired)
  })
})
