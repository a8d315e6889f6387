/*
 * Reason keys (i18n, under `policy`); params in {{braces}}.
 *
 * policy.filingYear.withMainDocument      {ofId, year}
 *   zh: 附件随主件（#{{ofId}}）归入 {{year}} 年度。
 *   en: An attachment is filed with its main document (#{{ofId}}) in {{year}}.
 * policy.filingYear.withOriginal          {ofId, year}
 *   zh: 复制件随原件（#{{ofId}}）归入 {{year}} 年度。
 *   en: A copy is filed with its original (#{{ofId}}) in {{year}}.
 * policy.filingYear.withPrintedCopy       {ofId, year}
 *   zh: 定稿随印件（#{{ofId}}）归入 {{year}} 年度。
 *   en: A final draft is filed with its printed copy (#{{ofId}}) in {{year}}.
 * policy.filingYear.withOtherLanguage     {ofId, year}
 *   zh: 不同文字版本随原文本（#{{ofId}}）归入 {{year}} 年度。
 *   en: A language version is filed with the version it belongs to (#{{ofId}}) in {{year}}.
 * policy.filingYear.replyYear             {replyId, year}
 *   zh: 请示与批复跨年度，按批复（#{{replyId}}）所在年度 {{year}} 归档。
 *   en: A request is filed with its reply (#{{replyId}}), in the reply's year {{year}}.
 * policy.filingYear.requestWithoutReply   {year}
 *   zh: 请示尚无批复，按请示形成年度 {{year}} 归档。
 *   en: The request has no reply, so it is filed in its own year, {{year}}.
 * policy.filingYear.planFirstYear         {year}
 *   zh: 计划按其所属时段的第一年 {{year}} 归档。
 *   en: A plan is filed in the first year it covers, {{year}}.
 * policy.filingYear.planWithoutPeriod     {year}
 *   zh: 计划未填写所属时段，按形成日期所在年度 {{year}} 归档。
 *   en: The plan has no period, so it is filed in the year it was formed, {{year}}.
 * policy.filingYear.summaryLastYear       {year}
 *   zh: 总结按其所总结时段的最后一年 {{year}} 归档。
 *   en: A summary is filed in the last year it covers, {{year}}.
 * policy.filingYear.summaryWithoutPeriod  {year}
 *   zh: 总结未填写所属时段，按形成日期所在年度 {{year}} 归档。
 *   en: The summary has no period, so it is filed in the year it was formed, {{year}}.
 * policy.filingYear.meetingOpened         {openedOn, year}
 *   zh: 会议文件按会议开幕日期 {{openedOn}} 所在年度 {{year}} 归档。
 *   en: Meeting papers are filed in the year the meeting opened ({{openedOn}}): {{year}}.
 * policy.filingYear.meetingWithoutDate    {year}
 *   zh: 未填写会议开幕日期，按形成日期所在年度 {{year}} 归档。
 *   en: The meeting's opening day is not recorded, so the papers are filed in the year they were formed, {{year}}.
 * policy.filingYear.dateFormed            {year}
 *   zh: 按形成日期所在年度 {{year}} 归档。
 *   en: Filed in the year it was formed, {{year}}.
 *
 * policy.order.manual                     zh: 立卷人手工调整的位置。  en: Placed here by the archivist.
 * policy.order.dateFormed                 zh: 按形成日期排列。  en: In order of the date formed.
 * policy.order.replyFirst                 zh: 批复在前，请示在后。  en: A reply comes before its request.
 * policy.order.requestAfterReply          zh: 请示排在其批复之后。  en: A request follows its reply.
 * policy.order.mainFirst                  zh: 主件在前，附件在后。  en: A main document comes before its attachments.
 * policy.order.attachmentAfterMain        zh: 附件紧随其主件。  en: An attachment follows its main document.
 * policy.order.originalFirst              zh: 原件在前，复制件在后。  en: An original comes before its copies.
 * policy.order.copyAfterOriginal          zh: 复制件紧随其原件。  en: A copy follows its original.
 * policy.order.printedFirst               zh: 印件在前，定稿在后。  en: A printed copy comes before its final draft.
 * policy.order.finalDraftAfterPrinted     zh: 定稿紧随其印件。  en: A final draft follows its printed copy.
 * policy.order.languageVersions           zh: 不同文字版本排在一起。  en: Language versions of one document stay together.
 * policy.order.keptWithLinked             zh: 与关联文件排在一起。  en: Kept next to the documents linked to it.
 *
 * policy.pages.missingPageCount           {ids, count}
 *   zh: {{count}} 件文件缺少页数（页数至少为 1）：{{ids}}。
 *   en: {{count}} item(s) have no page count (at least 1 is needed): {{ids}}.
 *
 * policy.admission.volumeClosed
 *   zh: 案卷已封卷，不能再加入文件。
 *   en: The volume is closed; no more items can join it.
 * policy.admission.inAnotherVolume        {volumeId}
 *   zh: 该文件已归入另一案卷（#{{volumeId}}）。
 *   en: The item is already filed in another volume (#{{volumeId}}).
 * policy.admission.yearDiffers            {itemYear, volumeYear}
 *   zh: 文件的归档年度 {{itemYear}} 与案卷年度 {{volumeYear}} 不同，不同年度的文件不能混装。
 *   en: The item's filing year {{itemYear}} differs from the volume's year {{volumeYear}}; years are not mixed in a volume.
 * policy.admission.categoryDiffers        {itemCategory, volumeCategory}
 *   zh: 文件的门类 {{itemCategory}} 与案卷门类 {{volumeCategory}} 不同。
 *   en: The item's category {{itemCategory}} differs from the volume's category {{volumeCategory}}.
 * policy.admission.retentionDiffers       {itemRetention, volumeRetention}
 *   zh: 文件的保管期限 {{itemRetention}} 与案卷保管期限 {{volumeRetention}} 不同。
 *   en: The item's retention period {{itemRetention}} differs from the volume's {{volumeRetention}}.
 * policy.admission.topSecretOwnVolume
 *   zh: 绝密文件须单独组卷，不能放入非绝密案卷。
 *   en: Top-secret items get volumes of their own; this volume is not top secret.
 * policy.admission.notTiedToTopSecret
 *   zh: 绝密案卷只能收入与卷内绝密文件有密切联系的非绝密文件。
 *   en: A top-secret volume only takes non-top-secret items closely tied to one of its top-secret items.
 * policy.admission.pairSplit              {ids, volumeIds}
 *   zh: 与之关联的文件（{{ids}}）已归入其他案卷（{{volumeIds}}），关联文件不能拆散。
 *   en: Linked items ({{ids}}) are already in another volume ({{volumeIds}}); linked items are not split up.
 */

export type DocumentKind = 'ordinary' | 'request' | 'reply' | 'plan' | 'summary' | 'meeting_papers'
export type Classification = 'none' | 'internal' | 'secret' | 'confidential' | 'top_secret'
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
export interface Decision<T> {
  value: T
  ruleId: string
  reason: string
  params?: Record<string, string | number>
}
export interface Refusal {
  ruleId: string
  reason: string
  params?: Record<string, string | number>
}

/** Links that make the `to` item part of the `from` document, so it shares its year and follows it in the volume. */
type BelongingKind = Exclude<LinkKind, 'request_reply'>
type BelongingLink = ItemLink & { kind: BelongingKind }
const isBelonging = (link: ItemLink): link is BelongingLink => link.kind !== 'request_reply'

const FOLLOWS_YEAR_OF: Record<BelongingKind, string> = {
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
export function filingYear(item: FilingFacts, related: FilingFacts[], links: ItemLink[]): Decision<number> {
  return filingYearOf(item, new Map(related.map((facts) => [facts.id, facts])), links, new Set())
}

function filingYearOf(
  item: FilingFacts,
  related: Map<number, FilingFacts>,
  links: ItemLink[],
  visited: Set<number>
): Decision<number> {
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

  const decide = (year: number, reason: string, params: Record<string, string | number> = {}): Decision<number> => ({
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

const OWNER_REASON: Record<BelongingKind, string> = {
  main_attachment: 'policy.order.mainFirst',
  original_copy: 'policy.order.originalFirst',
  printed_final: 'policy.order.printedFirst',
  language_version: 'policy.order.languageVersions'
}
const PART_REASON: Record<BelongingKind, string> = {
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
): { id: number; reason: string; ruleId: string }[] {
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

  const reasonFor = (facts: OrderFacts): string => {
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
): { pages: { id: number; startPage: number; endPage: number }[]; total: number } | Refusal {
  const missing = ordered
    .filter((item) => !Number.isInteger(item.pageCount) || item.pageCount < 1)
    .map((item) => item.id)
  if (missing.length > 0) {
    return {
      ruleId: 'R-FILE-6',
      reason: 'policy.pages.missingPageCount',
      params: { ids: missing.join(', '), count: missing.length }
    }
  }
  let total = 0
  const pages = ordered.map((item) => {
    const startPage = total + 1
    total += item.pageCount
    return { id: item.id, startPage, endPage: total }
  })
  return { pages, total }
}

export interface VolumeFacts {
  year: number
  categoryCode: string
  retentionCode: string
  classification: Classification
  closed: boolean
}
export interface CandidateFacts {
  id: number
  year: number
  categoryCode: string
  retentionCode: string
  classification: Classification
  volumeId: number | null
}

/** R-FILE-1/2/3/6/7: why `candidate` may not join `volume`, or null when it may. */
export function refuseVolumeAdmission(
  volume: VolumeFacts,
  members: CandidateFacts[],
  candidate: CandidateFacts,
  links: ItemLink[],
  linkedElsewhere: { id: number; volumeId: number }[]
): Refusal | null {
  // Adding an item would change the page numbers and the in-volume catalogue fixed at closing.
  if (volume.closed) return { ruleId: 'R-FILE-6', reason: 'policy.admission.volumeClosed' }
  const memberIds = new Set(members.map((member) => member.id))
  if (candidate.volumeId !== null && !memberIds.has(candidate.id)) {
    return { ruleId: 'R-FILE-1', reason: 'policy.admission.inAnotherVolume', params: { volumeId: candidate.volumeId } }
  }
  if (candidate.year !== volume.year) {
    return {
      ruleId: 'R-FILE-2',
      reason: 'policy.admission.yearDiffers',
      params: { itemYear: candidate.year, volumeYear: volume.year }
    }
  }
  if (candidate.categoryCode !== volume.categoryCode) {
    return {
      ruleId: 'R-FILE-1',
      reason: 'policy.admission.categoryDiffers',
      params: { itemCategory: candidate.categoryCode, volumeCategory: volume.categoryCode }
    }
  }
  if (candidate.retentionCode !== volume.retentionCode) {
    return {
      ruleId: 'R-FILE-1',
      reason: 'policy.admission.retentionDiffers',
      params: { itemRetention: candidate.retentionCode, volumeRetention: volume.retentionCode }
    }
  }
  const topSecretVolume = volume.classification === 'top_secret'
  if (candidate.classification === 'top_secret' && !topSecretVolume) {
    return { ruleId: 'R-FILE-7', reason: 'policy.admission.topSecretOwnVolume' }
  }
  if (candidate.classification !== 'top_secret' && topSecretVolume) {
    const topSecretMembers = new Set(
      members.filter((member) => member.classification === 'top_secret').map((member) => member.id)
    )
    const tied = links.some(
      (link) =>
        (link.fromId === candidate.id && topSecretMembers.has(link.toId)) ||
        (link.toId === candidate.id && topSecretMembers.has(link.fromId))
    )
    if (!tied) return { ruleId: 'R-FILE-7', reason: 'policy.admission.notTiedToTopSecret' }
  }
  // Members are in this volume by definition, so callers may pass every filed linked item unfiltered.
  const elsewhere = linkedElsewhere.filter((linked) => !memberIds.has(linked.id))
  if (elsewhere.length > 0) {
    return {
      ruleId: 'R-FILE-3',
      reason: 'policy.admission.pairSplit',
      params: {
        ids: elsewhere.map((linked) => linked.id).join(', '),
        volumeIds: [...new Set(elsewhere.map((linked) => linked.volumeId))].join(', ')
      }
    }
  }
  return null
}

const CLASSIFICATION_RANK: Record<Classification, number> = {
  none: 0,
  internal: 1,
  secret: 2,
  confidential: 3,
  top_secret: 4
}

/** R-FILE-7: a volume is as classified as its most classified item. */
export function volumeClassification(items: { classification: Classification }[]): Classification {
  return items.reduce<Classification>(
    (highest, item) =>
      CLASSIFICATION_RANK[item.classification] > CLASSIFICATION_RANK[highest] ? item.classification : highest,
    'none'
  )
}

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
