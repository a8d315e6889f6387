import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '@main/db/connection'
import { BUCKET_MOST, keepTitleBucketsSmall } from '@main/db/item-search'
import { KEY_PER_BUCKET, TITLE_KEY } from '@main/db/migrations/1766100000000-TitleOrderSearch'
import type { ChannelInput, ItemRow } from '@preload/contract'
import { makeApp, sampleCustomer, seedInTransaction, type TestApp } from '../support/app'
import { ITEM_IMPORT_DEFAULTS, runImport } from '../support/imports'
import { itemInput, REINDEX_ITEM_SEARCH } from '../support/records'
import { expectKeysInTitleOrder } from '../support/title-order'

/**
 * Adversary brief, issue 19: searches sorted by title read an index kept in title order. Every page is held to an
 * oracle computed here in JavaScript from the rows (ASCII case folded, UTF-8 byte order as SQLite's BINARY compares,
 * exact code / number first), never to what the code returns.
 */

type Query = Omit<ChannelInput<'items.list'>, 'page' | 'pageSize'>

const fold = (text: string) => text.replace(/[A-Z]/g, (letter) => letter.toLowerCase())
const normalise = (search: string) => search.replace(/[\u0000-\u001f\u007f]/g, '').trim()
const utf8 = (text: string) => Buffer.from(text, 'utf8')
const byTitle = (a: { title: string; id: number }, b: { title: string; id: number }) =>
  Buffer.compare(utf8(a.title), utf8(b.title)) || a.id - b.id

interface Row {
  id: number
  title: string
  document_number: string
  responsible_party: string
  archival_code: string | null
  customer: string | null
  year: number
  status: string
  custody: string
}

async function oracle(db: Db, query: Query): Promise<number[]> {
  const search = normalise(query.search ?? '')
  const rows = await db.query<Row>(
    `SELECT i.id, i.title, i.document_number, i.responsible_party, i.archival_code, c.name AS customer, i.year, i.status,
       i.custody FROM items i LEFT JOIN customers c ON c.id = i.customer_id`
  )
  const typed = new Set([search, search.replace(/[a-z]/g, (l) => l.toUpperCase()), fold(search)])
  const kept = rows.filter((row) => {
    if (query.custody && query.custody.length > 0) {
      if (!query.custody.includes(row.custody as never)) return false
    } else if (row.custody === 'destroyed') return false
    if (query.year && query.year.length > 0 && !query.year.includes(row.year)) return false
    if (query.status && query.status.length > 0 && !query.status.includes(row.status as never)) return false
    if (!search) return true
    return [row.title, row.document_number, row.responsible_party, row.archival_code ?? '', row.customer ?? ''].some(
      (field) => fold(field).includes(fold(search))
    )
  })
  const exact = (row: Row) => typed.has(row.archival_code ?? '\u0000none') || typed.has(row.document_number)
  const ascending = (query.sortOrder ?? 'descend') === 'ascend'
  const order = (list: Row[]) => {
    const sorted = [...list].sort(byTitle)
    return ascending ? sorted : sorted.reverse()
  }
  return [...order(kept.filter(exact)), ...order(kept.filter((row) => !exact(row)))].map((row) => row.id)
}

async function everyPage(app: TestApp, key: string, query: Query, size: number, maxPages = Infinity) {
  const seen: number[] = []
  let total = -1
  let page = 1
  for (; page <= maxPages; page += 1) {
    const result = await app.call('items.list', { ...query, sortBy: 'title', page, pageSize: size }, key)
    total = result.total
    seen.push(...result.rows.map((row: ItemRow) => row.id))
    if (result.rows.length < size) break
  }
  // One page past the last is empty.
  const past = await app.call('items.list', { ...query, sortBy: 'title', page: page + 1, pageSize: size }, key)
  return { seen, total, past: past.rows.length }
}

/** Both indexes in title order hold exactly the keys the triggers compute for every item now. */
async function expectPagesEqualOracle(app: TestApp, key: string, query: Query, sizes: number[], maxPages = Infinity) {
  const expected = await oracle(app.database, query)
  for (const size of sizes) {
    const { seen, total, past } = await everyPage(app, key, query, size, maxPages)
    const label = `${JSON.stringify(query)} size ${size}`
    if (maxPages === Infinity) {
      expect(seen, label).toEqual(expected)
      expect(past, `${label} past the end`).toBe(0)
      if (expected.length < 10_000) expect(total, `${label} total`).toBe(expected.length)
    } else expect(seen, label).toEqual(expected.slice(0, seen.length))
  }
}

async function userId(app: TestApp) {
  const [{ id }] = await app.database.query<{ id: number }>(`SELECT id FROM users WHERE role = 'archivist' LIMIT 1`)
  return id
}

/** Seeds items straight into the table; returns their ids. */
async function seedItems(
  app: TestApp,
  titles: string[],
  extra: (n: number) => { year?: number; status?: string; custody?: string; doc?: string } = () => ({}),
  cut = true
) {
  const user = await userId(app)
  const ids: number[] = []
  await seedInTransaction(app, async (db) => {
    const insert = db.connection.prepare(
      `INSERT INTO items (fonds_code, category_code, year, year_reason, retention_code, department_code, title, responsible_party,
         document_number, date_formed, received_on, status, policy_version, created_at, updated_at, created_by, custody)
       VALUES ('J001', 'WS', ?, '{"ruleId":"R-FILE-2","reason":"seeded"}', 'D30', 'ZS', ?, '办公室', ?, '2025-01-01', '2025-01-02', ?, 0, '2025', '2025', ?, ?)`
    )
    titles.forEach((title, n) => {
      const e = extra(n)
      ids.push(
        Number(
          insert.run(e.year ?? 2025, title, e.doc ?? '', e.status ?? 'received', user, e.custody ?? 'in_store')
            .lastInsertRowid
        )
      )
    })
    if (cut) await keepTitleBucketsSmall(db, ids)
    for (const statement of REINDEX_ITEM_SEARCH) await db.query(statement)
  })
  return ids
}

const bucketCount = async (db: Db) =>
  (await db.query<{ n: number }>(`SELECT COUNT(DISTINCT ${TITLE_KEY('i')} / ${KEY_PER_BUCKET}) AS n FROM items i`))[0].n

describe('attack 1+2: hostile titles, every page both ways, several page sizes', () => {
  let app: TestApp
  let key: string
  const rejected: string[] = []
  beforeAll(async () => {
    app = await makeApp()
    key = await app.signInAs('archivist')
    const hostile = [
      ' . ',
      '\u3000合同\u3000',
      '😀合同',
      '\u{1F600}\u{1F601}合同表情',
      '\uFF21\uFF22\uFF23合同全角',
      '\uFF41\uFF42\uFF43合同全角',
      'ABC合同半角',
      'abc合同半角',
      '\uD800孤合同',
      '合同\uDC00孤',
      'a\u0000bXYQ',
      '\u200F\u202E合同RTL',
      '"合同" 引号',
      '合同* 星',
      'NEAR(合同 近',
      'AND 合同 OR NOT',
      '-合同 减',
      'col:合同',
      '\uFFFF合同',
      '\uFFFD合同',
      '\u{10FFFF}合同',
      '\u{20000}合同扩展'
    ]
    for (const title of hostile) {
      const result = await app.dispatch('items.create', itemInput({ title, documentNumber: '' }), key)
      if (!result.ok)
        rejected.push(`${JSON.stringify(title)} ${result.error.code} ${result.error.details?.[0]?.message}`)
    }
    // 2 000 identical titles, 5 000-character titles, titles that differ only after 4 000 characters.
    const long = '长'.repeat(4000)
    await seedItems(app, [
      ...Array.from({ length: 2000 }, () => '同题合同'),
      ...Array.from({ length: 30 }, (_, n) => `${'合'.repeat(4990)}同${String(n).padStart(9, '0')}`),
      ...Array.from({ length: 300 }, (_, n) => `${long}合同${String((n * 37) % 300).padStart(3, '0')}`),
      ...Array.from({ length: 50 }, (_, n) => `${'\u{1F600}'.repeat(n % 3)}${'\uFF5E'.repeat(n % 2)}合同e${n}`)
    ])
  }, 300_000)
  afterAll(async () => app?.close())

  it('items.create takes every hostile title but lone surrogates, which it refuses in words', () => {
    expect(
      rejected.every((line) => / VALIDATION validation\.invalidText$/.test(line)),
      rejected.join('\n')
    ).toBe(true)
    expect(
      rejected.every((line) => /\\ud[89ab]|\\ud[c-f]/i.test(line)),
      rejected.join('\n')
    ).toBe(true)
  })

  it('the index holds the keys; the room has many buckets, many with one shared title', async () => {
    await expectKeysInTitleOrder(app.database)
    expect(await bucketCount(app.database)).toBeGreaterThan(8)
  })

  it.each([
    ['合同', [7, 20, 200]],
    ['同题合同', [7, 200]],
    ['同题', [20]],
    ['长长长长长长长长长长', [7, 200]],
    ['长合同', [1, 20]],
    ['合同0', [1, 7]],
    ['😀合', [1, 7]],
    ['\u{1F600}', [7]],
    ['abc合', [1]],
    ['ABC合', [1]],
    ['"合同"', [1]],
    ['合同*', [1]],
    ['NEAR(', [1]],
    ['AND', [1]],
    ['-合', [1]],
    ['l:合', [1]],
    ['\u200F\u202E', [1]],
    ['合', [200]]
  ] as const)(
    '%j: all pages in both directions equal the oracle',
    async (search, sizes) => {
      for (const sortOrder of ['ascend', 'descend'] as const)
        await expectPagesEqualOracle(app, key, { search, sortOrder }, [...sizes])
    },
    300_000
  )

  it('NUL and full-width titles: the title path finds exactly what the registered path finds (feature consistency)', async () => {
    for (const search of ['合同', '合同NU', 'b合同', 'ＡＢＣ', 'ａｂｃ合', 'ABC', '\u3000合', '合同全角']) {
      const registered = await app.call('items.list', { search, sortBy: 'registered', pageSize: 200, page: 1 }, key)
      const titled = await app.call(
        'items.list',
        { search, sortBy: 'title', sortOrder: 'ascend', pageSize: 200, page: 1 },
        key
      )
      const byDate = await app.call('items.list', { search, sortBy: 'dateFormed', pageSize: 200, page: 1 }, key)
      if (registered.total <= 200) {
        expect(
          [...titled.rows.map((r) => r.id)].sort((a, b) => a - b),
          search
        ).toEqual([...registered.rows.map((r) => r.id)].sort((a, b) => a - b))
        expect(
          [...titled.rows.map((r) => r.id)].sort((a, b) => a - b),
          search
        ).toEqual([...byDate.rows.map((r) => r.id)].sort((a, b) => a - b))
      }
    }
  })

  it('the shared title in page size 1 across bucket boundaries (first 600 pages each way)', async () => {
    for (const sortOrder of ['ascend', 'descend'] as const)
      await expectPagesEqualOracle(app, key, { search: '同题合同', sortOrder }, [1], 600)
  }, 300_000)
})

describe('attack 2: filters past COUNT_LIMIT take the title path; destroyed items', () => {
  let app: TestApp
  let key: string
  beforeAll(async () => {
    app = await makeApp()
    key = await app.signInAs('archivist')
    const titles = Array.from({ length: 10_600 }, (_, n) =>
      n % 11 === 0 ? '共同合同书' : `${String((n * 7919) % 10_600).padStart(5, '0')}号合同${n % 3 === 0 ? '补' : ''}`
    )
    await seedItems(app, titles, (n) => ({
      year: 2020 + (n % 4),
      status: n % 5 === 0 ? 'catalogued' : 'received',
      custody: n % 13 === 0 ? 'destroyed' : 'in_store',
      doc: n % 997 === 0 ? '合同' : n % 1009 === 0 ? '号合同' : ''
    }))
  }, 300_000)
  afterAll(async () => app?.close())

  it.each([
    [{ search: '合同' }, [200]],
    [{ search: '号合同' }, [200]],
    [{ search: '合同', year: [2020, 2021, 2022] }, [200]],
    [{ search: '合同', status: ['received'] as const }, [200]],
    [{ search: '合同', custody: ['destroyed', 'in_store'] as const }, [200]],
    [{ search: '合同', custody: ['destroyed'] as const }, [20]],
    [{ search: '同合', year: [2021] }, [7]],
    [{ search: '补' }, [200]]
  ] as [Query, number[]][])(
    '%j: every page both directions',
    async (query, sizes) => {
      for (const sortOrder of ['ascend', 'descend'] as const)
        await expectPagesEqualOracle(app, key, { ...query, sortOrder }, sizes)
    },
    600_000
  )

  it('small pages: the first 150 pages of size 1 and 7', async () => {
    for (const sortOrder of ['ascend', 'descend'] as const)
      await expectPagesEqualOracle(app, key, { search: '合同', sortOrder, year: [2020, 2021, 2022, 2023] }, [1, 7], 150)
  }, 600_000)

  it('deep pages of size 1 and 7 around the end', async () => {
    for (const sortOrder of ['ascend', 'descend'] as const) {
      const query: Query = { search: '合同', sortOrder }
      const expected = await oracle(app.database, query)
      for (const size of [1, 7]) {
        const last = Math.ceil(expected.length / size)
        for (const page of [last - 3, last - 2, last - 1, last, last + 1, Math.floor(last / 2)]) {
          const result = await app.call('items.list', { ...query, sortBy: 'title', page, pageSize: size }, key)
          expect(
            result.rows.map((r) => r.id),
            `${sortOrder} ${size} p${page}`
          ).toEqual(expected.slice((page - 1) * size, page * size))
        }
      }
    }
  }, 600_000)
})

describe('attack 3: writes that move items between buckets', () => {
  let app: TestApp
  let key: string
  beforeAll(async () => {
    app = await makeApp()
    key = await app.signInAs('archivist')
    await seedItems(
      app,
      Array.from({ length: 1200 }, (_, n) => `B${String(n).padStart(5, '0')}合同`)
    )
  }, 300_000)
  afterAll(async () => app?.close())

  it('title edits back and forth across a bucket boundary, a customer rename, codes assigned', async () => {
    const db = app.database
    const boundaries = await db.query<{ title: string; id: number; bucket: number }>(
      'SELECT title, id, bucket FROM title_buckets ORDER BY bucket'
    )
    expect(boundaries.length).toBeGreaterThan(3)
    const customer = await app.call('customers.create', sampleCustomer({ name: '边界合同客户' }), key)
    const made = []
    for (let n = 0; n < 30; n += 1)
      made.push(
        await app.call(
          'items.create',
          itemInput({
            title: `${boundaries[1].title}`,
            customerId: customer.id,
            categoryCode: 'WS',
            retentionCode: 'Y',
            departmentCode: 'BGS'
          }),
          key
        )
      )
    // Move each back and forth across boundaries 1, 2 and 3, ending on different sides.
    for (let round = 0; round < 4; round += 1)
      for (const [index, item] of made.entries()) {
        const current = await app.call('items.get', { id: item.id }, key)
        const target = boundaries[1 + ((round + index) % 3)].title
        const title = (round + index) % 2 === 0 ? target : `${target.slice(0, -1)}`
        await app.call(
          'items.update',
          {
            ...itemInput({
              title,
              customerId: current.customerId,
              categoryCode: 'WS',
              retentionCode: 'Y',
              departmentCode: 'BGS'
            }),
            id: item.id,
            version: current.version
          },
          key
        )
      }
    await expectKeysInTitleOrder(db)
    await app.call(
      'customers.update',
      { ...sampleCustomer({ name: '改名后的边界客户XYZ' }), id: customer.id, version: customer.version },
      key
    )
    await expectKeysInTitleOrder(db)
    for (const item of made.slice(0, 10)) await app.call('items.catalogue', { id: item.id }, key)
    await expectKeysInTitleOrder(db)
    for (const search of ['合同', 'XYZ', '边界客户', 'B00', 'J001', '·20'])
      for (const sortOrder of ['ascend', 'descend'] as const)
        await expectPagesEqualOracle(app, key, { search, sortOrder }, [7, 200])
    // An exact code ranks first.
    const coded = await app.call('items.get', { id: made[0].id }, key)
    await expectPagesEqualOracle(app, key, { search: coded.archivalCode!, sortOrder: 'ascend' }, [1])
    await expectPagesEqualOracle(app, key, { search: coded.archivalCode!.toLowerCase(), sortOrder: 'descend' }, [1])
  }, 300_000)
})

describe('attack 3b: a bucket start item edited away and back, items deleted behind the app, the migration over a full room', () => {
  let app: TestApp
  let key: string
  beforeAll(async () => {
    app = await makeApp()
    key = await app.signInAs('archivist')
    await seedItems(app, [
      ...Array.from({ length: 700 }, (_, n) => `S${String(n % 350).padStart(4, '0')}合同`),
      ...Array.from({ length: 400 }, () => 'S0100合同')
    ])
  }, 300_000)
  afterAll(async () => app?.close())

  it('the item whose (title, id) starts a bucket changes title and comes back', async () => {
    const db = app.database
    const starts = await db.query<{ title: string; id: number; bucket: number }>(
      'SELECT title, id, bucket FROM title_buckets ORDER BY bucket'
    )
    for (const start of starts.slice(0, 6)) {
      for (const title of ['A最前合同', 'Z最后合同', start.title, `${start.title}后`, start.title]) {
        const current = await app.call('items.get', { id: start.id }, key)
        await app.call(
          'items.update',
          { ...itemInput({ title, categoryCode: 'WS', retentionCode: 'D30' }), id: start.id, version: current.version },
          key
        )
      }
    }
    await expectKeysInTitleOrder(db)
    for (const sortOrder of ['ascend', 'descend'] as const)
      await expectPagesEqualOracle(app, key, { search: '合同', sortOrder }, [7, 200])
  }, 300_000)

  it('items deleted by SQL (bucket starts among them), then more written through the form', async () => {
    const db = app.database
    await seedInTransaction(app, async (seed) => {
      await seed.query('DELETE FROM item_links')
      await seed.query(`DELETE FROM items WHERE id IN (SELECT id FROM title_buckets) OR id % 5 = 0`)
      for (const statement of REINDEX_ITEM_SEARCH) await seed.query(statement)
    })
    await expectKeysInTitleOrder(db)
    for (let n = 0; n < 300; n += 1) await app.call('items.create', itemInput({ title: 'S0100合同' }), key)
    await expectKeysInTitleOrder(db)
    for (const sortOrder of ['ascend', 'descend'] as const)
      await expectPagesEqualOracle(app, key, { search: '合同', sortOrder }, [7, 200])
  }, 300_000)

  it('the migrations run again over the room (down, then up) key every item', async () => {
    const { TitleOrderSearch1766100000000: TitleOrder } =
      await import('@main/db/migrations/1766100000000-TitleOrderSearch')
    const { FilteredSearch1766200000000: Filtered } = await import('@main/db/migrations/1766200000000-FilteredSearch')
    const [titleOrder, filtered] = [new TitleOrder(), new Filtered()]
    await seedInTransaction(app, async (seed) => {
      const runner = { query: (text: string) => seed.query(text) } as never
      await filtered.down(runner)
      await titleOrder.down(runner)
      await titleOrder.up(runner)
      await filtered.up(runner)
    })
    await expectKeysInTitleOrder(app.database)
    for (const sortOrder of ['ascend', 'descend'] as const)
      await expectPagesEqualOracle(app, key, { search: 'S01', sortOrder }, [7, 200])
  }, 300_000)
})

describe('attack 4: faults', () => {
  let app: TestApp
  let key: string
  beforeAll(async () => {
    app = await makeApp()
    key = await app.signInAs('archivist')
    await seedItems(
      app,
      Array.from({ length: 600 }, (_, n) => `F${String(n).padStart(4, '0')}合同`)
    )
  }, 300_000)
  afterAll(async () => app?.close())

  it('a cut that hits SQLITE_FULL rolls back with the indexes still keyed', async () => {
    const db = app.database
    const outcomes: string[] = []
    for (const headroom of [0, 1, 2, 3, 5, 8, 13, 20, 40]) {
      const before = (await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM items'))[0].n
      const user = await userId(app)
      try {
        await seedInTransaction(app, async (seed) => {
          const insert = seed.connection.prepare(
            `INSERT INTO items (fonds_code, category_code, year, retention_code, department_code, title, responsible_party,
               document_number, date_formed, received_on, status, policy_version, created_at, updated_at, created_by)
             VALUES ('J001', 'WS', 2025, 'D30', 'ZS', ?, '办公室', '', '2025-01-01', '2025-01-02', 'received', 0, '2025', '2025', ?)`
          )
          const ids = Array.from({ length: 400 }, (_, n) =>
            Number(insert.run(`F0300合同${headroom}-${n}`, user).lastInsertRowid)
          )
          const [{ pages }] = await seed.query<{ pages: number }>('SELECT page_count AS pages FROM pragma_page_count()')
          seed.connection.pragma(`max_page_count = ${pages + headroom}`)
          await keepTitleBucketsSmall(seed, ids)
        })
        outcomes.push(`${headroom}: committed`)
      } catch (error) {
        outcomes.push(`${headroom}: ${(error as Error).message}`)
      } finally {
        db.connection.pragma('max_page_count = 1073741823')
      }
      const after = (await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM items'))[0].n
      expect([before, before + 400]).toContain(after)
      await expectKeysInTitleOrder(db)
      const integrity = await db.query<{ integrity_check: string }>('PRAGMA integrity_check')
      expect(integrity[0].integrity_check).toBe('ok')
      for (const table of ['items_title_fts', 'items_title_bigrams'])
        await db.query(`INSERT INTO ${table} (${table}, rank) VALUES ('integrity-check', 0)`)
    }
    // Both ends were reached: cuts refused for want of room, and cuts that fitted.
    expect(
      outcomes.some((outcome) => /full/.test(outcome)),
      outcomes.join('\n')
    ).toBe(true)
    expect(
      outcomes.some((outcome) => /committed/.test(outcome)),
      outcomes.join('\n')
    ).toBe(true)
    for (const sortOrder of ['ascend', 'descend'] as const)
      await expectPagesEqualOracle(app, key, { search: '合同', sortOrder }, [200])
  }, 300_000)

  it('a service write that hits SQLITE_FULL during its cut leaves the indexes keyed', async () => {
    const db = app.database
    const outcomes: string[] = []
    for (const headroom of [0, 1, 2, 4, 8]) {
      const [{ pages }] = await db.query<{ pages: number }>('SELECT page_count AS pages FROM pragma_page_count()')
      db.connection.pragma(`max_page_count = ${pages + headroom}`)
      try {
        for (let n = 0; n < 60; n += 1) {
          const result = await app.dispatch('items.create', itemInput({ title: `F0450合同满${headroom}-${n}` }), key)
          if (!result.ok) {
            outcomes.push(`${headroom}/${n}: ${result.error.code}`)
            break
          }
        }
      } finally {
        db.connection.pragma('max_page_count = 1073741823')
      }
      await expectKeysInTitleOrder(db)
    }
    // Each write refused for want of room said so as a storage failure, never an internal one.
    expect(outcomes.length).toBeGreaterThan(0)
    expect(
      outcomes.every((outcome) => outcome.endsWith('STORAGE')),
      outcomes.join('\n')
    ).toBe(true)
    for (const sortOrder of ['ascend', 'descend'] as const)
      await expectPagesEqualOracle(app, key, { search: '合同', sortOrder }, [200])
  }, 300_000)

  it('an all-or-nothing import that fails after several batches leaves the indexes keyed', async () => {
    const db = app.database
    const lines = ['题名,责任者,日期,页数']
    for (let n = 1; n <= 6000; n += 1) lines.push(`F0200合同导入${String(n).padStart(5, '0')},办公室,2023-05-06,2`)
    lines.push('F0200坏行,办公室,2023-02-30,2')
    const input = {
      target: 'items' as const,
      fileName: '坏.csv',
      base64: Buffer.from(`\uFEFF${lines.join('\n')}`, 'utf8').toString('base64'),
      mapping: ['title', 'responsibleParty', 'dateFormed', 'pageCount'],
      defaults: ITEM_IMPORT_DEFAULTS,
      mode: 'allOrNothing' as const
    }
    const buckets = await db.query('SELECT * FROM title_buckets ORDER BY bucket')
    const progress = await runImport(app, input, key)
    expect(progress.state).toBe('failed')
    expect(await db.query('SELECT * FROM title_buckets ORDER BY bucket')).toEqual(buckets)
    await expectKeysInTitleOrder(db)
    // And a good import of the same rows cuts and keys them.
    const good = await runImport(
      app,
      { ...input, base64: Buffer.from(`\uFEFF${lines.slice(0, -1).join('\n')}`, 'utf8').toString('base64') },
      key
    )
    expect(good.state).toBe('done')
    await expectKeysInTitleOrder(db)
    // Only the buckets the import wrote into: items seeded behind the services earlier in this room stay uncut.
    const [{ most }] = await db.query<{ most: number }>(
      `SELECT MAX(n) AS most FROM (SELECT COUNT(*) AS n FROM items i GROUP BY ${TITLE_KEY('i')} / ${KEY_PER_BUCKET}
         HAVING SUM(i.title LIKE 'F0200合同导入%') > 0)`
    )
    expect(most).toBeLessThanOrEqual(BUCKET_MOST)
    for (const sortOrder of ['ascend', 'descend'] as const)
      await expectPagesEqualOracle(app, key, { search: '合同导入', sortOrder }, [200])
  }, 300_000)
})

describe('attack 5: wrong role and bad input on items.list sorted by title', () => {
  let app: TestApp
  let key: string
  beforeAll(async () => {
    app = await makeApp()
    key = await app.signInAs('archivist')
    await app.call('items.create', itemInput({ title: '角色合同' }), key)
  }, 60_000)
  afterAll(async () => app?.close())

  it('roles outside the readers are refused cleanly', async () => {
    for (const role of ['auditor', 'security_officer', 'sysadmin'] as const) {
      const other = await app.signInAs(role)
      const result = await app.dispatch('items.list', { search: '合同', sortBy: 'title' }, other)
      expect(result.ok, role).toBe(false)
      if (!result.ok) expect(result.error.code, role).not.toBe('INTERNAL')
    }
    const viewer = await app.signInAs('staff_viewer')
    expect((await app.dispatch('items.list', { search: '合同', sortBy: 'title' }, viewer)).ok).toBe(true)
    const nobody = await app.dispatch('items.list', { search: '合同', sortBy: 'title' }, 'no-session')
    expect(nobody.ok).toBe(false)
  })

  it.each([
    { search: 'x'.repeat(101), sortBy: 'title' },
    { search: '合同', sortBy: 'Title' },
    { search: '合同', sortBy: 'title', sortOrder: 'up' },
    { search: '合同', sortBy: 'title', page: 0 },
    { search: '合同', sortBy: 'title', page: -1 },
    { search: '合同', sortBy: 'title', page: 1.5 },
    { search: '合同', sortBy: 'title', pageSize: 201 },
    { search: '合同', sortBy: 'title', pageSize: 0 },
    { search: '合同', sortBy: 'title', page: Number.MAX_SAFE_INTEGER + 2 },
    { search: '合同', sortBy: 'title', page: Infinity },
    { search: '合同', sortBy: 'title', page: NaN },
    { search: 42, sortBy: 'title' },
    { search: ['合同'], sortBy: 'title' },
    { search: '合同', sortBy: 'title', year: ['2025'] },
    { search: '合同', sortBy: 'title', custody: ['gone'] },
    { search: '合同', sortBy: 'title', extra: 1 },
    null,
    '合同'
  ])('%j is a clean validation error', async (input) => {
    const result = await app.dispatch('items.list', input as never, key)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.code).toBe('VALIDATION')
  })

  it.each([
    { search: '合同', sortBy: 'title', page: 1_000_000, pageSize: 200 },
    { search: '合同', sortBy: 'title', page: 10_000_000, pageSize: 200 },
    { search: '\u0000\u0001', sortBy: 'title' },
    { search: '  合 ', sortBy: 'title' },
    { search: '"', sortBy: 'title' },
    { search: '""', sortBy: 'title' },
    { search: '"""', sortBy: 'title' },
    { search: '*', sortBy: 'title' },
    { search: '**', sortBy: 'title' },
    { search: '\uD800\uD800', sortBy: 'title' },
    { search: '\uD800', sortBy: 'title' }
  ])('%j answers without an internal error', async (input) => {
    const result = await app.dispatch('items.list', input as never, key)
    if (!result.ok) expect(result.error.code).not.toBe('INTERNAL')
  })
})

describe('attack 6: item ids at and past 2^31', () => {
  let app: TestApp
  let key: string
  beforeAll(async () => {
    app = await makeApp()
    key = await app.signInAs('archivist')
    await seedItems(
      app,
      Array.from({ length: 300 }, (_, n) => `G${String(n).padStart(4, '0')}合同`)
    )
  }, 60_000)
  afterAll(async () => app?.close())

  it('an item inserted by SQL with id 2^31 + 5 is found by a title-sorted search like any other', async () => {
    await seedInTransaction(app, async (seed) => {
      await seed.query(
        `INSERT INTO items (id, fonds_code, category_code, year, retention_code, department_code, title, responsible_party,
           document_number, date_formed, received_on, status, policy_version, created_at, updated_at, created_by)
         VALUES (${KEY_PER_BUCKET + 5}, 'J001', 'WS', 2025, 'D30', 'ZS', 'G0150大号合同', '办公室', '', '2025-01-01', '2025-01-02',
           'received', 0, '2025', '2025', ${await userId(app)})`
      )
      for (const statement of REINDEX_ITEM_SEARCH) await seed.query(statement)
    })
    const registered = await app.call('items.list', { search: '大号合同', sortBy: 'registered' }, key)
    expect(registered.rows.map((r) => r.id)).toEqual([KEY_PER_BUCKET + 5])
    const titled = await app.call('items.list', { search: '大号合同', sortBy: 'title' }, key)
    const titledTwo = await app.call('items.list', { search: '大号', sortBy: 'title' }, key)
    expect(titled.rows.map((r) => r.id)).toEqual([KEY_PER_BUCKET + 5])
    expect(titledTwo.rows.map((r) => r.id)).toEqual([KEY_PER_BUCKET + 5])
  })

  it('the next item the form registers (id 2^31 + 6) is found by title order too', async () => {
    const made = await app.dispatch('items.create', itemInput({ title: 'G0151下一个合同' }), key)
    expect(made.ok).toBe(true)
    const titled = await app.call('items.list', { search: '下一个合同', sortBy: 'title' }, key)
    expect(titled.rows.map((r) => r.title)).toEqual(['G0151下一个合同'])
  })

  it('ids 2^31 exactly and -7 (SQL): title order shows the item, as the registered order does', async () => {
    const seen: Record<string, unknown> = {}
    for (const [id, title] of [
      [KEY_PER_BUCKET, 'G0200零号合同'],
      [-7, 'G0201负号合同']
    ] as const) {
      await seedInTransaction(app, async (seed) => {
        await seed.query(
          `INSERT INTO items (id, fonds_code, category_code, year, retention_code, department_code, title, responsible_party,
             document_number, date_formed, received_on, status, policy_version, created_at, updated_at, created_by)
           VALUES (${id}, 'J001', 'WS', 2025, 'D30', 'ZS', '${title}', '办公室', '', '2025-01-01', '2025-01-02',
             'received', 0, '2025', '2025', ${await userId(app)})`
        )
        for (const statement of REINDEX_ITEM_SEARCH) await seed.query(statement)
      })
      const search = title.slice(5, 8)
      const registered = await app.call('items.list', { search, sortBy: 'registered' }, key)
      const titled = await app.call('items.list', { search, sortBy: 'title' }, key)
      seen[String(id)] = {
        registered: registered.rows.map((r) => r.id),
        titled: titled.rows.map((r) => r.id),
        total: titled.total
      }
    }
    expect(seen).toEqual({
      [String(KEY_PER_BUCKET)]: { registered: [KEY_PER_BUCKET], titled: [KEY_PER_BUCKET], total: 1 },
      '-7': { registered: [-7], titled: [-7], total: 1 }
    })
  })
})
