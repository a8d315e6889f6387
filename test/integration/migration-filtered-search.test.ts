import Database from 'better-sqlite3'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { SqliteDb } from '@main/db/connection'
import { migrate } from '@main/db/data-source'
import { MIGRATIONS } from '@main/db/migrations'
import { FilteredSearch1766200000000 } from '@main/db/migrations/1766200000000-FilteredSearch'
import { KEY_PER_BUCKET } from '@main/db/migrations/1766100000000-TitleOrderSearch'
import { tempDir } from '../support/app'
import { expectKeysInTitleOrder } from '../support/title-order'

const BEFORE = MIGRATIONS.slice(0, MIGRATIONS.indexOf(FilteredSearch1766200000000))
const ITEMS = 600

const ITEM = `INSERT INTO items (fonds_code, category_code, year, year_reason, retention_code, department_code, title,
    responsible_party, document_number, date_formed, page_count, classification, open_status, remarks, document_kind,
    received_on, status, policy_version, created_at, updated_at, created_by, customer_id, custody)
  VALUES ('J001', ?, ?, '', 'D10', 'BGS', ?, '办公室', '', '2010-05-06', 1, 'none', 'restricted', '', 'ordinary',
    '2011-01-10', 'received', 0, '2011-01-10', '2011-01-10', 1, ?, ?)`

/** A database as the version before left it: items of three years and two categories, some destroyed. */
async function olderDatabase(): Promise<string> {
  const file = path.join(tempDir(), 'archive-room.sqlite')
  await migrate(file, BEFORE)
  const db = new Database(file)
  db.exec(`INSERT INTO users (id, username, display_name, role, department, password_hash, created_at, updated_at)
    VALUES (1, 'liwen', '李文', 'archivist', '', 'x', '2010-01-01', '2010-01-01')`)
  db.exec(`INSERT INTO customers (id, name, legal_representative, grade, date_opened, created_at, updated_at, created_by)
    VALUES (1, '顺达物流', '王强', 'general', '2010-01-01', '2010', '2010', 1)`)
  const item = db.prepare(ITEM)
  for (let n = 0; n < ITEMS; n += 1)
    item.run(
      n % 2 ? 'WS' : 'KH',
      2008 + (n % 3),
      `第${(n * 37) % 300}号合同`,
      n % 4 === 0 ? 1 : null,
      n % 9 === 0 ? 'destroyed' : 'in_store'
    )
  db.close()
  return file
}

const pair = (text: string) => `"${Buffer.from(text).toString('hex').toUpperCase()}"`
const facet = (db: Database.Database, kind: string, value: string) =>
  (db.prepare('SELECT id FROM search_facets WHERE kind = ? AND value = ?').get(kind, value) as { id: number }).id

describe('migration FilteredSearch1766200000000 (issue 19)', () => {
  it('indexes the items kept before it with their filter values, keeps them after it, and goes back without a trace', async () => {
    const file = await olderDatabase()
    await migrate(file)
    const db = new Database(file)
    try {
      await expectKeysInTitleOrder(new SqliteDb(db))
      const matching = (table: string, match: string) =>
        db
          .prepare(`SELECT rowid % ${KEY_PER_BUCKET} AS id FROM ${table} WHERE ${table} MATCH ? ORDER BY 1`)
          .all(match)
          .map((row) => (row as { id: number }).id)
      const ofRows = (where: string) =>
        db
          .prepare(`SELECT id FROM items WHERE ${where} ORDER BY id`)
          .all()
          .map((row) => (row as { id: number }).id)
      const year2009 = `"zf${facet(db, 'year', '2009')}"`
      const destroyed = `"zf${facet(db, 'custody', 'destroyed')}"`
      expect(matching('items_title_bigrams', `(${pair('合同')} AND ${year2009}) NOT ${destroyed}`)).toEqual(
        ofRows(`year = 2009 AND custody <> 'destroyed'`)
      )
      // After it, the triggers index a new item, a changed year and a customer's rename with their filter values.
      db.prepare(ITEM).run('KH', 2031, '第1号合同补充协议', 1, 'in_store')
      db.exec(`UPDATE items SET year = 2009 WHERE id = 1`)
      db.exec(`UPDATE items SET custody = 'destroyed' WHERE id = 4`)
      db.exec(`UPDATE customers SET name = '顺达仓储' WHERE id = 1`)
      await expectKeysInTitleOrder(new SqliteDb(db))
      expect(matching('items_title_bigrams', `${pair('仓储')} AND "zf${facet(db, 'year', '2031')}"`)).toEqual(
        ofRows(`year = 2031`)
      )
      const runner = { query: async (text: string) => db.exec(text) }
      await new FilteredSearch1766200000000().down(runner as never)
      expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'search_facets'`).all()).toEqual([])
      // The indexes are back as the migration before made them, kept by its triggers.
      db.prepare(ITEM).run('WS', 2010, '第3号合同', null, 'in_store')
      expect(matching('items_title_fts', '"号合同"')).toEqual(ofRows('1'))
      expect(() => matching('items_title_fts', 'facets : "x"')).toThrow(/no such column/)
    } finally {
      db.close()
    }
  })
})
