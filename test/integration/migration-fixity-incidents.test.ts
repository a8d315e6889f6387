import Database from 'better-sqlite3'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate } from '@main/db/data-source'
import { MIGRATIONS } from '@main/db/migrations'
import { FixityIncidents1765500000001 } from '@main/db/migrations/1765500000001-FixityIncidents'
import { tempDir } from '../support/app'

const BEFORE = MIGRATIONS.slice(0, MIGRATIONS.indexOf(FixityIncidents1765500000001))

const INCIDENTS = `SELECT id, subject, subject_id, kind, source, source_id, note, opened_on, opened_at, opened_by, resolution,
  resolution_note, resolved_on, resolved_at, resolved_by FROM incidents ORDER BY id`

/** A database as the version before this migration left it: incidents of every source, one referred to by a fixity result. */
async function olderDatabase(): Promise<string> {
  const file = path.join(tempDir(), 'archive-room.sqlite')
  await migrate(file, BEFORE)
  const db = new Database(file)
  db.exec(`
    INSERT INTO users (id, username, display_name, role, department, password_hash, created_at, updated_at)
      VALUES (1, 'liwen', '李文', 'archivist', '', 'x', '2024-01-01', '2024-01-01');
    INSERT INTO items (id, fonds_code, category_code, year, year_reason, retention_code, department_code, archival_code,
        title, responsible_party, document_number, date_formed, page_count, classification, open_status, remarks, document_kind,
        received_on, status, policy_version, created_at, updated_at, created_by)
      VALUES (1, 'J001', 'WS', 2024, '', 'D10', 'BGS', 'J001-WS·2024-D10-BGS-0001', '合同', '办公室', '', '2024-05-06', 3,
        'none', 'restricted', '', 'ordinary', '2024-05-07', 'catalogued', 1, '2024-05-07', '2024-05-07', 1);
    INSERT INTO incidents (id, subject, subject_id, kind, source, source_id, note, opened_on, opened_at, opened_by)
      VALUES (4, 'item', 1, 'missing', 'loan', 12, '归还时缺页', '2025-01-02', '2025-01-02T01:00:00Z', 1),
             (7, 'item', 1, 'damaged', 'inspection', 3, '水渍', '2025-02-03', '2025-02-03T01:00:00Z', 1),
             (9, 'item', 1, 'damaged', 'manual', NULL, '电子文件 合同.pdf 校验值不符', '2025-03-04', '2025-03-04T01:00:00Z', 1);
    UPDATE incidents SET resolution = 'repaired', resolution_note = '已修复', resolved_on = '2025-02-10',
      resolved_at = '2025-02-10T01:00:00Z', resolved_by = 1 WHERE id = 7;
    INSERT INTO electronic_files (id, item_id, role, sha256, size, type, original_name, attached_at, attached_by)
      VALUES (1, 1, 'scan', '${'a'.repeat(64)}', 10, 'pdf', '合同.pdf', '2025-01-01T00:00:00Z', 1);
    INSERT INTO fixity_runs (id, scope, started_at, started_by, finished_at)
      VALUES (2, 'all', '2025-03-04T00:00:00Z', 1, '2025-03-04T01:00:00Z');
    INSERT INTO fixity_results (run_id, file_id, outcome, checked_at, incident_id)
      VALUES (2, 1, 'mismatch', '2025-03-04T01:00:00Z', 9);
  `)
  db.close()
  return file
}

describe('migration FixityIncidents1765500000001 (issue 18, R-ELEC-3)', () => {
  it('keeps every incident with its id and every reference to one, and takes the new source', async () => {
    const file = await olderDatabase()
    const read = () => {
      const db = new Database(file, { readonly: true })
      try {
        return db.prepare(INCIDENTS).all()
      } finally {
        db.close()
      }
    }
    const before = read()
    await migrate(file)
    expect(read()).toEqual(before)

    const db = new Database(file)
    try {
      expect(db.pragma('foreign_key_check')).toEqual([])
      expect(db.prepare('SELECT incident_id AS id FROM fixity_results').get()).toEqual({ id: 9 })
      const indexes = db
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'incidents' AND sql IS NOT NULL ORDER BY name`
        )
        .all()
      expect(indexes).toEqual([{ name: 'incidents_open' }, { name: 'incidents_subject' }])
      const open = db.prepare(
        `INSERT INTO incidents (subject, subject_id, kind, source, source_id, note, opened_on, opened_at, opened_by)
         VALUES ('item', 1, 'missing', ?, 2, '', '2025-04-01', '2025-04-01T01:00:00Z', 1)`
      )
      expect(open.run('fixity').lastInsertRowid).toBe(10)
      expect(() => open.run('rumour')).toThrow(/CHECK constraint failed/)
    } finally {
      db.close()
    }
  })
})
