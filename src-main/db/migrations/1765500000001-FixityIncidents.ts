import type { MigrationInterface, QueryRunner } from 'typeorm'

const incidentsTable = (sources: string) => `CREATE TABLE incidents (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  subject TEXT NOT NULL CHECK (subject IN ('item', 'volume')),
  subject_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('missing', 'damaged')),
  source TEXT NOT NULL CHECK (source IN (${sources})),
  source_id INTEGER,
  note TEXT NOT NULL DEFAULT '',
  opened_on TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  opened_by INTEGER NOT NULL REFERENCES users (id),
  resolution TEXT CHECK (resolution IS NULL OR resolution IN ('found', 'repaired', 'written_off')),
  resolution_note TEXT NOT NULL DEFAULT '',
  resolved_on TEXT,
  resolved_at TEXT,
  resolved_by INTEGER REFERENCES users (id),
  CHECK ((resolution IS NULL) = (resolved_at IS NULL))
)`

/**
 * Issue 18, R-ELEC-3: an incident opened by a fixity check says so (source 'fixity', its run as source_id), instead of
 * passing for one entered by hand. SQLite cannot change a CHECK in place: the table is built again with the wider
 * check, every row copied with its id (inspection and fixity results refer to them), and its indexes made again. The
 * references from other tables are checked at commit, once the rows are back.
 */
export class FixityIncidents1765500000001 implements MigrationInterface {
  name = 'FixityIncidents1765500000001'

  async up(runner: QueryRunner): Promise<void> {
    await rebuildIncidents(runner, `'loan', 'inspection', 'manual', 'fixity'`)
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`UPDATE incidents SET source = 'manual', source_id = NULL WHERE source = 'fixity'`)
    await rebuildIncidents(runner, `'loan', 'inspection', 'manual'`)
  }
}

async function rebuildIncidents(runner: QueryRunner, sources: string): Promise<void> {
  await runner.query(`PRAGMA defer_foreign_keys = ON`)
  await runner.query(`CREATE TEMP TABLE incidents_kept AS SELECT * FROM incidents`)
  await runner.query(incidentsTable(sources).replace('CREATE TABLE incidents', 'CREATE TABLE incidents_next'))
  await runner.query(`DROP TABLE incidents`)
  await runner.query(`ALTER TABLE incidents_next RENAME TO incidents`)
  await runner.query(`INSERT INTO incidents SELECT * FROM incidents_kept ORDER BY id`)
  await runner.query(`DROP TABLE incidents_kept`)
  await runner.query(`CREATE INDEX incidents_subject ON incidents (subject, subject_id)`)
  await runner.query(`CREATE INDEX incidents_open ON incidents (resolved_at, opened_on)`)
}
