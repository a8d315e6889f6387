import type { z } from 'zod'
import type { AppError, ErrorCode, FieldError } from '@preload/contract'
import type { MessageKey } from '@preload/i18n/zh-CN'

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

interface SchemaDefinition {
  type: string
  innerType?: z.ZodType
  in?: z.ZodType
  shape?: Record<string, z.ZodType>
  element?: z.ZodType
}

const definitionOf = (schema: z.ZodType) => schema._zod.def as SchemaDefinition

/** The schema that checks the value at `path`, through objects, lists and optional, default or piped wrappers. */
function schemaAt(schema: z.ZodType, path: PropertyKey[]): z.ZodType | null {
  let here: z.ZodType | undefined = schema
  let index = 0
  while (here) {
    const definition = definitionOf(here)
    if (definition.innerType) here = definition.innerType
    else if (definition.type === 'pipe') here = definition.in
    else if (index === path.length) return here
    else if (definition.type === 'object') here = definition.shape?.[String(path[index++])]
    else if (definition.type === 'array') {
      here = definition.element
      index += 1
    } else return null
  }
  return null
}

/** Both ends of a number's allowed range, so "out of range" can say which range ("1–24"), whichever end was crossed. */
function rangeOf(schema: z.ZodType | undefined, path: PropertyKey[]): { min: number; max: number } | null {
  const target = schema && schemaAt(schema, path)
  if (!target || definitionOf(target).type !== 'number') return null
  const { minValue, maxValue } = target as z.ZodNumber
  return minValue !== null && maxValue !== null && Number.isFinite(minValue) && Number.isFinite(maxValue)
    ? { min: minValue, max: maxValue }
    : null
}

/** `schema` is the one that failed: where given, a number out of its range is reported with both ends. */
export function fieldErrors(error: z.ZodError, schema?: z.ZodType): FieldError[] {
  const details: FieldError[] = []
  for (const issue of error.issues) {
    const message = issue.message.startsWith('validation.')
      ? issue.message
      : (VALIDATION_MESSAGES[issue.code] ?? 'validation.invalidValue')
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) details.push({ path: [...issue.path, key].join('.'), message })
      continue
    }
    const range = message === 'validation.range' ? rangeOf(schema, issue.path) : null
    details.push(
      range
        ? { path: issue.path.join('.'), message: 'validation.between', params: range }
        : { path: issue.path.join('.'), message }
    )
  }
  return details
}
