import { CHANNELS, contract, type AppError, type Channel, type Envelope } from '@preload/contract'
import { appErrorOf, fieldErrors } from '../errors'
import { roleAllows } from '../policy/roles'
import type { Session, Sessions } from '../sessions'

export interface CallContext {
  sessionKey: string
  session: Session | null
}

export type Handler = (input: never, ctx: CallContext) => Promise<unknown>

/** Channels a locked session may still call: to unlock, or to give up and sign out. */
const ALLOWED_WHILE_LOCKED = new Set<Channel>(['app.status', 'auth.unlock', 'auth.logout'])

/**
 * Channels a session may call while its password, chosen by the administrator, is still to be changed: change it,
 * sign out, or unlock when it locked meanwhile (the lock check comes first and would otherwise leave no way on).
 */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set<Channel>([
  'app.status',
  'auth.changePassword',
  'auth.logout',
  'auth.unlock'
])

const failure = (error: AppError): Envelope<never> => ({ ok: false, error })

/** Inputs are plain data: Dates, Maps and class instances (which IPC can carry) are refused before parsing. */
function isPlainObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

/** A UTF-16 surrogate without its partner: such a string has no UTF-8 form, so SQLite would keep another one. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u

/**
 * Where the first string (a value or a key) that is not well-formed Unicode sits in a parsed input, or null. Every
 * text is stored and hashed as UTF-8 (the audit chain, R-SEC-1): one that cannot be encoded would be kept as
 * something else than what was hashed.
 */
function malformedTextAt(value: unknown, at: string[] = []): string[] | null {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? at : null
  if (typeof value !== 'object' || value === null) return null
  for (const [key, inner] of Object.entries(value)) {
    if (LONE_SURROGATE.test(key)) return at
    const found = malformedTextAt(inner, [...at, key])
    if (found) return found
  }
  return null
}

export interface Dispatcher {
  (channel: string, input: unknown, sessionKey: string): Promise<Envelope<unknown>>
}

/**
 * The single entrance for every call, from IPC or from browser mode: known channel, signed-in and unlocked where
 * needed, role allowed, input parsed — then the handler. Nothing throws out of here.
 */
export function createDispatcher(
  handlers: Record<Channel, Handler>,
  sessions: Sessions,
  idleLockMinutes: () => Promise<number>,
  log: (error: unknown, channel: string) => void
): Dispatcher {
  return async (channel, input, sessionKey) => {
    try {
      if (!(CHANNELS as string[]).includes(channel))
        return failure({ code: 'NOT_FOUND', message: 'errors.unknownChannel' })
      const name = channel as Channel
      const definition = contract[name]
      const session = sessions.refresh(sessionKey, await idleLockMinutes())
      if (definition.access !== 'public') {
        if (!session) return failure({ code: 'UNAUTHENTICATED', message: 'errors.unauthenticated' })
        if (session.locked && !ALLOWED_WHILE_LOCKED.has(name)) {
          return failure({ code: 'UNAUTHENTICATED', message: 'errors.sessionLocked', ruleId: 'R-SEC-3' })
        }
        if (session.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(name)) {
          return failure({ code: 'FORBIDDEN', message: 'errors.passwordChangeRequired', ruleId: 'R-SEC-3' })
        }
        if (!roleAllows(definition.access, session.role)) {
          return failure({ code: 'FORBIDDEN', message: 'errors.forbidden', ruleId: 'R-ROLE-7' })
        }
      }
      if (!isPlainObject(input)) {
        return failure({
          code: 'VALIDATION',
          message: 'errors.validation',
          details: [{ path: '', message: 'validation.invalidType' }]
        })
      }
      const parsed = definition.input.safeParse(input)
      if (!parsed.success)
        return failure({
          code: 'VALIDATION',
          message: 'errors.validation',
          details: fieldErrors(parsed.error, definition.input)
        })
      const malformed = malformedTextAt(parsed.data)
      if (malformed)
        return failure({
          code: 'VALIDATION',
          message: 'errors.validation',
          details: [{ path: malformed.join('.'), message: 'validation.invalidText' }]
        })
      const data = await handlers[name](parsed.data as never, { sessionKey, session })
      if (session) sessions.touch(sessionKey)
      return { ok: true, data: data ?? null }
    } catch (error) {
      const described = appErrorOf(error)
      if (described.code === 'INTERNAL' || described.code === 'STORAGE') log(error, channel)
      return failure(described)
    }
  }
}
