import Database from 'better-sqlite3'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate } from '@main/db/data-source'
import { MIGRATIONS } from '@main/db/migrations'
import { Signatures1764930000000 } from '@main/db/migrations/1764930000000-Signatures'
import { tempDir } from '../support/app'

const BEFORE = MIGRATIONS.slice(0, MIGRATIONS.indexOf(Signatures1764930000000))

/** A database as the version before issue 13 left it: two accounts, a saved setting, three requests, a signature. */
async function olderDatabase(): Promise<string> {
  const file = path.join(tempDir(), 'archive-room.sqlite')
  await migrate(file, BEFORE)
  const db = new Database(file)
  db.exec(`
    INSERT INTO users (id, username, display_name, role, department, password_hash, created_at, updated_at)
      VALUES (1, 'liwen', '李文', 'archivist', '', 'x', '2025-01-01', '2025-01-01'),
             (2, 'wangbz', '王部长', 'department_head', 'ZS', 'x', '2025-01-01', '2025-01-01');
    INSERT INTO policy_versions (namespace, version, data, created_at, created_by)
      VALUES ('use', 1, '{}', '2026-01-05T00:00:00Z', 'zhaozr'), ('use', 2, '{}', '2026-02-05T00:00:00Z', 'zhaozr');
    INSERT INTO use_requests (id, kind, status, applicant_kind, applicant_name, purpose, reason, start_on, due_on, chain,
        policy_version, created_at, created_by, updated_at)
      VALUES (1, 'loan', 'pending', 'internal', '张三', '核对', '续签', '2025-12-30', '2026-01-02', '[]', 0, '2025-12-30T02:00:00Z', 1, '2025-12-30'),
             (2, 'consultation', 'cancelled', 'internal', '张三', '核对', '续签', '2026-01-06', NULL, '[]', 1, '2026-01-06T02:00:00Z', 1, '2026-01-06'),
             (3, 'loan', 'pending', 'internal', '李四', '核对', '续签', '2026-02-06', '2026-02-08', '[]', 2, '2026-02-06T02:00:00Z', 1, '2026-02-06'),
             (4, 'loan', 'refused', 'internal', '王五', '核对', '续签', '2026-02-07', '2026-02-08', '[]', 2, '2026-02-07T02:00:00Z', 1, '2026-02-07');
    INSERT INTO use_approvals (request_id, step, signer_name, signer_user_id, signed_on, decision, reason, entered_by, entered_at)
      VALUES (4, 'department_head', '王部长', 2, '2026-02-07', 'refused', '不必借出', 1, '2026-02-07T03:00:00Z');
    INSERT INTO policy_versions (namespace, version, data, created_at, created_by)
      VALUES ('disposal', 1, '{}', '2026-01-05T00:00:00Z', 'zhaozr');
    INSERT INTO appraisal_batches (id, title, state, disposal_policy_version, created_at, created_by)
      VALUES (1, '2025年到期档案鉴定', 'destroyed', 1, '2026-01-10', 1);
    INSERT INTO destruction_registers (id, batch_id, place, destroyed_on, method, supervisors, count_confirmed,
        disposal_policy_version, created_at, created_by, signed_on, signed_at, signed_by)
      VALUES (1, 1, '碎纸间', '2026-02-01', '粉碎', '王五、赵六', 1, 1, '2026-02-01', 1, '2026-02-01', '2026-02-01T08:00:00Z', 1);
  `)
  db.close()
  return file
}

describe('migration Signatures1764930000000 (issue 13)', () => {
  it('numbers 20 000 requests of one year in order, each kind counting on its own', async () => {
    const file = path.join(tempDir(), 'archive-room.sqlite')
    await migrate(file, BEFORE)
    const db = new Database(file)
    db.exec(`INSERT INTO users (id, username, display_name, role, department, password_hash, created_at, updated_at)
      VALUES (1, 'liwen', '李文', 'archivist', '', 'x', '2025-01-01', '2025-01-01')`)
    const insert = db.prepare(`INSERT INTO use_requests (kind, status, applicant_kind, applicant_name, purpose, reason,
        start_on, due_on, chain, policy_version, created_at, created_by, updated_at)
      VALUES (?, 'cancelled', 'internal', '张三', '核对', '续签', '2025-03-01', '2025-03-02', '[]', 0, '2025-03-01T02:00:00Z', 1, '2025-03-01')`)
    db.transaction(() => {
      for (let index = 0; index < 20_000; index += 1) insert.run(index % 4 === 0 ? 'consultation' : 'loan')
    })()
    db.close()
    await migrate(file)
    const migrated = new Database(file)
    try {
      const numbers = migrated.prepare('SELECT kind, number FROM use_requests ORDER BY id').all() as {
        kind: string
        number: string
      }[]
      const expected = { loan: 0, consultation: 0 }
      for (const { kind, number } of numbers) {
        const next = (expected[kind as keyof typeof expected] += 1)
        expect(number).toBe(`${kind === 'loan' ? 'JY' : 'CY'}-2025-${String(next).padStart(4, '0')}`)
      }
      expect(expected).toEqual({ loan: 15_000, consultation: 5_000 })
    } finally {
      migrated.close()
    }
  })

  it('numbers existing requests per prefix and year, counts versions from 1, keeps signatures and accounts', async () => {
    const file = await olderDatabase()
    await migrate(file)
    const db = new Database(file)
    try {
      expect(db.prepare('SELECT id, number FROM use_requests ORDER BY id').all()).toEqual([
        { id: 1, number: 'JY-2025-0001' },
        { id: 2, number: 'CY-2026-0001' },
        { id: 3, number: 'JY-2026-0001' },
        { id: 4, number: 'JY-2026-0002' }
      ])
      // The counters go on from the numbers given, so the next loan of 2026 is JY-2026-0003.
      expect(db.prepare('SELECT prefix, year, last FROM use_request_counters ORDER BY prefix, year').all()).toEqual([
        { prefix: 'CY', year: 2026, last: 1 },
        { prefix: 'JY', year: 2025, last: 1 },
        { prefix: 'JY', year: 2026, last: 2 }
      ])
      // The built-in defaults (stored as 0) are version 1 now, and every saved version moved up with its requests.
      expect(db.prepare(`SELECT namespace, version FROM policy_versions ORDER BY namespace, version`).all()).toEqual([
        { namespace: 'disposal', version: 2 },
        { namespace: 'use', version: 2 },
        { namespace: 'use', version: 3 }
      ])
      // R-DISP-7: a signed destruction register moves with its version, and stays as permanent as it was.
      expect(db.prepare('SELECT disposal_policy_version AS v FROM destruction_registers').all()).toEqual([{ v: 2 }])
      expect(() => db.prepare(`UPDATE destruction_registers SET place = '别处'`).run()).toThrow(/permanent/)
      expect(db.prepare('SELECT policy_version AS v FROM use_requests ORDER BY id').all()).toEqual([
        { v: 1 },
        { v: 2 },
        { v: 3 },
        { v: 3 }
      ])
      expect(db.prepare('SELECT request_id, step, decision, withdrawn_at FROM use_approvals').all()).toEqual([
        { request_id: 4, step: 'department_head', decision: 'refused', withdrawn_at: null }
      ])
      // R-ROLE-5: the deputy GM and GM can hold accounts; the accounts and every reference to them are whole.
      db.prepare(
        `INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at)
         VALUES ('sunz', '孙总', 'gm', 'x', '2026-03-01', '2026-03-01')`
      ).run()
      expect(db.prepare('SELECT id, username FROM users ORDER BY id').all()).toEqual([
        { id: 1, username: 'liwen' },
        { id: 2, username: 'wangbz' },
        { id: 3, username: 'sunz' }
      ])
      expect(db.pragma('foreign_key_check')).toEqual([])
      expect(() =>
        db
          .prepare(
            `INSERT INTO use_requests (number, kind, status, applicant_kind, applicant_name, purpose, reason, start_on, due_on, chain,
               policy_version, created_at, created_by, updated_at)
             VALUES ('JY-2026-0001', 'loan', 'pending', 'internal', '赵六', '核对', '续签', '2026-03-01', '2026-03-02', '[]', 1, '2026-03-01', 1, '2026-03-01')`
          )
          .run()
      ).toThrow(/UNIQUE/)
    } finally {
      db.close()
    }
  })
})
