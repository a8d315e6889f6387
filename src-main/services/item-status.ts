import type { Db } from '../db/connection'
import { itemStatusFacts, setItemStatus } from '../db/items'
import { itemStatus } from '../policy/filing'
import type { WriteContext } from '../store'

/**
 * R-FILE-10: after an item gains its code or a new home, its status follows (a coded item boxed on its own is filed,
 * DA/T 22); a change is audited with the rest of the write.
 */
export async function settleItemStatus(db: Db, audit: WriteContext['audit'], ids: number[]): Promise<void> {
  if (ids.length === 0) return
  for (const facts of await itemStatusFacts(db, ids)) {
    const status = itemStatus(facts)
    if (status === facts.status) continue
    await setItemStatus(db, facts.id, status)
    await audit({
      entity: 'item',
      entityId: facts.id,
      action: 'file_status',
      before: { status: facts.status },
      after: { status }
    })
  }
}
