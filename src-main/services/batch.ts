import type { BatchOutcome } from '@preload/contract'
import type { Db } from '../db/connection'
import { withinSavepoint } from '../db/savepoint'
import { AppFailure } from '../errors'

/**
 * Runs `work` for each record inside the caller's one write transaction: a refused record leaves nothing behind (its
 * audit entries included) and the others go on; any other fault (disk, database) still fails the whole batch, which
 * then commits nothing.
 */
export async function eachRecord(db: Db, ids: number[], work: (id: number) => Promise<void>): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { done: [], failed: [] }
  for (const id of [...new Set(ids)]) {
    try {
      await withinSavepoint(db, () => work(id))
      outcome.done.push(id)
    } catch (error) {
      if (!(error instanceof AppFailure)) throw error
      outcome.failed.push({ id, error: error.error })
    }
  }
  return outcome
}
