import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '@main/db/data-source'
import { MIGRATIONS } from '@main/db/migrations'
import { LooseExpiryCustody1765900000000 } from '@main/db/migrations/1765900000000-LooseExpiryCustody'
import { olderDatabase } from '../support/older-database'

const BEFORE = MIGRATIONS.slice(0, MIGRATIONS.indexOf(LooseExpiryCustody1765900000000))

describe('migration LooseExpiryCustody1765900000000 (issue 19)', () => {
  it('indexes the loose coded items by expiry and custody, so the count of those due reads no item', async () => {
    const file = await olderDatabase(BEFORE)
    const setUp = new Database(file)
    setUp.exec(`UPDATE items SET custody = 'destroyed' WHERE id = 4`)
    setUp.close()
    await migrate(file)
    const db = new Database(file)
    try {
      const names = () =>
        db
          .prepare(
            `SELECT name FROM sqlite_master WHERE name IN ('items_loose_expiry', 'items_loose_expires_on') ORDER BY name`
          )
          .all()
      expect(names()).toEqual([{ name: 'items_loose_expiry' }])
      // R-DISP-4: the loose coded items, with their custody; not the item inside its volume nor the one without a code.
      expect(
        db
          .prepare(
            `SELECT id, custody FROM items INDEXED BY items_loose_expiry WHERE volume_id IS NULL AND archival_code IS NOT NULL
             ORDER BY expires_on, id`
          )
          .all()
      ).toEqual([
        { id: 4, custody: 'destroyed' },
        { id: 1, custody: 'in_store' }
      ])
      const count = `SELECT COUNT(*) FROM items INDEXED BY items_loose_expiry WHERE volume_id IS NULL
        AND archival_code IS NOT NULL AND expires_on IS NOT NULL AND expires_on <= '2026-12-01' AND custody <> 'destroyed'`
      expect(db.prepare(count).pluck().get()).toBe(1)
      expect(
        db
          .prepare(`EXPLAIN QUERY PLAN ${count}`)
          .all()
          .map((row) => (row as { detail: string }).detail)
      ).toEqual([expect.stringContaining('USING COVERING INDEX items_loose_expiry')])
      const runner = { query: async (text: string) => db.exec(text) }
      await new LooseExpiryCustody1765900000000().down(runner as never)
      expect(names()).toEqual([{ name: 'items_loose_expires_on' }])
      // A database taken down and up again counts through the new index once more.
      await new LooseExpiryCustody1765900000000().up(runner as never)
      expect(names()).toEqual([{ name: 'items_loose_expiry' }])
      expect(db.prepare(count).pluck().get()).toBe(1)
    } finally {
      db.close()
    }
  })
})
