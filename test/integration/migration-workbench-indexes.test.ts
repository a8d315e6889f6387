import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '@main/db/data-source'
import { MIGRATIONS } from '@main/db/migrations'
import { WorkbenchIndexes1765000000000 } from '@main/db/migrations/1765000000000-WorkbenchIndexes'
import { olderDatabase } from '../support/older-database'

const BEFORE = MIGRATIONS.slice(0, MIGRATIONS.indexOf(WorkbenchIndexes1765000000000))
// A later migration replaces the first index: this one is looked at as it left the database.
const UP_TO_IT = MIGRATIONS.slice(0, MIGRATIONS.indexOf(WorkbenchIndexes1765000000000) + 1)

describe('migration WorkbenchIndexes1765000000000 (issue 19)', () => {
  it('indexes the loose coded items by expiry and the standing refusals by day, and nothing else', async () => {
    const file = await olderDatabase(BEFORE)
    await migrate(file, UP_TO_IT)
    const db = new Database(file)
    try {
      // R-DISP-4: the loose coded items, expired or not; not the item inside its volume nor the one without a code.
      expect(
        db
          .prepare(
            `SELECT id FROM items INDEXED BY items_loose_expires_on WHERE volume_id IS NULL AND archival_code IS NOT NULL
             ORDER BY expires_on, id`
          )
          .all()
      ).toEqual([{ id: 4 }, { id: 1 }])
      // R-STAT-1: the refusal still standing; the withdrawn one and the approval are not in the index.
      expect(
        db
          .prepare(
            `SELECT request_id AS request FROM use_approvals INDEXED BY use_approvals_refused
             WHERE decision = 'refused' AND withdrawn_at IS NULL AND signed_on BETWEEN '2025-01-01' AND '2025-12-31'`
          )
          .all()
      ).toEqual([{ request: 1 }])
      const runner = { query: async (text: string) => db.exec(text) }
      await new WorkbenchIndexes1765000000000().down(runner as never)
      expect(
        db
          .prepare(`SELECT name FROM sqlite_master WHERE name IN ('items_loose_expires_on', 'use_approvals_refused')`)
          .all()
      ).toEqual([])
    } finally {
      db.close()
    }
  })
})
