import { sqlMigration } from './sql-migration'

/**
 * Issue 20, S103, S139–S148: individuals' requests about their own information, and what has become of a customer's
 * personal data (moved to the inactive archive, anonymised).
 */
export const PersonalInformationRights1765330000000 = sqlMigration('PersonalInformationRights1765330000000', {
  up: [
    `CREATE TABLE customer_rights_requests (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      customer_id INTEGER NOT NULL REFERENCES customers (id),
      kind TEXT NOT NULL CHECK (kind IN ('access','correct','delete')),
      requester TEXT NOT NULL,
      details TEXT NOT NULL DEFAULT '',
      received_on TEXT NOT NULL,
      due_on TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('open','answered')),
      outcome TEXT CHECK (outcome IN ('shown','corrected','anonymised','purged','refused')),
      answer TEXT NOT NULL DEFAULT '',
      registered_by TEXT NOT NULL,
      answered_by TEXT,
      answered_at TEXT,
      version INTEGER NOT NULL DEFAULT 1
    )`,
    `CREATE INDEX customer_rights_customer ON customer_rights_requests (customer_id, id)`,
    `CREATE INDEX customer_rights_open ON customer_rights_requests (due_on) WHERE status = 'open'`,
    `CREATE TABLE customer_privacy_state (
      customer_id INTEGER PRIMARY KEY REFERENCES customers (id),
      archived_at TEXT,
      anonymised_at TEXT
    )`
  ],
  down: ['DROP TABLE customer_privacy_state', 'DROP TABLE customer_rights_requests']
})
