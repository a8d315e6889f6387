import type { Channel, SessionInfo } from '@preload/contract'

/** What the renderer needs to know of a session to show only what main would allow. */
export type Permissions = Pick<SessionInfo, 'channels'>

/**
 * Whether the person signed in may call a channel — the session carries the channels main lets their role call, from
 * the same access lists it enforces, so the renderer never keeps its own idea of who may do what. Use it to hide what
 * would only be refused.
 */
export function can(session: Permissions | null, channel: Channel): boolean {
  return session?.channels.includes(channel) ?? false
}

export type Section =
  | 'dashboard'
  | 'customers'
  | 'records'
  | 'use'
  | 'disposal'
  | 'storage'
  | 'statistics'
  | 'settings'
  | 'audit'
  | 'users'
  | 'backup'

/**
 * R-ROLE-7: a section shows when its person may call any of the channels it opens with — the contract's access lists,
 * which main enforces on every call. In menu order.
 */
const SECTION_CHANNELS: [Section, Channel[]][] = [
  ['dashboard', ['dashboard.overdue', 'customerPrivacy.alarms']],
  ['customers', ['customers.list']],
  ['records', ['items.list']],
  ['use', ['use.list']],
  ['disposal', ['disposal.due']],
  ['storage', ['locations.tree']],
  ['statistics', ['statistics.year']],
  ['users', ['users.list']],
  ['backup', ['backup.list']],
  ['settings', ['settings.getSecurity', 'settings.saveFiling']],
  ['audit', ['audit.list']]
]

export const sectionsOf = (session: Permissions): Section[] =>
  SECTION_CHANNELS.filter(([, channels]) => channels.some((channel) => can(session, channel))).map(
    ([section]) => section
  )
