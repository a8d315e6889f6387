import type { ClassificationCode } from '@preload/vocabulary'
import { highestClassification } from './classification'
import { allow, allowed, refuse, type Decision, type Params, type Reasoned } from './decision'
import type { MessageKey } from '@preload/i18n/zh-CN'

export type DocumentKind = 'ordinary' | 'request' | 'reply' | 'plan' | 'summary' | 'meeting_papers'
export type LinkKind = 'request_reply' | 'main_attachment' | 'original_copy' | 'printed_final' | 'language_version'
/** Directional: from = request / main document / original / printed copy / one language; to = reply / attachment / copy / final draft / other language. */
export interface ItemLink {
  kind: LinkKind
  fromId: number
  toId: number
}
export interface FilingFacts {
  id: number
  kind: DocumentKind
  dateFormed: string
  periodStartYear?: number | null
  periodEndYear?: number | null
  meetingOpenedOn?: string | null
}

/** Links that make the `to` item part of the `from` document, so it shares its year and follows it in the volume. */
type BelongingKind = Exclude<LinkKind, 'request_reply'>
type BelongingLink = ItemLink & { kind: BelongingKind }
const isBelonging = (link: ItemLink): link is BelongingLink => link.kind !== 'request_reply'

const FOLLOWS_YEAR_OF: Record<BelongingKind, MessageKey> = {
  main_attachment: 'policy.filingYear.withMainDocument',
  original_copy: 'policy.filingYear.withOriginal',
  printed_final: 'policy.filingYear.withPrintedCopy',
  language_version: 'policy.filingYear.withOtherLanguage'
}

const yearOf = (date: string): number => Number(date.slice(0, 4))

// ISO dates sort as text; the id settles ties so that every order is reproducible.
const compareByDate = (a: FilingFacts, b: FilingFacts): number =>
  a.dateFormed < b.dateFormed ? -1 : a.dateFormed > b.dateFormed ? 1 : a.id - b.id

/**
 * R-FILE-4. `related` holds the items linked to this one. A part of another document (attachment, copy, final
 * draft, other language) takes that document's year, because R-FILE-3 keeps them in one volume; a request takes
 * its latest reply's year; plans, summaries and meeting papers take the year of the period or meeting.
 */
export function filingYear(item: FilingFacts, related: FilingFacts[], links: ItemLink[]): Reasoned<number> {
  return filingYearOf(item, new Map(related.map((facts) => [facts.id, facts])), links, new Set())
}

function filingYearOf(
  item: FilingFacts,
  related: Map<number, FilingFacts>,
  links: ItemLink[],
  visited: Set<number>
): Reasoned<number> {
  visited.add(item.id)
  for (const link of links) {
    if (!isBelonging(link) || link.toId !== item.id) continue
    const owner = related.get(link.fromId)
    // Without the owner's facts (or in a loop of bad links) the item can only be placed by its own dates.
    if (owner === undefined || visited.has(owner.id)) continue
    const year = filingYearOf(owner, related, links, visited).value
    return { value: year, ruleId: 'R-FILE-3', reason: FOLLOWS_YEAR_OF[link.kind], params: { ofId: owner.id, year } }
  }

  const replies = links
    .filter((link) => link.kind === 'request_reply' && link.fromId === item.id)
    .map((link) => related.get(link.toId))
    .filter((reply): reply is FilingFacts => reply !== undefined)
  if (replies.length > 0) {
    const latest = replies.reduce((a, b) => (compareByDate(b, a) > 0 ? b : a))
    const year = yearOf(latest.dateFormed)
    return {
      value: year,
      ruleId: 'R-FILE-4',
      reason: 'policy.filingYear.replyYear',
      params: { replyId: latest.id, year }
    }
  }

  const decide = (year: number, reason: MessageKey, params: Params = {}): Reasoned<number> => ({
    value: year,
    ruleId: 'R-FILE-4',
    reason,
    params: { ...params, year }
  })
  const formedYear = yearOf(item.dateFormed)
  switch (item.kind) {
    case 'request':
      return decide(formedYear, 'policy.filingYear.requestWithoutReply')
    case 'plan':
      return item.periodStartYear != null
        ? decide(item.periodStartYear, 'policy.filingYear.planFirstYear')
        : decide(formedYear, 'policy.filingYear.planWithoutPeriod')
    case 'summary':
      return item.periodEndYear != null
        ? decide(item.periodEndYear, 'policy.filingYear.summaryLastYear')
        : decide(formedYear, 'policy.filingYear.summaryWithoutPeriod')
    case 'meeting_papers':
      return item.meetingOpenedOn
        ? decide(yearOf(item.meetingOpenedOn), 'policy.filingYear.meetingOpened', { openedOn: item.meetingOpenedOn })
        : decide(formedYear, 'policy.filingYear.meetingWithoutDate')
    default:
      return decide(formedYear, 'policy.filingYear.dateFormed')
  }
}

export interface OrderFacts extends FilingFacts {
  pageCount: number
  manualPosition?: number | null
}

const OWNER_REASON: Record<BelongingKind, MessageKey> = {
  main_attachment: 'policy.order.mainFirst',
  original_copy: 'policy.order.originalFirst',
  printed_final: 'policy.order.printedFirst',
  language_version: 'policy.order.languageVersions'
}
const PART_REASON: Record<BelongingKind, MessageKey> = {
  main_attachment: 'policy.order.attachmentAfterMain',
  original_copy: 'policy.order.copyAfterOriginal',
  printed_final: 'policy.order.finalDraftAfterPrinted',
  language_version: 'policy.order.languageVersions'
}

/**
 * R-FILE-5. Each part of a document (attachment, copy, final draft, other language) is placed right after it;
 * among documents at the same level a reply comes before its request, else the earlier date first. A linked
 * group stays together and takes the place of its earliest date. The archivist's manual positions win.
 */
export function orderInVolume(
  items: OrderFacts[],
  links: ItemLink[]
): { id: number; reason: MessageKey; ruleId: string }[] {
  const byId = new Map(items.map((facts) => [facts.id, facts]))
  const inVolume = links.filter((link) => link.fromId !== link.toId && byId.has(link.fromId) && byId.has(link.toId))

  const ownerLink = new Map<number, BelongingLink>()
  const isAncestor = (candidate: number, of: number): boolean => {
    for (let id: number | undefined = of; id !== undefined; id = ownerLink.get(id)?.fromId)
      if (id === candidate) return true
    return false
  }
  for (const link of inVolume) {
    // An item belongs to one document only; a second owner or a loop would leave its place undefined.
    if (!isBelonging(link) || ownerLink.has(link.toId) || isAncestor(link.toId, link.fromId)) continue
    ownerLink.set(link.toId, link)
  }
  const parts = new Map<number, { facts: OrderFacts; link: BelongingLink }[]>()
  for (const [id, link] of ownerLink) {
    const list = parts.get(link.fromId) ?? []
    list.push({ facts: byId.get(id) as OrderFacts, link })
    parts.set(link.fromId, list)
  }

  const joinedTo = new Map<number, number>()
  const groupKey = (id: number): number => {
    let top = id
    while (joinedTo.has(top)) top = joinedTo.get(top) as number
    return top
  }
  for (const link of inVolume) {
    const [from, to] = [groupKey(link.fromId), groupKey(link.toId)]
    if (from !== to) joinedTo.set(from, to)
  }
  const groups = new Map<number, OrderFacts[]>()
  for (const facts of [...items].sort(compareByDate)) {
    const key = groupKey(facts.id)
    const group = groups.get(key) ?? []
    group.push(facts)
    groups.set(key, group)
  }

  const replies = new Set<number>()
  const requests = new Set<number>()
  const replyFirst = (level: OrderFacts[]): OrderFacts[] => {
    const ids = new Set(level.map((facts) => facts.id))
    // A reply or request inside a document's parts moves that whole document, since parts cannot leave their owner.
    const atLevel = (id: number): number | undefined => {
      for (let at: number | undefined = id; at !== undefined; at = ownerLink.get(at)?.fromId) if (ids.has(at)) return at
      return undefined
    }
    const replyBefore: { reply: number; request: number }[] = []
    for (const pair of inVolume) {
      if (pair.kind !== 'request_reply') continue
      const [request, reply] = [atLevel(pair.fromId), atLevel(pair.toId)]
      if (request === undefined || reply === undefined || request === reply) continue
      replyBefore.push({ reply, request })
      replies.add(pair.toId)
      requests.add(pair.fromId)
    }
    const waiting = [...level].sort(compareByDate)
    const ordered: OrderFacts[] = []
    while (waiting.length > 0) {
      const ready = waiting.findIndex(
        (facts) =>
          !replyBefore.some((edge) => edge.request === facts.id && waiting.some((other) => other.id === edge.reply))
      )
      // A request/reply loop is bad data; date order still gives every item a place.
      ordered.push(...waiting.splice(Math.max(ready, 0), 1))
    }
    return ordered
  }
  const auto: OrderFacts[] = []
  const place = (level: OrderFacts[]): void => {
    for (const facts of replyFirst(level)) {
      auto.push(facts)
      place((parts.get(facts.id) ?? []).map((part) => part.facts))
    }
  }
  // Groups were filled in date order, so each group's first member carries its earliest date.
  const byEarliest = [...groups.values()].sort((a, b) => compareByDate(a[0], b[0]))
  for (const group of byEarliest) place(group.filter((facts) => !ownerLink.has(facts.id)))

  const reasonFor = (facts: OrderFacts): MessageKey => {
    if (facts.manualPosition != null) return 'policy.order.manual'
    const link = ownerLink.get(facts.id)
    if (link) return PART_REASON[link.kind]
    if (replies.has(facts.id)) return 'policy.order.replyFirst'
    if (requests.has(facts.id)) return 'policy.order.requestAfterReply'
    const firstPart = parts.get(facts.id)?.[0]
    if (firstPart) return OWNER_REASON[firstPart.link.kind]
    return (groups.get(groupKey(facts.id))?.length ?? 1) > 1 ? 'policy.order.keptWithLinked' : 'policy.order.dateFormed'
  }

  const slots = new Array<OrderFacts | undefined>(items.length).fill(undefined)
  const manual = items
    .filter((facts) => facts.manualPosition != null)
    .sort((a, b) => (a.manualPosition as number) - (b.manualPosition as number) || compareByDate(a, b))
  for (const facts of manual) {
    const wanted = Math.min(Math.max(Math.trunc(facts.manualPosition as number), 1), items.length) - 1
    // Two items asking for one place, or a place past the end: take the nearest free place after, else before.
    let slot = slots.findIndex((taken, index) => index >= wanted && taken === undefined)
    if (slot < 0) slot = slots.lastIndexOf(undefined)
    slots[slot] = facts
  }
  let free = 0
  for (const facts of auto) {
    if (facts.manualPosition != null) continue
    while (slots[free] !== undefined) free += 1
    slots[free] = facts
  }
  return (slots as OrderFacts[]).map((facts) => ({ id: facts.id, reason: reasonFor(facts), ruleId: 'R-FILE-5' }))
}

/** R-FILE-6: every item needs at least one page, or the numbers after it would be wrong. */
export function pageNumbers(
  ordered: { id: number; pageCount: number }[]
): Decision<{ pages: { id: number; startPage: number; endPage: number }[]; total: number }> {
  const missing = ordered
    .filter((item) => !Number.isInteger(item.pageCount) || item.pageCount < 1)
    .map((item) => item.id)
  if (missing.length > 0)
    return refuse('R-FILE-6', 'policy.pages.missingPageCount', { ids: missing.join(', '), count: missing.length })
  let total = 0
  const pages = ordered.map((item) => {
    const startPage = total + 1
    total += item.pageCount
    return { id: item.id, startPage, endPage: total }
  })
  return allow({ pages, total })
}

export interface VolumeFacts {
  year: number
  categoryCode: string
  retentionCode: string
  classification: ClassificationCode
  closed: boolean
}
export interface CandidateFacts {
  id: number
  year: number
  categoryCode: string
  retentionCode: string
  classification: ClassificationCode
  volumeId: number | null
}

/** R-FILE-1/2/3/6/7: whether `candidate` may join `volume`. */
export function refuseVolumeAdmission(
  volume: VolumeFacts,
  members: CandidateFacts[],
  candidate: CandidateFacts,
  links: ItemLink[],
  linkedElsewhere: { id: number; volumeId: number }[]
): Decision {
  // Adding an item would change the page numbers and the in-volume catalogue fixed at closing.
  if (volume.closed) return refuse('R-FILE-6', 'policy.admission.volumeClosed')
  const memberIds = new Set(members.map((member) => member.id))
  if (candidate.volumeId !== null && !memberIds.has(candidate.id))
    return refuse('R-FILE-1', 'policy.admission.inAnotherVolume', { volumeId: candidate.volumeId })
  if (candidate.year !== volume.year)
    return refuse('R-FILE-2', 'policy.admission.yearDiffers', { itemYear: candidate.year, volumeYear: volume.year })
  if (candidate.categoryCode !== volume.categoryCode) {
    return refuse('R-FILE-1', 'policy.admission.categoryDiffers', {
      itemCategory: candidate.categoryCode,
      volumeCategory: volume.categoryCode
    })
  }
  if (candidate.retentionCode !== volume.retentionCode) {
    return refuse('R-FILE-1', 'policy.admission.retentionDiffers', {
      itemRetention: candidate.retentionCode,
      volumeRetention: volume.retentionCode
    })
  }
  const topSecretVolume = volume.classification === 'top_secret'
  if (candidate.classification === 'top_secret' && !topSecretVolume)
    return refuse('R-FILE-7', 'policy.admission.topSecretOwnVolume')
  if (candidate.classification !== 'top_secret' && topSecretVolume) {
    const topSecretMembers = new Set(
      members.filter((member) => member.classification === 'top_secret').map((member) => member.id)
    )
    const tied = links.some(
      (link) =>
        (link.fromId === candidate.id && topSecretMembers.has(link.toId)) ||
        (link.toId === candidate.id && topSecretMembers.has(link.fromId))
    )
    if (!tied) return refuse('R-FILE-7', 'policy.admission.notTiedToTopSecret')
  }
  // Members are in this volume by definition, so callers may pass every filed linked item unfiltered.
  const elsewhere = linkedElsewhere.filter((linked) => !memberIds.has(linked.id))
  if (elsewhere.length > 0) {
    return refuse('R-FILE-3', 'policy.admission.pairSplit', {
      ids: elsewhere.map((linked) => linked.id).join(', '),
      volumeIds: [...new Set(elsewhere.map((linked) => linked.volumeId))].join(', ')
    })
  }
  return allowed
}

export type ItemStatus = 'received' | 'catalogued' | 'filed'

/**
 * R-FILE-10 (DA/T 22 按件整理), R-FILE-1: an item is filed once it has its archival code and is in its place: in a volume
 * (立卷), or on its own with a box as its home (按件, no volume needed). Coded but not boxed, it is catalogued.
 */
export function itemStatus(item: {
  archivalCode: string | null
  volumeId: number | null
  homeKind: 'room' | 'rack' | 'shelf' | 'box' | null
}): ItemStatus {
  if (!item.archivalCode) return 'received'
  return item.volumeId !== null || item.homeKind === 'box' ? 'filed' : 'catalogued'
}

/** R-FILE-1, R-KEEP-1: only an item with its archival code, and at its home (`awayAt` null), is filed in a volume. */
export function refuseFiling(item: { archivalCode: string | null; awayAt: string | null }): Decision {
  if (!item.archivalCode) return refuse('R-FILE-1', 'policy.notCatalogued')
  return item.awayAt === null ? allowed : refuse('R-KEEP-1', 'policy.location.awayCannotFile', { path: item.awayAt })
}

/**
 * R-FILE-8, R-FILE-3: a volume closes with items in it, none of them linked to a document outside it (named by
 * `linkedOutside`), which could never join it once closed.
 */
export function refuseClosing(itemCount: number, linkedOutside: string | undefined): Decision {
  if (itemCount === 0) return refuse('R-FILE-8', 'policy.volumeEmpty')
  return linkedOutside === undefined
    ? allowed
    : refuse('R-FILE-3', 'policy.linkedOutsideVolume', { title: linkedOutside })
}

/**
 * R-DISP-8, R-FILE-10: a destroyed record's catalogue entry stays as it was destroyed, and the items of a closed
 * volume (`closedVolume`: its code) as they were when it closed.
 */
export function refuseChange(record: { label: string; destroyed: boolean; closedVolume: string | null }): Decision {
  if (record.destroyed) return refuse('R-DISP-8', 'policy.disposal.destroyedFrozen', { code: record.label })
  return record.closedVolume === null
    ? allowed
    : refuse('R-FILE-10', 'policy.volumeClosed', { code: record.closedVolume })
}

/** R-FILE-10: an assigned archival code is stable, so nothing it is made of (its year included) may change. */
export function refuseCodeChange(archivalCode: string | null, changesCode: boolean, year: number): Decision {
  return archivalCode && changesCode ? refuse('R-FILE-10', 'policy.codeStable', { code: archivalCode, year }) : allowed
}

/** R-FILE-3: a link joins two documents; an item linked to itself would be its own part. */
export function refuseSelfLink(fromId: number, toId: number): Decision {
  return fromId === toId ? refuse('R-FILE-3', 'policy.linkSelf') : allowed
}

/** R-FILE-3: linked documents stay together, so a link may not join items filed in different volumes. */
export function refuseSplitLink(volumes: number, from: string, to: string): Decision {
  return volumes > 1 ? refuse('R-FILE-3', 'policy.linkAcrossVolumes', { from, to }) : allowed
}

/** R-FILE-7: a volume is as classified as its most classified item. */
export const volumeClassification = highestClassification

export type DescriptionField =
  | 'archivalCode'
  | 'title'
  | 'responsibleParty'
  | 'dateFormed'
  | 'documentNumber'
  | 'pageCount'
  | 'classification'
  | 'retentionCode'
  | 'openStatus'
  | 'remarks'

const DESCRIPTION_FIELDS: readonly DescriptionField[] = [
  'archivalCode',
  'title',
  'responsibleParty',
  'dateFormed',
  'documentNumber',
  'pageCount',
  'classification',
  'retentionCode',
  'openStatus',
  'remarks'
]

/**
 * R-FILE-11 (DA/T 18): the archival code only exists once the item is filed; 文号 and 备注 are described when the
 * document has them, so their absence is never an omission.
 */
export function missingDescription(
  item: Partial<Record<DescriptionField, string | number | null>>,
  stage: 'catalogued' | 'filed'
): DescriptionField[] {
  const required = (field: DescriptionField): boolean =>
    field === 'archivalCode' ? stage === 'filed' : field !== 'documentNumber' && field !== 'remarks'
  const missing = (field: DescriptionField): boolean => {
    const value = item[field]
    if (value === undefined || value === null) return true
    if (field === 'pageCount') return !(Number.isInteger(Number(value)) && Number(value) >= 1)
    return String(value).trim() === ''
  }
  return DESCRIPTION_FIELDS.filter((field) => required(field) && missing(field))
}
