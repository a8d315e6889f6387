import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '@main/db/connection'
import { BUCKET_MOST, keepTitleBucketsSmall } from '@main/db/item-search'
import { BUCKET_CUT, KEY_PER_BUCKET, TITLE_KEY } from '@main/db/migrations/1766100000000-TitleOrderSearch'
import type { ItemRow } from '@preload/contract'
import { makeApp, sampleCustomer, seedInTransaction, type TestApp } from '../support/app'
import { expectKeysInTitleOrder } from '../support/title-order'
import { itemInput, REINDEX_ITEM_SEARCH } from '../support/records'

const bucketSizes = async (db: Db) =>
  (
    await db.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM items i GROUP BY ${TITLE_KEY('i')} / ${KEY_PER_BUCKET} ORDER BY 1 DESC`
    )
  ).map((row) => row.n)

/** The oracle: every item whose search text holds the words, by title then id, as SQLite compares text. */
async function expectedOrder(db: Db, search: string, ascending: boolean): Promise<number[]> {
  const direction = ascending ? 'ASC' : 'DESC'
  const rows = await db.query<{ id: number }>(
    `SELECT i.id FROM items i LEFT JOIN customers c ON c.id = i.customer_id
     WHERE instr(lower(i.title || char(10) || i.document_number || char(10) || i.responsible_party || char(10) ||
       COALESCE(i.archival_code, '') || char(10) || COALESCE(c.name, '')), lower(?)) > 0 AND i.custody <> 'destroyed'
       AND COALESCE(i.archival_code, '') NOT IN (?, upper(?), lower(?)) AND i.document_number NOT IN (?, upper(?), lower(?))
     ORDER BY i.title ${direction}, i.id ${direction}`,
    [search, ...Array(6).fill(search)]
  )
  return rows.map((row) => row.id)
}

async function everyPage(app: TestApp, key: string, search: string, ascending: boolean, size: number) {
  const ids: number[] = []
  for (let page = 1; ; page += 1) {
    const { rows } = await app.call(
      'items.list',
      { search, sortBy: 'title', sortOrder: ascending ? 'ascend' : 'descend', page, pageSize: size },
      key
    )
    ids.push(...rows.map((row: ItemRow) => row.id))
    if (rows.length < size) return ids
  }
}

describe('issue 19: searches sorted by title read an index kept in title order', () => {
  let app: TestApp
  let key: string
  beforeAll(async () => {
    app = await makeApp()
    key = await app.signInAs('archivist')
  })
  afterAll(async () => app?.close())

  it('registered one by one through the form in rising title order, every page is in title order', async () => {
    for (let n = 0; n < 700; n += 1) {
      const title = `合同${String(n).padStart(4, '0')}号${n % 5 === 0 ? '会议纪要' : '请示'}`
      await app.call('items.create', itemInput({ title, categoryCode: 'WS' }), key)
    }
    await expectKeysInTitleOrder(app.database)
    const sizes = await bucketSizes(app.database)
    expect(sizes.length).toBeGreaterThan(700 / BUCKET_MOST)
    expect(Math.max(...sizes)).toBeLessThanOrEqual(BUCKET_MOST)
    for (const [search, ascending, size] of [
      ['合同', true, 20],
      ['合同', false, 37],
      ['会议纪要', true, 9],
      ['议纪要', false, 50]
    ] as const)
      expect(await everyPage(app, key, search, ascending, size), `${search} ${ascending}`).toEqual(
        await expectedOrder(app.database, search, ascending)
      )
  })

  it('titles edited, items of a renamed customer and repeated titles keep their places', async () => {
    const customer = await app.call('customers.create', { ...sampleCustomer(), name: '上海会议纪要印务有限公司' }, key)
    const made = []
    for (let n = 0; n < 300; n += 1) {
      const title = n % 3 === 0 ? '仓储合同' : `${String(1000 - n)}号借款合同`
      made.push(await app.call('items.create', itemInput({ title, customerId: customer.id }), key))
    }
    for (const item of made.slice(0, 40)) {
      await app.call(
        'items.update',
        { ...itemInput({ title: `改题${item.id}合同`, customerId: customer.id }), id: item.id, version: item.version },
        key
      )
    }
    await app.call(
      'customers.update',
      { ...sampleCustomer(), name: '北京合同印务有限公司', id: customer.id, version: customer.version },
      key
    )
    await expectKeysInTitleOrder(app.database)
    expect(Math.max(...(await bucketSizes(app.database)))).toBeLessThanOrEqual(BUCKET_MOST)
    for (const search of ['合同', '印务', '北京合同印务', '会议纪要'])
      for (const ascending of [true, false])
        expect(await everyPage(app, key, search, ascending, 23), `${search} ${ascending}`).toEqual(
          await expectedOrder(app.database, search, ascending)
        )
  })

  it('a bucket with no number left before the next keeps growing, and its pages stay in title order', async () => {
    const db = app.database
    // The last bucket is followed at once by a new one: its gap is used up.
    const [{ last }] = await db.query<{ last: number }>('SELECT MAX(bucket) AS last FROM title_buckets')
    await seedInTransaction(app, async (seed) => {
      await seed.query(`INSERT INTO title_buckets (title, id, bucket) VALUES ('龘', 0, ${last + 1})`)
    })
    const before = await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM title_buckets')
    for (let n = 0; n < BUCKET_MOST + BUCKET_CUT; n += 1)
      await app.call('items.create', itemInput({ title: `鼎${n % 7}合同`, categoryCode: 'WS' }), key)
    expect(await db.query('SELECT COUNT(*) AS n FROM title_buckets')).toEqual(before)
    expect(Math.max(...(await bucketSizes(db)))).toBeGreaterThan(BUCKET_MOST)
    await expectKeysInTitleOrder(db)
    for (const ascending of [true, false])
      expect(await everyPage(app, key, '合同', ascending, 41)).toEqual(await expectedOrder(db, '合同', ascending))
  })

  it('items written behind the services are cut once asked, as an import does after each batch', async () => {
    const db = app.database
    const [{ userId }] = await db.query<{ userId: number }>(`SELECT id AS userId FROM users WHERE role = 'archivist'`)
    const ids: number[] = []
    await seedInTransaction(app, async (seed) => {
      const insert = seed.connection.prepare(
        `INSERT INTO items (fonds_code, category_code, year, retention_code, department_code, title, responsible_party,
           document_number, date_formed, received_on, status, policy_version, created_at, updated_at, created_by)
         VALUES ('J001', 'WS', 2025, 'D30', 'ZS', ?, '办公室', '', '2025-01-01', '2025-01-02', 'received', 0, ?, ?, ?)`
      )
      for (let n = 0; n < 1500; n += 1) {
        const stamp = new Date(Date.UTC(2025, 0, 1) + n * 1000).toISOString()
        ids.push(Number(insert.run(`${(n * 7919) % 1500}号合同`, stamp, stamp, userId).lastInsertRowid))
      }
      await keepTitleBucketsSmall(seed, ids)
      for (const statement of REINDEX_ITEM_SEARCH) await seed.query(statement)
    })
    await expectKeysInTitleOrder(db)
    const sizes = await bucketSizes(db)
    // Only the bucket whose gap was used up above is allowed to stay big.
    expect(sizes.filter((size) => size > BUCKET_MOST).length).toBeLessThanOrEqual(1)
    expect(await everyPage(app, key, '号合同', true, 100)).toEqual(await expectedOrder(db, '号合同', true))
  })
})

describe('issue 19: a long run of rising titles, one at a time, as a year of 第NNN号 documents is registered', () => {
  let app: TestApp
  let key: string
  beforeAll(async () => {
    app = await makeApp()
    key = await app.signInAs('archivist')
  })
  afterAll(async () => app?.close())

  it('keeps every bucket small, so a page reads at most one bucket past its end', async () => {
    const [{ userId }] = await app.database.query<{ userId: number }>(
      `SELECT id AS userId FROM users WHERE role = 'archivist'`
    )
    await seedInTransaction(app, async (db) => {
      const insert = db.connection.prepare(
        `INSERT INTO items (fonds_code, category_code, year, retention_code, department_code, title, responsible_party,
           document_number, date_formed, received_on, status, policy_version, created_at, updated_at, created_by)
         VALUES ('J001', 'WS', 2025, 'D30', 'ZS', ?, '办公室', '', '2025-01-01', '2025-01-02', 'received', 0, ?, ?, ?)`
      )
      // Older titles on either side of the run, so it grows inside the order, not only at its end.
      for (const title of ['2024年总结', '2026年计划']) insert.run(title, '2025', '2025', userId)
      for (let n = 1; n <= 12_000; n += 1) {
        const id = Number(
          insert.run(`2025年第${String(n).padStart(5, '0')}号合同`, '2025', '2025', userId).lastInsertRowid
        )
        await keepTitleBucketsSmall(db, [id])
      }
      for (const statement of REINDEX_ITEM_SEARCH) await db.query(statement)
    })
    await expectKeysInTitleOrder(app.database)
    expect(Math.max(...(await bucketSizes(app.database)))).toBeLessThanOrEqual(BUCKET_MOST)
    const last = await app.call(
      'items.list',
      { search: '号合同', sortBy: 'title', sortOrder: 'descend', page: 1, pageSize: 3 },
      key
    )
    expect(last.rows.map((row: ItemRow) => row.title)).toEqual([
      '2025年第12000号合同',
      '2025年第11999号合同',
      '2025年第11998号合同'
    ])
  })
})
