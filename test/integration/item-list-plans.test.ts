import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SqliteDb } from '@main/db/connection'
import { TITLE_KEY } from '@main/db/migrations/1766100000000-TitleOrderSearch'
import { COUNT_LIMIT, SORT_ALL_UP_TO } from '@main/db/paging'
import type { SqlQuery } from '@main/db/sql'
import type { ChannelInput } from '@preload/contract'
import { makeApp, seedInTransaction, type TestApp } from '../support/app'
import { itemInput, REINDEX_ITEM_SEARCH } from '../support/records'

let app: TestApp
let key: string

beforeAll(async () => {
  app = await makeApp()
  key = await app.signInAs('archivist')
  const [{ userId }] = await app.database.query(`SELECT id AS userId FROM users WHERE role = 'archivist'`)
  await seedInTransaction(app, async (db) => {
    const insert = db.connection.prepare(
      `INSERT INTO items (fonds_code, category_code, year, retention_code, department_code, title, responsible_party,
         document_number, date_formed, received_on, status, policy_version, created_at, updated_at, created_by)
       VALUES ('J001', ?, ?, 'D30', 'ZS', ?, '办公室', ?, ?, ?, ?, 0, ?, ?, ?)`
    )
    for (let n = 0; n < 300; n += 1) {
      const year = 2015 + (n % 10)
      const day = `${year}-0${1 + (n % 9)}-1${n % 10}`
      insert.run(
        ['WS', 'KH', 'KJ'][n % 3],
        year,
        `关于第${n}号合同的请示`,
        `办〔${year}〕${n}号`,
        day,
        day,
        ['received', 'catalogued', 'filed'][n % 3],
        `${day}T08:00:00.000Z`,
        `${day}T09:00:00.000Z`,
        userId
      )
    }
    await db.query(`INSERT INTO items_fts (rowid, body) SELECT id, title || char(10) || document_number FROM items`)
  })
})
afterAll(async () => app?.close())

type ListChannel = 'items.list' | 'volumes.list' | 'use.list' | 'use.overdue' | 'customers.list' | 'audit.list'

/** Every SELECT a list runs for one query over its table, with SQLite's plan for it. */
async function plansOf<C extends ListChannel>(
  input: ChannelInput<C>,
  channel = 'items.list' as C,
  table = 'items',
  session = key,
  on = app
): Promise<{ text: string; plan: string[] }[]> {
  const original = SqliteDb.prototype.query
  const seen: { text: string; plan: string[] }[] = []
  SqliteDb.prototype.query = async function (this: SqliteDb, query: SqlQuery | string, params?: readonly unknown[]) {
    if (typeof query !== 'string' && /^\s*SELECT/.test(query.text) && new RegExp(`\\b${table}\\b`).test(query.text)) {
      const plan = this.connection.prepare(`EXPLAIN QUERY PLAN ${query.text}`).all(...query.values) as {
        detail: string
      }[]
      seen.push({ text: query.text.replace(/\s+/g, ' '), plan: plan.map((row) => row.detail) })
    }
    return original.call(this, query as string, params) as never
  } as typeof original
  try {
    await on.call(channel, input, session)
  } finally {
    SqliteDb.prototype.query = original
  }
  return seen
}

const SORTS = ['archivalCode', 'title', 'dateFormed', 'year', 'updatedAt'] as const

describe('issue 19: every page of the item list is read from an index, never by walking all items', () => {
  it.each([
    ...SORTS.flatMap((sortBy) => [
      { sortBy, sortOrder: 'ascend' as const },
      { sortBy, sortOrder: 'descend' as const, page: 3 }
    ]),
    { status: ['filed' as const], sortBy: 'dateFormed' as const },
    { year: [2019], categoryCode: ['KH'], sortBy: 'archivalCode' as const },
    { custody: ['destroyed' as const] }
  ])('R-DISP-8 pages without a search: %o', async (input) => {
    const plans = await plansOf(input)
    const page = plans.find((p) => /^SELECT i\.id FROM items i .*ORDER BY .* LIMIT \? OFFSET \?$/.test(p.text))!
    expect(page, JSON.stringify(plans)).toBeDefined()
    // The page comes in order off the sort index and stops at its last row, or sorts only what a filter's index found.
    const detail = page.plan.join('\n')
    expect(detail).not.toMatch(/AUTOMATIC/)
    if (/TEMP B-TREE FOR ORDER BY/.test(detail)) expect(detail).toMatch(/^SEARCH i USING INDEX/m)
    else expect(detail).toMatch(/^(SCAN|SEARCH) i USING (COVERING )?INDEX/m)
    for (const { text, plan } of plans) {
      expect(plan.join('\n'), text).not.toMatch(/AUTOMATIC/)
      // R-KEEP-3: a row's open incidents are found by its subject, not by reading every open incident for each row.
      expect(plan.join('\n'), text).not.toMatch(/INDEX incidents_open/)
      expect(plan.filter((line) => /^SCAN (i|items)\b/.test(line)).length, text).toBeLessThanOrEqual(1)
      // A count that walks an index stops at the limit.
      if (/^SELECT COUNT\(\*\) AS n FROM/.test(text)) expect(text).toMatch(/LIMIT \?\)$/)
    }
  })

  it.each([
    { year: [2019], categoryCode: ['KH'], classification: ['none' as const], page: 10 },
    { year: [2019], categoryCode: ['KH'], sortOrder: 'descend' as const }
  ])('a category and year in code order are read in order off their index and stop at the page: %o', async (input) => {
    const plans = await plansOf({ ...input, sortBy: 'archivalCode' })
    const page = planOf(plans, /^SELECT i\.id FROM items i .*ORDER BY .* LIMIT \? OFFSET \?$/)
    expect(page).toMatch(/^SEARCH i USING INDEX items_category_year_code \(category_code=\? AND year=\?\)$/m)
    expect(page).not.toMatch(/TEMP B-TREE/)
  })

  it.each(['合同的请示', '合同', '请', 'J001'])(
    'searches %s through the search indexes, the items by their ids',
    async (search) => {
      const plans = await plansOf({ search, sortBy: 'title', sortOrder: 'ascend' })
      for (const { text, plan } of plans) {
        const detail = plan.join('\n')
        expect(detail, text).not.toMatch(/AUTOMATIC/)
        // Items are only looked up by id or through an index, never scanned.
        expect(detail, text).not.toMatch(/^SCAN (i|items)\b(?! USING)/m)
        if (/^SELECT COUNT\(\*\) AS n FROM/.test(text)) expect(text).toMatch(/LIMIT \?\)$/)
      }
      expect(
        plans.some(({ plan }) => plan.some((line) => /VIRTUAL TABLE INDEX \d+:M/.test(line))) || [...search].length < 2
      ).toBe(true)
    }
  )
})

describe('issue 19: a search by title reads the index kept in title order', () => {
  it.each([
    { search: '合同的请示', sortOrder: 'ascend' as const },
    { search: '合同', sortOrder: 'descend' as const, page: 3 }
  ])('%o: the matches in that index order, each item by its id, no sort of them all', async (input) => {
    const plans = await plansOf({ ...input, sortBy: 'title' })
    const read = planOf(plans, /FROM items_title_(fts|bigrams) CROSS JOIN items i/)
    expect(read).toMatch(/^SCAN items_title_(fts|bigrams) VIRTUAL TABLE INDEX \d+:M/m)
    expect(read).toMatch(/^SEARCH i USING INTEGER PRIMARY KEY \(rowid=\?\)$/m)
    expect(read).not.toMatch(/TEMP B-TREE/)
    countsStop(plans)
  })

  it.each([
    { search: '合同', year: [2019], categoryCode: ['KH'], sortBy: 'title' as const },
    { search: '合同的请示', year: [2019, 2020], status: ['filed' as const], sortBy: 'dateFormed' as const }
  ])('%o: the filters are matched in that index, which alone is counted, no item read', async (input) => {
    const plans = await plansOf(input, 'items.list', 'items_title_(?:fts|bigrams)')
    const counts = plans.filter(({ text }) => /^SELECT COUNT\(\*\) AS n FROM \(/.test(text))
    expect(counts.map(({ text }) => text)).toEqual([
      expect.stringMatching(
        /^SELECT COUNT\(\*\) AS n FROM \(SELECT 1 FROM (items_title_\w+) WHERE \1 MATCH \? LIMIT \?\)$/
      )
    ])
    const read = counts[0].plan.filter((line) => /^(SCAN|SEARCH) (?!\(subquery)/.test(line))
    expect(read).toEqual([expect.stringMatching(/^SCAN items_title_\w+ VIRTUAL TABLE INDEX \d+:M/)])
  })

  it('an item finds its bucket by a seek in the table of bucket starts', () => {
    const plan = app.database.connection
      .prepare(`EXPLAIN QUERY PLAN SELECT ${TITLE_KEY('i')} FROM items i WHERE i.id = 1`)
      .all() as { detail: string }[]
    expect(plan.map((row) => row.detail).join('\n')).toMatch(/^SEARCH b USING PRIMARY KEY \(title<\?\)$/m)
  })
})

describe('issue 19: a search of many matches under a year filter, by date formed, walks only the dates of those years', () => {
  let room: TestApp
  let roomKey: string
  // The year, then the dates its items were formed: most within it, a few before or after it, as archive rooms file.
  const DATES: Record<number, (n: number) => string> = {
    2018: (n) => `2018-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`,
    2019: (n) =>
      n % 1000 === 7
        ? `2017-12-${20 + (n % 9)}`
        : n % 1000 === 8
          ? `2021-01-0${1 + (n % 9)}`
          : DATES[2018](n).replace('2018', '2019'),
    2020: (n) => (n % 50 === 0 ? `2019-12-${10 + (n % 19)}` : DATES[2018](n).replace('2018', '2020'))
  }
  beforeAll(async () => {
    room = await makeApp()
    roomKey = await room.signInAs('archivist')
    const [{ userId }] = await room.database.query(`SELECT id AS userId FROM users WHERE role = 'archivist'`)
    await seedInTransaction(room, async (db) => {
      const insert = db.connection.prepare(
        `INSERT INTO items (fonds_code, category_code, year, retention_code, department_code, title, responsible_party,
           document_number, date_formed, received_on, status, policy_version, created_at, updated_at, created_by)
         VALUES ('J001', 'WS', ?, 'D30', 'ZS', ?, '办公室', '', ?, '2021-02-01', 'received', 0, '2021', '2021', ?)`
      )
      for (const [year, count] of [
        [2019, 11_500],
        [2018, 5_600],
        [2020, 5_600]
      ])
        for (let n = 0; n < count; n += 1)
          insert.run(year, n % 13 === 0 ? `第${n}号请示` : `宁波第${n % 977}号贸易有限公司合同`, DATES[year](n), userId)
      for (const statement of REINDEX_ITEM_SEARCH) await db.query(statement)
    })
  }, 120_000)
  afterAll(async () => room?.close())

  const expected = async (search: string, years: number[], ascending: boolean) => {
    const direction = ascending ? 'ASC' : 'DESC'
    const rows = await room.database.query<{ id: number }>(
      `SELECT id FROM items WHERE year IN (${years.join(',')}) AND instr(title, ?) > 0
       ORDER BY date_formed ${direction}, id ${direction}`,
      [search]
    )
    return rows.map((row) => row.id)
  }

  it.each([
    { search: '有限公司', year: [2019] },
    { search: '公司', year: [2018, 2020] },
    { search: '司', year: [2019, 2020] }
  ])('%o: pages at the start, inside and past the count equal the rows sorted', async ({ search, year }) => {
    for (const sortOrder of ['ascend', 'descend'] as const) {
      const all = await expected(search, year, sortOrder === 'ascend')
      expect(all.length).toBeGreaterThan(COUNT_LIMIT)
      for (const page of [1, 2, 77, 199, 201]) {
        const { rows, totalCapped } = await room.call(
          'items.list',
          { search, year, sortBy: 'dateFormed', sortOrder, page, pageSize: 50 },
          roomKey
        )
        expect(totalCapped).toBe(true)
        expect(
          rows.map((row) => row.id),
          `${sortOrder} page ${page}`
        ).toEqual(all.slice((page - 1) * 50, page * 50))
      }
    }
  })

  it('finds the first and last date of the years by a seek each, and walks the dates between them only', async () => {
    const plans = await plansOf(
      { search: '有限公司', year: [2019, 2020], sortBy: 'dateFormed', sortOrder: 'descend' },
      'items.list',
      'items',
      roomKey,
      room
    )
    expect(planOf(plans, /MIN\(date_formed\)/)).toMatch(
      /^SEARCH items USING COVERING INDEX items_year_date_formed \(year=\?\)$/m
    )
    expect(planOf(plans, /^SELECT i\.id FROM items i WHERE \+i\.id IN/)).toMatch(
      /^SEARCH i USING COVERING INDEX items_date_formed \(date_formed>\? AND date_formed<\?\)$/m
    )
  })
})

describe('issue 19: the whole list, or a year and category of it, is counted exactly from the kept holdings counts', () => {
  let kept: TestApp
  let keptKey: string
  beforeAll(async () => {
    kept = await makeApp()
    keptKey = await kept.signInAs('archivist')
    const [{ userId }] = await kept.database.query(`SELECT id AS userId FROM users WHERE role = 'archivist'`)
    await seedInTransaction(kept, async (db) => {
      const insert = db.connection.prepare(
        `INSERT INTO items (fonds_code, category_code, year, retention_code, department_code, title, responsible_party,
           document_number, date_formed, received_on, status, custody, policy_version, created_at, updated_at, created_by)
         VALUES ('J001', ?, ?, 'D30', 'ZS', ?, '办公室', '', '2019-05-01', '2019-05-02', ?, ?, 0, '2025', '2025', ?)`
      )
      for (let n = 0; n < 240; n += 1)
        insert.run(
          ['WS', 'KH', 'KJ'][n % 3],
          2018 + (n % 4),
          `第${n}号`,
          n % 5 === 0 ? 'filed' : 'received',
          n % 11 === 0 ? 'destroyed' : 'in_store',
          userId
        )
    })
  })
  afterAll(async () => kept?.close())

  const QUERIES = [
    {},
    { year: [2019] },
    { year: [2019, 2021], categoryCode: ['KH'] as string[] },
    { categoryCode: ['WS', 'KJ'] as string[], sortBy: 'title' as const },
    { year: [1999] }
  ]
  const rowsCount = async (query: { year?: number[]; categoryCode?: string[] }) => {
    const where = [
      `custody <> 'destroyed'`,
      ...(query.year ? [`year IN (${query.year.join(',')})`] : []),
      ...(query.categoryCode ? [`category_code IN ('${query.categoryCode.join("','")}')`] : [])
    ]
    const [{ n }] = await kept.database.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM items WHERE ${where.join(' AND ')}`
    )
    return n
  }

  it.each(QUERIES)('%o: the total equals the rows, and its count reads no item', async (query) => {
    const plans = await plansOf(query, 'items.list', '(?:items|holdings_counts)', keptKey, kept)
    const count = plans.filter(({ text }) => /^SELECT (COUNT|COALESCE\(SUM)/.test(text))
    expect(count.map(({ text }) => text)).toEqual([expect.stringMatching(/FROM holdings_counts/)])
    expect((await kept.call('items.list', query, keptKey)).total).toBe(await rowsCount(query))
  })

  it('after changes behind the app and through it, and with other filters counted on the rows as before', async () => {
    await seedInTransaction(kept, async (db) => {
      await db.query(`UPDATE items SET year = 2021 WHERE id IN (SELECT id FROM items WHERE year = 2019 LIMIT 7)`)
      await db.query(
        `UPDATE items SET custody = 'destroyed' WHERE id IN (SELECT id FROM items WHERE category_code = 'KH' LIMIT 5)`
      )
      await db.query(`DELETE FROM items WHERE id IN (SELECT id FROM items WHERE category_code = 'WS' LIMIT 3)`)
    })
    await kept.call('items.create', itemInput({ title: '新登记的文件', categoryCode: 'KJ' }), keptKey)
    for (const query of QUERIES)
      expect((await kept.call('items.list', query, keptKey)).total).toBe(await rowsCount(query))
    const filed = await kept.call('items.list', { status: ['filed'] }, keptKey)
    const [{ n }] = await kept.database.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM items WHERE status = 'filed' AND custody <> 'destroyed'`
    )
    expect(filed.total).toBe(n)
  })
})

/** The plan of each query of a list whose text matches, joined into one text. */
const planOf = (plans: { text: string; plan: string[] }[], text: RegExp) => {
  const found = plans.filter((p) => text.test(p.text))
  expect(found.length, JSON.stringify(plans)).toBeGreaterThan(0)
  return found.map((p) => p.plan.join('\n')).join('\n')
}

/** Counts stop at the limit, whatever they walk. */
const countsStop = (plans: { text: string; plan: string[] }[]) => {
  for (const { text } of plans) if (/^SELECT COUNT\(\*\) AS n FROM \(/.test(text)) expect(text).toMatch(/LIMIT \?\)$/)
}

describe('issue 19: the other big lists read a page in an index order too, and stop counting at the limit', () => {
  it.each([{}, { page: 50 }, { year: 2019 }, { status: 'open' as const, search: '2019' }])(
    'volumes, newest year first then by code: %o',
    async (input) => {
      const plans = await plansOf(input, 'volumes.list', 'volumes')
      const page = planOf(plans, /^SELECT .* WHERE v\.id IN \(SELECT v\.id FROM volumes v/)
      // The page's ids come off volumes_year_code; only the twenty found are sorted again for their columns.
      expect(page).toMatch(/^(SCAN|SEARCH) v USING (COVERING )?INDEX volumes_year_code/m)
      expect(page).not.toMatch(/^SCAN v$/m)
      countsStop(plans)
    }
  )

  it.each(
    (['createdAt', 'startOn', 'dueOn', 'outOn'] as const).flatMap((sortBy) => [
      { sortBy, sortOrder: 'ascend' as const },
      { sortBy, sortOrder: 'descend' as const, page: 4 }
    ])
  )('use requests, dated ones in the date index order, then those without the date by id: %o', async (input) => {
    const plans = await plansOf(input, 'use.list', 'use_requests')
    const pages = planOf(plans, /ORDER BY .* LIMIT \? OFFSET \?$/)
    expect(pages).not.toMatch(/TEMP B-TREE/)
    expect(pages).toMatch(/^(SCAN|SEARCH) u USING (COVERING )?INDEX use_requests_(created|start_on|due_on|out)\b/m)
    countsStop(plans)
  })

  it.each(['合同的请示', '合同'])(
    'use requests searched for %s through their search indexes (migration 1765410000000), read by date',
    async (search) => {
      const plans = await plansOf({ search }, 'use.list', 'use_requests')
      const detail = planOf(plans, /u\.id IN \(SELECT rowid FROM use_requests_(fts|bigrams)/)
      expect(detail).toMatch(/VIRTUAL TABLE INDEX \d+:M/)
      expect(detail).not.toMatch(/^SCAN u$/m)
      countsStop(plans)
    }
  )

  it.each([{ page: 1, pageSize: 10 }, { page: 5, pageSize: 10 }, {}])(
    'R-USE-8 overdue loans, longest overdue first, read down use_requests_status and counted on it: %o',
    async (input) => {
      const plans = await plansOf(input, 'use.overdue', 'use_requests')
      const page = planOf(plans, /ORDER BY u\.due_on, u\.id LIMIT \? OFFSET \?$/)
      // Out loans sit in the index in due date and then id order: the page stops at its last row, nothing is sorted.
      expect(page).toMatch(/^SEARCH u USING INDEX use_requests_status \(status=\? AND kind=\? AND due_on<\?\)$/m)
      expect(page).not.toMatch(/TEMP B-TREE/)
      const count = planOf(plans, /^SELECT COUNT\(\*\) AS n FROM \(/)
      expect(count).toMatch(
        /^SEARCH u USING COVERING INDEX use_requests_status \(status=\? AND kind=\? AND due_on<\?\)$/m
      )
      for (const { text, plan } of plans) expect(plan.join('\n'), text).not.toMatch(/^SCAN u\b/m)
      countsStop(plans)
    }
  )

  it.each([{}, { page: 50 }, { entity: 'item' }, { entity: 'item', action: 'update' }, { username: 'admin' }])(
    'the audit log, newest first: %o',
    async (input) => {
      const auditor = await app.signInAs('auditor')
      const plans = await plansOf(input, 'audit.list', 'audit_log', auditor)
      const page = planOf(plans, /ORDER BY id DESC LIMIT \? OFFSET \?$/)
      // Newest first is the table's own order, or the order a filter's index keeps its entries in.
      expect(page).not.toMatch(/TEMP B-TREE/)
      countsStop(plans)
    }
  )

  it.each([
    { sortBy: 'name' as const, sortOrder: 'ascend' as const },
    { sortBy: 'updatedAt' as const, sortOrder: 'descend' as const, page: 3 }
  ])('customers: %o', async (input) => {
    const plans = await plansOf(input, 'customers.list', 'customers')
    const ids = planOf(plans, /WHERE c\.id IN \(SELECT c\.id FROM customers c/)
    expect(ids).toMatch(/^SCAN c USING COVERING INDEX customers_(name|updated)$/m)
    countsStop(plans)
  })
})

describe('issue 19: a use-request search with many matches', () => {
  it('reads the page down the date index, keeping the matches, instead of sorting them all', async () => {
    const [{ userId }] = await app.database.query(`SELECT id AS userId FROM users WHERE role = 'archivist'`)
    await seedInTransaction(app, async (db) => {
      const insert = db.connection.prepare(
        `INSERT INTO use_requests (number, kind, status, applicant_kind, applicant_name, purpose, reason, start_on, chain,
           policy_version, created_at, created_by, updated_at)
         VALUES (?, 'consultation', 'pending', 'internal', '张三', '核对合同', '', '2025-02-06', '[]', 1, ?, ?, ?)`
      )
      for (let n = 1; n <= SORT_ALL_UP_TO + 1; n += 1)
        insert.run(`CY-2025-${n}`, `2025-02-06T0${n % 10}:00:00Z`, userId, '2025-02-06')
    })
    for (const search of ['核对合同', '合同']) {
      const plans = await plansOf({ search }, 'use.list', 'use_requests')
      const page = planOf(plans, /ORDER BY .* LIMIT \? OFFSET \?$/)
      expect(page).toMatch(/^SCAN u USING (COVERING )?INDEX use_requests_created/m)
      expect(page).not.toMatch(/TEMP B-TREE/)
      countsStop(plans)
    }
  })
})
