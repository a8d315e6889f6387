import { dropTables, sqlMigration } from './sql-migration'

export const Foundation1764000000000 = sqlMigration('Foundation1764000000000', {
  up: [
    `CREATE TABLE users (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      username TEXT NOT NULL UNIQUE COLLATE NOCASE,
      display_name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('sysadmin','security_officer','auditor','archivist','archive_manager','department_head','staff_viewer')),
      department TEXT NOT NULL DEFAULT '',
      password_hash TEXT NOT NULL,
      active BOOLEAN NOT NULL DEFAULT 1,
      failed_logins INTEGER NOT NULL DEFAULT 0,
      locked_until TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE TABLE policy_versions (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      namespace TEXT NOT NULL,
      version INTEGER NOT NULL,
      data TEXT NOT NULL,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL,
      UNIQUE (namespace, version)
    )`,
    `CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      user_id INTEGER,
      username TEXT NOT NULL,
      entity TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      action TEXT NOT NULL,
      before TEXT,
      after TEXT,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    )`,
    `CREATE INDEX audit_entity ON audit_log (entity, entity_id)`,
    `CREATE INDEX audit_at ON audit_log (at)`,
    `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`,
    `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`,
    `CREATE TABLE customers (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL,
      legal_representative TEXT NOT NULL,
      address TEXT NOT NULL DEFAULT '',
      postcode TEXT NOT NULL DEFAULT '',
      phone TEXT NOT NULL DEFAULT '',
      fax TEXT NOT NULL DEFAULT '',
      registered_capital REAL CHECK (registered_capital IS NULL OR registered_capital >= 0),
      business_scale TEXT NOT NULL DEFAULT '',
      business_scope TEXT NOT NULL DEFAULT '',
      economic_strength TEXT NOT NULL DEFAULT '',
      dealings_record TEXT NOT NULL DEFAULT '',
      industry TEXT NOT NULL DEFAULT '',
      region TEXT NOT NULL DEFAULT '',
      grade TEXT NOT NULL CHECK (grade IN ('important','special','general')),
      date_opened TEXT NOT NULL,
      credit_standing TEXT NOT NULL DEFAULT '',
      background TEXT NOT NULL DEFAULT '',
      has_agreement BOOLEAN NOT NULL DEFAULT 0,
      consent_obtained BOOLEAN NOT NULL DEFAULT 0,
      collection_purpose TEXT NOT NULL DEFAULT '',
      version INTEGER NOT NULL DEFAULT 1,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      created_by INTEGER NOT NULL REFERENCES users (id)
    )`,
    `CREATE INDEX customers_name ON customers (name)`,
    `CREATE INDEX customers_grade ON customers (grade)`,
    `CREATE INDEX customers_updated ON customers (updated_at)`,
    `CREATE TABLE customer_contacts (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      name TEXT NOT NULL,
      title TEXT NOT NULL DEFAULT '',
      phone TEXT NOT NULL DEFAULT '',
      email TEXT NOT NULL DEFAULT ''
    )`,
    `CREATE INDEX customer_contacts_customer ON customer_contacts (customer_id, position)`,
    `CREATE VIRTUAL TABLE customers_fts USING fts5 (body, tokenize = 'trigram')`
  ],
  down: dropTables('customers_fts', 'customer_contacts', 'customers', 'audit_log', 'policy_versions', 'users')
})
