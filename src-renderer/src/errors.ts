import type { FormInstance } from 'antd'
import dayjs from 'dayjs'
import type { TFunction } from 'i18next'
import { createElement, type ReactNode } from 'react'
import type { AppError } from '@preload/contract'
import { ApiError } from './api/client'
import { WithRule } from './components/RuleTag'

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

export const formatDateTime = (iso: string) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '')

function localParams(params: AppError['params']): Record<string, string | number> {
  const out: Record<string, string | number> = {}
  for (const [key, value] of Object.entries(params ?? {})) {
    out[key] = typeof value === 'string' && ISO_TIMESTAMP.test(value) ? dayjs(value).format('YYYY-MM-DD HH:mm') : value
  }
  return out
}

export function appErrorOf(error: unknown): AppError {
  return error instanceof ApiError ? error.error : { code: 'INTERNAL', message: 'errors.internal' }
}

/** One sentence in the user's language, followed by the tag of the rule it rests on where main gave one. */
export function describeError(t: TFunction, error: unknown): ReactNode {
  return describeAppError(t, appErrorOf(error))
}

/** The same sentence for an error main reported inside an answer, e.g. one record's refusal in a batch. */
export function describeAppError(t: TFunction, appError: AppError): ReactNode {
  const text = t(appError.message, localParams(appError.params))
  return appError.ruleId ? createElement(WithRule, { text, ruleId: appError.ruleId }) : text
}

/** Puts main's field errors under the fields they belong to; returns whether any field was marked. */
export function showFieldErrors(form: FormInstance, t: TFunction, error: unknown): boolean {
  const details = appErrorOf(error).details ?? []
  const fields = details
    .filter((d) => d.path !== '')
    .map((d) => ({
      name: d.path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
      errors: [t(d.message, localParams(d.params))]
    }))
  form.setFields(fields)
  return fields.length > 0
}
