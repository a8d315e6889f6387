import type { AppError, ErrorCode, FieldError } from '../src-preload/contract'

/** A refusal that crosses the boundary as an error envelope; message is an i18n key. */
export class AppFailure extends Error {
  readonly error: AppError

  constructor(code: ErrorCode, message: string, extra: Omit<AppError, 'code' | 'message'> = {}) {
    super(message)
    this.error = { code, message, ...extra }
  }
}

export const notFound = (message = 'errors.notFound') => new AppFailure('NOT_FOUND', message)
export const forbidden = (message = 'errors.forbidden') => new AppFailure('FORBIDDEN', message)
export const conflict = (message: string, params?: Record<string, string | number>) =>
  new AppFailure('CONFLICT', message, params ? { params } : {})
export const unauthenticated = (message = 'errors.unauthenticated') => new AppFailure('UNAUTHENTICATED', message)
export const invalid = (details: FieldError[]) => new AppFailure('VALIDATION', 'errors.validation', { details })
export const policyDenied = (ruleId: string, message: string, params?: Record<string, string | number>) =>
  new AppFailure('POLICY_DENIED', message, { ruleId, ...(params ? { params } : {}) })
