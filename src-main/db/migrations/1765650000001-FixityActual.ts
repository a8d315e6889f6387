import { sqlMigration } from './sql-migration'

/**
 * Issue 18, R-ELEC-3: a fixity result keeps the checksum that was read back, so the printed report of a run shows
 * what was expected and what was found for each mismatch. Null for a file not yet read and for a missing one.
 */
export const FixityActual1765650000001 = sqlMigration('FixityActual1765650000001', {
  up: [
    `ALTER TABLE fixity_results ADD COLUMN actual_sha256 TEXT CHECK (actual_sha256 IS NULL OR length(actual_sha256) = 64)`
  ],
  down: ['ALTER TABLE fixity_results DROP COLUMN actual_sha256']
})
