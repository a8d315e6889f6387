import { sqlMigration } from './sql-migration'

/**
 * Issue 18, R-ELEC-4: the modification ledger (修改台帐). A changed electronic file is a new row of electronic_files
 * (version + 1, replaces_id naming the one it supersedes) and the old bytes stay stored; this table says who changed
 * it, when, why, and both checksums. A version is superseded once at most, so the versions of a file form one line.
 */
export const ElectronicLedger1765650000000 = sqlMigration('ElectronicLedger1765650000000', {
  up: [
    `CREATE TABLE electronic_file_changes (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      item_id INTEGER NOT NULL REFERENCES items (id),
      old_file_id INTEGER NOT NULL UNIQUE REFERENCES electronic_files (id),
      new_file_id INTEGER NOT NULL UNIQUE REFERENCES electronic_files (id),
      old_sha256 TEXT NOT NULL CHECK (length(old_sha256) = 64),
      new_sha256 TEXT NOT NULL CHECK (length(new_sha256) = 64),
      reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
      changed_at TEXT NOT NULL,
      changed_by INTEGER REFERENCES users (id)
    )`,
    `CREATE INDEX electronic_file_changes_item ON electronic_file_changes (item_id)`,
    `CREATE UNIQUE INDEX electronic_files_replaces ON electronic_files (replaces_id) WHERE replaces_id IS NOT NULL`
  ],
  down: ['DROP INDEX electronic_files_replaces', 'DROP TABLE electronic_file_changes']
})
