import type { MessageKey } from '@preload/i18n/zh-CN'
export type Params = Record<string, string | number>

/**
 * Why a rule decided as it did: the rule's id and the catalogue key of the sentence that says it, with the values
 * the sentence names. The sentences live only in the catalogues (src-preload/i18n), in both languages.
 */
export interface Reason {
  ruleId: string
  reason: MessageKey
  params?: Params
}

/** A reason that says no. */
export type Refusal = Reason

/** What every policy check returns: allowed, with what it worked out (if anything), or refused and why. */
export type Decision<T = undefined> = { ok: true; value: T } | { ok: false; refusal: Refusal }

/** A value worked out by a rule together with the reason, for the person to see why (a filing year, a judgement). */
export type Reasoned<T> = Reason & { value: T }

export const allowed: Decision<undefined> = { ok: true, value: undefined }

export const allow = <T>(value: T): Decision<T> => ({ ok: true, value })

export const refuse = <T = undefined>(ruleId: string, reason: MessageKey, params?: Params): Decision<T> => ({
  ok: false,
  refusal: { ruleId, reason, ...(params ? { params } : {}) }
})
