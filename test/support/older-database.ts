import Database from 'better-sqlite3'
import path from 'node:path'
import { migrate } from '@main/db/data-source'
import type { MIGRATIONS } from '@main/db/migrations'
import { tempDir } from './app'

const ITEM = `INSERT INTO items (id, fonds_code, category_code, year, year_reason, retention_code, department_code, archival_code,
    title, responsible_party, document_number, date_formed, page_count, classification, open_status, remarks, document_kind,
    received_on, status, policy_version, retention_years, expires_on, volume_id, created_at, updated_at, created_by)
  VALUES (?, 'J001', 'WS', 2010, '', 'D10', 'BGS', ?, ?, '办公室', '', '2010-05-06', 3, 'none', 'restricted', '', 'ordinary',
    '2011-01-10', ?, 0, ?, ?, ?, '2011-01-10', '2011-01-10', 1)`

/** A database as the migrations `before` left it: loose, boxed and received items, signatures of both kinds. */
export async function olderDatabase(before: typeof MIGRATIONS): Promise<string> {
  const file = path.join(tempDir(), 'archive-room.sqlite')
  await migrate(file, before)
  const db = new Database(file)
  db.exec(`
    INSERT INTO users (id, username, display_name, role, department, password_hash, created_at, updated_at)
      VALUES (1, 'liwen', '李文', 'archivist', '', 'x', '2010-01-01', '2010-01-01'),
             (2, 'wangbz', '王部长', 'department_head', 'ZS', 'x', '2010-01-01', '2010-01-01');
    INSERT INTO volumes (id, fonds_code, catalogue_code, category_code, year, retention_code, department_code, series_key,
        volume_number, archival_code, title, status, policy_version, created_at, updated_at, created_by)
      VALUES (1, 'J001', '1', 'WS', 2010, 'D10', 'BGS', 'J001-1-', 1, 'J001-1-1', '2010年文书', 'closed', 0,
        '2011-01-10', '2011-01-10', 1);
    INSERT INTO use_requests (id, number, kind, status, applicant_kind, applicant_name, purpose, reason, start_on, due_on, chain,
        policy_version, created_at, created_by, updated_at)
      VALUES (1, 'JY-2025-0001', 'loan', 'refused', 'internal', '张三', '核对', '续签', '2025-02-06', '2025-02-08', '[]', 1, '2025-02-06T02:00:00Z', 1, '2025-02-06'),
             (2, 'JY-2025-0002', 'loan', 'approved', 'internal', '李四', '核对', '续签', '2025-03-06', '2025-03-08', '[]', 1, '2025-03-06T02:00:00Z', 1, '2025-03-06');
    INSERT INTO use_approvals (request_id, step, signer_name, signer_user_id, signed_on, decision, reason, entered_by, entered_at, withdrawn_at, withdrawn_by, withdrawn_reason)
      VALUES (1, 'department_head', '王部长', 2, '2025-02-07', 'refused', '不必借出', 1, '2025-02-07T03:00:00Z', NULL, NULL, ''),
             (2, 'department_head', '王部长', 2, '2025-03-06', 'refused', '写错了', 1, '2025-03-06T03:00:00Z', '2025-03-06T04:00:00Z', 1, '签错了'),
             (2, 'department_head', '王部长', 2, '2025-03-06', 'approved', '', 1, '2025-03-06T05:00:00Z', NULL, NULL, '');
  `)
  const item = db.prepare(ITEM)
  item.run(1, 'J001-WS·2010-D10-BGS-0001', '松散的已编号文件', 'catalogued', 10, '2021-01-01', null)
  item.run(2, 'J001-WS·2010-D10-BGS-0002', '卷内文件', 'filed', 10, '2021-01-01', 1)
  item.run(3, null, '尚未编号的文件', 'received', null, null, null)
  item.run(4, 'J001-WS·2010-Y-BGS-0001', '永久保管的文件', 'catalogued', null, null, null)
  db.close()
  return file
}
