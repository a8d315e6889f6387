import { sqlMigration } from './sql-migration'

/** Issue 20, S137: suspected leaks of customer information, reported to the security officer. */
export const LeakReports1765340000000 = sqlMigration('LeakReports1765340000000', {
  up: [
    `CREATE TABLE customer_leak_reports (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      customer_id INTEGER REFERENCES customers (id),
      description TEXT NOT NULL,
      reported_by TEXT NOT NULL,
      reported_at TEXT NOT NULL
    )`,
    `CREATE INDEX customer_leak_reports_at ON customer_leak_reports (reported_at)`
  ],
  down: ['DROP TABLE customer_leak_reports']
})
