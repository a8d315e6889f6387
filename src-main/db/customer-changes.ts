import type { PendingCustomerChange } from '@preload/contract'
import { insertRow, updateRow, type Db } from './connection'
import { sql } from './sql'

/** A held change as stored, with its proposer's id for the four-eyes check (S50). */
export type PendingChangeRecord = Omit<PendingCustomerChange, 'mayDecide'> & { proposedById: number }

type StoredChange = Omit<PendingChangeRecord, 'changes'> & { changes: string }

const CHANGE_COLUMNS = sql`p.id, p.customer_id AS customerId, c.name AS customerName, p.changes, p.status,
  p.proposed_by AS proposedById, COALESCE(pu.display_name, '') AS proposedBy, p.proposed_at AS proposedAt,
  du.display_name AS decidedBy, p.decided_at AS decidedAt, p.note, p.version`

const FROM = sql`customer_pending_changes p JOIN customers c ON c.id = p.customer_id
  LEFT JOIN users pu ON pu.id = p.proposed_by LEFT JOIN users du ON du.id = p.decided_by`

const toRecord = (row: StoredChange): PendingChangeRecord => ({
  ...row,
  changes: JSON.parse(row.changes) as PendingChangeRecord['changes']
})

/** S50: one customer's held changes newest first, or every one still waiting, the oldest first. */
export async function pendingChanges(db: Db, customerId: number | undefined): Promise<PendingChangeRecord[]> {
  const where =
    customerId === undefined
      ? sql`p.status = 'pending' ORDER BY p.id`
      : sql`p.customer_id = ${customerId} ORDER BY p.id DESC`
  return (await db.query<StoredChange>(sql`SELECT ${CHANGE_COLUMNS} FROM ${FROM} WHERE ${where}`)).map(toRecord)
}

export async function findPendingChange(db: Db, id: number): Promise<PendingChangeRecord | undefined> {
  const [row] = await db.query<StoredChange>(sql`SELECT ${CHANGE_COLUMNS} FROM ${FROM} WHERE p.id = ${id}`)
  return row && toRecord(row)
}

export async function waitingChangeOf(db: Db, customerId: number): Promise<number | null> {
  const [row] = await db.query<{ id: number }>(
    sql`SELECT id FROM customer_pending_changes WHERE customer_id = ${customerId} AND status = 'pending'`
  )
  return row?.id ?? null
}

export const insertPendingChange = (
  db: Db,
  row: { customerId: number; changes: PendingChangeRecord['changes']; proposedBy: number; proposedAt: string }
): Promise<number> =>
  insertRow(db, 'customer_pending_changes', {
    ...row,
    changes: JSON.stringify(row.changes),
    status: 'pending',
    version: 1
  })

export const decidePendingChange = (
  db: Db,
  id: number,
  fields: { status: 'approved' | 'refused'; decidedBy: number; decidedAt: string; note: string; version: number }
): Promise<void> => updateRow(db, 'customer_pending_changes', id, fields)

/** S141, S147: an erased customer's waiting change goes, with the names it held; the entry says why. */
export async function withdrawPendingChanges(db: Db, customerId: number, at: string): Promise<void> {
  await db.query(
    sql`UPDATE customer_pending_changes SET status = 'refused', changes = '[]', decided_at = ${at},
          version = version + 1
        WHERE customer_id = ${customerId} AND status = 'pending'`
  )
}

/** Changes waiting for their confirmation, for the workbench. */
export async function waitingChangeCount(db: Db): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    sql`SELECT COUNT(*) AS n FROM customer_pending_changes WHERE status = 'pending'`
  )
  return row.n
}
