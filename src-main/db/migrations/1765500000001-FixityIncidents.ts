import { rebuildTable, sqlMigration } from './sql-migration'

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
export const FixityIncidents1765500000001 = sqlMigration('FixityIncidents1765500000001', {
  up: rebuildIncidents(`'loan', 'inspection', 'manual', 'fixity'`),
  down: [
    `UPDATE incidents SET source = 'manual', source_id = NULL WHERE source = 'fixity'`,
    ...rebuildIncidents(`'loan', 'inspection', 'manual'`)
  ]
})

function rebuildIncidents(sources: string): string[] {
  return [
    ...rebuildTable(
      'incidents',
      incidentsTable(sources).replace('CREATE TABLE incidents', 'CREATE TABLE incidents_next')
    ),
    `CREATE INDEX incidents_subject ON incidents (subject, subject_id)`,
    `CREATE INDEX incidents_open ON incidents (resolved_at, opened_on)`
  ]
}
