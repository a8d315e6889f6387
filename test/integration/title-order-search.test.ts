import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '@main/db/connection'
import { BUCKET_MOST, keepTitleBucketsSmall, makeTitleBucketsRoom } from '@main/db/item-search'
import { BUCKET_CUT, KEY_PER_BUCKET, TITLE_KEY } from '@main/db/migrations/1766100000000-TitleOrderSearch'
import type { ItemRow } from '@preload/contract'
import { makeApp, sampleCustomer, seedInTransaction, type TestApp } from '../support/app'
import { expectKeysInTitleOrder, pagesByTitle } from '../support/title-order'
import { ITEM_IMPORT_DEFAULTS, runImport } from '../support/imports'
import { itemInput, REINDEX_ITEM_SEARCH } from '../support/records'

/** Items written as an import writes them, behind the services and past the search triggers' cutting. */
async function insertBehind(db: Db, titles: string[]): Promise<number[]> {
  const [{ userId }] = await db.query<{ userId: number }>(`SELECT id AS userId FROM users WHERE role = 'archivist'`)
  const insert = db.connection.prepare(
    `INSERT INTO items (fonds_code, category_code, year, retention_code, department_code, title, responsible_party,
       document_number, date_formed, received_on, status, policy_version, created_at, updated_at, created_by)
     VALUES ('J001', 'WS', 2025, 'D30', 'ZS', ?, '办公室', '', '2025-01-01', '2025-01-02', 'received', 0, ?, ?, ?)`
  )
  return titles.map((title, n) => {
    const stamp = new Date(Date.UTC(2025, 0, 1) + n * 1000).toISOString()
    return Number(insert.run(title, stamp, stamp, userId).lastInsertRowid)
  })
}

const bucketCount = async (db: Db) => (await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM title_buckets'))[0].n

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
      expect(await pagesByTitle(app, key, search, ascending, size), `${search} ${ascending}`).toEqual(
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
        expect(await pagesByTitle(app, key, search, ascending, 23), `${search} ${ascending}`).toEqual(
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
      expect(await pagesByTitle(app, key, '合同', ascending, 41)).toEqual(await expectedOrder(db, '合同', ascending))
  })

  it('items written behind the services are cut once asked, as an import does after each batch', async () => {
    const db = app.database
    await seedInTransaction(app, async (seed) => {
      const ids = await insertBehind(
        seed,
        Array.from({ length: 1500 }, (_, n) => `${(n * 7919) % 1500}号合同`)
      )
      await keepTitleBucketsSmall(seed, ids)
      for (const statement of REINDEX_ITEM_SEARCH) await seed.query(statement)
    })
    await expectKeysInTitleOrder(db)
    const sizes = await bucketSizes(db)
    // Only the bucket whose gap was used up above is allowed to stay big.
    expect(sizes.filter((size) => size > BUCKET_MOST).length).toBeLessThanOrEqual(1)
    expect(await pagesByTitle(app, key, '号合同', true, 100)).toEqual(await expectedOrder(db, '号合同', true))
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

describe('issue 19: an import makes room in title order before it writes, so each item is keyed once', () => {
  let app: TestApp
  let key: string
  beforeAll(async () => {
    app = await makeApp()
    key = await app.signInAs('archivist')
    await seedInTransaction(app, async (seed) => {
      const ids = await insertBehind(
        seed,
        Array.from({ length: 3000 }, (_, n) => `${['合同', '关于', '请示', '会议纪要'][n % 4]}${(n * 7919) % 3000}`)
      )
      await keepTitleBucketsSmall(seed, ids)
    })
  })
  afterAll(async () => app?.close())

  const notices = (from: number, count: number) =>
    Array.from({ length: count }, (_, n) => `关于第${from + n}号事项的通知`)

  it('titles that fall together are given small buckets first: cutting after the write finds nothing to cut', async () => {
    const db = app.database
    await seedInTransaction(app, async (seed) => {
      const titles = notices(1, 1500)
      await makeTitleBucketsRoom(seed, titles)
      const buckets = await bucketCount(seed)
      const ids = await insertBehind(seed, titles)
      await keepTitleBucketsSmall(seed, ids)
      expect(await bucketCount(seed)).toBe(buckets)
    })
    expect(Math.max(...(await bucketSizes(db)))).toBeLessThanOrEqual(BUCKET_MOST)
    await expectKeysInTitleOrder(db)
  })

  it('ids other than the ones guessed only move an item beside its bucket, never out of title order', async () => {
    const db = app.database
    await seedInTransaction(app, async (seed) => {
      const titles = notices(1501, 1500)
      await makeTitleBucketsRoom(seed, titles)
      await seed.query(`UPDATE sqlite_sequence SET seq = (SELECT MAX(id) + 777 FROM items) WHERE name = 'items'`)
      const ids = await insertBehind(seed, [...titles].reverse())
      await keepTitleBucketsSmall(seed, ids)
      for (const statement of REINDEX_ITEM_SEARCH) await seed.query(statement)
    })
    await expectKeysInTitleOrder(db)
    expect(await pagesByTitle(app, key, '号事项', false, 97)).toEqual(await expectedOrder(db, '号事项', false))
  })

  const noticesFile = (from: number) => {
    const lines = [
      '题名,责任者,日期,页数',
      ...notices(from, 4500).map((title, n) => `${title},办公室,2019.03.${(n % 28) + 1},3`)
    ]
    return {
      target: 'items' as const,
      fileName: `notices-${from}.csv`,
      base64: Buffer.from(lines.join('\n'), 'utf8').toString('base64'),
      mapping: ['title', 'responsibleParty', 'dateFormed', 'pageCount'],
      defaults: ITEM_IMPORT_DEFAULTS
    }
  }

  it('an import of 4 500 rows in three batches, all in one stretch of title order: pages in title order, buckets small', async () => {
    const db = app.database
    const progress = await runImport(app, { ...noticesFile(5001), mode: 'validOnly' }, key)
    expect(progress.result?.imported).toBe(4500)
    await expectKeysInTitleOrder(db)
    expect(Math.max(...(await bucketSizes(db)))).toBeLessThanOrEqual(BUCKET_MOST)
    for (const ascending of [true, false])
      expect(await pagesByTitle(app, key, '事项的通知', ascending, 200)).toEqual(
        await expectedOrder(db, '事项的通知', ascending)
      )
  })

  it('after a dry run, the whole file is given its room before its first row is written', async () => {
    const db = app.database
    const [{ before }] = await db.query<{ before: number }>('SELECT MAX(id) AS before FROM items')
    // Each bucket start, as it is written, notes the last item then.
    await db.query('CREATE TEMP TABLE cut_when (last_item INTEGER)')
    await db.query(`CREATE TEMP TRIGGER note_cut AFTER INSERT ON main.title_buckets
      BEGIN INSERT INTO cut_when SELECT MAX(id) FROM main.items; END`)
    try {
      const file = noticesFile(20_001)
      expect((await app.call('import.dryRun', file, key)).valid).toBe(4500)
      expect((await runImport(app, { ...file, mode: 'validOnly' }, key)).result?.imported).toBe(4500)
      const cuts = await db.query<{ last: number; n: number }>(
        'SELECT MAX(last_item) AS last, COUNT(*) AS n FROM cut_when'
      )
      expect(cuts).toEqual([{ last: before, n: expect.any(Number) }])
      expect(cuts[0].n).toBeGreaterThan(4500 / BUCKET_MOST)
    } finally {
      await db.query('DROP TRIGGER temp.note_cut')
      await db.query('DROP TABLE temp.cut_when')
    }
    await expectKeysInTitleOrder(db)
    expect(Math.max(...(await bucketSizes(db)))).toBeLessThanOrEqual(BUCKET_MOST)
  })
})
