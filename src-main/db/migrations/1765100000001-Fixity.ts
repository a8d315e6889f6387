import { sqlMigration } from './sql-migration'

/**
 * Issue 18, R-ELEC-3: machine checks of stored electronic files (每两年机读抽查). A run lists the files it will read
 * when it starts and records each outcome as it goes, so a run cut off by a restart carries on where it stopped.
 */
export const Fixity1765100000001 = sqlMigration('Fixity1765100000001', {
  up: [
    `CREATE TABLE fixity_runs (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      scope TEXT NOT NULL CHECK (scope IN ('all', 'sample')),
      started_at TEXT NOT NULL,
      started_by INTEGER REFERENCES users (id),
      finished_at TEXT
    )`,
    `CREATE TABLE fixity_results (
      run_id INTEGER NOT NULL REFERENCES fixity_runs (id),
      file_id INTEGER NOT NULL REFERENCES electronic_files (id),
      outcome TEXT CHECK (outcome IS NULL OR outcome IN ('ok', 'mismatch', 'missing')),
      checked_at TEXT,
      incident_id INTEGER REFERENCES incidents (id),
      PRIMARY KEY (run_id, file_id)
    )`,
    `CREATE INDEX fixity_runs_open ON fixity_runs (finished_at)`
  ],
  down: ['DROP TABLE fixity_results', 'DROP TABLE fixity_runs']
})
