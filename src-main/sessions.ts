import type { Role } from '@preload/contract'
import { isIdleExpired } from './policy/login'

export interface Session {
  userId: number
  username: string
  displayName: string
  role: Role
  /** The administrator chose the password; until the person changes it, the dispatcher allows nothing else. */
  mustChangePassword: boolean
  /** Shown to the person for as long as the session lasts (R-ROLE-7): their sign-in before this one, and a reset since. */
  lastSignInAt: string | null
  passwordReset: { at: string; by: string } | null
  lastActivity: number
  locked: boolean
}

/**
 * Signed-in sessions, keyed by the caller: one Electron window, or one browser client. Kept in memory only, so a
 * restart signs everybody out.
 */
export class Sessions {
  private readonly byKey = new Map<string, Session>()

  constructor(private readonly clock: () => Date) {}

  start(key: string, user: Omit<Session, 'lastActivity' | 'locked'>): Session {
    const session = { ...user, lastActivity: this.clock().getTime(), locked: false }
    this.byKey.set(key, session)
    return session
  }

  get(key: string): Session | null {
    return this.byKey.get(key) ?? null
  }

  /** Locks a session that has been idle for the set minutes; returns it as it now stands. */
  refresh(key: string, idleLockMinutes: number): Session | null {
    const session = this.byKey.get(key)
    if (!session) return null
    if (!session.locked && isIdleExpired(session.lastActivity, this.clock(), idleLockMinutes)) session.locked = true
    return session
  }

  touch(key: string): void {
    const session = this.byKey.get(key)
    if (session && !session.locked) session.lastActivity = this.clock().getTime()
  }

  lock(key: string): void {
    const session = this.byKey.get(key)
    if (session) session.locked = true
  }

  unlock(key: string): void {
    const session = this.byKey.get(key)
    if (session) {
      session.locked = false
      session.lastActivity = this.clock().getTime()
    }
  }

  passwordChanged(key: string): void {
    const session = this.byKey.get(key)
    if (session) session.mustChangePassword = false
  }

  end(key: string): void {
    this.byKey.delete(key)
  }

  endAll(): void {
    this.byKey.clear()
  }

  /** Signs out every session of a user, e.g. when the account is switched off. */
  endUser(userId: number): void {
    for (const [key, session] of this.byKey) if (session.userId === userId) this.byKey.delete(key)
  }
}
