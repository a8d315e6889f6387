import { describe, expect, it } from 'vitest'
import { refuse } from '@main/policy/decision'
import { decideLogin, isIdleExpired } from '@main/policy/login'
import { refusalOf } from './refusal'

const settings = { idleLockMinutes: 15, maxFailedLogins: 5, lockoutMinutes: 15 }
const now = new Date('2026-03-02T09:00:00.000Z')
const minutesFromNow = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString()

describe('R-SEC-3 login decisions', () => {
  it.each([
    {
      name: 'right password signs in and clears the count',
      state: { failedLogins: 3, lockedUntil: null },
      ok: true,
      refusal: null,
      failed: 0,
      locked: null
    },
    {
      name: 'first wrong password counts one',
      state: { failedLogins: 0, lockedUntil: null },
      ok: false,
      refusal: 'errors.badCredentialsRemaining',
      failed: 1,
      locked: null
    },
    {
      name: 'fourth wrong password still only counts',
      state: { failedLogins: 3, lockedUntil: null },
      ok: false,
      refusal: 'errors.badCredentialsRemaining',
      failed: 4,
      locked: null
    },
    {
      name: 'fifth wrong password locks for 15 minutes',
      state: { failedLogins: 4, lockedUntil: null },
      ok: false,
      refusal: 'errors.accountLocked',
      failed: 5,
      locked: minutesFromNow(15)
    },
    {
      name: 'while locked the right password is refused',
      state: { failedLogins: 5, lockedUntil: minutesFromNow(10) },
      ok: true,
      refusal: 'errors.accountLocked',
      failed: 5,
      locked: minutesFromNow(10)
    },
    {
      name: 'after the lock the right password signs in',
      state: { failedLogins: 5, lockedUntil: minutesFromNow(-1) },
      ok: true,
      refusal: null,
      failed: 0,
      locked: null
    },
    {
      name: 'after the lock a wrong password starts a new count',
      state: { failedLogins: 5, lockedUntil: minutesFromNow(-1) },
      ok: false,
      refusal: 'errors.badCredentialsRemaining',
      failed: 1,
      locked: null
    }
  ])('$name', ({ state, ok, refusal, failed, locked }) => {
    const decision = decideLogin({ role: 'archivist', active: true, ...state }, ok, now, settings)
    expect(refusalOf(decision.decision)?.reason ?? null).toBe(refusal)
    expect(decision.failedLogins).toBe(failed)
    expect(decision.lockedUntil).toBe(locked)
  })

  it('a wrong password says how many tries are left; a lock says until when', () => {
    const wrong = decideLogin(
      { role: 'archivist', active: true, failedLogins: 1, lockedUntil: null },
      false,
      now,
      settings
    )
    expect(wrong.decision).toEqual(refuse('R-SEC-3', 'errors.badCredentialsRemaining', { remaining: 3 }))
    const locked = decideLogin(
      { role: 'archivist', active: true, failedLogins: 4, lockedUntil: null },
      false,
      now,
      settings
    )
    expect(locked.decision).toEqual(refuse('R-SEC-3', 'errors.accountLocked', { until: minutesFromNow(15) }))
  })

  it('refuses a switched-off account even with the right password', () => {
    const decision = decideLogin(
      { role: 'archivist', active: false, failedLogins: 0, lockedUntil: null },
      true,
      now,
      settings
    )
    expect(decision.decision).toEqual(refuse('R-SEC-3', 'errors.accountInactive'))
  })

  it('follows the configured limit and duration', () => {
    const strict = { ...settings, maxFailedLogins: 3, lockoutMinutes: 60 }
    const decision = decideLogin(
      { role: 'archivist', active: true, failedLogins: 2, lockedUntil: null },
      false,
      now,
      strict
    )
    expect(decision).toMatchObject({
      lockedUntil: minutesFromNow(60),
      decision: { refusal: { reason: 'errors.accountLocked' } }
    })
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
