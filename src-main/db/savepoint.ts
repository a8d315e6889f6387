import type { Db } from './connection'
import { sql } from './sql'

/**
 * Runs `work` inside the current transaction behind a savepoint: when it throws, what it wrote is undone and the
 * error passes on, while the transaction and what came before stay.
 */
export async function withinSavepoint(db: Db, work: () => Promise<void>): Promise<void> {
  await db.query(sql`SAVEPOINT batch_record`)
  try {
    await work()
  } catch (error) {
    await db.query(sql`ROLLBACK TO batch_record`)
    throw error
  } finally {
    await db.query(sql`RELEASE batch_record`)
  }
}
