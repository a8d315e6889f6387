import Database from 'better-sqlite3'
import { describe, it } from 'vitest'
import { BUCKET_MOST } from '@main/db/item-search'
import { KEY_PER_BUCKET } from '@main/db/migrations/1766100000000-TitleOrderSearch'
import { facetTrigram } from '@main/db/migrations/1766200000000-FilteredSearch'
import type { ChannelInput } from '@preload/contract'
import { benchSizes, measure, reportScale, type Paired } from './measure'
import { openRoom } from './seed'

/** Each list and search of the issue, with the raw query that answers the same (exact count, first page) straight from an index. */
interface Operation {
  label: string
  input: ChannelInput<'items.list'>
  raw: string[]
}

const page = (order: string, where = '', offset = 0) => [
  `SELECT COUNT(*) FROM items ${where}`,
  `SELECT * FROM items ${where} ORDER BY ${order} LIMIT 20 OFFSET ${offset}`
]
const hex = (pair: string) => `"${Buffer.from(pair).toString('hex').toUpperCase()}"`
/** Matches in another order than the search index's: every match must be known before the first of the order is. */
const matchingSorted = (table: string, match: string, order: string) => [
  `SELECT COUNT(*) FROM ${table} WHERE ${table} MATCH '${match}'`,
  `SELECT i.* FROM items i WHERE i.id IN (SELECT rowid FROM ${table} WHERE ${table} MATCH '${match}') ORDER BY ${order} LIMIT 20`
]
/**
 * A search by title, straight from the index kept in title order: its first page's worth of matches and one bucket
 * more (as far as the page can need), sorted by title. The count is the search index's own.
 */
const matchingByTitle = (table: string, titleTable: string, match: string, offset = 0) => [
  `SELECT COUNT(*) FROM ${table} WHERE ${table} MATCH '${match}'`,
  `SELECT i.* FROM (SELECT i.id FROM ${titleTable} f JOIN items i ON i.id = f.rowid % ${KEY_PER_BUCKET}
     WHERE ${titleTable} MATCH '${match}' AND i.custody <> 'destroyed' ORDER BY f.rowid LIMIT ${offset + 20 + BUCKET_MOST}) s
   JOIN items i ON i.id = s.id ORDER BY i.title, i.id LIMIT 20 OFFSET ${offset}`
]
/**
 * A search under filters, straight from the index in title order that holds the filter values as words: its count and
 * its first page in the order asked, sorted from all its matches.
 */
const filteredMatching = (table: string, match: string, order: string) => [
  `SELECT COUNT(*) FROM ${table} WHERE ${table} MATCH '${match}'`,
  `SELECT i.* FROM items i WHERE i.id IN (SELECT rowid % ${KEY_PER_BUCKET} FROM ${table} WHERE ${table} MATCH '${match}')
   ORDER BY ${order} LIMIT 20`
]
/** What the operations need to know of the room: a customer, and the numbers of filter values. */
interface Room {
  customer: { name: string; id: number }
  facet: (kind: string, value: string | number) => number
}
const trigram = (id: number) => `"${facetTrigram(id)}"`

/** A search as the records page asks for it, newest registered first: down the search index, in its own order. */
const matching = (table: string, match: string) => [
  `SELECT COUNT(*) FROM ${table} WHERE ${table} MATCH '${match}'`,
  `SELECT i.* FROM ${table} f JOIN items i ON i.id = f.rowid WHERE ${table} MATCH '${match}' ORDER BY f.rowid DESC LIMIT 20`
]

function operations({ customer: { name, id: customerId }, facet }: Room): Operation[] {
  const customer = name.slice(0, 6)
  const year2019 = facet('year', 2019)
  return [
    { label: 'first page, newest first', input: {}, raw: page('updated_at DESC, id DESC') },
    { label: 'no filter, by title', input: { sortBy: 'title', sortOrder: 'ascend' }, raw: page('title, id') },
    {
      label: 'by date formed, page 50',
      input: { sortBy: 'dateFormed', sortOrder: 'descend', page: 50 },
      raw: page('date_formed DESC, id DESC', '', 980)
    },
    {
      label: 'year + category + classification, by code, p10',
      input: {
        year: [2019],
        categoryCode: ['KH'],
        classification: ['none'],
        sortBy: 'archivalCode',
        sortOrder: 'ascend',
        page: 10
      },
      raw: page('archival_code, id', `WHERE year = 2019 AND category_code = 'KH' AND classification = 'none'`, 180)
    },
    {
      label: 'status filed, by date formed',
      input: { status: ['filed'], sortBy: 'dateFormed' },
      raw: page('date_formed DESC, id DESC', `WHERE status = 'filed'`)
    },
    {
      label: 'search 会议纪要',
      input: { search: '会议纪要', sortBy: 'registered' },
      raw: matching('items_fts', '"会议纪要"')
    },
    {
      label: 'search 有限公司',
      input: { search: '有限公司', sortBy: 'registered' },
      raw: matching('items_fts', '"有限公司"')
    },
    {
      label: 'search 仓储设施改造的批复',
      input: { search: '仓储设施改造的批复', sortBy: 'registered' },
      raw: matching('items_fts', '"仓储设施改造的批复"')
    },
    {
      label: 'search 6 characters of a customer name',
      input: { search: customer, sortBy: 'registered' },
      raw: matching('items_fts', `"${customer}"`)
    },
    {
      label: 'search 合同 (2 characters)',
      input: { search: '合同', sortBy: 'registered' },
      raw: matching('items_bigrams', hex('合同'))
    },
    {
      label: 'search 绿化 (2 characters)',
      input: { search: '绿化', sortBy: 'registered' },
      raw: matching('items_bigrams', hex('绿化'))
    },
    {
      label: 'search 合同, by title',
      input: { search: '合同', sortBy: 'title', sortOrder: 'ascend' },
      raw: matchingByTitle('items_bigrams', 'items_title_bigrams', hex('合同'))
    },
    {
      label: 'search 合同, by title, page 50',
      input: { search: '合同', sortBy: 'title', sortOrder: 'ascend', page: 50 },
      raw: matchingByTitle('items_bigrams', 'items_title_bigrams', hex('合同'), 980)
    },
    {
      label: 'search 有限公司, by title',
      input: { search: '有限公司', sortBy: 'title', sortOrder: 'ascend' },
      raw: matchingByTitle('items_fts', 'items_title_fts', '"有限公司"')
    },
    {
      label: 'search 合同, year 2019, by title',
      input: { search: '合同', year: [2019], sortBy: 'title', sortOrder: 'descend' },
      raw: filteredMatching('items_title_bigrams', `${hex('合同')} AND "zf${year2019}"`, 'i.title DESC, i.id DESC')
    },
    {
      label: 'search 合同, year 2019, by the year index',
      input: { search: '合同', year: [2019], sortBy: 'title', sortOrder: 'descend' },
      raw: [
        `SELECT COUNT(*) FROM items i WHERE i.year = 2019 AND i.id IN (SELECT rowid FROM items_bigrams WHERE items_bigrams MATCH '${hex('合同')}')`,
        `SELECT i.* FROM items i WHERE i.year = 2019 AND i.id IN (SELECT rowid FROM items_bigrams WHERE items_bigrams MATCH '${hex('合同')}') ORDER BY i.title DESC, i.id DESC LIMIT 20`
      ]
    },
    {
      label: 'search 会议纪要, year 2019, registered',
      input: { search: '会议纪要', year: [2019], sortBy: 'registered' },
      raw: filteredMatching('items_title_fts', `body : "会议纪要" AND facets : ${trigram(year2019)}`, 'i.id DESC')
    },
    {
      label: 'search 有限公司, year 2019, by date formed',
      input: { search: '有限公司', year: [2019], sortBy: 'dateFormed', sortOrder: 'descend' },
      raw: filteredMatching(
        'items_title_fts',
        `body : "有限公司" AND facets : ${trigram(year2019)}`,
        'i.date_formed DESC, i.id DESC'
      )
    },
    {
      label: 'search 合同 of one customer, by title',
      input: { search: '合同', customerId, sortBy: 'title', sortOrder: 'ascend' },
      raw: filteredMatching(
        'items_title_bigrams',
        `${hex('合同')} AND "zf${facet('customer_id', customerId)}"`,
        'i.title, i.id'
      )
    },
    {
      label: 'search 合同, by date formed',
      input: { search: '合同', sortBy: 'dateFormed', sortOrder: 'descend' },
      raw: matchingSorted('items_bigrams', hex('合同'), 'date_formed DESC, id DESC')
    },
    {
      label: 'search 绿化, by title',
      input: { search: '绿化', sortBy: 'title', sortOrder: 'ascend' },
      raw: matchingByTitle('items_bigrams', 'items_title_bigrams', hex('绿化'))
    },
    {
      label: 'search 会议纪要, by title',
      input: { search: '会议纪要', sortBy: 'title', sortOrder: 'ascend' },
      raw: matchingByTitle('items_fts', 'items_title_fts', '"会议纪要"')
    },
    {
      label: 'search 会议纪要, by when changed',
      input: { search: '会议纪要', sortBy: 'updatedAt', sortOrder: 'descend' },
      raw: matchingSorted('items_fts', '"会议纪要"', 'updated_at DESC, id DESC')
    },
    {
      label: 'search whole code J001-KH·2019-D30-ZS-0042',
      input: { search: 'J001-KH·2019-D30-ZS-0042', sortBy: 'registered' },
      raw: matching('items_fts', '"J001-KH·2019-D30-ZS-0042"')
    }
  ]
}

describe('item list and search at scale', () => {
  it('pages, searches and filters', async () => {
    const results = new Map<number, Map<string, Paired>>()
    for (const size of benchSizes()) {
      const { app, key, file } = await openRoom(size)
      const raw = new Database(file, { readonly: true })
      const [customer] = raw
        .prepare('SELECT name, id FROM customers ORDER BY id LIMIT 1 OFFSET ?')
        .all(Math.floor(size / 300)) as { name: string; id: number }[]
      const facetOf = raw.prepare('SELECT id FROM search_facets WHERE kind = ? AND value = ?')
      const facet = (kind: string, value: string | number) =>
        (facetOf.get(kind, String(value)) as { id: number } | undefined)?.id ?? 0
      const figures = new Map<string, Paired>()
      for (const operation of operations({ customer, facet })) {
        const input: ChannelInput<'items.list'> = { page: 1, pageSize: 20, ...operation.input }
        const { total, totalCapped } = await app.call('items.list', input, key)
        const statements = operation.raw.map((text) => raw.prepare(text))
        figures.set(operation.label, {
          app: await measure(operation.label, () => app.call('items.list', input, key), 15),
          raw: await measure(operation.label, () => statements.map((statement) => statement.all()), 15),
          note: `→ ${total}${totalCapped ? '+' : ''}`
        })
      }
      raw.close()
      await app.close()
      results.set(size, figures)
    }
    reportScale('items.list through the dispatcher vs the raw index query', results)
  }, 7_200_000)
})
