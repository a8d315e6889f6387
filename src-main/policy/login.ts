import type { Role, SecuritySettings } from '@preload/contract'
import { allow, refuse, type Decision } from './decision'

export interface LoginState {
  /** Null while the security officer has not given the account its role yet (待授权, R-ROLE-7). */
  role: Role | null
  active: boolean
  failedLogins: number
  lockedUntil: string | null
}

export interface LoginDecision {
  /** The failure count and lock to store, whether the password was accepted or not. */
  failedLogins: number
  lockedUntil: string | null
  /** The role the session is signed in under. */
  decision: Decision<Role>
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
  if (state.role === null) return { ...unchanged, decision: refuse('R-ROLE-7', 'errors.accountPending') }
  if (!state.active) return { ...unchanged, decision: refuse('R-SEC-3', 'errors.accountInactive') }
  if (state.lockedUntil && new Date(state.lockedUntil).getTime() > now.getTime())
    return { ...unchanged, decision: refuse('R-SEC-3', 'errors.accountLocked', { until: state.lockedUntil }) }
  if (passwordMatches) return { failedLogins: 0, lockedUntil: null, decision: allow(state.role) }
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

/**
 * R-ROLE-7, R-SEC-3: the reset of the password to tell whoever signs in, when it came after the previous sign-in.
 * Someone who signs in with a password the administrator reset is told it was reset, and by whom, and the person
 * whose account it is sees their previous sign-in: a sign-in they did not make shows.
 */
export function resetSinceLastSignIn(account: {
  lastLoginAt: string | null
  passwordResetAt: string | null
  passwordResetBy: string | null
}): { at: string; by: string } | null {
  const { lastLoginAt, passwordResetAt, passwordResetBy } = account
  if (passwordResetAt === null || passwordResetBy === null) return null
  if (lastLoginAt !== null && passwordResetAt < lastLoginAt) return null
  return { at: passwordResetAt, by: passwordResetBy }
}

/** R-SEC-3: the session locks itself after the set idle minutes. */
export function isIdleExpired(lastActivity: number, now: Date, idleLockMinutes: number): boolean {
  return now.getTime() - lastActivity >= idleLockMinutes * 60_000
}
