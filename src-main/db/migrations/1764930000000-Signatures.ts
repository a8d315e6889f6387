import type { MigrationInterface, QueryRunner } from 'typeorm'
import { USE_APPROVALS } from './1764500000000-Use'
import { rebuildTable, runStatements } from './sql-migration'

const ROLES_BEFORE = `'sysadmin','security_officer','auditor','archivist','archive_manager','department_head','staff_viewer'`
const ROLES_AFTER = `${ROLES_BEFORE},'deputy_gm','gm'`

const usersTable = (roles: string) => `CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN (${roles})),
  department TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  active BOOLEAN NOT NULL DEFAULT 1,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  must_change_password BOOLEAN NOT NULL DEFAULT 0
)`

/** Columns whose value is a version of policy_versions; they move with it when versions are renumbered. */
const POLICY_VERSION_COLUMNS = [
  ['items', 'policy_version'],
  ['volumes', 'policy_version'],
  ['inspections', 'policy_version'],
  ['use_requests', 'policy_version'],
  ['appraisal_batches', 'disposal_policy_version'],
  ['destruction_registers', 'disposal_policy_version']
]

const PREFIXES = `CASE kind WHEN 'loan' THEN 'JY' WHEN 'consultation' THEN 'CY' ELSE 'FZ' END`

/**
 * Issue 13, signatures by the people who sign. The deputy GM and GM get accounts (R-ROLE-5); a signature is one row
 * per entry, so one entered wrongly can be withdrawn with a reason and the step signed again; requests get register
 * numbers (JY-2026-0001) from a counter that never hands a number out twice; and settings count from version 1, the
 * built-in defaults, so what was version 0 is 1 and every saved version moves up by one.
 */
export class Signatures1764930000000 implements MigrationInterface {
  name = 'Signatures1764930000000'

  async up(runner: QueryRunner): Promise<void> {
    await rebuildUsers(runner, ROLES_AFTER)

    await runner.query(`CREATE TABLE use_approvals_next (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      request_id INTEGER NOT NULL REFERENCES use_requests (id),
      step TEXT NOT NULL CHECK (step IN ('department_head', 'archive_manager', 'deputy_gm', 'gm')),
      signer_name TEXT NOT NULL,
      signer_user_id INTEGER REFERENCES users (id),
      signed_on TEXT NOT NULL,
      decision TEXT NOT NULL CHECK (decision IN ('approved', 'refused')),
      reason TEXT NOT NULL DEFAULT '',
      entered_by INTEGER NOT NULL REFERENCES users (id),
      entered_at TEXT NOT NULL,
      withdrawn_by INTEGER REFERENCES users (id),
      withdrawn_at TEXT,
      withdrawn_reason TEXT NOT NULL DEFAULT '',
      CHECK (decision = 'approved' OR reason <> ''),
      CHECK (withdrawn_at IS NULL OR (withdrawn_by IS NOT NULL AND withdrawn_reason <> ''))
    )`)
    await runner.query(`INSERT INTO use_approvals_next (request_id, step, signer_name, signer_user_id, signed_on, decision, reason, entered_by, entered_at)
      SELECT request_id, step, signer_name, signer_user_id, signed_on, decision, reason, entered_by, entered_at FROM use_approvals ORDER BY rowid`)
    await runner.query(`DROP TABLE use_approvals`)
    await runner.query(`ALTER TABLE use_approvals_next RENAME TO use_approvals`)
    // One standing signature per step; withdrawn ones stay beside it.
    await runner.query(
      `CREATE UNIQUE INDEX use_approvals_standing ON use_approvals (request_id, step) WHERE withdrawn_at IS NULL`
    )
    await runner.query(`CREATE INDEX use_approvals_signer ON use_approvals (signer_user_id)`)

    await runner.query(`CREATE TABLE use_request_counters (
      prefix TEXT NOT NULL,
      year INTEGER NOT NULL,
      last INTEGER NOT NULL,
      PRIMARY KEY (prefix, year)
    )`)
    await runner.query(`ALTER TABLE use_requests ADD COLUMN number TEXT`)
    // Each kind has a prefix of its own. One pass in id order per kind and year: a count per row would read the table once for every request.
    await runner.query(`CREATE TEMP TABLE request_numbers (id INTEGER PRIMARY KEY, number TEXT NOT NULL)`)
    await runner.query(`INSERT INTO request_numbers (id, number)
      SELECT id, ${PREFIXES} || '-' || substr(created_at, 1, 4) || '-' ||
        printf('%04d', ROW_NUMBER() OVER (PARTITION BY kind, substr(created_at, 1, 4) ORDER BY id))
      FROM use_requests`)
    await runner.query(
      `UPDATE use_requests SET number = (SELECT number FROM request_numbers WHERE request_numbers.id = use_requests.id)`
    )
    await runner.query(`DROP TABLE request_numbers`)
    await runner.query(`INSERT INTO use_request_counters (prefix, year, last)
      SELECT substr(number, 1, 2), CAST(substr(number, 4, 4) AS INTEGER), COUNT(*) FROM use_requests GROUP BY 1, 2`)
    await runner.query(`CREATE UNIQUE INDEX use_requests_number ON use_requests (number)`)

    await shiftVersions(runner, 1)
  }

  async down(runner: QueryRunner): Promise<void> {
    await shiftVersions(runner, -1)
    await runner.query(`DROP INDEX use_requests_number`)
    await runner.query(`ALTER TABLE use_requests DROP COLUMN number`)
    await runner.query(`DROP TABLE use_request_counters`)
    await runner.query(USE_APPROVALS.replace('CREATE TABLE use_approvals', 'CREATE TABLE use_approvals_before'))
    await runner.query(`INSERT INTO use_approvals_before SELECT request_id, step, signer_name, signer_user_id, signed_on, decision,
      reason, entered_by, entered_at FROM use_approvals WHERE withdrawn_at IS NULL`)
    await runner.query(`DROP TABLE use_approvals`)
    await runner.query(`ALTER TABLE use_approvals_before RENAME TO use_approvals`)
    await rebuildUsers(runner, ROLES_BEFORE)
  }
}

/** SQLite cannot change the CHECK of the role in place. */
async function rebuildUsers(runner: QueryRunner, roles: string): Promise<void> {
  await runStatements(
    runner,
    rebuildTable('users', usersTable(roles).replace('CREATE TABLE users', 'CREATE TABLE users_next'))
  )
}

/**
 * Every stored version and every reference to one, moved by `by`; through negatives, so no two rows meet on the way.
 * A signed destruction register is permanent (R-DISP-7) and its trigger refuses any update: the trigger steps aside
 * for the renumbering alone and comes back exactly as it was.
 */
async function shiftVersions(runner: QueryRunner, by: number): Promise<void> {
  const [guard] = (await runner.query(
    `SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'destruction_registers_no_update'`
  )) as { sql: string }[]
  if (guard) await runner.query(`DROP TRIGGER destruction_registers_no_update`)
  await runner.query(`UPDATE policy_versions SET version = -(version + ${by})`)
  await runner.query(`UPDATE policy_versions SET version = -version`)
  for (const [table, column] of POLICY_VERSION_COLUMNS)
    await runner.query(`UPDATE ${table} SET ${column} = ${column} + ${by} WHERE ${column} IS NOT NULL`)
  if (guard) await runner.query(guard.sql)
}
