import Database from 'better-sqlite3'
import path from 'node:path'
import type { QueryRunner } from 'typeorm'
import { afterEach, describe, expect, it } from 'vitest'
import { DATABASE_FILE } from '@main/db/data-source'
import { ListIndexes1764970000000 } from '@main/db/migrations/1764970000000-ListIndexes'
import { COUNT_LIMIT } from '@main/db/paging'
import { makeApp, seedInTransaction, type TestApp } from '../support/app'

let app: TestApp | null = null
afterEach(async () => {
  await app?.close()
  app = null
})

const LIST_INDEXES = [
  'volumes_year_code',
  'use_requests_start_on',
  'use_requests_due_on',
  'audit_username',
  'audit_entity_only',
  'audit_entity_action'
]

describe('issue 19: the volume, use-request and audit lists page off indexes with the same answers', () => {
  it('sorts use requests by a date some lack: the dated ones in order, then the others by number, across pages', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    const [{ userId }] = await app.database.query(`SELECT id AS userId FROM users WHERE role = 'archivist'`)
    // Loans are due on a day; consultations are not due at all.
    const requests: [string, string | null][] = [
      ['JY-1', '2026-03-20'],
      ['CY-2', null],
      ['JY-3', '2026-03-10'],
      ['CY-4', null],
      ['JY-5', '2026-03-30'],
      ['JY-6', '2026-03-10'],
      ['CY-7', null]
    ]
    await seedInTransaction(app, async (db) => {
      for (const [number, dueOn] of requests)
        await db.query(
          `INSERT INTO use_requests (number, kind, status, applicant_kind, applicant_name, purpose, reason, start_on, due_on, chain,
             policy_version, created_at, created_by, updated_at)
           VALUES (?, ?, 'pending', 'internal', '李文', '查阅', '工作需要', '2026-03-02', ?, '[]', 0, '2026-03-02T09:00:00.000Z', ?,
             '2026-03-02T09:00:00.000Z')`,
          [number, dueOn ? 'loan' : 'consultation', dueOn, userId]
        )
    })
    const numbers = async (sortOrder: 'ascend' | 'descend') => {
      const seen: string[] = []
      for (let page = 1; page <= 3; page += 1) {
        const result = await app!.call('use.list', { sortBy: 'dueOn', sortOrder, page, pageSize: 3 }, key)
        expect(result.total).toBe(requests.length)
        expect(result.totalCapped).toBeUndefined()
        seen.push(...result.rows.map((row) => row.number!))
      }
      return seen
    }
    expect(await numbers('ascend')).toEqual(['JY-3', 'JY-6', 'JY-1', 'JY-5', 'CY-2', 'CY-4', 'CY-7'])
    expect(await numbers('descend')).toEqual(['JY-5', 'JY-1', 'JY-6', 'JY-3', 'CY-7', 'CY-4', 'CY-2'])
  })

  it(`counts audit entries up to ${COUNT_LIMIT}, says there are more, and still pages newest first`, async () => {
    app = await makeApp()
    const auditor = await app.signInAs('auditor')
    await seedInTransaction(app, async (db) => {
      const insert = db.connection.prepare(
        `INSERT INTO audit_log (at, username, entity, entity_id, action, prev_hash, hash)
         VALUES ('2026-03-02T09:00:00.000Z', 'bench', 'item', ?, ?, '', '')`
      )
      for (let n = 0; n < COUNT_LIMIT + 5; n += 1) insert.run(String(n), n % 2 === 0 ? 'update' : 'create')
    })
    const first = await app.call('audit.list', { entity: 'item', pageSize: 2 }, auditor)
    expect(first.total).toBe(COUNT_LIMIT)
    expect(first.totalCapped).toBe(true)
    expect(first.rows.map((row) => row.entityId)).toEqual([String(COUNT_LIMIT + 4), String(COUNT_LIMIT + 3)])
    const creates = await app.call('audit.list', { entity: 'item', action: 'create', page: 2, pageSize: 2 }, auditor)
    expect(creates.total).toBe(COUNT_LIMIT / 2 + 2)
    expect(creates.totalCapped).toBeUndefined()
    expect(creates.rows.map((row) => row.entityId)).toEqual([String(COUNT_LIMIT - 1), String(COUNT_LIMIT - 3)])
    const byUser = await app.call('audit.list', { username: 'bench', page: 3, pageSize: 1 }, auditor)
    expect(byUser.rows.map((row) => row.entityId)).toEqual([String(COUNT_LIMIT + 2)])
  })

  it('a customer search with many matches comes in the sort order, counted in the search index', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    await seedInTransaction(app, async (db) => {
      const insert = db.connection.prepare(
        `INSERT INTO customers (name, legal_representative, grade, industry, region, date_opened, created_at, updated_at, created_by)
         VALUES (?, '王伟', 'general', '物流', '上海', '2024-01-01', '2024-01-01T00:00:00Z', ?, 1)`
      )
      const search = db.connection.prepare(`INSERT INTO customers_fts (rowid, body) VALUES (?, ?)`)
      for (let n = 0; n < 2_005; n += 1) {
        const name = `上海第${String(n).padStart(4, '0')}号物流有限公司`
        const { lastInsertRowid } = insert.run(name, new Date(Date.UTC(2024, 0, 2) + n * 1000).toISOString())
        search.run(lastInsertRowid, `${name}\n王伟\n物流\n上海`)
      }
    })
    const byName = await app.call(
      'customers.list',
      { search: '有限公司', sortBy: 'name', sortOrder: 'descend', page: 2, pageSize: 2 },
      key
    )
    expect(byName.total).toBe(2_005)
    expect(byName.rows.map((row) => row.name)).toEqual(['上海第2002号物流有限公司', '上海第2001号物流有限公司'])
    const newest = await app.call('customers.list', { search: '物流有限', pageSize: 1 }, key)
    expect(newest.rows.map((row) => row.name)).toEqual(['上海第2004号物流有限公司'])
    const one = await app.call('customers.list', { search: '第0042号', grade: ['general'] }, key)
    expect(one.total).toBe(1)
  })

  it('migration 1764970000000 adds the list indexes to a database that lacks them, and down takes them away', async () => {
    app = await makeApp()
    const dataDir = app.dataDir
    await app.close()
    const indexes = (db: Database.Database) =>
      (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index'`).all() as { name: string }[])
        .map((row) => row.name)
        .filter((name) => LIST_INDEXES.includes(name))
        .sort()
    const legacy = new Database(path.join(dataDir, DATABASE_FILE))
    expect(indexes(legacy)).toEqual([...LIST_INDEXES].sort())
    const runner = { query: async (text: string) => legacy.exec(text) } as unknown as QueryRunner
    await new ListIndexes1764970000000().down(runner)
    legacy.prepare('DELETE FROM migrations WHERE name = ?').run('ListIndexes1764970000000')
    expect(indexes(legacy)).toEqual([])
    legacy.close()

    app = await makeApp(dataDir)
    const reopened = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true })
    expect(indexes(reopened)).toEqual([...LIST_INDEXES].sort())
    reopened.close()
  })
})
