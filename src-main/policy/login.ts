import type { SecuritySettings } from '../../src-preload/contract'
import { allowed, refuse, type Decision } from './decision'

export interface LoginState {
  active: boolean
  failedLogins: number
  lockedUntil: string | null
}

export interface LoginDecision {
  /** The failure count and lock to store, whether the password was accepted or not. */
  failedLogins: number
  lockedUntil: string | null
  decision: Decision
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
  const unchanged = { failedLogins: state.failedLogins, lockedUntil: state.lockedUntil }
  if (!state.active) return { ...unchanged, decision: refuse('R-SEC-3', 'errors.accountInactive') }
  if (state.lockedUntil && new Date(state.lockedUntil).getTime() > now.getTime())
    return { ...unchanged, decision: refuse('R-SEC-3', 'errors.accountLocked', { until: state.lockedUntil }) }
  if (passwordMatches) return { failedLogins: 0, lockedUntil: null, decision: allowed }
  const lockExpired = state.lockedUntil !== null
  const failedLogins = (lockExpired ? 0 : state.failedLogins) + 1
  if (failedLogins >= settings.maxFailedLogins) {
    const lockedUntil = new Date(now.getTime() + settings.lockoutMinutes * 60_000).toISOString()
    return { failedLogins, lockedUntil, decision: refuse('R-SEC-3', 'errors.accountLocked', { until: lockedUntil }) }
  }
  const remaining = settings.maxFailedLogins - failedLogins
  return {
    failedLogins,
    lockedUntil: null,
    decision: refuse('R-SEC-3', 'errors.badCredentialsRemaining', { remaining })
  }
}

/** R-SEC-3: the session locks itself after the set idle minutes. */
export function isIdleExpired(lastActivity: number, now: Date, idleLockMinutes: number): boolean {
  return now.getTime() - lastActivity >= idleLockMinutes * 60_000
}
