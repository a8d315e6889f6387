import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SqliteDb } from '../../src-main/db/connection'
import type { SqlQuery } from '../../src-main/db/sql'
import type { ChannelInput } from '../../src-preload/contract'
import { makeApp, seedInTransaction, type TestApp } from '../support/app'

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

/** Every SELECT the item list runs for one query, with SQLite's plan for it. */
async function plansOf(input: ChannelInput<'items.list'>): Promise<{ text: string; plan: string[] }[]> {
  const original = SqliteDb.prototype.query
  const seen: { text: string; plan: string[] }[] = []
  SqliteDb.prototype.query = async function (this: SqliteDb, query: SqlQuery | string, params?: readonly unknown[]) {
    if (typeof query !== 'string' && /^\s*SELECT/.test(query.text) && /\bitems\b/.test(query.text)) {
      const plan = this.connection.prepare(`EXPLAIN QUERY PLAN ${query.text}`).all(...query.values) as {
        detail: string
      }[]
      seen.push({ text: query.text.replace(/\s+/g, ' '), plan: plan.map((row) => row.detail) })
    }
    return original.call(this, query as string, params) as never
  } as typeof original
  try {
    await app.call('items.list', input, key)
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
      expect(plan.filter((line) => /^SCAN (i|items)\b/.test(line)).length, text).toBeLessThanOrEqual(1)
      // A count that walks an index stops at the limit.
      if (/^SELECT COUNT\(\*\) AS n FROM/.test(text)) expect(text).toMatch(/LIMIT \?\)$/)
    }
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
