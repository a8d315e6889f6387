import Database from 'better-sqlite3'
import path from 'node:path'
import type { QueryRunner } from 'typeorm'
import { afterEach, describe, expect, it } from 'vitest'
import { DATABASE_FILE, migrate } from '@main/db/data-source'
import { MIGRATIONS } from '@main/db/migrations'
import { Signatures1764930000000 } from '@main/db/migrations/1764930000000-Signatures'
import { auditHash, GENESIS_HASH } from '@main/services/audit-chain'
import { hashPassword } from '@main/services/passwords'
import { ADMIN_PASSWORD, makeApp, tempDir, USER_PASSWORD, type TestApp } from '../support/app'

/**
 * Adversary brief, upgrades: a database filled the way the version before issue 13 left it (accounts of every role
 * it knew, a signed destruction register, refused and cancelled requests, a plain audit chain) goes through the
 * signatures, account-duties and index migrations, keeps every row and still proves its audit trail; and each of
 * those migrations goes down and up again.
 */

const BEFORE = MIGRATIONS.slice(0, MIGRATIONS.indexOf(Signatures1764930000000))
const OLD_ROLES = [
  'sysadmin',
  'security_officer',
  'auditor',
  'archivist',
  'archive_manager',
  'department_head',
  'staff_viewer'
]
const TABLES = [
  'users',
  'use_requests',
  'use_approvals',
  'destruction_registers',
  'appraisal_batches',
  'policy_versions',
  'audit_log'
]

let app: TestApp | undefined
afterEach(async () => app?.close())

async function olderDataFolder(): Promise<string> {
  const dataDir = tempDir()
  const file = path.join(dataDir, DATABASE_FILE)
  await migrate(file, BEFORE)
  const db = new Database(file)
  const admin = await hashPassword(ADMIN_PASSWORD)
  const user = await hashPassword(USER_PASSWORD)
  const insertUser = db.prepare(`INSERT INTO users (id, username, display_name, role, department, password_hash,
    active, created_at, updated_at) VALUES (?, ?, ?, ?, '', ?, ?, '2025-01-01', '2025-01-01')`)
  OLD_ROLES.forEach((role, index) =>
    insertUser.run(
      index + 1,
      role === 'sysadmin' ? 'admin' : `old${index}`,
      role,
      role,
      role === 'sysadmin' ? admin : user,
      1
    )
  )
  // A switched-off account of each officer role as well.
  insertUser.run(20, 'gone-auditor', '离职审计员', 'auditor', user, 0)
  db.exec(`
    INSERT INTO policy_versions (namespace, version, data, created_at, created_by)
      VALUES ('use', 1, '{}', '2026-01-05T00:00:00Z', 'admin'), ('disposal', 1, '{}', '2026-01-05T00:00:00Z', 'admin');
    INSERT INTO use_requests (id, kind, status, applicant_kind, applicant_name, purpose, reason, start_on, due_on, chain,
        policy_version, created_at, created_by, updated_at)
      VALUES (1, 'loan', 'refused', 'internal', '王五', '核对', '续签', '2026-02-07', '2026-02-08', '[]', 1, '2026-02-07T02:00:00Z', 4, '2026-02-07'),
             (2, 'consultation', 'cancelled', 'internal', '张三', '核对', '续签', '2026-01-06', NULL, '[]', 0, '2026-01-06T02:00:00Z', 4, '2026-01-06');
    INSERT INTO use_approvals (request_id, step, signer_name, signer_user_id, signed_on, decision, reason, entered_by, entered_at)
      VALUES (1, 'department_head', '部门负责人', 6, '2026-02-07', 'refused', '不必借出', 4, '2026-02-07T03:00:00Z');
    INSERT INTO appraisal_batches (id, title, state, disposal_policy_version, created_at, created_by)
      VALUES (1, '2025年到期档案鉴定', 'destroyed', 1, '2026-01-10', 4);
    INSERT INTO destruction_registers (id, batch_id, place, destroyed_on, method, supervisors, count_confirmed,
        disposal_policy_version, created_at, created_by, signed_on, signed_at, signed_by)
      VALUES (1, 1, '碎纸间', '2026-02-01', '粉碎', '王五、赵六', 1, 1, '2026-02-01', 4, '2026-02-01', '2026-02-01T08:00:00Z', 4);
  `)
  // The chain as a version before the keyed chain wrote it: plain SHA-256, each entry linked to the one before.
  const insertAudit =
    db.prepare(`INSERT INTO audit_log (at, user_id, username, entity, entity_id, action, before, after,
    prev_hash, hash) VALUES (@at, @userId, @username, @entity, @entityId, @action, @before, @after, @prevHash, @hash)`)
  let prevHash = GENESIS_HASH
  for (let n = 0; n < 30; n += 1) {
    const fields = {
      at: `2026-02-0${(n % 9) + 1}T08:00:00.000Z`,
      userId: (n % 7) + 1,
      username: n % 7 === 0 ? 'admin' : `old${n % 7}`,
      entity: n % 2 ? 'user' : 'destruction_register',
      entityId: String(n % 5),
      action: n % 3 ? 'update' : 'sign',
      before: n % 4 ? JSON.stringify({ role: OLD_ROLES[n % 7] }) : null,
      after: JSON.stringify({ n, text: '签字 "引号" \u200f' }),
      prevHash
    }
    prevHash = auditHash(fields, null)
    insertAudit.run({ ...fields, hash: prevHash })
  }
  db.close()
  return dataDir
}

const snapshot = (file: string) => {
  const db = new Database(file, { readonly: true })
  try {
    return Object.fromEntries(
      TABLES.map((table) => [
        table,
        db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all() as Record<string, unknown>[]
      ])
    )
  } finally {
    db.close()
  }
}

/** Runs a migration's down as TypeORM would: one transaction, its row taken out of the migrations table. */
async function down(file: string, migration: (typeof MIGRATIONS)[number]): Promise<void> {
  const db = new Database(file)
  const runner = {
    query: async (text: string, parameters?: unknown[]) => {
      let statement: Database.Statement
      try {
        statement = db.prepare(text)
      } catch {
        return db.exec(text)
      }
      return statement.reader ? statement.all(...(parameters ?? [])) : statement.run(...(parameters ?? []))
    }
  } as unknown as QueryRunner
  const instance = new migration()
  db.exec('BEGIN')
  try {
    await instance.down(runner)
    db.prepare('DELETE FROM migrations WHERE name = ?').run(instance.name ?? migration.name)
    db.exec('COMMIT')
  } catch (error) {
    db.exec('ROLLBACK')
    throw error
  } finally {
    db.close()
  }
}

describe('adversary: upgrading a database the version before issue 13 left', () => {
  it('keeps every row, the audit chain verifies, every old account signs in with its role', async () => {
    const dataDir = await olderDataFolder()
    const file = path.join(dataDir, DATABASE_FILE)
    const before = snapshot(file)
    app = await makeApp(dataDir)
    const after = snapshot(file)
    // The first start of this version keys the chain with one entry of its own, after every entry there was.
    expect(after.audit_log.slice(0, before.audit_log.length)).toEqual(before.audit_log)
    expect(after.audit_log.slice(before.audit_log.length).map((row) => row.action)).toEqual(['key'])
    for (const table of TABLES.filter((table) => table !== 'audit_log'))
      expect([table, after[table].length]).toEqual([table, before[table].length])
    expect(after.users.map((row) => [row.id, row.username, row.role, row.active])).toEqual(
      before.users.map((row) => [row.id, row.username, row.role, row.active])
    )
    expect(await app.database.query('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }])
    expect(await app.database.query('PRAGMA foreign_key_check')).toEqual([])
    const auditor = await app.call('auth.login', { username: 'old2', password: USER_PASSWORD }, 'auditor')
    expect(auditor.role).toBe('auditor')
    await app.database.query("UPDATE users SET must_change_password = 0 WHERE username = 'old2'")
    expect(await app.call('audit.verify', {}, 'auditor')).toMatchObject({ ok: true, firstBrokenId: null })
    expect(
      await app.dispatch('auth.login', { username: 'gone-auditor', password: USER_PASSWORD }, 'gone')
    ).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    await expect(app.database.query("UPDATE destruction_registers SET place = '别处'")).rejects.toThrow(/permanent/)
  })

  it('goes down to before the signatures and up again, twice, with every row and the audit chain whole', async () => {
    const dataDir = await olderDataFolder()
    const file = path.join(dataDir, DATABASE_FILE)
    const before = snapshot(file)
    await migrate(file)
    const upgraded = snapshot(file)
    const since = MIGRATIONS.slice(MIGRATIONS.indexOf(Signatures1764930000000)).reverse()
    for (let round = 0; round < 2; round += 1) {
      for (const migration of since) await down(file, migration)
      const downgraded = snapshot(file)
      expect(downgraded.audit_log).toEqual(before.audit_log)
      expect(downgraded.users).toEqual(before.users)
      expect(downgraded.destruction_registers).toEqual(before.destruction_registers)
      expect(downgraded.use_approvals).toEqual(before.use_approvals)
      await migrate(file)
      expect(snapshot(file)).toEqual(upgraded)
    }
    app = await makeApp(dataDir)
    await app.call('auth.login', { username: 'old2', password: USER_PASSWORD }, 'auditor')
    await app.database.query("UPDATE users SET must_change_password = 0 WHERE username = 'old2'")
    expect(await app.call('audit.verify', {}, 'auditor')).toMatchObject({ ok: true })
  })
})

describe('adversary: going down from a database this version filled', () => {
  it('a general manager, a pending account and a proposal: down to before the signatures, then up again', async () => {
    const dataDir = await olderDataFolder()
    const file = path.join(dataDir, DATABASE_FILE)
    await migrate(file)
    const db = new Database(file)
    db.exec(`INSERT INTO users (id, username, display_name, role, department, password_hash, active, created_at, updated_at)
      VALUES (30, 'sunz', '孙总', 'gm', '', 'x', 1, '2026-03-01', '2026-03-01'),
             (31, 'pending', '待授权', NULL, '', 'x', 0, '2026-03-01', '2026-03-01')`)
    db.exec(`UPDATE users SET proposed_role = 'sysadmin', proposed_by = 1 WHERE id = 31`)
    db.close()
    const since = MIGRATIONS.slice(MIGRATIONS.indexOf(Signatures1764930000000)).reverse()
    let refused: unknown = null
    try {
      for (const migration of since) await down(file, migration)
    } catch (error) {
      refused = error
    }
    // The version before issue 13 had no general manager: going down past it is refused by the role's CHECK, in its
    // own transaction, and leaves the database whole one step above; the pending account went down as switched off.
    expect(String(refused)).toMatch(/CHECK constraint/)
    const users = snapshot(file).users.map((row) => [row.id, row.role, row.active])
    expect(users).toContainEqual([31, 'staff_viewer', 0])
    expect(users).toContainEqual([30, 'gm', 1])
    await migrate(file)
    expect(snapshot(file).users.map((row) => row.id)).toContain(30)
  })
})
