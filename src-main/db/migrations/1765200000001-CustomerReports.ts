import { sqlMigration } from './sql-migration'

/**
 * Issue 20 (custa): the periodic customer-archive reports. Each issued report keeps the figures as they stood when it
 * was prepared (S165), is released only once approved (S167–S168), and every copy handed out is logged (S168).
 */
export const CustomerReports1765200000001 = sqlMigration('CustomerReports1765200000001', {
  up: [
    `CREATE TABLE customer_reports (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      month TEXT NOT NULL UNIQUE,
      figures TEXT NOT NULL,
      prepared_by INTEGER NOT NULL REFERENCES users (id),
      prepared_at TEXT NOT NULL,
      approved_by INTEGER REFERENCES users (id),
      approved_at TEXT
    )`,
    `CREATE TABLE customer_report_distribution (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      report_id INTEGER NOT NULL REFERENCES customer_reports (id),
      recipient TEXT NOT NULL,
      department TEXT NOT NULL DEFAULT '',
      distributed_on TEXT NOT NULL,
      recorded_by INTEGER NOT NULL REFERENCES users (id),
      recorded_at TEXT NOT NULL
    )`,
    `CREATE INDEX customer_report_distribution_report ON customer_report_distribution (report_id)`
  ],
  down: ['DROP TABLE customer_report_distribution', 'DROP TABLE customer_reports']
})
