import type { MigrationInterface, QueryRunner } from 'typeorm'

/** Issue 20, S131–S135: requests to disclose customers' information, their approval and the disclosure made. */
export class CustomerDisclosures1765320000000 implements MigrationInterface {
  name = 'CustomerDisclosures1765320000000'

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE customer_disclosures (
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
    )`)
    await runner.query(`CREATE INDEX customer_disclosures_customer ON customer_disclosures (customer_id, id)`)
    await runner.query(
      `CREATE INDEX customer_disclosures_open ON customer_disclosures (status) WHERE status = 'requested'`
    )
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE customer_disclosures')
  }
}
