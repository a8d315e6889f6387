import type { DataSource, EntityManager } from 'typeorm'
import { appendAudit, type AuditDraft } from './services/audit'

export interface Actor {
  userId: number | null
  username: string
}

export interface WriteContext {
  manager: EntityManager
  now: Date
  audit(entry: AuditDraft): Promise<void>
}

/**
 * The one way to change data: writes run one at a time, each in a transaction that also appends its audit
 * entries, so a change and its record of who made it commit or roll back together (R-SEC-1).
 */
export class Store {
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    readonly dataSource: DataSource,
    readonly clock: () => Date
  ) {}

  get manager(): EntityManager {
    return this.dataSource.manager
  }

  write<T>(actor: Actor, work: (ctx: WriteContext) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> =>
      this.dataSource.transaction(async (manager) => {
        const now = this.clock()
        return work({ manager, now, audit: (entry) => appendAudit(manager, actor, now, entry) })
      })
    const result = this.queue.then(run, run)
    this.queue = result.catch(() => undefined)
    return result
  }
}
