import { sqlMigration } from './sql-migration'

/** Issue 20, S50: important changes of a customer file, held until a second person confirms or refuses them. */
export const CustomerPendingChanges1765700000000 = sqlMigration('CustomerPendingChanges1765700000000', {
  up: [
    `CREATE TABLE customer_pending_changes (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      customer_id INTEGER NOT NULL REFERENCES customers (id),
      changes TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'refused')),
      proposed_by INTEGER NOT NULL,
      proposed_at TEXT NOT NULL,
      decided_by INTEGER,
      decided_at TEXT,
      note TEXT NOT NULL DEFAULT '',
      version INTEGER NOT NULL DEFAULT 1
    )`,
    // At most one change waits per customer, so a confirmation never lands on values another proposal changed.
    `CREATE UNIQUE INDEX customer_pending_changes_waiting ON customer_pending_changes (customer_id) WHERE status = 'pending'`
  ],
  down: ['DROP TABLE customer_pending_changes']
})
