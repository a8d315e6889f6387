import { sqlMigration } from './sql-migration'

/** Issue 20, S131–S135: requests to disclose customers' information, their approval and the disclosure made. */
export const CustomerDisclosures1765320000000 = sqlMigration('CustomerDisclosures1765320000000', {
  up: [
    `CREATE TABLE customer_disclosures (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      customer_id INTEGER NOT NULL REFERENCES customers (id),
      recipient TEXT NOT NULL,
      recipient_kind TEXT NOT NULL CHECK (recipient_kind IN ('internal','third_party')),
      scope TEXT NOT NULL,
      purpose TEXT NOT NULL,
      method TEXT NOT NULL CHECK (method IN ('paper','electronic','viewing')),
      status TEXT NOT NULL CHECK (status IN ('requested','approved','refused','disclosed')),
      consent_id INTEGER REFERENCES customer_consents (id),
      requested_by TEXT NOT NULL,
      requested_at TEXT NOT NULL,
      decided_by TEXT,
      decided_at TEXT,
      decision_note TEXT NOT NULL DEFAULT '',
      disclosed_by TEXT,
      disclosed_at TEXT,
      version INTEGER NOT NULL DEFAULT 1
    )`,
    `CREATE INDEX customer_disclosures_customer ON customer_disclosures (customer_id, id)`,
    `CREATE INDEX customer_disclosures_open ON customer_disclosures (status) WHERE status = 'requested'`
  ],
  down: ['DROP TABLE customer_disclosures']
})
