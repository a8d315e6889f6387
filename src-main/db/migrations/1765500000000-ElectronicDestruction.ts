import { sqlMigration } from './sql-migration'

const permanent = `SELECT RAISE(ABORT, 'destruction register is permanent')`

/**
 * Issue 18, R-ELEC-7, R-DISP-7/8: the electronic files destroyed with their items, as the signed destruction register
 * lists them: each file with its checksum, and whether its carrier was destroyed with it (classified files) or it was
 * deleted logically. Written when the register is signed and, like the register, kept permanently. It also tells a
 * start which stored contents were destroyed, so one whose removal from disk failed is removed then.
 */
export const ElectronicDestruction1765500000000 = sqlMigration('ElectronicDestruction1765500000000', {
  up: [
    `CREATE TABLE destruction_files (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      register_id INTEGER NOT NULL REFERENCES destruction_registers (id),
      line_id INTEGER NOT NULL REFERENCES destruction_lines (id),
      file_id INTEGER NOT NULL UNIQUE REFERENCES electronic_files (id),
      item_id INTEGER NOT NULL REFERENCES items (id),
      archival_code TEXT NOT NULL,
      original_name TEXT NOT NULL,
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      size INTEGER NOT NULL,
      carrier_destroyed INTEGER NOT NULL CHECK (carrier_destroyed IN (0, 1))
    )`,
    `CREATE INDEX destruction_files_register ON destruction_files (register_id)`,
    `CREATE INDEX destruction_files_sha256 ON destruction_files (sha256)`,
    `CREATE TRIGGER destruction_files_no_update BEFORE UPDATE ON destruction_files BEGIN ${permanent}; END`,
    `CREATE TRIGGER destruction_files_no_delete BEFORE DELETE ON destruction_files BEGIN ${permanent}; END`
  ],
  down: ['DROP TABLE destruction_files']
})
