import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChannelInput, ItemRow } from '@preload/contract'
import { makeApp, sampleCustomer, type TestApp } from '../support/app'
import { itemInput, REINDEX_ITEM_SEARCH } from '../support/records'
import { expectKeysInTitleOrder } from '../support/title-order'

/**
 * Issue 19: a search under filters is matched by the indexes in title order, which hold each item's filter values as
 * words (migration 1766200000000). Every page and every count is held to an oracle computed here from the rows, after
 * the filter values changed through the services and behind them.
 */

type Query = Omit<ChannelInput<'items.list'>, 'page' | 'pageSize'>

interface Row {
  id: number
  title: string
  body: string
  dateFormed: string
  year: number
  categoryCode: string
  retentionCode: string
  classification: string
  status: string
  custody: string
  customerId: number | null
  volumeId: number | null
}

const utf8 = (text: string) => Buffer.from(text, 'utf8')

async function oracle(app: TestApp, query: Query): Promise<number[]> {
  const rows = await app.database.query<Row>(
    `SELECT i.id, i.title, i.date_formed AS dateFormed, i.year, i.category_code AS categoryCode,
       i.retention_code AS retentionCode, i.classification, i.status, i.custody, i.customer_id AS customerId,
       i.volume_id AS volumeId, i.title || char(10) || i.document_number || char(10) || i.responsible_party || char(10) ||
       COALESCE(i.archival_code, '') || char(10) || COALESCE(c.name, '') AS body
     FROM items i LEFT JOIN customers c ON c.id = i.customer_id`
  )
  const among = <T>(values: readonly T[] | undefined, value: T) => !values?.length || values.includes(value)
  const kept = rows.filter(
    (row) =>
      row.body.includes(query.search!) &&
      among(query.year, row.year) &&
      among(query.categoryCode, row.categoryCode) &&
      among(query.retentionCode, row.retentionCode) &&
      among(query.classification as string[] | undefined, row.classification) &&
      among(query.status as string[] | undefined, row.status) &&
      (query.custody?.length ? (query.custody as string[]).includes(row.custody) : row.custody !== 'destroyed') &&
      (query.customerId === undefined || row.customerId === query.customerId) &&
      (query.volumeId === undefined || row.volumeId === query.volumeId) &&
      (query.ids === undefined || query.ids.includes(row.id))
  )
  const compare: Record<string, (a: Row, b: Row) => number> = {
    title: (a, b) => Buffer.compare(utf8(a.title), utf8(b.title)),
    dateFormed: (a, b) => (a.dateFormed < b.dateFormed ? -1 : a.dateFormed > b.dateFormed ? 1 : 0),
    registered: () => 0
  }
  const sorted = kept.sort((a, b) => compare[query.sortBy!](a, b) || a.id - b.id)
  return (query.sortOrder === 'ascend' ? sorted : sorted.reverse()).map((row) => row.id)
}

async function expectPagesEqualOracle(app: TestApp, key: string, query: Query) {
  const expected = await oracle(app, query)
  const seen: number[] = []
  for (let page = 1; ; page += 1) {
    const result = await app.call('items.list', { ...query, page, pageSize: 7 }, key)
    expect(result.total, `${JSON.stringify(query)} total`).toBe(expected.length)
    seen.push(...result.rows.map((row: ItemRow) => row.id))
    if (result.rows.length < 7) break
  }
  expect(seen, JSON.stringify(query)).toEqual(expected)
  return expected.length
}

describe('issue 19: a search under filters is matched by the search index itself', () => {
  let app: TestApp
  let key: string
  const ids: number[] = []
  const customers: number[] = []
  let volumeId = 0
  beforeAll(async () => {
    app = await makeApp()
    key = await app.signInAs('archivist')
    for (const name of ['上海顺达合同物流有限公司', '杭州会议纪要印务有限公司'])
      customers.push((await app.call('customers.create', { ...sampleCustomer(), name }, key)).id)
    for (let n = 0; n < 480; n += 1) {
      const title = `${String((n * 37) % 480).padStart(3, '0')}号${n % 4 === 0 ? '会议纪要' : n % 4 === 1 ? '借款合同' : '合同书'}`
      const input = itemInput({
        title,
        categoryCode: n % 3 === 0 ? 'WS' : 'KH',
        classification: n % 5 === 0 ? 'internal' : 'none',
        dateFormed: `${2018 + (n % 3)}-0${1 + (n % 9)}-1${n % 10}`,
        receivedOn: '2021-01-05',
        customerId: n % 6 === 0 ? customers[0] : n % 6 === 1 ? customers[1] : undefined
      })
      ids.push((await app.call('items.create', input, key)).id)
    }
    // Filter values that change after the items were indexed: through the services …
    for (const id of ids.filter((_, n) => n % 7 === 0)) {
      const item = await app.call('items.get', { id }, key)
      const fields = Object.keys(itemInput({ customerId: 1 })).map((field) => [
        field,
        item[field as keyof typeof item] ?? undefined
      ])
      await app.call(
        'items.update',
        {
          ...itemInput(Object.fromEntries(fields)),
          dateFormed: '2019-12-31',
          classification: item.classification === 'none' ? 'internal' : 'none',
          categoryCode: item.categoryCode === 'KH' ? 'WS' : 'KH',
          id,
          version: item.version
        },
        key
      )
    }
    await app.call('items.catalogueMany', { ids: ids.filter((_, n) => n % 4 === 1) }, key)
    const volume = await app.call(
      'volumes.create',
      { fondsCode: 'J001', categoryCode: 'KH', year: 2019, retentionCode: 'D30', title: '2019年合同' },
      key
    )
    volumeId = volume.id
    const fileable = await app.database.query<{ id: number }>(
      `SELECT id FROM items WHERE status = 'catalogued' AND category_code = 'KH' AND year = 2019 LIMIT 9`
    )
    await app.call('volumes.addItems', { volumeId, itemIds: fileable.map((row) => row.id) }, key)
    // … and behind them.
    await app.database.query(`UPDATE items SET custody = 'destroyed' WHERE id % 11 = 0`)
    await app.database.query(`UPDATE items SET custody = 'on_loan' WHERE id % 13 = 0 AND custody <> 'destroyed'`)
    await app.database.query(`UPDATE items SET retention_code = 'Y' WHERE id % 17 = 0`)
    await app.database.query(`UPDATE items SET customer_id = ? WHERE id % 19 = 0`, [customers[1]])
    for (const statement of REINDEX_ITEM_SEARCH) await app.database.query(statement)
  }, 300_000)
  afterAll(async () => app?.close())

  it('both indexes hold each item under its filter values as they are now', async () => {
    await expectKeysInTitleOrder(app.database)
  })

  it('every filter, alone and together, in every order: each page and the count equal the rows', async () => {
    const filters: Partial<Query>[] = [
      {},
      { year: [2019] },
      { year: [2018, 2020], classification: ['internal'] },
      { categoryCode: ['WS'] },
      { retentionCode: ['Y'] },
      { status: ['catalogued'], year: [2019] },
      { custody: ['destroyed'] },
      { custody: ['on_loan', 'in_store'], categoryCode: ['KH'] },
      { customerId: customers[0] },
      { customerId: customers[1], year: [2019, 2020] },
      { volumeId },
      { ids: ids.filter((_, n) => n % 2 === 0), year: [2019] }
    ]
    let matched = 0
    for (const filter of filters)
      for (const search of ['合同', '会议纪要', '有限公司'])
        for (const [sortBy, sortOrder] of [
          ['title', 'ascend'],
          ['title', 'descend'],
          ['registered', 'descend'],
          ['dateFormed', 'ascend']
        ] as const)
          matched += await expectPagesEqualOracle(app, key, { ...filter, search, sortBy, sortOrder } as Query)
    // The filters left something to find in most of the cases, not nothing everywhere.
    expect(matched).toBeGreaterThan(2000)
  }, 300_000)

  it('a value no item ever had finds nothing, with a count of 0', async () => {
    for (const filter of [{ year: [1990] }, { categoryCode: ['ZZ'] }, { customerId: 999_999 }, { volumeId: 999_999 }]) {
      const result = await app.call(
        'items.list',
        { search: '合同', sortBy: 'title', ...filter, page: 1, pageSize: 20 },
        key
      )
      expect(result, JSON.stringify(filter)).toMatchObject({ rows: [], total: 0 })
    }
  })
})
