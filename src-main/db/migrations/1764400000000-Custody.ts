import { sqlMigration } from './sql-migration'

const SUBJECT_TABLES = ['items', 'volumes'] as const

/**
 * Where a record is in its life, beside where it is shelved (R-KEEP-1): in its place, in the reading room, out on
 * loan, set apart awaiting destruction, or destroyed. Loans, appraisal and destruction move records between these.
 * The list is written out here, not imported, so this migration stays what it was when it shipped.
 */
const CUSTODY_STATES = ['in_store', 'reading_room', 'on_loan', 'awaiting_destruction', 'destroyed']

const states = CUSTODY_STATES.map((state) => `'${state}'`).join(', ')

export const Custody1764400000000 = sqlMigration('Custody1764400000000', {
  up: [
    ...SUBJECT_TABLES.flatMap((table) => [
      `ALTER TABLE ${table} ADD COLUMN custody TEXT NOT NULL DEFAULT 'in_store' CHECK (custody IN (${states}))`,
      `CREATE INDEX ${table}_custody ON ${table} (custody)`
    ]),
    // R-KEEP-3, R-USE-8: a record found missing or damaged stays flagged until a follow-up resolves the incident.
    `CREATE TABLE incidents (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      subject TEXT NOT NULL CHECK (subject IN ('item', 'volume')),
      subject_id INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('missing', 'damaged')),
      source TEXT NOT NULL CHECK (source IN ('loan', 'inspection', 'manual')),
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
    )`,
    `CREATE INDEX incidents_subject ON incidents (subject, subject_id)`,
    `CREATE INDEX incidents_open ON incidents (resolved_at, opened_on)`
  ],
  down: [
    `DROP TABLE incidents`,
    ...SUBJECT_TABLES.flatMap((table) => [`DROP INDEX ${table}_custody`, `ALTER TABLE ${table} DROP COLUMN custody`])
  ]
})
