import Database from 'better-sqlite3'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate } from '@main/db/data-source'
import { MIGRATIONS } from '@main/db/migrations'
import { HoldingsCounts1765800000000 } from '@main/db/migrations/1765800000000-HoldingsCounts'
import { tempDir } from '../support/app'

const BEFORE = MIGRATIONS.slice(0, MIGRATIONS.indexOf(HoldingsCounts1765800000000))

const ITEM = `INSERT INTO items (fonds_code, category_code, year, year_reason, retention_code, department_code, title,
    responsible_party, document_number, date_formed, page_count, classification, open_status, remarks, document_kind,
    received_on, status, policy_version, created_at, updated_at, created_by, custody)
  VALUES ('J001', ?, ?, '', 'D10', 'BGS', '文件', '办公室', '', '2010-05-06', ?, 'none', 'restricted', '', 'ordinary',
    '2011-01-10', 'received', 0, '2011-01-10', '2011-01-10', 1, ?)`
const VOLUME = `INSERT INTO volumes (fonds_code, catalogue_code, category_code, year, retention_code, department_code,
    series_key, volume_number, archival_code, title, status, policy_version, created_at, updated_at, created_by, custody)
  VALUES ('J001', '1', ?, ?, 'D10', 'BGS', 'J001-1-', ?, ?, '卷', 'closed', 0, '2011-01-10', '2011-01-10', 1, ?)`

/** A database as the version before the counts left it: items and volumes kept, lent and destroyed. */
async function olderDatabase(): Promise<string> {
  const file = path.join(tempDir(), 'archive-room.sqlite')
  await migrate(file, BEFORE)
  const db = new Database(file)
  db.exec(`INSERT INTO users (id, username, display_name, role, department, password_hash, created_at, updated_at)
    VALUES (1, 'liwen', '李文', 'archivist', '', 'x', '2010-01-01', '2010-01-01')`)
  const item = db.prepare(ITEM)
  item.run('WS', 2010, 3, 'in_store')
  item.run('WS', 2010, 5, 'on_loan')
  item.run('WS', 2010, 7, 'destroyed')
  item.run('KJ', 2011, 2, 'awaiting_destruction')
  const volume = db.prepare(VOLUME)
  volume.run('WS', 2010, 1, 'J001-1-1', 'in_store')
  volume.run('KJ', 2012, 2, 'J001-1-2', 'destroyed')
  db.close()
  return file
}

const counts = (db: Database.Database) =>
  db.prepare('SELECT subject, category_code AS category, year, n, pages FROM holdings_counts ORDER BY 1, 2, 3').all()

describe('migration HoldingsCounts1765800000000 (issue 19)', () => {
  it('counts the records kept before it, keeps counting after it, and goes away without a trace', async () => {
    const file = await olderDatabase()
    await migrate(file)
    const db = new Database(file)
    try {
      // What was there: destroyed records are not counted, records lent or awaiting destruction are (R-DISP-8).
      expect(counts(db)).toEqual([
        { subject: 'item', category: 'KJ', year: 2011, n: 1, pages: 2 },
        { subject: 'item', category: 'WS', year: 2010, n: 2, pages: 8 },
        { subject: 'volume', category: 'WS', year: 2010, n: 1, pages: 0 }
      ])
      // What comes after: the triggers count a new item, a destruction and a volume moved to another year.
      db.prepare(ITEM).run('KJ', 2011, 4, 'in_store')
      db.exec(`UPDATE items SET custody = 'destroyed' WHERE category_code = 'WS' AND custody = 'on_loan'`)
      db.exec(`UPDATE volumes SET year = 2013 WHERE category_code = 'WS'`)
      expect(counts(db)).toEqual([
        { subject: 'item', category: 'KJ', year: 2011, n: 2, pages: 6 },
        { subject: 'item', category: 'WS', year: 2010, n: 1, pages: 3 },
        { subject: 'volume', category: 'WS', year: 2010, n: 0, pages: 0 },
        { subject: 'volume', category: 'WS', year: 2013, n: 1, pages: 0 }
      ])
      const runner = { query: async (text: string) => db.exec(text) }
      await new HoldingsCounts1765800000000().down(runner as never)
      expect(
        db.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name LIKE '%holdings%'`).all()
      ).toEqual([])
      // No trigger is left to write into the table that is gone.
      db.prepare(ITEM).run('WS', 2010, 1, 'in_store')
    } finally {
      db.close()
    }
  })
})
