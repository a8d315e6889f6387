import type { SecuritySettings } from '../../src-preload/contract'

export interface LoginState {
  active: boolean
  failedLogins: number
  lockedUntil: string | null
}

export type LoginDecision =
  | { outcome: 'accepted'; failedLogins: 0; lockedUntil: null }
  | {
      outcome: 'rejected'
      reason: 'inactive' | 'locked' | 'badPassword'
      failedLogins: number
      lockedUntil: string | null
      ruleId: 'R-SEC-3'
    }

/**
 * R-SEC-3: a password check either signs in or counts a failure; the failure that reaches the limit locks the
 * account for the set minutes. While locked, even the right password is refused and nothing is counted.
 */
export function decideLogin(
  state: LoginState,
  passwordMatches: boolean,
  now: Date,
  settings: SecuritySettings
): LoginDecision {
  if (!state.active) {
    return {
      outcome: 'rejected',
      reason: 'inactive',
      failedLogins: state.failedLogins,
      lockedUntil: state.lockedUntil,
      ruleId: 'R-SEC-3'
    }
  }
  if (state.lockedUntil && new Date(state.lockedUntil).getTime() > now.getTime()) {
    return {
      outcome: 'rejected',
      reason: 'locked',
      failedLogins: state.failedLogins,
      lockedUntil: state.lockedUntil,
      ruleId: 'R-SEC-3'
    }
  }
  if (passwordMatches) return { outcome: 'accepted', failedLogins: 0, lockedUntil: null }
  const lockExpired = state.lockedUntil !== null
  const failedLogins = (lockExpired ? 0 : state.failedLogins) + 1
  if (failedLogins >= settings.maxFailedLogins) {
    const lockedUntil = new Date(now.getTime() + settings.lockoutMinutes * 60_000).toISOString()
    return { outcome: 'rejected', reason: 'locked', failedLogins, lockedUntil, ruleId: 'R-SEC-3' }
  }
  return { outcome: 'rejected', reason: 'badPassword', failedLogins, lockedUntil: null, ruleId: 'R-SEC-3' }
}

/** R-SEC-3: the session locks itself after the set idle minutes. */
export function isIdleExpired(lastActivity: number, now: Date, idleLockMinutes: number): boolean {
  return now.getTime() - lastActivity >= idleLockMinutes * 60_000
}
