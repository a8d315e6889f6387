import type { Channel } from '@preload/contract'
import { can, sectionsOf, type Permissions, type Section } from '@renderer/access'
import { askAhead, type ChannelCall } from '@renderer/api/client'

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
  /** What the card asks main for when it shows, asked ahead at sign-in (`askWorkbenchAhead`). */
  reads: ChannelCall[]
  /** The section its link opens, if it has one. */
  link?: Section
}

/**
 * Each role's workbench: the cards of what that person can act on, in order. A card shows when main would let the
 * person do every channel in `acts`, and its link only leads to a section of their menu.
 */
const CARDS: WorkbenchCard[] = [
  { key: 'todo', acts: ['dashboard.todo', 'items.update'], reads: [['dashboard.todo', {}]] },
  { key: 'myRequests', acts: ['use.mine'], reads: [['use.mine', {}]], link: 'use' },
  {
    key: 'awaitingSignature',
    acts: ['use.awaiting'],
    reads: [
      ['use.awaiting', {}],
      ['settings.getFiling', {}]
    ]
  },
  {
    key: 'customers',
    acts: ['customers.list'],
    reads: [['customers.list', { page: 1, pageSize: 1 }]],
    link: 'customers'
  },
  {
    key: 'overdueFiling',
    acts: ['dashboard.overdue', 'items.update'],
    reads: [['dashboard.overdue', {}]],
    link: 'records'
  },
  {
    key: 'overdueLoans',
    acts: ['use.overdue', 'use.return'],
    reads: [
      ['use.overdue', { page: 1, pageSize: 10 }],
      ['settings.getFiling', {}]
    ],
    link: 'use'
  },
  { key: 'holdings', acts: ['dashboard.holdings'], reads: [['dashboard.holdings', {}]] },
  { key: 'useChart', acts: ['dashboard.use'], reads: [['dashboard.use', {}]] },
  { key: 'backup', acts: ['backup.status'], reads: [['backup.status', {}]] },
  { key: 'privacyAlarms', acts: ['customerPrivacy.alarms'], reads: [['customerPrivacy.alarms', {}]] }
]

export interface ShownCard {
  key: WorkbenchCardKey
  link: Section | null
}

const cardsOf = (session: Permissions) => CARDS.filter((card) => card.acts.every((channel) => can(session, channel)))

/** The cards of this person's workbench; a link to a section not in their menu is dropped, never shown. */
export function workbenchCards(session: Permissions): ShownCard[] {
  const sections = sectionsOf(session)
  return cardsOf(session).map((card) => ({
    key: card.key,
    link: card.link && sections.includes(card.link) ? card.link : null
  }))
}

/** What this person's workbench will ask main for, each call once, and only what main lets them ask. */
export function workbenchReads(session: Permissions): ChannelCall[] {
  const reads = new Map(cardsOf(session).flatMap((card) => card.reads.map((read) => [JSON.stringify(read), read])))
  return [...reads.values()].filter(([channel]) => can(session, channel))
}

/**
 * Issue 19: asks for the workbench's data the moment sign-in answers, so that main answers while React draws the
 * page instead of after; the cards then take these answers as they show.
 */
export function askWorkbenchAhead(session: Permissions): void {
  // Signed in at another page's address (after a lock, or a reload there), the workbench does not show; nor at its own
  // address, left there by the person before, for someone whose menu has no workbench (the system administrator).
  const sections = sectionsOf(session)
  const path = location.hash.replace(/^#/, '') || '/'
  if (!sections.includes('dashboard') || (path === '/' ? `/${sections[0]}` : path) !== '/dashboard') return
  for (const read of workbenchReads(session)) askAhead(...read)
}

/** Where a to-do entry may lead this person: its section if it is in their menu, else nowhere. */
export function linkFor(session: Permissions, section: string): Section | null {
  return (sectionsOf(session) as string[]).includes(section) ? (section as Section) : null
}
