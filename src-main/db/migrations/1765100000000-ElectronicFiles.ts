import { sqlMigration } from './sql-migration'

/**
 * Issue 18, R-ELEC-1: electronic files and scans attached to items. The bytes live content-addressed under the data
 * folder (files/sha256/ab/<hash>), never in the database; a row registers one file on one item with its technical
 * metadata. A row is never rewritten: a changed file is a new version (replaces_id), a destroyed one is marked.
 */
export const ElectronicFiles1765100000000 = sqlMigration('ElectronicFiles1765100000000', {
  up: [
    `CREATE TABLE electronic_files (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      item_id INTEGER NOT NULL REFERENCES items (id),
      role TEXT NOT NULL CHECK (role IN ('original', 'scan', 'attachment')),
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      size INTEGER NOT NULL CHECK (size > 0),
      type TEXT NOT NULL CHECK (type IN ('pdf', 'ofd', 'jpeg', 'tiff', 'png', 'other')),
      pages INTEGER CHECK (pages IS NULL OR pages > 0),
      original_name TEXT NOT NULL,
      version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
      replaces_id INTEGER REFERENCES electronic_files (id),
      attached_at TEXT NOT NULL,
      attached_by INTEGER REFERENCES users (id),
      removed_at TEXT,
      removed_by INTEGER REFERENCES users (id)
    )`,
    `CREATE INDEX electronic_files_item ON electronic_files (item_id)`,
    `CREATE INDEX electronic_files_sha256 ON electronic_files (sha256)`
  ],
  down: ['DROP TABLE electronic_files']
})
