import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { COUNT_LIMIT, SORT_ALL_UP_TO } from '@main/db/paging'
import { ROLES, type ChannelInput, type ItemRow, type Role } from '@preload/contract'
import { makeApp, sampleCustomer, seedInTransaction, type TestApp } from '../support/app'
import { itemInput, REINDEX_ITEM_SEARCH } from '../support/records'

/**
 * Adversary brief, issue 19's searches and pages at a million items: the item list's search by one character (a scan),
 * two (the pair index) and three or more (trigram), its exact-code ranking and its paging past SORT_ALL_UP_TO and
 * COUNT_LIMIT; the customer and use-request searches; and the paged overdue loans (R-USE-8). Every answer is held to
 * an oracle computed here from the rows themselves, not to what the code happens to return.
 */

/** ASCII letters without case, as the contract's search says the indexes and LIKE compare them. */
const fold = (text: string) => text.replace(/[A-Z]/g, (letter) => letter.toLowerCase())

type Searched = Pick<ItemRow, 'id' | 'title' | 'documentNumber' | 'responsibleParty' | 'archivalCode' | 'customerName'>
const contains = (row: Searched, search: string) =>
  [row.title, row.documentNumber, row.responsibleParty, row.archivalCode ?? '', row.customerName ?? ''].some((field) =>
    fold(field).includes(fold(search))
  )

const ids = (rows: { id: number }[]) => rows.map((row) => row.id)
const sorted = (values: number[]) => [...values].sort((a, b) => a - b)

async function everyPage(app: TestApp, key: string, query: Omit<ChannelInput<'items.list'>, 'page'>) {
  const seen: number[] = []
  let total = -1
  for (let page = 1; ; page += 1) {
    const result = await app.call('items.list', { ...query, page }, key)
    total = result.total
    seen.push(...ids(result.rows))
    if (result.rows.length < (query.pageSize ?? 20)) break
  }
  return { seen, total }
}

describe('adversary: hostile two-character searches find exactly the records that hold the pair', () => {
  let app: TestApp
  let key: string
  const made: Searched[] = []
  beforeAll(async () => {
    app = await makeApp()
    key = await app.signInAs('archivist')
    const customer = await app.call('customers.create', sampleCustomer({ name: '百分%_下划线有限公司' }), key)
    const titles = [
      'quote""twice 引号',
      'say "hi" now',
      'star**power',
      'rate 100%_max',
      'under__score',
      'path C:\\\\dir',
      'ANNUAL OR REPORT',
      'caret^up',
      'minus-1 plan',
      'colon:x',
      '表情😀a记录',
      '𠀀𩸽 扩展汉字',
      'mixed AbCd',
      'plain 普通合同'
    ]
    for (const title of titles) {
      const item = await app.call(
        'items.create',
        itemInput({ title, documentNumber: [...title].slice(-3).join('') }),
        key
      )
      made.push({ ...item, customerName: null })
    }
    const withCustomer = await app.call(
      'items.create',
      itemInput({ title: '客户协议', customerId: customer.id, customerDocType: 'agreement' }),
      key
    )
    made.push({ ...withCustomer, customerName: customer.name })
  }, 60_000)
  afterAll(async () => app?.close())

  it.each([
    '""',
    '"h',
    '**',
    '%_',
    '%%',
    '__',
    '\\\\',
    'C:',
    'AN',
    'an',
    'OR',
    'or',
    '^u',
    'r^',
    '-1',
    ':x',
    '😀a',
    '情😀',
    'a😀',
    '𠀀𩸽',
    'AB',
    'ab',
    'Ab',
    'aB'
  ])('%j: every record holding it in a searched field, ASCII case aside, and no other', async (search) => {
    const expected = sorted(made.filter((row) => contains(row, search)).map((row) => row.id))
    const page = await app.call('items.list', { search, pageSize: 200 }, key)
    expect(sorted(ids(page.rows))).toEqual(expected)
    expect(page.total).toBe(expected.length)
    // A shown row marks where the pair is.
    for (const row of page.rows) expect(Object.keys(row.highlights ?? {})).not.toEqual([])
  })

  it.each(['"', '*', '%', '_', '\\', '^', '-', ':', '😀', '𩸽'])(
    'one character %j is a character, not a wildcard or syntax',
    async (search) => {
      const expected = sorted(made.filter((row) => contains(row, search)).map((row) => row.id))
      const page = await app.call('items.list', { search, pageSize: 200 }, key)
      expect(sorted(ids(page.rows))).toEqual(expected)
    }
  )

  it.each([
    ['a tab inside a pair', 'A\tN', 'AN'],
    ['a newline inside a pair', 'A\nN', 'AN'],
    ['spaces around a pair', '   ab   ', 'ab'],
    ['ideographic spaces around a pair', '\u3000合同\u3000', '合同'],
    ['a pair of FTS5 keywords with a control character between', 'O\u0000R', 'OR']
  ])('%s: searched as the pair itself', async (_name, typed, pair) => {
    const expected = sorted(made.filter((row) => contains(row, pair)).map((row) => row.id))
    expect(expected.length).toBeGreaterThan(0)
    expect(sorted(ids((await app.call('items.list', { search: typed, pageSize: 200 }, key)).rows))).toEqual(expected)
  })

  it('whitespace alone is no search: the whole list, not nothing', async () => {
    const all = await app.call('items.list', { pageSize: 200 }, key)
    for (const search of ['   ', '\t\n', '\u3000\u3000'])
      expect((await app.call('items.list', { search, pageSize: 200 }, key)).total).toBe(all.total)
  })

  it('the longest search the contract takes (100) is answered; 101 is refused naming the field', async () => {
    const longest = await app.dispatch('items.list', { search: 'a'.repeat(100) }, key)
    expect(longest).toMatchObject({ ok: true, data: { total: 0 } })
    const over = await app.dispatch('items.list', { search: 'a'.repeat(101) }, key)
    expect(over).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: [{ path: 'search' }] } })
  })

  it('a customer renamed: its records are found by the new name at one, two and three characters, never the old', async () => {
    const [row] = made.filter((item) => item.customerName)
    const item = await app.call('items.get', { id: row.id }, key)
    const customer = await app.call('customers.get', { id: item.customerId! }, key)
    const renamed = { ...sampleCustomer({ name: '宁波恒通贸易有限公司' }), id: customer.id, version: customer.version }
    await app.call('customers.update', renamed, key)
    for (const search of ['恒', '恒通', '恒通贸易', '宁波恒通贸易有限公司'])
      expect([search, ids((await app.call('items.list', { search }, key)).rows)]).toEqual([search, [row.id]])
    for (const search of ['百', '百分', '百分%_下划线', '下划'])
      expect([search, ids((await app.call('items.list', { search }, key)).rows)]).toEqual([search, []])
    // The customer list follows too.
    expect(ids((await app.call('customers.list', { search: '恒通' }, key)).rows)).toEqual([customer.id])
    expect(ids((await app.call('customers.list', { search: '%_' }, key)).rows)).toEqual([])
  })
})

/** A seeded item as the oracles below read it back. */
type Row = {
  id: number
  title: string
  documentNumber: string
  archivalCode: string | null
  year: number
  dateFormed: string
  updatedAt: string
  registered: number
  custody: string
  status: string
}
const SEEDED_ROWS = `SELECT id, title, document_number AS documentNumber, archival_code AS archivalCode, year, status,
  date_formed AS dateFormed, updated_at AS updatedAt, id AS registered, custody FROM items`

type SortBy = NonNullable<ChannelInput<'items.list'>['sortBy']>
type SortOrder = NonNullable<ChannelInput<'items.list'>['sortOrder']>
type Filters = Pick<ChannelInput<'items.list'>, 'year' | 'custody' | 'status'>
const SORTS = (['title', 'year', 'dateFormed', 'archivalCode', 'updatedAt', 'registered'] as const).flatMap((sortBy) =>
  (['ascend', 'descend'] as const).map((sortOrder) => [sortBy, sortOrder] as const)
)
const compare = (a: string | number | null, b: string | number | null) =>
  a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1
const upper = (text: string) => text.replace(/[a-z]/g, (letter) => letter.toUpperCase())

/**
 * The stated order, from the rows: exact (the text, or it in ASCII capitals or small letters) first, then the
 * others; each part by the column, ties by id. Without a search every row kept is listed.
 */
function oracle(rows: Row[], search: string | undefined, filters: Filters, sortBy: SortBy, sortOrder: SortOrder) {
  const sign = sortOrder === 'ascend' ? 1 : -1
  const byColumn = (a: Row, b: Row) => sign * (compare(a[sortBy], b[sortBy]) || a.id - b.id)
  const custody = filters.custody && filters.custody.length > 0 ? filters.custody : null
  const kept = rows.filter(
    (row) =>
      (custody ? custody.includes(row.custody as never) : row.custody !== 'destroyed') &&
      (!filters.year?.length || filters.year.includes(row.year)) &&
      (!filters.status?.length || filters.status.includes(row.status as never)) &&
      (!search ||
        [row.title, row.documentNumber, row.archivalCode ?? '', '办公室'].some((f) => fold(f).includes(fold(search))))
  )
  const typed = new Set(search ? [search, upper(search), fold(search)] : [])
  const isExact = (row: Row) => typed.has(row.archivalCode ?? '') || typed.has(row.documentNumber)
  const exact = kept.filter(isExact).sort(byColumn)
  return {
    order: [...exact, ...kept.filter((row) => !isExact(row)).sort(byColumn)].map((r) => r.id),
    exact: exact.length
  }
}

/** A room seeded behind the app's back, as the bench does: items with the given fields, one transaction. */
interface Seed {
  title: string
  documentNumber?: string
  archivalCode?: string | null
  year?: number
  dateFormed?: string
  updatedAt: string
  custody?: string
}

async function seedItems(app: TestApp, items: Seed[]): Promise<number[]> {
  const [{ userId }] = await app.database.query(`SELECT id AS userId FROM users WHERE role = 'archivist'`)
  const made: number[] = []
  await seedInTransaction(app, async (db) => {
    const insert = db.connection.prepare(
      `INSERT INTO items (fonds_code, category_code, year, retention_code, department_code, title, responsible_party,
         document_number, archival_code, date_formed, received_on, status, custody, policy_version, created_at,
         updated_at, created_by)
       VALUES ('J001', 'WS', ?, 'Y', 'ZS', ?, '办公室', ?, ?, ?, '2024-05-02', ?, ?, 0, ?, ?, ?)`
    )
    for (const item of items) {
      const { lastInsertRowid } = insert.run(
        item.year ?? 2024,
        item.title,
        item.documentNumber ?? '',
        item.archivalCode ?? null,
        item.dateFormed ?? '2024-05-01',
        item.archivalCode ? 'catalogued' : 'received',
        item.custody ?? 'in_store',
        item.updatedAt,
        item.updatedAt,
        userId
      )
      made.push(Number(lastInsertRowid))
    }
    for (const statement of REINDEX_ITEM_SEARCH) await db.query(statement)
  })
  return made
}

describe('adversary: a search that is exactly an archival code or document number', () => {
  let app: TestApp
  let key: string
  const CODE = 'J001-WS·2024-Y-ZS-0042'
  let made: number[] = []
  beforeAll(async () => {
    app = await makeApp()
    key = await app.signInAs('archivist')
    const stamp = (n: number) => new Date(Date.UTC(2024, 4, 2) + n * 60_000).toISOString()
    made = await seedItems(app, [
      { title: '档案交接单', archivalCode: CODE, updatedAt: stamp(0) },
      { title: `关于${CODE}的补充说明`, updatedAt: stamp(5) },
      { title: `A 引用${CODE}`, archivalCode: 'J001-WS·2024-Y-ZS-0043', updatedAt: stamp(3) },
      { title: '另一份', documentNumber: CODE, updatedAt: stamp(1) },
      { title: `已销毁的${CODE}副本`, updatedAt: stamp(9), custody: 'destroyed' },
      { title: '已销毁的同号文件', documentNumber: CODE, updatedAt: stamp(8), custody: 'destroyed' }
    ])
  }, 60_000)
  afterAll(async () => app?.close())

  it('ranks the exact matches first, then the rest, and every page of one row each gives each match once (R-DISP-8: destroyed left out)', async () => {
    const [code, inTitle, inTitleWithOtherCode, number] = made
    for (const sortBy of ['title', 'updatedAt', 'archivalCode'] as const) {
      const { seen, total } = await everyPage(app, key, { search: CODE, sortBy, sortOrder: 'ascend', pageSize: 1 })
      expect(total).toBe(4)
      expect(seen).toHaveLength(4)
      expect(sorted(seen.slice(0, 2))).toEqual(sorted([code, number]))
      expect(sorted(seen.slice(2))).toEqual(sorted([inTitle, inTitleWithOtherCode]))
    }
  })

  it('shows the destroyed ones, exact first, only when asked for by custody', async () => {
    const destroyed = made.slice(4)
    const page = await app.call('items.list', { search: CODE, custody: ['destroyed'], sortBy: 'title' }, key)
    expect(page.total).toBe(2)
    expect(ids(page.rows)).toEqual([destroyed[1], destroyed[0]])
    const everything = await app.call(
      'items.list',
      { search: CODE, custody: ['in_store', 'destroyed'], pageSize: 200 },
      key
    )
    expect(sorted(ids(everything.rows))).toEqual(sorted(made))
  })

  // The search is case-blind ('j001-ws' finds the record), so "exact" is too: codes are written in capitals.
  it('a code typed in lower case still ranks its record first', async () => {
    const page = await app.call('items.list', { search: CODE.toLowerCase(), sortBy: 'title', sortOrder: 'ascend' }, key)
    expect(page.total).toBe(4)
    expect(sorted(ids(page.rows).slice(0, 2))).toEqual(sorted([made[0], made[3]]))
  })
})

describe(`adversary: every page of every sort, past SORT_ALL_UP_TO (${SORT_ALL_UP_TO}) and COUNT_LIMIT (${COUNT_LIMIT})`, () => {
  let app: TestApp
  let key: string
  const N = COUNT_LIMIT + 500
  const MANY = SORT_ALL_UP_TO + 300
  let rows: Row[] = []
  beforeAll(async () => {
    app = await makeApp()
    key = await app.signInAs('archivist')
    const seeds: Seed[] = []
    for (let n = 0; n < N; n += 1) {
      const year = 2019 + ((n * 7) % 6)
      seeds.push({
        // Titles repeat, so ties go by id; '会议' in MANY of them, '纪要' in all.
        title: n < MANY ? `第${n % 400}次会议纪要` : `第${n}号工作纪要`,
        documentNumber: n % 97 === 0 ? '会议' : n % 101 === 0 ? '纪要' : `文${n % 50}`,
        archivalCode: n % 2 === 0 ? `J001-WS·${year}-Y-ZS-${String(n).padStart(5, '0')}` : null,
        year,
        dateFormed: `2024-0${1 + (n % 9)}-1${n % 10}`,
        // Changed in an order that is not the order registered, two at the same moment.
        updatedAt: new Date(Date.UTC(2024, 5, 1) + Math.floor(((n * 7919) % N) / 2) * 1000).toISOString(),
        custody: n % 53 === 0 ? 'destroyed' : 'in_store'
      })
    }
    await seedItems(app, seeds)
    rows = await app.database.query<Row>(SEEDED_ROWS)
  }, 120_000)
  afterAll(async () => app?.close())

  /** The stated order: exact code or number first, then the others; each part by the column, ties by id. */
  const expected = (search: string | undefined, sortBy: SortBy, sortOrder: SortOrder) =>
    oracle(rows, search, {}, sortBy, sortOrder).order

  it.each(['会议', '议纪要', '议'])(
    `%j, more than ${SORT_ALL_UP_TO} matches: all pages of each sort together are each match once, in the sort's order`,
    async (search) => {
      const want = expected(search, 'title', 'ascend')
      expect(want.length).toBeGreaterThan(SORT_ALL_UP_TO)
      expect(want.length).toBeLessThan(COUNT_LIMIT)
      for (const [sortBy, sortOrder] of SORTS) {
        const { seen, total } = await everyPage(app, key, { search, sortBy, sortOrder, pageSize: 200 })
        expect([sortBy, sortOrder, total]).toEqual([sortBy, sortOrder, want.length])
        expect([sortBy, sortOrder, seen]).toEqual([sortBy, sortOrder, expected(search, sortBy, sortOrder)])
      }
    }
  )

  const pagesAt = async (query: Omit<ChannelInput<'items.list'>, 'page' | 'pageSize'>, pages: number[]) => {
    const got: number[][] = []
    for (const page of pages) got.push(ids((await app.call('items.list', { ...query, page, pageSize: 200 }, key)).rows))
    return got
  }
  const slices = (order: number[], pages: number[]) => pages.map((page) => order.slice((page - 1) * 200, page * 200))

  it.each([undefined, '纪要'])(
    `%j, more than ${COUNT_LIMIT} matches: counted "${COUNT_LIMIT}+" (the whole list exactly, from the kept counts), and pages near the start, in the middle and past the count are in the sort's order`,
    async (search) => {
      const pages = [1, 2, 26, 50, 51, 52]
      for (const [sortBy, sortOrder] of SORTS) {
        const first = await app.call('items.list', { search, sortBy, sortOrder, pageSize: 200 }, key)
        const all = expected(search, sortBy, sortOrder).length
        expect(all).toBeGreaterThan(COUNT_LIMIT)
        if (search === undefined) expect([first.total, first.totalCapped]).toEqual([all, undefined])
        else expect(first).toMatchObject({ total: COUNT_LIMIT, totalCapped: true })
        expect([sortBy, sortOrder, await pagesAt({ search, sortBy, sortOrder }, pages)]).toEqual([
          sortBy,
          sortOrder,
          slices(expected(search, sortBy, sortOrder), pages)
        ])
      }
    }
  )

  // Sorted by when changed, a search with more than SORT_ALL_UP_TO matches once came in the order the items were
  // registered: a record registered long ago and edited today was pages down, and the list reordered itself when one
  // more match took it past 2 000. The order items were registered in is its own sort now, `registered`.
  it.each(['会议', '议纪要', '议', '纪要'])(
    '%j sorted by when changed, either way, pages in that order',
    async (search) => {
      const pages = [1, 2, 5]
      for (const sortOrder of ['descend', 'ascend'] as const)
        expect([sortOrder, await pagesAt({ search, sortBy: 'updatedAt', sortOrder }, pages)]).toEqual([
          sortOrder,
          slices(expected(search, 'updatedAt', sortOrder), pages)
        ])
    }
  )

  it('without a search, sorted by when changed, pages in that order', async () => {
    const pages = [1, 2, 50, 52]
    for (const sortOrder of ['descend', 'ascend'] as const)
      expect(await pagesAt({ sortBy: 'updatedAt', sortOrder }, pages)).toEqual(
        slices(expected(undefined, 'updatedAt', sortOrder), pages)
      )
  })
})

describe('adversary: a document number that many records share', () => {
  // Old spreadsheets put 无 (none) or / in the number column of every row that had none. An exact match ranks first, so
  // searching that text asks for every record holding it as its number.
  const SHARED = 32_767 // one more than SQLite's limit of bound values in a statement (SQLITE_MAX_VARIABLE_NUMBER)
  let app: TestApp
  let key: string
  beforeAll(async () => {
    app = await makeApp()
    key = await app.signInAs('archivist')
    const [{ userId }] = await app.database.query(`SELECT id AS userId FROM users WHERE role = 'archivist'`)
    await seedInTransaction(app, async (db) => {
      await db.query(
        `WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < ?)
         INSERT INTO items (fonds_code, category_code, year, retention_code, department_code, title, responsible_party,
           document_number, date_formed, received_on, policy_version, created_at, updated_at, created_by)
         SELECT 'J001', 'WS', 2024, 'Y', 'ZS', CASE WHEN k <= ? THEN '旧台账第' || k || '行' ELSE '无题' || k END, '办公室',
           CASE WHEN k <= ? THEN '无' ELSE '' END, '2024-05-01', '2024-05-02', 0,
           strftime('%Y-%m-%dT%H:%M:%fZ', '2024-05-02', '+' || k || ' seconds'),
           strftime('%Y-%m-%dT%H:%M:%fZ', '2024-05-02', '+' || k || ' seconds'), ?
         FROM n`,
        [SHARED + 3, SHARED, SHARED, userId]
      )
      for (const statement of REINDEX_ITEM_SEARCH) await db.query(statement)
    })
  }, 120_000)
  afterAll(async () => app?.close())

  // Every exact match's id was once read and bound into `i.id NOT IN (?, ?, …)`; past 32 766 of them SQLite refused
  // the statement ("too many SQL variables") and the list was an INTERNAL error.
  it('searching the shared number pages through the exact matches, newest first, and then the other matches', async () => {
    const first = await app.call('items.list', { search: '无', pageSize: 5 }, key)
    expect(first).toMatchObject({ total: COUNT_LIMIT, totalCapped: true })
    expect(first.rows.map((row) => row.title)).toEqual([0, 1, 2, 3, 4].map((n) => `旧台账第${SHARED - n}行`))
    // The page where the exact matches end and the others begin.
    const page = Math.ceil(SHARED / 200)
    const result = await app.dispatch('items.list', { search: '无', page, pageSize: 200 }, key)
    expect(result.ok ? 'page' : result.error).toBe('page')
    if (!result.ok) return
    const titles = (result.data as { rows: ItemRow[] }).rows.map((row) => row.title)
    expect(titles).toHaveLength(SHARED - (page - 1) * 200 + 3)
    expect(titles.slice(-4)).toEqual(['旧台账第1行', '无题32770', '无题32769', '无题32768'])
  })

  // The export asks for every row at once (page size 1 000 000) and read the rows by binding every id of the page.
  it('exporting the search for the shared number, registered, gives every match in the order of the list pages', async () => {
    const query = { search: '无', sortBy: 'registered' as const, sortOrder: 'descend' as const }
    const result = await app.dispatch(
      'export.list',
      { view: 'items', query, columns: [{ key: 'id', title: 'id' }] },
      key
    )
    expect(result.ok ? 'exported' : result.error).toBe('exported')
    if (!result.ok) return
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(
      Buffer.from((result.data as { base64: string }).base64, 'base64') as unknown as ArrayBuffer
    )
    const sheet = workbook.worksheets[0]
    const got: number[] = []
    for (let r = 2; r <= sheet.rowCount; r += 1) got.push(Number(sheet.getRow(r).getCell(1).value))
    expect(got).toHaveLength(SHARED + 3)
    const listed = (await everyPage(app, key, { ...query, pageSize: 200 })).seen
    expect(got).toEqual(listed)
  })
})

describe('adversary: the customer and use-request searches take the same hostile text as characters', () => {
  let app: TestApp
  let key: string
  const names = ['百分%_公司', '下划__线公司', '反斜\\杠公司', '引号"公司', 'ANd贸易公司', '星号*公司', '表情😀公司']
  const purposes = ['核对100%_数据', '查x_y表', '复印\\目录', '"引用"材料', 'OR 条款', '普通查阅']
  let customerIds: number[] = []
  let requestIds: number[] = []
  beforeAll(async () => {
    app = await makeApp()
    key = await app.signInAs('archivist')
    for (const name of names)
      customerIds.push((await app.call('customers.create', sampleCustomer({ name, grade: 'general' }), key)).id)
    const [{ userId }] = await app.database.query(`SELECT id AS userId FROM users WHERE role = 'archivist'`)
    await seedInTransaction(app, async (db) => {
      for (const [n, purpose] of purposes.entries()) {
        const [{ id }] = await db.query<{ id: number }>(
          `INSERT INTO use_requests (number, kind, status, applicant_kind, applicant_name, purpose, reason, start_on, due_on,
             chain, policy_version, created_at, created_by, updated_at)
           VALUES (?, 'consultation', 'pending', 'internal', '张三', ?, '工作需要', '2026-03-02', NULL, '[]', 1,
             '2026-03-02T09:00:00.000Z', ?, '2026-03-02T09:00:00.000Z') RETURNING id`,
          [`CY-2026-${String(n + 1).padStart(4, '0')}`, purpose, userId]
        )
        requestIds.push(id)
      }
    })
  }, 60_000)
  afterAll(async () => app?.close())

  it.each(['%', '_', '%_', '__', '\\', '"', '*', 'an', 'AN', 'ND', '😀', '😀公', '公司'])(
    'customers %j: exactly the names holding it',
    async (search) => {
      const want = sorted(customerIds.filter((_, n) => fold(names[n]).includes(fold(search))))
      const page = await app.call('customers.list', { search, pageSize: 200 }, key)
      expect(sorted(ids(page.rows))).toEqual(want)
      expect(page.total).toBe(want.length)
    }
  )

  it.each(['%', '_', '%_', 'x_', '\\', '"', '"引', 'or', 'OR', 'R ', '查阅'])(
    'use requests %j: exactly the purposes holding it',
    async (search) => {
      const want = sorted(requestIds.filter((_, n) => fold(purposes[n]).includes(fold(search.trim()))))
      const page = await app.call('use.list', { search, pageSize: 200 }, key)
      expect(sorted(ids(page.rows))).toEqual(want)
      expect(page.total).toBe(want.length)
    }
  )
})

describe('adversary: R-USE-8 overdue loans, a page at a time', () => {
  let app: TestApp
  const keys = new Map<Role, string>()
  type Loan = { kind: string; status: string; dueOn: string | null; number?: string }
  const loans: Loan[] = [
    { kind: 'loan', status: 'out', dueOn: '2026-03-19' }, // due yesterday: one day late
    { kind: 'loan', status: 'out', dueOn: '2026-03-20' }, // due today: not late yet
    { kind: 'loan', status: 'out', dueOn: '2026-03-21' },
    { kind: 'loan', status: 'out', dueOn: '2026-03-10' },
    { kind: 'loan', status: 'out', dueOn: '2026-03-10' }, // a tie: by id
    { kind: 'loan', status: 'returned', dueOn: '2026-03-01' },
    { kind: 'loan', status: 'cancelled', dueOn: '2026-03-01' },
    { kind: 'loan', status: 'refused', dueOn: '2026-03-01' },
    { kind: 'loan', status: 'pending', dueOn: '2026-03-01' },
    { kind: 'loan', status: 'approved', dueOn: '2026-03-01' },
    { kind: 'excerpt', status: 'out', dueOn: null },
    { kind: 'consultation', status: 'out', dueOn: null },
    { kind: 'loan', status: 'out', dueOn: '2026-02-28' }
  ]
  beforeAll(async () => {
    app = await makeApp()
    // The evening before: a loan due 19 March is not late until the day after.
    app.clock.now = new Date('2026-03-19T23:59:58')
    for (const role of ROLES) keys.set(role, await app.signInAs(role))
    const [{ userId }] = await app.database.query(`SELECT id AS userId FROM users WHERE role = 'archivist'`)
    await seedInTransaction(app, async (db) => {
      for (const [n, loan] of loans.entries()) {
        loan.number = `JY-2026-${String(n + 1).padStart(4, '0')}`
        await db.query(
          `INSERT INTO use_requests (number, kind, status, applicant_kind, applicant_name, purpose, reason, start_on, due_on,
             chain, policy_version, out_on, returned_on, created_at, created_by, updated_at)
           VALUES (?, ?, ?, 'internal', '张三', '核对合同', '工作需要', '2026-02-20', ?, '[]', 1, ?, ?,
             '2026-02-20T09:00:00.000Z', ?, '2026-02-20T09:00:00.000Z')`,
          [
            loan.number,
            loan.kind,
            loan.status,
            loan.dueOn,
            ['out', 'returned'].includes(loan.status) ? '2026-02-20' : null,
            loan.status === 'returned' ? '2026-03-18' : null,
            userId
          ]
        )
      }
    })
  }, 60_000)
  afterAll(async () => app?.close())

  const overdueNumbers = async (input: Record<string, unknown> = { pageSize: 200 }) =>
    (await app.call('use.overdue', input as ChannelInput<'use.overdue'>, keys.get('archivist')!)).rows.map(
      (row) => `${row.number} ${row.dueOn} ${row.daysLate}`
    )

  it('on the evening a loan falls due it is not yet late; a second after midnight it is, one day; returned, cancelled, refused, unsent and undated ones never', async () => {
    expect(await overdueNumbers()).toEqual([
      'JY-2026-0013 2026-02-28 19',
      'JY-2026-0004 2026-03-10 9',
      'JY-2026-0005 2026-03-10 9'
    ])
    app.clock.now = new Date('2026-03-20T00:00:01')
    const after = await overdueNumbers()
    expect(after).toEqual([
      'JY-2026-0013 2026-02-28 20',
      'JY-2026-0004 2026-03-10 10',
      'JY-2026-0005 2026-03-10 10',
      'JY-2026-0001 2026-03-19 1'
    ])
    // The list's overdue filter names the same loans.
    const listed = await app.call('use.list', { overdue: true, pageSize: 200 }, keys.get('archivist')!)
    expect(listed.rows.map((row) => row.number).sort()).toEqual(after.map((line) => line.split(' ')[0]).sort())
    // One a page, in order, each once; past the end an empty page with the same total.
    const one: string[] = []
    for (let page = 1; page <= 5; page += 1) {
      const result = await app.call('use.overdue', { page, pageSize: 1 }, keys.get('archivist')!)
      expect(result).toMatchObject({ total: 4, page, pageSize: 1 })
      one.push(...result.rows.map((row) => `${row.number} ${row.dueOn} ${row.daysLate}`))
    }
    expect(one).toEqual(after)
  })

  it('is read by the roles that read the use list (R-ROLE), and refused to the administrator, security officer and auditor', async () => {
    const answers: Record<string, string> = {}
    for (const role of ROLES) {
      const overdue = await app.dispatch('use.overdue', {}, keys.get(role)!)
      const list = await app.dispatch('use.list', { overdue: true }, keys.get(role)!)
      answers[role] = `${overdue.ok ? 'read' : overdue.error.code} / list ${list.ok ? 'read' : list.error.code}`
    }
    expect(answers).toEqual({
      sysadmin: 'FORBIDDEN / list FORBIDDEN',
      security_officer: 'FORBIDDEN / list FORBIDDEN',
      auditor: 'FORBIDDEN / list FORBIDDEN',
      archivist: 'read / list read',
      archive_manager: 'read / list read',
      department_head: 'read / list read',
      staff_viewer: 'read / list read',
      deputy_gm: 'read / list read',
      gm: 'read / list read'
    })
  })

  it.each<[string, unknown]>([
    ['a negative page', { page: -3 }],
    ['a fractional page', { page: 1.0000001 }],
    ['a page as text', { page: '1' }],
    ['a page size of 0', { pageSize: 0 }],
    ['a page size past 200', { pageSize: 201 }],
    ['a page size as an array', { pageSize: [20] }],
    ['a search it does not take', { search: '张三' }],
    ['a filter it does not take', { overdue: false }],
    ['a sort it does not take', { sortBy: 'dueOn' }],
    ['a __proto__ key', JSON.parse('{"__proto__": {"pageSize": 1}}')],
    ['a constructor key', { constructor: { prototype: { page: 2 } } }],
    ['an array for the input', [1, 2]],
    ['null for the input', null]
  ])('%s: a validation error, nothing else', async (_name, input) => {
    const result = await app.dispatch('use.overdue', input as ChannelInput<'use.overdue'>, keys.get('archivist')!)
    expect(result.ok ? 'page' : result.error.code).toBe('VALIDATION')
  })

  it('the largest page the contract allows, far past the end, is an empty page with the real total', async () => {
    const result = await app.call('use.overdue', { page: 2 ** 40, pageSize: 200 }, keys.get('archivist')!)
    expect(result).toEqual({ rows: [], total: 4, page: 2 ** 40, pageSize: 200 })
  })
})

/**
 * Attack on the exact-first paging of issue 19 (only the page's share of the exact matches read, counted up to the
 * page's offset, the others at `offset + first.length - exactCount`) and on the sort `registered`: exact sets that end
 * on, before and after page boundaries at page sizes 1, 7 and 200, exact counts that are multiples of the page size,
 * exact matches that filters leave out (so the exact set under the conditions is not the NOT IN subquery's), the code
 * typed in lower case, and every page of `registered` past SORT_ALL_UP_TO and COUNT_LIMIT. The oracle is the rows
 * themselves, read once and sorted here.
 */
describe('adversary: exact matches across page boundaries, under filters, and the registered order', () => {
  let app: TestApp
  let key: string
  const CODE = 'J001-WS·2024-Y-ZS-00042'
  const N = COUNT_LIMIT + 700
  let rows: Row[] = []
  beforeAll(async () => {
    app = await makeApp()
    key = await app.signInAs('archivist')
    const seeds: Seed[] = []
    let k = 0
    let destroyedExact = 0
    for (let n = 0; n < N; n += 1) {
      let year = 2019 + ((n * 7) % 6)
      let custody = n % 53 === 0 ? 'destroyed' : 'in_store'
      let documentNumber = `文${n % 50}`
      let archivalCode: string | null = n % 2 === 0 ? `J001-WS·${year}-Y-ZS-${String(100_000 + n)}` : null
      if (n === 0) {
        // The one record whose code is the text; 2024, kept.
        archivalCode = CODE
        year = 2024
        custody = 'in_store'
      } else if (n % 4 === 1 && n < 5596) {
        // 1 399 records numbered with the code, kept: 1 400 exact with the code's own record (7 × 200), 600 of them
        // filed in 2024 (3 × 200) and 800 in 2023 (4 × 200).
        documentNumber = CODE
        year = k < 599 ? 2024 : 2023
        custody = 'in_store'
        archivalCode = n % 8 === 1 ? `J001-WS·${year}-Y-ZS-${String(100_000 + n)}` : null
        k += 1
      } else if (n % 4 === 3 && n > 5600 && destroyedExact < 14) {
        // 14 destroyed records numbered with the code (2 × 7), among the others in the order registered.
        documentNumber = CODE
        custody = 'destroyed'
        destroyedExact += 1
      } else if (n % 4 === 2 && n < 2000) documentNumber = `${CODE}/附件`
      else if (n % 101 === 0) documentNumber = '纪要'
      else if (n % 89 === 0) documentNumber = '工作纪要'
      else if (n % 103 === 0) documentNumber = '纪'
      seeds.push({
        // Titles repeat, so ties go by id; every title holds 工作纪要, a third of them the code.
        title: n % 3 === 0 ? `关于${CODE}的说明·工作纪要${n % 7}` : `第${n % 500}号工作纪要`,
        documentNumber,
        archivalCode,
        year,
        dateFormed: `2024-0${1 + (n % 9)}-1${n % 10}`,
        updatedAt: new Date(Date.UTC(2024, 5, 1) + Math.floor(((n * 7919) % N) / 2) * 1000).toISOString(),
        custody
      })
    }
    await seedItems(app, seeds)
    rows = await app.database.query<Row>(SEEDED_ROWS)
  }, 120_000)
  afterAll(async () => app?.close())

  /** The pages around where the exact matches end, the first two, the last and the one past it. */
  function pagesNear(length: number, exact: number, size: number): number[] {
    const last = Math.max(1, Math.ceil(length / size))
    const at = (index: number) => Math.floor(index / size) + 1
    const pages = [1, 2, last, last + 1, at(Math.max(0, exact - 1)), at(exact), at(exact) + 1, at(exact + size)]
    return [...new Set(pages.filter((page) => page >= 1))].sort((a, b) => a - b)
  }

  async function check(
    search: string,
    filters: Filters,
    sortBy: SortBy,
    sortOrder: SortOrder,
    size: number,
    all = false
  ) {
    const { order, exact } = oracle(rows, search, filters, sortBy, sortOrder)
    const last = Math.max(1, Math.ceil(order.length / size))
    const pages = all ? Array.from({ length: last + 1 }, (_, n) => n + 1) : pagesNear(order.length, exact, size)
    const label = `${JSON.stringify(search)} ${JSON.stringify(filters)} ${sortBy} ${sortOrder} size ${size}`
    for (const page of pages) {
      const result = await app.call('items.list', { search, ...filters, sortBy, sortOrder, page, pageSize: size }, key)
      expect([label, page, ids(result.rows)]).toEqual([label, page, order.slice((page - 1) * size, page * size)])
      expect([label, result.total, !!result.totalCapped]).toEqual([
        label,
        Math.min(order.length, COUNT_LIMIT),
        order.length > COUNT_LIMIT
      ])
    }
    return { order, exact }
  }

  it('the seeded exact sets are what the cases need: counts that are multiples of 1, 7 and 200', () => {
    expect(oracle(rows, CODE, {}, 'title', 'ascend').exact).toBe(1400)
    expect(oracle(rows, CODE, { year: [2024] }, 'title', 'ascend').exact).toBe(600)
    expect(oracle(rows, CODE, { year: [2023] }, 'title', 'ascend').exact).toBe(800)
    expect(oracle(rows, CODE, { custody: ['destroyed'] }, 'title', 'ascend').exact).toBe(14)
    const { order, exact } = oracle(rows, CODE, {}, 'title', 'ascend')
    expect(order.length).toBeGreaterThan(SORT_ALL_UP_TO)
    expect(order.length).toBeLessThan(COUNT_LIMIT)
    expect(exact).toBeLessThan(order.length)
    for (const search of ['纪要', '工作纪要', '纪', '作纪要'])
      expect(oracle(rows, search, {}, 'registered', 'descend').order.length).toBeGreaterThan(COUNT_LIMIT)
  })

  const FILTERS: Filters[] = [
    {},
    { year: [2024] },
    { year: [2023] },
    { custody: ['destroyed'] },
    { custody: ['in_store', 'destroyed'] },
    { status: ['received'] },
    { status: ['catalogued'], year: [2024] }
  ]

  const FILTERED_SORTS = [
    ['registered', 'descend'],
    ['registered', 'ascend'],
    ['title', 'ascend'],
    ['updatedAt', 'descend']
  ] as const

  it.each([1, 7, 200])(
    'the code, under each filter, every sort: the pages where the exact matches end, at page size %i',
    async (size) => {
      // Every sort without filters; under a filter, the sort read down the search index and two sorted in full.
      for (const [sortBy, sortOrder] of SORTS) await check(CODE, {}, sortBy, sortOrder, size)
      for (const filters of FILTERS.slice(1))
        for (const [sortBy, sortOrder] of FILTERED_SORTS) await check(CODE, filters, sortBy, sortOrder, size)
    }
  )

  it('the code, every page of size 200 registered either way under each filter; of size 7 where the exact are 600 or 14', async () => {
    for (const filters of FILTERS)
      for (const sortOrder of ['descend', 'ascend'] as const)
        await check(CODE, filters, 'registered', sortOrder, 200, true)
    for (const filters of [{ year: [2024] }, { custody: ['destroyed'] }] as Filters[])
      for (const sortOrder of ['descend', 'ascend'] as const)
        await check(CODE, filters, 'registered', sortOrder, 7, true)
  })

  it('the code typed in lower case gives the same pages as typed in capitals', async () => {
    for (const [sortBy, sortOrder] of SORTS)
      for (const page of [1, 7, 8, 9, 15]) {
        const ask = (search: string) =>
          app.call('items.list', { search, sortBy, sortOrder, page, pageSize: 200 }, key).then((r) => ids(r.rows))
        expect([sortBy, sortOrder, page, await ask(CODE.toLowerCase())]).toEqual([
          sortBy,
          sortOrder,
          page,
          await ask(CODE)
        ])
      }
  })

  it.each(['纪要', '工作纪要', '纪', '作纪要'])(
    `%j, more than ${COUNT_LIMIT} matches: every page of registered, either way, at 200; the pages near the exact end at 1 and 7`,
    async (search) => {
      for (const sortOrder of ['descend', 'ascend'] as const) {
        await check(search, {}, 'registered', sortOrder, 200, true)
        await check(search, {}, 'registered', sortOrder, 7)
        await check(search, {}, 'registered', sortOrder, 1)
        await check(search, { custody: ['in_store', 'destroyed'] }, 'registered', sortOrder, 7)
      }
    }
  )

  it.each(['纪要', '工作纪要'])(
    `%j, more than ${COUNT_LIMIT} matches, other sorts: the pages near the exact end and the last`,
    async (search) => {
      for (const [sortBy, sortOrder] of SORTS) await check(search, {}, sortBy, sortOrder, 7)
    }
  )

  it('export of the code sorted by registered gives the rows and order of the list pages, either way, under filters', async () => {
    for (const filters of [{}, { year: [2023] }, { custody: ['in_store', 'destroyed'] }] as Filters[])
      for (const sortOrder of ['descend', 'ascend'] as const) {
        const query = { search: CODE, ...filters, sortBy: 'registered' as const, sortOrder }
        const listed = (await everyPage(app, key, { ...query, pageSize: 200 })).seen
        const exported = await app.call(
          'export.list',
          { view: 'items', query, columns: [{ key: 'id', title: 'id' }] },
          key
        )
        const workbook = new ExcelJS.Workbook()
        await workbook.xlsx.load(Buffer.from(exported.base64, 'base64') as unknown as ArrayBuffer)
        const sheet = workbook.worksheets[0]
        const got: number[] = []
        for (let r = 2; r <= sheet.rowCount; r += 1) got.push(Number(sheet.getRow(r).getCell(1).value))
        expect([filters, sortOrder, got]).toEqual([filters, sortOrder, listed])
        expect(listed).toEqual(oracle(rows, CODE, filters, 'registered', sortOrder).order)
      }
  })
})

describe('adversary: a document number written in lower case, and the same code typed either way', () => {
  let app: TestApp
  let key: string
  const CODE = 'J001-WS·2024-Y-ZS-00042'
  let made: number[] = []
  beforeAll(async () => {
    app = await makeApp()
    key = await app.signInAs('archivist')
    const stamp = (n: number) => new Date(Date.UTC(2024, 4, 2) + n * 60_000).toISOString()
    made = await seedItems(app, [
      { title: '交接单', archivalCode: CODE, updatedAt: stamp(0) },
      { title: '对方来函', documentNumber: CODE.toLowerCase(), updatedAt: stamp(1) },
      { title: `引用${CODE}的说明`, updatedAt: stamp(2) },
      { title: `再引用${CODE}`, updatedAt: stamp(3) }
    ])
  }, 60_000)
  afterAll(async () => app?.close())

  // The search is case-blind: both texts find the same four records. Which of them is "exactly" the text should not
  // turn on how the person typed it.
  it('searching the code in capitals or in lower case ranks the same records first', async () => {
    const ask = async (search: string) =>
      ids((await app.call('items.list', { search, sortBy: 'title', sortOrder: 'ascend', pageSize: 200 }, key)).rows)
    const lower = await ask(CODE.toLowerCase())
    expect(sorted(lower.slice(0, 2))).toEqual(sorted(made.slice(0, 2)))
    expect(await ask(CODE)).toEqual(lower)
  })
})
