import type { Channel } from '@preload/contract'
import { can, sectionsOf, type Permissions, type Section } from '@renderer/access'

export type WorkbenchCardKey =
  | 'todo'
  | 'myRequests'
  | 'awaitingSignature'
  | 'customers'
  | 'overdueFiling'
  | 'overdueLoans'
  | 'holdings'
  | 'useChart'
  | 'backup'
  | 'privacyAlarms'

interface WorkbenchCard {
  key: WorkbenchCardKey
  /** What the person must be able to do for the card to be worth showing: act on what it lists, or read it. */
  acts: Channel[]
  /** The section its link opens, if it has one. */
  link?: Section
}

/**
 * Each role's workbench: the cards of what that person can act on, in order. A card shows when main would let the
 * person do every channel in `acts`, and its link only leads to a section of their menu.
 */
const CARDS: WorkbenchCard[] = [
  { key: 'todo', acts: ['dashboard.todo', 'items.update'] },
  { key: 'myRequests', acts: ['use.mine'], link: 'use' },
  { key: 'awaitingSignature', acts: ['use.awaiting'] },
  { key: 'customers', acts: ['customers.list'], link: 'customers' },
  { key: 'overdueFiling', acts: ['dashboard.overdue', 'items.update'], link: 'records' },
  { key: 'overdueLoans', acts: ['use.overdue', 'use.return'], link: 'use' },
  { key: 'holdings', acts: ['dashboard.holdings'] },
  { key: 'useChart', acts: ['dashboard.use'] },
  { key: 'backup', acts: ['backup.status'] },
  { key: 'privacyAlarms', acts: ['customerPrivacy.alarms'] }
]

export interface ShownCard {
  key: WorkbenchCardKey
  link: Section | null
}

/** The cards of this person's workbench; a link to a section not in their menu is dropped, never shown. */
export function workbenchCards(session: Permissions): ShownCard[] {
  const sections = sectionsOf(session)
  return CARDS.filter((card) => card.acts.every((channel) => can(session, channel))).map((card) => ({
    key: card.key,
    link: card.link && sections.includes(card.link) ? card.link : null
  }))
}

/** Where a to-do entry may lead this person: its section if it is in their menu, else nowhere. */
export function linkFor(session: Permissions, section: string): Section | null {
  return (sectionsOf(session) as string[]).includes(section) ? (section as Section) : null
}
