import { contract, roleAllows, type Channel, type SessionInfo } from '../../src-preload/contract'

/**
 * Whether the person signed in may call a channel — read from the contract's access list, the same list main
 * enforces, so the renderer never keeps its own idea of who may do what. Use it to hide what would only be refused.
 */
export function can(session: Pick<SessionInfo, 'role'> | null, channel: Channel): boolean {
  return roleAllows(contract[channel].access, session?.role ?? null)
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

export const sectionsOf = (session: Pick<SessionInfo, 'role'>): Section[] =>
  SECTION_CHANNELS.filter(([, channels]) => channels.some((channel) => can(session, channel))).map(
    ([section]) => section
  )
