import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Issue 18, R-ELEC-3: machine checks of stored electronic files (每两年机读抽查). A run lists the files it will read
 * when it starts and records each outcome as it goes, so a run cut off by a restart carries on where it stopped.
 */
export class Fixity1765100000001 implements MigrationInterface {
  name = 'Fixity1765100000001'

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE fixity_runs (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      scope TEXT NOT NULL CHECK (scope IN ('all', 'sample')),
      started_at TEXT NOT NULL,
      started_by INTEGER REFERENCES users (id),
      finished_at TEXT
    )`)
    await runner.query(`CREATE TABLE fixity_results (
      run_id INTEGER NOT NULL REFERENCES fixity_runs (id),
      file_id INTEGER NOT NULL REFERENCES electronic_files (id),
      outcome TEXT CHECK (outcome IS NULL OR outcome IN ('ok', 'mismatch', 'missing')),
      checked_at TEXT,
      incident_id INTEGER REFERENCES incidents (id),
      PRIMARY KEY (run_id, file_id)
    )`)
    await runner.query(`CREATE INDEX fixity_runs_open ON fixity_runs (finished_at)`)
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE fixity_results')
    await runner.query('DROP TABLE fixity_runs')
  }
}
