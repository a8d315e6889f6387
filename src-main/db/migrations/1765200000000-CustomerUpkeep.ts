import { dropTables, sqlMigration } from './sql-migration'

/**
 * Issue 20 (custa): the customer file's upkeep. A file is temporary until verified (S29, S37–S40), its contacts,
 * visits and reviews are logged (S35, S44, S52, S59–S63), its responsible staff are named (S154, S151–S152), and its
 * credit grades and limits are kept as a history (S19–S21). Customers already registered were filed under the old
 * rules, so they start as formal files.
 */
export const CustomerUpkeep1765200000000 = sqlMigration('CustomerUpkeep1765200000000', {
  up: [
    `CREATE TABLE customer_registrations (
      customer_id INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
      status TEXT NOT NULL CHECK (status IN ('temporary', 'formal')),
      contract_signed_on TEXT,
      completion_on TEXT,
      verified_by INTEGER REFERENCES users (id),
      verified_at TEXT,
      verification_note TEXT NOT NULL DEFAULT ''
    )`,
    `CREATE INDEX customer_registrations_temporary ON customer_registrations (completion_on)
      WHERE status = 'temporary'`,
    `INSERT INTO customer_registrations (customer_id, status) SELECT id, 'formal' FROM customers`,
    `CREATE TABLE customer_upkeep_log (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('contact', 'visit', 'review', 'notice')),
      channel TEXT NOT NULL,
      happened_on TEXT NOT NULL,
      staff_name TEXT NOT NULL,
      counterpart TEXT NOT NULL DEFAULT '',
      summary TEXT NOT NULL DEFAULT '',
      outcome TEXT NOT NULL DEFAULT '',
      plan_day INTEGER,
      recorded_by INTEGER NOT NULL REFERENCES users (id),
      recorded_at TEXT NOT NULL
    )`,
    `CREATE INDEX customer_upkeep_log_customer ON customer_upkeep_log (customer_id, happened_on)`,
    `CREATE INDEX customer_upkeep_log_kind ON customer_upkeep_log (kind, customer_id, happened_on)`,
    `CREATE TABLE customer_staff (
      customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
      user_id INTEGER NOT NULL REFERENCES users (id),
      assigned_on TEXT NOT NULL,
      assigned_by INTEGER NOT NULL REFERENCES users (id),
      PRIMARY KEY (customer_id, user_id)
    )`,
    `CREATE INDEX customer_staff_user ON customer_staff (user_id)`,
    `CREATE TABLE customer_credit (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
      grade TEXT NOT NULL,
      limit_amount REAL NOT NULL CHECK (limit_amount >= 0),
      limit_year INTEGER NOT NULL,
      report_item_id INTEGER REFERENCES items (id),
      risk_evaluation TEXT NOT NULL DEFAULT '',
      reason TEXT NOT NULL DEFAULT '',
      decided_on TEXT NOT NULL,
      recorded_by INTEGER NOT NULL REFERENCES users (id),
      recorded_at TEXT NOT NULL
    )`,
    `CREATE INDEX customer_credit_customer ON customer_credit (customer_id, id)`
  ],
  down: dropTables('customer_credit', 'customer_staff', 'customer_upkeep_log', 'customer_registrations')
})
