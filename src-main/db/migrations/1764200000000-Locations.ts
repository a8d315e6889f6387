import { sqlMigration } from './sql-migration'

const SUBJECT_TABLES = ['items', 'volumes'] as const
const LOCATION_COLUMNS = ['home_location_id', 'current_location_id'] as const

/** Each location column of each subject table, items first, in the order they were added. */
const LOCATION_COLUMN_OF_TABLE = SUBJECT_TABLES.flatMap((table) =>
  LOCATION_COLUMNS.map((column) => ({ table, column }))
)

export const Locations1764200000000 = sqlMigration('Locations1764200000000', {
  up: [
    // Codes and paths ignore case because a label reading A-01 and one reading a-01 name the same shelf to a person.
    // SQLite treats NULL parent_ids as distinct in UNIQUE (parent_id, code), so the unique path is what keeps room
    // codes unique; codes cannot contain '-', so a path names exactly one chain of codes.
    `CREATE TABLE locations (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      parent_id INTEGER REFERENCES locations (id),
      kind TEXT NOT NULL CHECK (kind IN ('room', 'rack', 'shelf', 'box')),
      code TEXT NOT NULL COLLATE NOCASE,
      name TEXT NOT NULL,
      capacity INTEGER CHECK (capacity IS NULL OR capacity >= 1),
      path TEXT NOT NULL UNIQUE COLLATE NOCASE,
      version INTEGER NOT NULL DEFAULT 1,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      created_by INTEGER NOT NULL REFERENCES users (id),
      CHECK ((kind = 'room') = (parent_id IS NULL)),
      UNIQUE (parent_id, code)
    )`,
    ...LOCATION_COLUMN_OF_TABLE.flatMap(({ table, column }) => [
      `ALTER TABLE ${table} ADD COLUMN ${column} INTEGER REFERENCES locations (id)`,
      `CREATE INDEX ${table}_${column} ON ${table} (${column})`
    ]),
    `CREATE TABLE location_moves (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      subject TEXT NOT NULL CHECK (subject IN ('item', 'volume')),
      subject_id INTEGER NOT NULL,
      from_location_id INTEGER REFERENCES locations (id),
      to_location_id INTEGER NOT NULL REFERENCES locations (id),
      home BOOLEAN NOT NULL DEFAULT 0,
      note TEXT NOT NULL DEFAULT '',
      moved_at TEXT NOT NULL,
      moved_by INTEGER NOT NULL REFERENCES users (id)
    )`,
    `CREATE INDEX location_moves_subject ON location_moves (subject, subject_id, moved_at)`,
    `CREATE INDEX location_moves_to ON location_moves (to_location_id)`
  ],
  down: [
    `DROP TABLE location_moves`,
    ...LOCATION_COLUMN_OF_TABLE.flatMap(({ table, column }) => [
      `DROP INDEX ${table}_${column}`,
      `ALTER TABLE ${table} DROP COLUMN ${column}`
    ]),
    `DROP TABLE locations`
  ]
})
