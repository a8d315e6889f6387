import { dropTables, sqlMigration } from './sql-migration'

/**
 * R-KEEP-2..4: inspections of the rooms and the records, what each found, and the daily environment log.
 * The value lists are written out here, not imported, so this migration stays what it was when it shipped.
 */
export const Inspections1764700000000 = sqlMigration('Inspections1764700000000', {
  up: [
    `CREATE TABLE inspections (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      kind TEXT NOT NULL CHECK (kind IN ('periodic', 'adhoc')),
      reason TEXT CHECK (reason IS NULL OR reason IN ('in_doubt', 'theft', 'loss', 'fire', 'other')),
      inspected_on TEXT NOT NULL,
      inspectors TEXT NOT NULL,
      room_id INTEGER REFERENCES locations (id),
      temperature REAL,
      humidity REAL CHECK (humidity IS NULL OR humidity BETWEEN 0 AND 100),
      checklist TEXT NOT NULL DEFAULT '[]',
      notes TEXT NOT NULL DEFAULT '',
      status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'completed')),
      policy_version INTEGER NOT NULL,
      version INTEGER NOT NULL DEFAULT 1,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      created_by INTEGER NOT NULL REFERENCES users (id),
      completed_at TEXT,
      completed_by INTEGER REFERENCES users (id),
      CHECK ((kind = 'adhoc') = (reason IS NOT NULL)),
      CHECK ((status = 'completed') = (completed_at IS NOT NULL))
    )`,
    `CREATE INDEX inspections_on ON inspections (inspected_on)`,
    // The shelves, boxes, racks or rooms an inspection covers; an inspection of a list of records has none.
    `CREATE TABLE inspection_locations (
      inspection_id INTEGER NOT NULL REFERENCES inspections (id),
      location_id INTEGER NOT NULL REFERENCES locations (id),
      PRIMARY KEY (inspection_id, location_id)
    )`,
    `CREATE TABLE inspection_findings (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      inspection_id INTEGER NOT NULL REFERENCES inspections (id),
      subject TEXT NOT NULL CHECK (subject IN ('item', 'volume')),
      subject_id INTEGER NOT NULL,
      state TEXT NOT NULL DEFAULT 'unchecked' CHECK (state IN ('unchecked', 'found', 'missing', 'damaged')),
      note TEXT NOT NULL DEFAULT '',
      incident_id INTEGER REFERENCES incidents (id),
      UNIQUE (inspection_id, subject, subject_id)
    )`,
    `CREATE TABLE environment_readings (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      room_id INTEGER NOT NULL REFERENCES locations (id),
      read_on TEXT NOT NULL,
      temperature REAL NOT NULL,
      humidity REAL NOT NULL CHECK (humidity BETWEEN 0 AND 100),
      source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'inspection')),
      inspection_id INTEGER REFERENCES inspections (id),
      recorded_at TEXT NOT NULL,
      recorded_by INTEGER NOT NULL REFERENCES users (id),
      UNIQUE (room_id, read_on)
    )`,
    `CREATE INDEX environment_readings_on ON environment_readings (read_on)`,
    // Organising statistics count the items catalogued in a year from the audit log.
    `CREATE INDEX audit_action_at ON audit_log (entity, action, at)`
  ],
  down: [
    `DROP INDEX audit_action_at`,
    ...dropTables('environment_readings', 'inspection_findings', 'inspection_locations', 'inspections')
  ]
})
