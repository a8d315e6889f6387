import type { Decision, Refusal } from '@main/policy/decision'

/** The refusal a decision carries, or null when it allows: what the tables of refusals compare. */
export const refusalOf = (decision: Decision<unknown>): Refusal | null => (decision.ok ? null : decision.refusal)
