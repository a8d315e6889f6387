import { describe, expect, it } from 'vitest'
import { refusalOf } from './refusal'
import { allow, refuse, type Refusal } from '@main/policy/decision'
import type { ClassificationCode } from '@preload/contract'
import {
  type CandidateFacts,
  type DescriptionField,
  type DocumentKind,
  type FilingFacts,
  filingYear,
  itemStatus,
  type ItemLink,
  type LinkKind,
  missingDescription,
  type OrderFacts,
  orderInVolume,
  pageNumbers,
  refuseChange,
  refuseClosing,
  refuseCodeChange,
  refuseFiling,
  refuseSelfLink,
  refuseSplitLink,
  refuseVolumeAdmission,
  volumeClassification,
  type VolumeFacts
} from '@main/policy/filing'

const doc = (id: number, kind: DocumentKind, dateFormed: string, extra: Partial<FilingFacts> = {}): FilingFacts => ({
  id,
  kind,
  dateFormed,
  ...extra
})
const link = (kind: LinkKind, fromId: number, toId: number): ItemLink => ({ kind, fromId, toId })

describe('R-FILE-4 filing year from the document type and dates', () => {
  it.each([
    {
      name: 'a request in December with its reply in January goes to the reply’s year',
      item: doc(1, 'request', '2023-12-20'),
      related: [doc(2, 'reply', '2024-01-10')],
      links: [link('request_reply', 1, 2)],
      year: 2024,
      reason: 'policy.filingYear.replyYear',
      params: { replyId: 2, year: 2024 }
    },
    {
      name: 'a request with several replies goes to the latest reply’s year',
      item: doc(1, 'request', '2023-11-02'),
      related: [doc(3, 'reply', '2025-01-03'), doc(2, 'reply', '2024-01-05')],
      links: [link('request_reply', 1, 2), link('request_reply', 1, 3)],
      year: 2025,
      reason: 'policy.filingYear.replyYear',
      params: { replyId: 3, year: 2025 }
    },
    {
      name: 'a request without a reply stays in its own year',
      item: doc(1, 'request', '2023-12-20'),
      related: [],
      links: [],
      year: 2023,
      reason: 'policy.filingYear.requestWithoutReply',
      params: { year: 2023 }
    },
    {
      name: 'a request whose reply was not passed in is placed by its own date',
      item: doc(1, 'request', '2023-12-20'),
      related: [],
      links: [link('request_reply', 1, 2)],
      year: 2023,
      reason: 'policy.filingYear.requestWithoutReply',
      params: { year: 2023 }
    },
    {
      name: 'the reply itself stays in its own year',
      item: doc(2, 'reply', '2024-01-10'),
      related: [doc(1, 'request', '2023-12-20')],
      links: [link('request_reply', 1, 2)],
      year: 2024,
      reason: 'policy.filingYear.dateFormed',
      params: { year: 2024 }
    },
    {
      name: 'a plan for 2024–2026 written in 2023 goes to its first year',
      item: doc(1, 'plan', '2023-12-15', { periodStartYear: 2024, periodEndYear: 2026 }),
      related: [],
      links: [],
      year: 2024,
      reason: 'policy.filingYear.planFirstYear',
      params: { year: 2024 }
    },
    {
      name: 'a plan without a period goes to the year it was formed',
      item: doc(1, 'plan', '2023-11-01', { periodStartYear: null }),
      related: [],
      links: [],
      year: 2023,
      reason: 'policy.filingYear.planWithoutPeriod',
      params: { year: 2023 }
    },
    {
      name: 'a summary of 2023–2025 written in 2026 goes to its last year',
      item: doc(1, 'summary', '2026-01-20', { periodStartYear: 2023, periodEndYear: 2025 }),
      related: [],
      links: [],
      year: 2025,
      reason: 'policy.filingYear.summaryLastYear',
      params: { year: 2025 }
    },
    {
      name: 'a summary without a period goes to the year it was formed',
      item: doc(1, 'summary', '2026-01-20'),
      related: [],
      links: [],
      year: 2026,
      reason: 'policy.filingYear.summaryWithoutPeriod',
      params: { year: 2026 }
    },
    {
      name: 'papers dated 2024 of a meeting opened 2023-12-28 go to 2023',
      item: doc(1, 'meeting_papers', '2024-01-02', { meetingOpenedOn: '2023-12-28' }),
      related: [],
      links: [],
      year: 2023,
      reason: 'policy.filingYear.meetingOpened',
      params: { openedOn: '2023-12-28', year: 2023 }
    },
    {
      name: 'meeting papers without an opening day go to the year they were formed',
      item: doc(1, 'meeting_papers', '2024-01-02', { meetingOpenedOn: null }),
      related: [],
      links: [],
      year: 2024,
      reason: 'policy.filingYear.meetingWithoutDate',
      params: { year: 2024 }
    },
    {
      name: 'an ordinary document goes to the year it was formed',
      item: doc(1, 'ordinary', '2024-12-31'),
      related: [],
      links: [],
      year: 2024,
      reason: 'policy.filingYear.dateFormed',
      params: { year: 2024 }
    },
    {
      name: 'an ordinary document with a plan period ignores it',
      item: doc(1, 'ordinary', '2024-05-01', { periodStartYear: 2026 }),
      related: [],
      links: [],
      year: 2024,
      reason: 'policy.filingYear.dateFormed',
      params: { year: 2024 }
    },
    {
      name: 'an attachment without a main document keeps its own year',
      item: doc(5, 'ordinary', '2024-01-03'),
      related: [],
      links: [],
      year: 2024,
      reason: 'policy.filingYear.dateFormed',
      params: { year: 2024 }
    },
    {
      name: 'an attachment whose main document was not passed in keeps its own year',
      item: doc(5, 'ordinary', '2024-01-03'),
      related: [],
      links: [link('main_attachment', 4, 5)],
      year: 2024,
      reason: 'policy.filingYear.dateFormed',
      params: { year: 2024 }
    }
  ])('$name', ({ item, related, links, year, reason, params }) => {
    expect(filingYear(item, related, links)).toEqual({ value: year, ruleId: 'R-FILE-4', reason, params })
  })
})

describe('R-FILE-3/R-FILE-4 parts of a document take the filing year of the document they belong to', () => {
  it.each([
    {
      kind: 'main_attachment' as const,
      reason: 'policy.filingYear.withMainDocument',
      part: 'an attachment dated 2024 of a 2023 main document'
    },
    {
      kind: 'original_copy' as const,
      reason: 'policy.filingYear.withOriginal',
      part: 'a copy made in 2024 of a 2023 original'
    },
    {
      kind: 'printed_final' as const,
      reason: 'policy.filingYear.withPrintedCopy',
      part: 'a final draft of a printed copy (years differ)'
    },
    {
      kind: 'language_version' as const,
      reason: 'policy.filingYear.withOtherLanguage',
      part: 'an English version of a Chinese document'
    }
  ])('$part goes to the owner’s year', ({ kind, reason }) => {
    const owner = doc(1, 'ordinary', '2023-12-30')
    const part = doc(2, 'ordinary', '2024-01-03')
    expect(filingYear(part, [owner], [link(kind, 1, 2)])).toEqual({
      value: 2023,
      ruleId: 'R-FILE-3',
      reason,
      params: { ofId: 1, year: 2023 }
    })
  })

  it('the owner does not follow its part', () => {
    const owner = doc(1, 'ordinary', '2023-12-30')
    const part = doc(2, 'ordinary', '2024-01-03')
    expect(filingYear(owner, [part], [link('main_attachment', 1, 2)]).value).toBe(2023)
  })

  it('an attachment of a plan takes the plan’s first year', () => {
    const plan = doc(1, 'plan', '2023-12-01', { periodStartYear: 2024 })
    const attachment = doc(2, 'ordinary', '2023-12-01')
    expect(filingYear(attachment, [plan], [link('main_attachment', 1, 2)])).toMatchObject({
      value: 2024,
      params: { ofId: 1, year: 2024 }
    })
  })

  it('an attachment of a request answered next year follows the request into the reply’s year', () => {
    const request = doc(1, 'request', '2023-12-20')
    const reply = doc(2, 'reply', '2024-01-10')
    const attachment = doc(3, 'ordinary', '2023-12-20')
    const links = [link('request_reply', 1, 2), link('main_attachment', 1, 3)]
    expect(filingYear(attachment, [request, reply], links)).toMatchObject({ value: 2024, ruleId: 'R-FILE-3' })
  })

  it('a copy of an attachment follows the chain to the main document', () => {
    const main = doc(1, 'ordinary', '2022-12-31')
    const attachment = doc(2, 'ordinary', '2023-01-05')
    const copy = doc(3, 'ordinary', '2024-02-01')
    const links = [link('main_attachment', 1, 2), link('original_copy', 2, 3)]
    expect(filingYear(copy, [main, attachment], links)).toMatchObject({
      value: 2022,
      reason: 'policy.filingYear.withOriginal',
      params: { ofId: 2 }
    })
  })

  it('a loop of bad links (each the attachment of the other) ends after one step instead of running forever', () => {
    const a = doc(1, 'ordinary', '2023-05-01')
    const b = doc(2, 'ordinary', '2024-05-01')
    const links = [link('main_attachment', 1, 2), link('main_attachment', 2, 1)]
    expect(filingYear(a, [b], links)).toMatchObject({ value: 2024, params: { ofId: 2 } })
    expect(filingYear(b, [a], links)).toMatchObject({ value: 2023, params: { ofId: 1 } })
  })
})

const item = (id: number, dateFormed: string, extra: Partial<OrderFacts> = {}): OrderFacts => ({
  id,
  kind: 'ordinary',
  dateFormed,
  pageCount: 1,
  ...extra
})

describe('R-FILE-5 ordering inside a volume', () => {
  it.each([
    {
      name: 'unlinked items by date formed, then id',
      items: [item(3, '2024-03-01'), item(1, '2024-05-01'), item(2, '2024-03-01')],
      links: [],
      order: [
        [2, 'policy.order.dateFormed'],
        [3, 'policy.order.dateFormed'],
        [1, 'policy.order.dateFormed']
      ]
    },
    {
      name: 'a reply before its request even though the request is older',
      items: [item(1, '2023-12-20', { kind: 'request' }), item(2, '2024-01-10', { kind: 'reply' })],
      links: [link('request_reply', 1, 2)],
      order: [
        [2, 'policy.order.replyFirst'],
        [1, 'policy.order.requestAfterReply']
      ]
    },
    {
      name: 'a main document before its attachments, attachments by date',
      items: [item(3, '2024-02-03'), item(2, '2024-02-01'), item(1, '2024-02-02')],
      links: [link('main_attachment', 1, 3), link('main_attachment', 1, 2)],
      order: [
        [1, 'policy.order.mainFirst'],
        [2, 'policy.order.attachmentAfterMain'],
        [3, 'policy.order.attachmentAfterMain']
      ]
    },
    {
      name: 'a printed copy before its (older) final draft',
      items: [item(1, '2024-03-05'), item(2, '2024-03-01')],
      links: [link('printed_final', 1, 2)],
      order: [
        [1, 'policy.order.printedFirst'],
        [2, 'policy.order.finalDraftAfterPrinted']
      ]
    },
    {
      name: 'an original before its copy',
      items: [item(2, '2024-01-01'), item(1, '2024-06-01')],
      links: [link('original_copy', 1, 2)],
      order: [
        [1, 'policy.order.originalFirst'],
        [2, 'policy.order.copyAfterOriginal']
      ]
    },
    {
      name: 'language versions side by side',
      items: [item(1, '2024-04-01'), item(9, '2024-04-10'), item(2, '2024-04-20')],
      links: [link('language_version', 1, 2)],
      order: [
        [1, 'policy.order.languageVersions'],
        [2, 'policy.order.languageVersions'],
        [9, 'policy.order.dateFormed']
      ]
    },
    {
      name: 'an attachment whose main document is not in the volume is ordered by its date',
      items: [item(5, '2024-02-01'), item(6, '2024-01-01')],
      links: [link('main_attachment', 99, 5)],
      order: [
        [6, 'policy.order.dateFormed'],
        [5, 'policy.order.dateFormed']
      ]
    },
    {
      name: 'a linked group stays together, placed by its earliest date',
      items: [
        item(10, '2024-02-01'),
        item(11, '2024-06-01'),
        item(1, '2024-01-10', { kind: 'request' }),
        item(2, '2024-07-01', { kind: 'reply' })
      ],
      links: [link('request_reply', 1, 2)],
      order: [
        [2, 'policy.order.replyFirst'],
        [1, 'policy.order.requestAfterReply'],
        [10, 'policy.order.dateFormed'],
        [11, 'policy.order.dateFormed']
      ]
    },
    {
      name: 'each document is followed by its own attachments: reply, its attachment, request, its attachment',
      items: [
        item(1, '2024-01-05', { kind: 'request' }),
        item(2, '2024-01-05'),
        item(3, '2024-02-01', { kind: 'reply' }),
        item(4, '2024-01-31')
      ],
      links: [link('request_reply', 1, 3), link('main_attachment', 1, 2), link('main_attachment', 3, 4)],
      order: [
        [3, 'policy.order.replyFirst'],
        [4, 'policy.order.attachmentAfterMain'],
        [1, 'policy.order.requestAfterReply'],
        [2, 'policy.order.attachmentAfterMain']
      ]
    },
    {
      name: 'a reply attached to a cover letter brings the letter before the request',
      items: [
        item(1, '2024-01-15', { kind: 'request' }),
        item(2, '2024-02-01'),
        item(3, '2024-02-02', { kind: 'reply' }),
        item(4, '2024-01-20')
      ],
      links: [link('request_reply', 1, 3), link('main_attachment', 2, 3)],
      order: [
        [2, 'policy.order.mainFirst'],
        [3, 'policy.order.attachmentAfterMain'],
        [1, 'policy.order.requestAfterReply'],
        [4, 'policy.order.dateFormed']
      ]
    },
    {
      name: 'a copy that is also an attachment follows its main document; its original is kept with the group',
      items: [item(1, '2024-01-10'), item(2, '2024-01-12'), item(3, '2024-01-11'), item(4, '2024-01-11')],
      links: [link('main_attachment', 2, 3), link('original_copy', 1, 3)],
      order: [
        [1, 'policy.order.keptWithLinked'],
        [2, 'policy.order.mainFirst'],
        [3, 'policy.order.attachmentAfterMain'],
        [4, 'policy.order.dateFormed']
      ]
    },
    { name: 'an empty volume', items: [], links: [], order: [] }
  ])('$name', ({ items, links, order }) => {
    const expected = order.map(([id, reason]) => ({ id, reason, ruleId: 'R-FILE-5' }))
    expect(orderInVolume(items, links)).toEqual(expected)
  })

  const manualCases: { name: string; manual: Record<number, number>; order: number[] }[] = [
    { name: 'a manual first place', manual: { 4: 1 }, order: [4, 1, 2, 3] },
    { name: 'a manual third place', manual: { 1: 3 }, order: [2, 3, 1, 4] },
    { name: 'a place past the end goes last', manual: { 1: 99 }, order: [2, 3, 4, 1] },
    {
      name: 'two items asking for the same place: the older takes it, the other the next',
      manual: { 3: 2, 4: 2 },
      order: [1, 3, 4, 2]
    },
    {
      name: 'the last place taken twice: the second goes to the nearest free place before',
      manual: { 1: 4, 2: 4 },
      order: [3, 4, 2, 1]
    },
    { name: 'every item placed by hand', manual: { 1: 4, 2: 3, 3: 2, 4: 1 }, order: [4, 3, 2, 1] }
  ]
  it.each(manualCases)('R-FILE-5 keeps the archivist’s positions: $name', ({ manual: positions, order }) => {
    const items = [1, 2, 3, 4].map((id) => item(id, `2024-0${id}-01`, { manualPosition: positions[id] ?? null }))
    const result = orderInVolume(items, [])
    expect(result.map((entry) => entry.id)).toEqual(order)
    for (const entry of result)
      expect(entry.reason).toBe(positions[entry.id] ? 'policy.order.manual' : 'policy.order.dateFormed')
  })

  it('R-FILE-5 a manual position inside a linked group moves only that item', () => {
    const items = [
      item(1, '2024-01-10', { kind: 'request' }),
      item(2, '2024-02-10', { kind: 'reply', manualPosition: 3 }),
      item(3, '2024-03-01'),
      item(4, '2024-04-01')
    ]
    expect(orderInVolume(items, [link('request_reply', 1, 2)]).map((entry) => entry.id)).toEqual([1, 3, 2, 4])
  })

  it('R-FILE-5 bad links (a request/reply loop, two owners, a part of itself) still give every item one place', () => {
    const items = [item(1, '2024-01-01'), item(2, '2024-01-02'), item(3, '2024-01-03'), item(4, '2024-01-04')]
    const links = [
      link('request_reply', 1, 2),
      link('request_reply', 2, 1),
      link('main_attachment', 3, 4),
      link('original_copy', 1, 4),
      link('main_attachment', 4, 3),
      link('language_version', 2, 2)
    ]
    const ids = orderInVolume(items, links).map((entry) => entry.id)
    expect([...ids].sort()).toEqual([1, 2, 3, 4])
    expect(ids.indexOf(4)).toBe(ids.indexOf(3) + 1)
  })

  it('R-FILE-5 on random volumes: a permutation, groups adjacent, parts after their owners, replies before requests', () => {
    let seed = 20240601
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    const kinds: LinkKind[] = ['request_reply', 'main_attachment', 'original_copy', 'printed_final', 'language_version']
    for (let round = 0; round < 200; round += 1) {
      const size = 1 + random(25)
      const items = Array.from({ length: size }, (_, index) =>
        item(index + 1, `2024-${String(1 + random(12)).padStart(2, '0')}-${String(1 + random(28)).padStart(2, '0')}`)
      )
      // A forest of links (each item linked to at most one earlier item) so every link can be honoured.
      const links = items
        .slice(1)
        .flatMap((facts) =>
          random(3) === 0 ? [] : [link(kinds[random(kinds.length)], 1 + random(facts.id - 1), facts.id)]
        )
      const ids = orderInVolume(items, links).map((entry) => entry.id)
      expect([...ids].sort((a, b) => a - b)).toEqual(items.map((facts) => facts.id))
      const at = new Map(ids.map((id, index) => [id, index]))
      for (const { kind, fromId, toId } of links) {
        if (kind === 'request_reply') expect(at.get(toId)!).toBeLessThan(at.get(fromId)!)
        else expect(at.get(fromId)!).toBeLessThan(at.get(toId)!)
      }
      const group = new Map<number, number>(items.map((facts) => [facts.id, facts.id]))
      const top = (id: number): number => (group.get(id) === id ? id : top(group.get(id)!))
      for (const { fromId, toId } of links) group.set(top(fromId), top(toId))
      const members = new Map<number, number[]>()
      for (const id of ids) members.set(top(id), [...(members.get(top(id)) ?? []), at.get(id)!])
      for (const positions of members.values())
        expect(Math.max(...positions) - Math.min(...positions)).toBe(positions.length - 1)
    }
  })
})

describe('R-FILE-6 page numbering', () => {
  it.each([
    {
      name: 'continuous pages in the given order',
      counts: [3, 1, 5],
      pages: [
        [1, 3],
        [4, 4],
        [5, 9]
      ],
      total: 9
    },
    { name: 'one item', counts: [12], pages: [[1, 12]], total: 12 },
    { name: 'an empty volume', counts: [], pages: [], total: 0 }
  ])('$name', ({ counts, pages, total }) => {
    const ordered = counts.map((pageCount, index) => ({ id: 10 + index, pageCount }))
    expect(pageNumbers(ordered)).toEqual(
      allow({ pages: pages.map(([startPage, endPage], index) => ({ id: 10 + index, startPage, endPage })), total })
    )
  })

  it.each([
    { name: 'a zero page count', counts: [3, 0, 2], ids: '2', count: 1 },
    { name: 'a missing page count', counts: [Number.NaN, 4], ids: '1', count: 1 },
    { name: 'negative and fractional counts', counts: [-1, 2, 1.5, 0], ids: '1, 3, 4', count: 3 }
  ])('refuses $name, listing the ids', ({ counts, ids, count }) => {
    const ordered = counts.map((pageCount, index) => ({ id: index + 1, pageCount }))
    expect(pageNumbers(ordered)).toEqual(refuse('R-FILE-6', 'policy.pages.missingPageCount', { ids, count }))
  })
})

const volume = (extra: Partial<VolumeFacts> = {}): VolumeFacts => ({
  year: 2024,
  categoryCode: 'KH',
  retentionCode: 'D30',
  classification: 'none',
  closed: false,
  ...extra
})
const candidate = (id: number, extra: Partial<CandidateFacts> = {}): CandidateFacts => ({
  id,
  year: 2024,
  categoryCode: 'KH',
  retentionCode: 'D30',
  classification: 'none',
  volumeId: null,
  ...extra
})
const inVolume = (id: number, classification: ClassificationCode): CandidateFacts =>
  candidate(id, { classification, volumeId: 7 })

describe('R-FILE-1/2/3/7 admission to a volume', () => {
  it.each([
    {
      name: 'R-FILE-2 a matching item may join',
      volume: volume(),
      members: [inVolume(1, 'none')],
      candidate: candidate(2),
      links: [],
      elsewhere: [],
      refusal: null
    },
    {
      name: 'R-FILE-6 a closed volume takes nothing more',
      volume: volume({ closed: true }),
      members: [],
      candidate: candidate(2),
      links: [],
      elsewhere: [],
      refusal: { ruleId: 'R-FILE-6', reason: 'policy.admission.volumeClosed' }
    },
    {
      name: 'R-FILE-1 an item already in another volume',
      volume: volume(),
      members: [inVolume(1, 'none')],
      candidate: candidate(2, { volumeId: 9 }),
      links: [],
      elsewhere: [],
      refusal: { ruleId: 'R-FILE-1', reason: 'policy.admission.inAnotherVolume', params: { volumeId: 9 } }
    },
    {
      name: 'R-FILE-1 an item already in this volume is no refusal',
      volume: volume(),
      members: [inVolume(1, 'none'), inVolume(2, 'none')],
      candidate: inVolume(2, 'none'),
      links: [],
      elsewhere: [],
      refusal: null
    },
    {
      name: 'R-FILE-2 a different filing year',
      volume: volume(),
      members: [],
      candidate: candidate(2, { year: 2023 }),
      links: [],
      elsewhere: [],
      refusal: {
        ruleId: 'R-FILE-2',
        reason: 'policy.admission.yearDiffers',
        params: { itemYear: 2023, volumeYear: 2024 }
      }
    },
    {
      name: 'R-FILE-1 a different category',
      volume: volume(),
      members: [],
      candidate: candidate(2, { categoryCode: 'WS' }),
      links: [],
      elsewhere: [],
      refusal: {
        ruleId: 'R-FILE-1',
        reason: 'policy.admission.categoryDiffers',
        params: { itemCategory: 'WS', volumeCategory: 'KH' }
      }
    },
    {
      name: 'R-FILE-1 a different retention period',
      volume: volume(),
      members: [],
      candidate: candidate(2, { retentionCode: 'D10' }),
      links: [],
      elsewhere: [],
      refusal: {
        ruleId: 'R-FILE-1',
        reason: 'policy.admission.retentionDiffers',
        params: { itemRetention: 'D10', volumeRetention: 'D30' }
      }
    },
    {
      name: 'R-FILE-7 绝密 into an ordinary volume',
      volume: volume(),
      members: [inVolume(1, 'none')],
      candidate: candidate(2, { classification: 'top_secret' }),
      links: [],
      elsewhere: [],
      refusal: { ruleId: 'R-FILE-7', reason: 'policy.admission.topSecretOwnVolume' }
    },
    {
      name: 'R-FILE-7 绝密 into a 机密 volume',
      volume: volume({ classification: 'confidential' }),
      members: [inVolume(1, 'confidential')],
      candidate: candidate(2, { classification: 'top_secret' }),
      links: [link('main_attachment', 1, 2)],
      elsewhere: [],
      refusal: { ruleId: 'R-FILE-7', reason: 'policy.admission.topSecretOwnVolume' }
    },
    {
      name: 'R-FILE-7 绝密 into a 绝密 volume',
      volume: volume({ classification: 'top_secret' }),
      members: [inVolume(1, 'top_secret')],
      candidate: candidate(2, { classification: 'top_secret' }),
      links: [],
      elsewhere: [],
      refusal: null
    },
    {
      name: 'R-FILE-7 秘密 and 机密 items join ordinary volumes',
      volume: volume({ classification: 'secret' }),
      members: [inVolume(1, 'secret')],
      candidate: candidate(2, { classification: 'confidential' }),
      links: [],
      elsewhere: [],
      refusal: null
    },
    {
      name: 'R-FILE-7 an ordinary item into a 绝密 volume without a tie',
      volume: volume({ classification: 'top_secret' }),
      members: [inVolume(1, 'top_secret')],
      candidate: candidate(2),
      links: [],
      elsewhere: [],
      refusal: { ruleId: 'R-FILE-7', reason: 'policy.admission.notTiedToTopSecret' }
    },
    {
      name: 'R-FILE-7 an ordinary item into an empty 绝密 volume',
      volume: volume({ classification: 'top_secret' }),
      members: [],
      candidate: candidate(2),
      links: [],
      elsewhere: [],
      refusal: { ruleId: 'R-FILE-7', reason: 'policy.admission.notTiedToTopSecret' }
    },
    {
      name: 'R-FILE-7 an ordinary item tied only to an ordinary member of a 绝密 volume',
      volume: volume({ classification: 'top_secret' }),
      members: [inVolume(1, 'top_secret'), inVolume(3, 'internal')],
      candidate: candidate(2),
      links: [link('main_attachment', 3, 2)],
      elsewhere: [],
      refusal: { ruleId: 'R-FILE-7', reason: 'policy.admission.notTiedToTopSecret' }
    },
    {
      name: 'R-FILE-7 an attachment of a 绝密 member joins its 绝密 volume',
      volume: volume({ classification: 'top_secret' }),
      members: [inVolume(1, 'top_secret')],
      candidate: candidate(2, { classification: 'internal' }),
      links: [link('main_attachment', 1, 2)],
      elsewhere: [],
      refusal: null
    },
    {
      name: 'R-FILE-7 a request answered by a 绝密 reply joins the reply’s volume (link in the other direction)',
      volume: volume({ classification: 'top_secret' }),
      members: [inVolume(1, 'top_secret')],
      candidate: candidate(2),
      links: [link('request_reply', 2, 1)],
      elsewhere: [],
      refusal: null
    },
    {
      name: 'R-FILE-3 a pair is not split: its linked item is in another volume',
      volume: volume(),
      members: [],
      candidate: candidate(2),
      links: [link('request_reply', 2, 5), link('original_copy', 2, 6)],
      elsewhere: [
        { id: 5, volumeId: 8 },
        { id: 6, volumeId: 8 }
      ],
      refusal: { ruleId: 'R-FILE-3', reason: 'policy.admission.pairSplit', params: { ids: '5, 6', volumeIds: '8' } }
    },
    {
      name: 'R-FILE-3 a linked item already in this volume is no split',
      volume: volume(),
      members: [inVolume(5, 'none')],
      candidate: candidate(2),
      links: [link('request_reply', 2, 5)],
      elsewhere: [{ id: 5, volumeId: 7 }],
      refusal: null
    }
  ])('$name', ({ volume, members, candidate, links, elsewhere, refusal }) => {
    expect(refusalOf(refuseVolumeAdmission(volume, members, candidate, links, elsewhere))).toEqual(refusal)
  })

  it('R-FILE-6 a closed volume is refused before any other difference', () => {
    const refusal = refusalOf(
      refuseVolumeAdmission(volume({ closed: true }), [], candidate(2, { year: 2020, categoryCode: 'WS' }), [], [])
    )
    expect(refusal?.reason).toBe('policy.admission.volumeClosed')
  })
})

describe('R-FILE-7 volume classification', () => {
  it.each([
    { items: [] as ClassificationCode[], expected: 'none' },
    { items: ['none', 'none'] as ClassificationCode[], expected: 'none' },
    { items: ['none', 'secret', 'internal'] as ClassificationCode[], expected: 'secret' },
    { items: ['confidential', 'secret'] as ClassificationCode[], expected: 'confidential' },
    { items: ['internal', 'top_secret', 'confidential'] as ClassificationCode[], expected: 'top_secret' }
  ])('[$items] → $expected', ({ items, expected }) => {
    expect(volumeClassification(items.map((classification) => ({ classification })))).toBe(expected)
  })
})

describe('R-FILE-11 description fields (DA/T 18)', () => {
  const complete = {
    title: '关于2024年度客户回访的请示',
    responsibleParty: '市场部',
    dateFormed: '2024-03-01',
    pageCount: 4,
    classification: 'none',
    retentionCode: 'D30',
    openStatus: 'controlled'
  }
  const always: DescriptionField[] = [
    'title',
    'responsibleParty',
    'dateFormed',
    'pageCount',
    'classification',
    'retentionCode',
    'openStatus'
  ]

  it.each([
    { name: 'a complete description being catalogued', item: complete, stage: 'catalogued' as const, missing: [] },
    {
      name: 'a filed item needs its archival code',
      item: complete,
      stage: 'filed' as const,
      missing: ['archivalCode']
    },
    {
      name: 'a filed item with its code',
      item: { ...complete, archivalCode: 'J001-KH·2024-D30-ZS-0007' },
      stage: 'filed' as const,
      missing: []
    },
    { name: 'an empty form being catalogued', item: {}, stage: 'catalogued' as const, missing: always },
    {
      name: 'an empty form being filed, in field order',
      item: {},
      stage: 'filed' as const,
      missing: ['archivalCode', ...always]
    },
    {
      name: 'blank text and nulls are missing',
      item: { ...complete, title: '  ', responsibleParty: null },
      stage: 'catalogued' as const,
      missing: ['title', 'responsibleParty']
    },
    {
      name: 'a zero page count is missing',
      item: { ...complete, pageCount: 0 },
      stage: 'catalogued' as const,
      missing: ['pageCount']
    },
    {
      name: 'a page count typed as text counts',
      item: { ...complete, pageCount: '3' },
      stage: 'catalogued' as const,
      missing: []
    },
    {
      name: 'a non-numeric page count is missing',
      item: { ...complete, pageCount: 'abc' },
      stage: 'catalogued' as const,
      missing: ['pageCount']
    },
    {
      name: '文号 and 备注 are never reported',
      item: { ...complete, documentNumber: '', remarks: null },
      stage: 'filed' as const,
      missing: ['archivalCode']
    },
    {
      name: '普通 is a classification, not a missing one',
      item: { ...complete, classification: 'none' },
      stage: 'catalogued' as const,
      missing: []
    }
  ])('$name', ({ item, stage, missing }) => {
    expect(missingDescription(item, stage)).toEqual(missing)
  })
})

describe('R-FILE-1, R-KEEP-1 filing an item in a volume', () => {
  it.each<[string | null, string | null, Refusal | null]>([
    ['J001-KH·2024-D30-ZS-0001', null, null],
    [null, null, { ruleId: 'R-FILE-1', reason: 'policy.notCatalogued' }],
    [null, 'A-01-3', { ruleId: 'R-FILE-1', reason: 'policy.notCatalogued' }],
    [
      'J001-KH·2024-D30-ZS-0001',
      'A-01-3',
      { ruleId: 'R-KEEP-1', reason: 'policy.location.awayCannotFile', params: { path: 'A-01-3' } }
    ]
  ])('code %s, away at %s', (archivalCode, awayAt, refusal) => {
    expect(refusalOf(refuseFiling({ archivalCode, awayAt }))).toEqual(refusal)
  })
})

describe('R-FILE-8, R-FILE-3 closing a volume', () => {
  it.each<[number, string | undefined, Refusal | null]>([
    [3, undefined, null],
    [0, undefined, { ruleId: 'R-FILE-8', reason: 'policy.volumeEmpty' }],
    [3, '请示', { ruleId: 'R-FILE-3', reason: 'policy.linkedOutsideVolume', params: { title: '请示' } }]
  ])('%i items, linked outside: %s', (itemCount, outside, refusal) => {
    expect(refusalOf(refuseClosing(itemCount, outside))).toEqual(refusal)
  })
})

describe('R-DISP-8, R-FILE-10 records whose catalogue entry is fixed', () => {
  it.each<[string, Parameters<typeof refuseChange>[0], Refusal | null]>([
    ['an open record', { label: 'X-1', destroyed: false, closedVolume: null }, null],
    [
      'a destroyed record',
      { label: 'X-1', destroyed: true, closedVolume: 'V-1' },
      { ruleId: 'R-DISP-8', reason: 'policy.disposal.destroyedFrozen', params: { code: 'X-1' } }
    ],
    [
      'an item of a closed volume',
      { label: 'X-1', destroyed: false, closedVolume: 'V-1' },
      { ruleId: 'R-FILE-10', reason: 'policy.volumeClosed', params: { code: 'V-1' } }
    ]
  ])('%s', (_name, record, refusal) => {
    expect(refusalOf(refuseChange(record))).toEqual(refusal)
  })

  it.each<[string | null, boolean, Refusal | null]>([
    [null, true, null],
    ['X-1', false, null],
    ['X-1', true, { ruleId: 'R-FILE-10', reason: 'policy.codeStable', params: { code: 'X-1', year: 2025 } }]
  ])('R-FILE-10 code %s, change touching it: %s', (archivalCode, changesCode, refusal) => {
    expect(refusalOf(refuseCodeChange(archivalCode, changesCode, 2025))).toEqual(refusal)
  })
})

describe('R-FILE-3 links', () => {
  it.each<[number, number, Refusal | null]>([
    [1, 2, null],
    [4, 4, { ruleId: 'R-FILE-3', reason: 'policy.linkSelf' }]
  ])('linking %i to %i', (fromId, toId, refusal) => {
    expect(refusalOf(refuseSelfLink(fromId, toId))).toEqual(refusal)
  })

  it.each<[number, Refusal | null]>([
    [0, null],
    [1, null],
    [2, { ruleId: 'R-FILE-3', reason: 'policy.linkAcrossVolumes', params: { from: '请示', to: '批复' } }]
  ])('a linked group in %i volumes', (volumes, refusal) => {
    expect(refusalOf(refuseSplitLink(volumes, '请示', '批复'))).toEqual(refusal)
  })
})

describe('R-FILE-10 item-level filing (DA/T 22): a coded item in its box is filed without a volume', () => {
  it.each([
    { name: 'received, without a code', archivalCode: null, volumeId: null, homeKind: 'box', status: 'received' },
    {
      name: 'coded, with no home yet',
      archivalCode: 'J001-KH·2025-D30-ZS-0001',
      volumeId: null,
      homeKind: null,
      status: 'catalogued'
    },
    {
      name: 'coded, on a shelf but not boxed',
      archivalCode: 'J001-KH·2025-D30-ZS-0001',
      volumeId: null,
      homeKind: 'shelf',
      status: 'catalogued'
    },
    {
      name: 'coded and in its box',
      archivalCode: 'J001-KH·2025-D30-ZS-0001',
      volumeId: null,
      homeKind: 'box',
      status: 'filed'
    },
    {
      name: 'coded and in a volume (立卷)',
      archivalCode: 'J001-KH·2025-D30-ZS-0001',
      volumeId: 3,
      homeKind: null,
      status: 'filed'
    }
  ] as const)('R-FILE-10 $name → $status', ({ archivalCode, volumeId, homeKind, status }) => {
    expect(itemStatus({ archivalCode, volumeId, homeKind })).toBe(status)
  })
})
