import Database from 'better-sqlite3'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate } from '@main/db/data-source'
import { MIGRATIONS } from '@main/db/migrations'
import {
  BUCKET_CUT,
  KEY_PER_BUCKET,
  TITLE_KEY,
  TitleOrderSearch1766100000000
} from '@main/db/migrations/1766100000000-TitleOrderSearch'
import { tempDir } from '../support/app'

const BEFORE = MIGRATIONS.slice(0, MIGRATIONS.indexOf(TitleOrderSearch1766100000000))
const ITEMS = 1000

const ITEM = `INSERT INTO items (fonds_code, category_code, year, year_reason, retention_code, department_code, title,
    responsible_party, document_number, date_formed, page_count, classification, open_status, remarks, document_kind,
    received_on, status, policy_version, created_at, updated_at, created_by, customer_id)
  VALUES ('J001', 'WS', 2010, '', 'D10', 'BGS', ?, '办公室', ?, '2010-05-06', 1, 'none', 'restricted', '', 'ordinary',
    '2011-01-10', 'received', 0, '2011-01-10', '2011-01-10', 1, ?)`

/** A database as the version before left it: a thousand items, titles repeating, some of a customer's. */
async function olderDatabase(): Promise<string> {
  const file = path.join(tempDir(), 'archive-room.sqlite')
  await migrate(file, BEFORE)
  const db = new Database(file)
  db.exec(`INSERT INTO users (id, username, display_name, role, department, password_hash, created_at, updated_at)
    VALUES (1, 'liwen', '李文', 'archivist', '', 'x', '2010-01-01', '2010-01-01')`)
  db.exec(`INSERT INTO customers (id, name, legal_representative, grade, date_opened, created_at, updated_at, created_by)
    VALUES (1, '顺达物流', '王强', 'general', '2010-01-01', '2010', '2010', 1)`)
  const item = db.prepare(ITEM)
  for (let n = 0; n < ITEMS; n += 1) item.run(`第${(n * 37) % 300}号合同`, `文${n}`, n % 4 === 0 ? 1 : null)
  db.close()
  return file
}

const inTitleOrder = (db: Database.Database, match: string, table: string) =>
  db
    .prepare(`SELECT rowid % ${KEY_PER_BUCKET} AS id FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid`)
    .all(match)
    .map((row) => (row as { id: number }).id)

describe('migration TitleOrderSearch1766100000000 (issue 19)', () => {
  it('cuts the items kept before it into buckets in title order, keeps them after it, and goes away without a trace', async () => {
    const file = await olderDatabase()
    await migrate(file)
    const db = new Database(file)
    try {
      const starts = db.prepare('SELECT title, id, bucket FROM title_buckets ORDER BY title, id').all() as {
        bucket: number
      }[]
      expect(starts.length).toBe(Math.ceil(ITEMS / BUCKET_CUT) - 1)
      expect(starts.map((start) => start.bucket)).toEqual(
        [...starts.map((start) => start.bucket)].sort((a, b) => a - b)
      )
      expect(starts[0].bucket).toBeGreaterThan(0)
      const sizes = db
        .prepare(`SELECT COUNT(*) AS n FROM items i GROUP BY ${TITLE_KEY('i')} / ${KEY_PER_BUCKET}`)
        .all()
        .map((row) => (row as { n: number }).n)
      expect(sizes.every((n) => n === BUCKET_CUT || n === ITEMS % BUCKET_CUT)).toBe(true)
      // Bucket by bucket, the matches come in title order; inside one, by id.
      const byTitle = (where: string) =>
        db
          .prepare(`SELECT i.id FROM items i WHERE ${where} ORDER BY ${TITLE_KEY('i')}`)
          .all()
          .map((row) => (row as { id: number }).id)
      expect(inTitleOrder(db, '"号合同"', 'items_title_fts')).toEqual(byTitle('1'))
      const pair = `"${Buffer.from('物流').toString('hex').toUpperCase()}"`
      expect(inTitleOrder(db, pair, 'items_title_bigrams')).toEqual(byTitle('customer_id = 1'))
      // What comes after: the triggers key a new item, an edited title and a renamed customer's items.
      db.prepare(ITEM).run('第1号合同补充协议', '补', null)
      db.exec(`UPDATE items SET title = '第2号合同（修订）' WHERE id = 2`)
      db.exec(`UPDATE customers SET name = '顺达仓储' WHERE id = 1`)
      expect(inTitleOrder(db, '"号合同"', 'items_title_fts')).toEqual(byTitle('1'))
      expect(inTitleOrder(db, pair, 'items_title_bigrams')).toEqual([])
      const renamed = `"${Buffer.from('仓储').toString('hex').toUpperCase()}"`
      expect(inTitleOrder(db, renamed, 'items_title_bigrams')).toEqual(byTitle('customer_id = 1'))
      db.exec('DELETE FROM items WHERE id = 3')
      expect(inTitleOrder(db, '"号合同"', 'items_title_fts')).toEqual(byTitle('1'))
      const runner = { query: async (text: string) => db.exec(text) }
      await new TitleOrderSearch1766100000000().down(runner as never)
      expect(
        db.prepare(`SELECT name FROM sqlite_master WHERE name LIKE 'items_title_%' OR name = 'title_buckets'`).all()
      ).toEqual([])
      // No trigger is left to write into the tables that are gone.
      db.prepare(ITEM).run('第3号合同', '再', null)
    } finally {
      db.close()
    }
  })
})
