import Database from 'better-sqlite3'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DATABASE_FILE } from '@main/db/data-source'
import { SearchAndStatistics1764800000000 } from '@main/db/migrations/1764800000000-SearchAndStatistics'
import { SORT_ALL_UP_TO } from '@main/db/paging'
import { COUNT_LIMIT } from '@main/db/paging'
import type { QueryRunner } from 'typeorm'
import { makeApp, sampleCustomer, seedInTransaction, type TestApp } from '../support/app'
import { itemInput } from '../support/records'

let app: TestApp | null = null
afterEach(async () => {
  await app?.close()
  app = null
})

const titles = async (key: string, search: string) =>
  (await app!.call('items.list', { search }, key)).rows.map((row) => row.title).sort()

describe('issue 19: search by any fragment of two characters or more, ranked and highlighted', () => {
  it('finds two-character fragments through the pair index, and follows edits and a customer renamed (R-CUST-4)', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    const customer = await app.call('customers.create', sampleCustomer(), key)
    const contract = await app.call(
      'items.create',
      itemInput({ title: '绿化养护合同', documentNumber: 'HT-2025-007' }),
      key
    )
    await app.call(
      'items.create',
      itemInput({ title: '仓储服务协议', customerId: customer.id, customerDocType: 'agreement' }),
      key
    )
    expect(await titles(key, '合同')).toEqual(['绿化养护合同'])
    expect(await titles(key, '绿化')).toEqual(['绿化养护合同'])
    expect(await titles(key, 'ht')).toEqual(['绿化养护合同'])
    expect(await titles(key, '-2')).toEqual(['绿化养护合同'])
    // A pair across two fields (the title's end, the number's start) is no fragment of either.
    expect(await titles(key, '同H')).toEqual([])

    await app.call(
      'items.update',
      { ...itemInput({ title: '保洁服务合同' }), id: contract.id, version: contract.version },
      key
    )
    expect(await titles(key, '绿化')).toEqual([])
    expect(await titles(key, '保洁')).toEqual(['保洁服务合同'])

    expect(await titles(key, '顺达')).toEqual(['仓储服务协议'])
    const renamed = { ...sampleCustomer({ name: '宁波恒通贸易有限公司' }), id: customer.id, version: customer.version }
    await app.call('customers.update', renamed, key)
    expect(await titles(key, '顺达')).toEqual([])
    expect(await titles(key, '恒通')).toEqual(['仓储服务协议'])
  })

  it('puts the item whose archival code or document number is the text first, and marks where the text occurs', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    for (const [title, documentNumber] of [
      ['关于HT-2025-007号合同的补充协议', ''],
      ['仓储合同', 'HT-2025-007'],
      ['仓储合同附件', 'HT-2025-0071']
    ])
      await app.call('items.create', itemInput({ title, documentNumber }), key)
    const page = await app.call('items.list', { search: 'ht-2025-007', sortBy: 'title', sortOrder: 'ascend' }, key)
    expect(page.rows.map((row) => row.title)).toEqual(['仓储合同', '仓储合同附件', '关于HT-2025-007号合同的补充协议'])
    expect(page.total).toBe(3)
    expect(page.totalCapped).toBeUndefined()
    expect(page.rows[0].highlights).toEqual({ documentNumber: [[0, 11]] })
    expect(page.rows[2].highlights).toEqual({ title: [[2, 13]] })
    // The exact match comes first on the first page only; the second page goes on where the first stopped.
    const second = await app.call(
      'items.list',
      { search: 'HT-2025-007', pageSize: 1, page: 2, sortBy: 'title', sortOrder: 'ascend' },
      key
    )
    expect(second.rows.map((row) => row.title)).toEqual(['仓储合同附件'])
  })

  it('matches two characters across a word, in Latin text without case, and in the digits of an archival code; the exact code first', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    const [{ userId }] = await app.database.query(`SELECT id AS userId FROM users WHERE role = 'archivist'`)
    await seedInTransaction(app, async (db) => {
      const insert = db.connection.prepare(
        `INSERT INTO items (fonds_code, category_code, year, retention_code, department_code, title, responsible_party, archival_code,
           date_formed, received_on, status, policy_version, created_at, updated_at, created_by)
         VALUES ('J001', 'WS', 2024, 'Y', 'ZS', ?, '办公室', ?, '2024-05-01', '2024-05-02', 'catalogued', 0, ?, ?, ?)`
      )
      const items: [string, string | null][] = [
        ['绿化养护合同', 'J001-WS·2024-Y-ZS-0042'],
        ['合作协议', 'J001-WS·2024-Y-ZS-0043'],
        ['Annual Report', null],
        ['ZZ 档案交接', 'KJ-2024-0001'],
        ['AA 附件：KJ-2024-0001 的补充', null]
      ]
      items.forEach(([title, code], n) => {
        const stamp = new Date(Date.UTC(2024, 4, 2) + n * 1000).toISOString()
        insert.run(title, code, stamp, stamp, userId)
      })
      await db.query(
        `INSERT INTO items_fts (rowid, body) SELECT id, title || char(10) || document_number || char(10) || responsible_party
           || char(10) || COALESCE(archival_code, '') FROM items`
      )
    })
    // 护合 is the end of 养护 and the start of 合同: a fragment is any two neighbours, words or not.
    expect(await titles(key, '护合')).toEqual(['绿化养护合同'])
    expect(await titles(key, '合作')).toEqual(['合作协议'])
    expect(await titles(key, 'RE')).toEqual(['Annual Report'])
    expect(await titles(key, 'al')).toEqual(['Annual Report'])
    expect(await titles(key, '42')).toEqual(['绿化养护合同'])
    expect(await titles(key, '43')).toEqual(['合作协议'])
    expect(await titles(key, '同合')).toEqual([])
    const ranked = await app.call('items.list', { search: 'KJ-2024-0001', sortBy: 'title', sortOrder: 'ascend' }, key)
    expect(ranked.rows.map((row) => row.title)).toEqual(['ZZ 档案交接', 'AA 附件：KJ-2024-0001 的补充'])
    expect(ranked.rows[0].highlights).toEqual({ archivalCode: [[0, 12]] })
    expect(ranked.rows[1].highlights).toEqual({ title: [[6, 18]] })
  })

  it(`counts up to ${COUNT_LIMIT} and then says there are more, with the same first page`, async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    const [{ userId }] = await app.database.query(`SELECT id AS userId FROM users WHERE role = 'archivist'`)
    await seedInTransaction(app, async (db) => {
      const insert = db.connection.prepare(
        `INSERT INTO items (fonds_code, category_code, year, retention_code, department_code, title, responsible_party, date_formed,
           received_on, policy_version, created_at, updated_at, created_by)
         VALUES ('J001', 'WS', 2024, 'Y', 'ZS', ?, '办公室', '2024-05-01', '2024-05-02', 0, ?, ?, ?)`
      )
      for (let n = 0; n < COUNT_LIMIT + 5; n += 1) {
        const stamp = new Date(Date.UTC(2024, 4, 2) + n * 1000).toISOString()
        insert.run(`第${n}次会议纪要`, stamp, stamp, userId)
      }
      await db.query(`INSERT INTO items_fts (rowid, body) SELECT id, title FROM items`)
    })
    for (const search of [undefined, '会议纪要', '纪要']) {
      const page = await app.call('items.list', { search, pageSize: 3 }, key)
      // The whole list is counted exactly, from the counts the workbench's holdings keep.
      expect([page.total, page.totalCapped]).toEqual(search ? [COUNT_LIMIT, true] : [COUNT_LIMIT + 5, undefined])
      expect(page.rows.map((row) => row.title)).toEqual([
        `第${COUNT_LIMIT + 4}次会议纪要`,
        `第${COUNT_LIMIT + 3}次会议纪要`,
        `第${COUNT_LIMIT + 2}次会议纪要`
      ])
    }
    // Sorted by another column, many matches still come in that column's order.
    const byTitle = await app.call(
      'items.list',
      { search: '纪要', sortBy: 'title', sortOrder: 'ascend', pageSize: 3 },
      key
    )
    expect(byTitle.rows.map((row) => row.title)).toEqual(['第0次会议纪要', '第10000次会议纪要', '第10001次会议纪要'])
  })

  it(`sorts all matches by another column while their count is exact, past ${SORT_ALL_UP_TO} as below it`, async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    const [{ userId }] = await app.database.query(`SELECT id AS userId FROM users WHERE role = 'archivist'`)
    const matching: { id: number; title: string }[] = []
    await seedInTransaction(app, async (db) => {
      const insert = db.connection.prepare(
        `INSERT INTO items (fonds_code, category_code, year, retention_code, department_code, title, responsible_party, date_formed,
           received_on, policy_version, created_at, updated_at, created_by)
         VALUES ('J001', 'WS', 2024, 'Y', 'ZS', ?, ?, '2024-05-01', '2024-05-02', 0, ?, ?, ?)`
      )
      // Some matches have the text only in their responsible party, and some titles repeat: ties go by id.
      for (let n = 0; n < SORT_ALL_UP_TO * 2; n += 1) {
        const stamp = new Date(Date.UTC(2024, 4, 2) + n * 1000).toISOString()
        const title = n % 2 === 0 ? `第${(n * 7919) % 997}号请示` : `第${n}号通知`
        const party = n % 3 === 0 ? '请示管理办公室' : '办公室'
        const { lastInsertRowid } = insert.run(title, party, stamp, stamp, userId)
        if (title.includes('请示') || party.includes('请示')) matching.push({ id: Number(lastInsertRowid), title })
      }
    })
    const expected = matching
      .sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : a.id - b.id))
      .map((item) => item.id)
    const page = await app.call(
      'items.list',
      { search: '请示', sortBy: 'title', sortOrder: 'ascend', page: 4, pageSize: 7 },
      key
    )
    expect(page.total).toBe(matching.length)
    expect(page.total).toBeGreaterThan(SORT_ALL_UP_TO)
    expect(page.totalCapped).toBeUndefined()
    expect(page.rows.map((row) => row.id)).toEqual(expected.slice(21, 28))
  })

  it('migration 1764800000000 indexes the pairs of the items already in a database', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    await app.call('items.create', itemInput({ title: '绿化养护合同' }), key)
    const dataDir = app.dataDir
    await app.close()
    // The database as it was before the migration: its objects gone, its row in the migrations table gone.
    const legacy = new Database(path.join(dataDir, DATABASE_FILE))
    const runner = { query: async (text: string) => legacy.exec(text) } as unknown as QueryRunner
    await new SearchAndStatistics1764800000000().down(runner)
    legacy.prepare('DELETE FROM migrations WHERE name = ?').run('SearchAndStatistics1764800000000')
    expect(legacy.prepare(`SELECT name FROM sqlite_master WHERE name = 'items_bigrams'`).get()).toBeUndefined()
    legacy.close()

    app = await makeApp(dataDir)
    const again = await app.signInAs('staff_viewer', 'reader')
    expect(await titles(again, '绿化')).toEqual(['绿化养护合同'])
  })
})
