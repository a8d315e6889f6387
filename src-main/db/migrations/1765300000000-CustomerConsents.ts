import { sqlMigration } from './sql-migration'

/** Issue 20, S107–S110: the consent register of a customer's personal information. */
export const CustomerConsents1765300000000 = sqlMigration('CustomerConsents1765300000000', {
  up: [
    `CREATE TABLE customer_consents (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      customer_id INTEGER NOT NULL REFERENCES customers (id),
      scope TEXT NOT NULL,
      purpose TEXT NOT NULL,
      notice_text TEXT NOT NULL,
      notice_version TEXT NOT NULL,
      consented_on TEXT NOT NULL,
      channel TEXT NOT NULL CHECK (channel IN ('written','electronic','oral')),
      refused_fields TEXT NOT NULL DEFAULT '[]',
      sharing_consent BOOLEAN NOT NULL DEFAULT 0,
      recorded_by TEXT NOT NULL,
      recorded_at TEXT NOT NULL
    )`,
    `CREATE INDEX customer_consents_customer ON customer_consents (customer_id, id)`
  ],
  down: ['DROP TABLE customer_consents']
})
