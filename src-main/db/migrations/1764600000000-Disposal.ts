import { dropTables, sqlMigration } from './sql-migration'

const SUBJECT_TABLES = ['items', 'volumes'] as const

// The filing settings' defaults when nobody has saved filing settings yet (policy version 0): Y 永久, D30, D10.
const DEFAULT_YEARS = `CASE %s WHEN 'D30' THEN 30 WHEN 'D10' THEN 10 END`

/** The retention columns of one subject table, filled in for the records it holds. */
function retentionOf(table: (typeof SUBJECT_TABLES)[number]): string[] {
  // Records already coded get the years of the policy version they were filed under; unknown codes stay permanent.
  const filed = table === 'items' ? 'archival_code IS NOT NULL' : '1'
  return [
    `ALTER TABLE ${table} ADD COLUMN retention_years INTEGER`,
    `ALTER TABLE ${table} ADD COLUMN expires_on TEXT`,
    `ALTER TABLE ${table} ADD COLUMN register_line_id INTEGER`,
    `CREATE INDEX ${table}_expires_on ON ${table} (expires_on)`,
    `UPDATE ${table} SET retention_years = COALESCE(
           (SELECT json_extract(r.value, '$.years') FROM policy_versions p, json_each(p.data, '$.retentionPeriods') r
            WHERE p.namespace = 'filing' AND p.version = ${table}.policy_version AND json_extract(r.value, '$.code') = ${table}.retention_code),
           CASE WHEN ${table}.policy_version = 0 THEN ${DEFAULT_YEARS.replace('%s', `${table}.retention_code`)} END)
         WHERE ${filed}`,
    `UPDATE ${table} SET expires_on = printf('%04d-01-01', year + retention_years + 1) WHERE retention_years IS NOT NULL`
  ]
}

// R-DISP-7: once signed, the register and its lines are permanent; only an unsigned draft may be replaced.
const permanent = `SELECT RAISE(ABORT, 'destruction register is permanent')`
const signed = (row: 'OLD' | 'NEW') =>
  `(SELECT signed_at FROM destruction_registers WHERE id = ${row}.register_id) IS NOT NULL`

/**
 * Retention, holds, appraisal and destruction (R-DISP). Each record keeps the retention period it was filed with
 * (R-DISP-1) and its expiry (R-DISP-2) until an appraisal keeps it longer; a signed destruction register can never be
 * changed or deleted (R-DISP-7), which the triggers enforce below whatever code runs above them.
 */
export const Disposal1764600000000 = sqlMigration('Disposal1764600000000', {
  up: [
    ...SUBJECT_TABLES.flatMap(retentionOf),
    `CREATE TABLE holds (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL,
      reason TEXT NOT NULL,
      placed_at TEXT NOT NULL,
      placed_by INTEGER NOT NULL REFERENCES users (id),
      released_at TEXT,
      released_by INTEGER REFERENCES users (id),
      release_reason TEXT NOT NULL DEFAULT '',
      CHECK ((released_at IS NULL) = (released_by IS NULL))
    )`,
    `CREATE TABLE hold_subjects (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      hold_id INTEGER NOT NULL REFERENCES holds (id),
      subject TEXT NOT NULL CHECK (subject IN ('item', 'volume', 'customer')),
      subject_id INTEGER NOT NULL,
      UNIQUE (hold_id, subject, subject_id)
    )`,
    `CREATE INDEX hold_subjects_subject ON hold_subjects (subject, subject_id)`,
    `CREATE TABLE appraisal_batches (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      title TEXT NOT NULL,
      state TEXT NOT NULL DEFAULT 'listed' CHECK (state IN ('listed', 'awaiting', 'verified', 'destroyed', 'kept')),
      manager_name TEXT NOT NULL DEFAULT '',
      department_leader_name TEXT NOT NULL DEFAULT '',
      appraised_on TEXT,
      hold_until TEXT,
      disposal_policy_version INTEGER,
      created_at TEXT NOT NULL,
      created_by INTEGER NOT NULL REFERENCES users (id),
      completed_at TEXT,
      completed_by INTEGER REFERENCES users (id),
      version INTEGER NOT NULL DEFAULT 1
    )`,
    `CREATE TABLE appraisal_entries (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      batch_id INTEGER NOT NULL REFERENCES appraisal_batches (id),
      subject TEXT NOT NULL CHECK (subject IN ('item', 'volume')),
      subject_id INTEGER NOT NULL,
      expires_on TEXT NOT NULL,
      decision TEXT CHECK (decision IS NULL OR decision IN ('destroy', 'keep')),
      new_retention_code TEXT,
      new_retention_years INTEGER,
      new_expires_on TEXT,
      reason TEXT NOT NULL DEFAULT '',
      decided_at TEXT,
      decided_by INTEGER REFERENCES users (id),
      verification TEXT CHECK (verification IS NULL OR verification IN ('confirmed', 'pulled')),
      verification_note TEXT NOT NULL DEFAULT '',
      verified_at TEXT,
      verified_by INTEGER REFERENCES users (id),
      UNIQUE (batch_id, subject, subject_id)
    )`,
    `CREATE INDEX appraisal_entries_subject ON appraisal_entries (subject, subject_id)`,
    `CREATE TABLE destruction_registers (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      batch_id INTEGER NOT NULL REFERENCES appraisal_batches (id),
      place TEXT NOT NULL,
      destroyed_on TEXT NOT NULL,
      method TEXT NOT NULL,
      approved_by TEXT NOT NULL DEFAULT '',
      supervisors TEXT NOT NULL,
      count_confirmed INTEGER NOT NULL,
      disposal_policy_version INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      created_by INTEGER NOT NULL REFERENCES users (id),
      signed_on TEXT,
      signed_at TEXT,
      signed_by INTEGER REFERENCES users (id)
    )`,
    `CREATE TABLE destruction_lines (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      register_id INTEGER NOT NULL REFERENCES destruction_registers (id),
      line_no INTEGER NOT NULL,
      entry_id INTEGER NOT NULL REFERENCES appraisal_entries (id),
      subject TEXT NOT NULL CHECK (subject IN ('item', 'volume')),
      subject_id INTEGER NOT NULL,
      archival_code TEXT NOT NULL,
      document_number TEXT NOT NULL,
      responsible_party TEXT NOT NULL,
      title TEXT NOT NULL,
      date_formed TEXT NOT NULL,
      retention_name TEXT NOT NULL,
      years_kept INTEGER NOT NULL,
      destroyed_on TEXT NOT NULL,
      UNIQUE (register_id, line_no)
    )`,
    `CREATE INDEX destruction_lines_register ON destruction_lines (register_id)`,
    `CREATE TRIGGER destruction_registers_no_update BEFORE UPDATE ON destruction_registers WHEN OLD.signed_at IS NOT NULL BEGIN ${permanent}; END`,
    `CREATE TRIGGER destruction_registers_no_delete BEFORE DELETE ON destruction_registers WHEN OLD.signed_at IS NOT NULL BEGIN ${permanent}; END`,
    `CREATE TRIGGER destruction_lines_no_update BEFORE UPDATE ON destruction_lines WHEN ${signed('OLD')} OR ${signed('NEW')} BEGIN ${permanent}; END`,
    `CREATE TRIGGER destruction_lines_no_delete BEFORE DELETE ON destruction_lines WHEN ${signed('OLD')} BEGIN ${permanent}; END`,
    `CREATE TRIGGER destruction_lines_no_insert BEFORE INSERT ON destruction_lines WHEN ${signed('NEW')} BEGIN ${permanent}; END`
  ],
  down: [
    ...dropTables(
      'destruction_lines',
      'destruction_registers',
      'appraisal_entries',
      'appraisal_batches',
      'hold_subjects',
      'holds'
    ),
    ...SUBJECT_TABLES.flatMap((table) => [
      `DROP INDEX ${table}_expires_on`,
      ...['register_line_id', 'expires_on', 'retention_years'].map(
        (column) => `ALTER TABLE ${table} DROP COLUMN ${column}`
      )
    ])
  ]
})
