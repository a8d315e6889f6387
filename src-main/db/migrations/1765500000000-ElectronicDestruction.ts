import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Issue 18, R-ELEC-7, R-DISP-7/8: the electronic files destroyed with their items, as the signed destruction register
 * lists them: each file with its checksum, and whether its carrier was destroyed with it (classified files) or it was
 * deleted logically. Written when the register is signed and, like the register, kept permanently. It also tells a
 * start which stored contents were destroyed, so one whose removal from disk failed is removed then.
 */
export class ElectronicDestruction1765500000000 implements MigrationInterface {
  name = 'ElectronicDestruction1765500000000'

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE destruction_files (
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
    )`)
    await runner.query(`CREATE INDEX destruction_files_register ON destruction_files (register_id)`)
    await runner.query(`CREATE INDEX destruction_files_sha256 ON destruction_files (sha256)`)
    const permanent = `SELECT RAISE(ABORT, 'destruction register is permanent')`
    await runner.query(
      `CREATE TRIGGER destruction_files_no_update BEFORE UPDATE ON destruction_files BEGIN ${permanent}; END`
    )
    await runner.query(
      `CREATE TRIGGER destruction_files_no_delete BEFORE DELETE ON destruction_files BEGIN ${permanent}; END`
    )
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE destruction_files')
  }
}
