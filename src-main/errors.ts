import type { z } from 'zod'
import type { AppError, ErrorCode, FieldError } from '../src-preload/contract'
import type { MessageKey } from '../src-preload/i18n/zh-CN'

type Params = Record<string, string | number>

/** A refusal that crosses the boundary as an error envelope; message is an i18n key. */
export class AppFailure extends Error {
  readonly error: AppError

  constructor(code: ErrorCode, message: string, extra: Omit<AppError, 'code' | 'message'> = {}) {
    super(message)
    this.error = { code, message, ...extra }
  }
}

export const notFound = (message: MessageKey = 'errors.notFound') => new AppFailure('NOT_FOUND', message)
export const forbidden = (message: MessageKey = 'errors.forbidden') => new AppFailure('FORBIDDEN', message)
export const conflict = (message: MessageKey, params?: Params) =>
  new AppFailure('CONFLICT', message, params ? { params } : {})
export const unauthenticated = (message: MessageKey = 'errors.unauthenticated') =>
  new AppFailure('UNAUTHENTICATED', message)
/** Optimistic locking: a write on a record changed since the person read it is refused, not merged. */
export function refuseStale(current: number, expected: number): void {
  if (current !== expected) throw new AppFailure('CONFLICT', 'errors.staleVersion')
}
export const invalid = (details: FieldError[]) => new AppFailure('VALIDATION', 'errors.validation', { details })

/** A policy refusal (the Refusal of src-main/policy/decision.ts) as the envelope's POLICY_DENIED. */
export const refused = ({ ruleId, reason, params }: { ruleId: string; reason: MessageKey; params?: Params }) =>
  new AppFailure('POLICY_DENIED', reason, { ruleId, ...(params ? { params } : {}) })

/** The value a policy decision allows; a refusal is thrown as the envelope's POLICY_DENIED. */
export function enforce<T>(
  decision: { ok: true; value: T } | { ok: false; refusal: { ruleId: string; reason: MessageKey; params?: Params } }
): T {
  if (!decision.ok) throw refused(decision.refusal)
  return decision.value
}

/**
 * Faults of the disk or the database file that a person can cause or meet by ordinary means, in words: SQLite's
 * result codes and Node's file-system codes. Whatever failed was not saved; what was saved before is untouched.
 */
const STORAGE_MESSAGES: [RegExp, MessageKey][] = [
  [/^(SQLITE_FULL|ENOSPC|EDQUOT)/, 'errors.diskFull'],
  [/^(SQLITE_READONLY|EROFS|EACCES|EPERM)/, 'errors.storageReadOnly'],
  [/^(SQLITE_BUSY|SQLITE_LOCKED|EBUSY)/, 'errors.storageBusy'],
  [/^(SQLITE_CORRUPT|SQLITE_NOTADB)/, 'errors.storageCorrupt'],
  [/^(SQLITE_IOERR|SQLITE_CANTOPEN|EIO)/, 'errors.storageIo']
]

/** The envelope's error for anything thrown: a refusal as it was raised, a storage fault in words, else INTERNAL. */
export function appErrorOf(error: unknown): AppError {
  if (error instanceof AppFailure) return error.error
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code === 'string') {
    const storage = STORAGE_MESSAGES.find(([pattern]) => pattern.test(code))
    if (storage) return { code: 'STORAGE', message: storage[1] }
  }
  return { code: 'INTERNAL', message: 'errors.internal' }
}

/** Zod's issues as the field errors of the envelope, each with an i18n message key. */
const VALIDATION_MESSAGES: Record<string, MessageKey> = {
  invalid_type: 'validation.invalidType',
  unrecognized_keys: 'validation.unknownField',
  invalid_value: 'validation.invalidValue',
  too_small: 'validation.tooSmall',
  too_big: 'validation.tooBig',
  invalid_format: 'validation.invalidFormat'
}

export function fieldErrors(error: z.ZodError): FieldError[] {
  const details: FieldError[] = []
  for (const issue of error.issues) {
    const message = issue.message.startsWith('validation.')
      ? issue.message
      : (VALIDATION_MESSAGES[issue.code] ?? 'validation.invalidValue')
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) details.push({ path: [...issue.path, key].join('.'), message })
    } else {
      details.push({ path: issue.path.join('.'), message })
    }
  }
  return details
}
