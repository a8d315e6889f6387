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
    private source: DataSource,
    readonly clock: () => Date
  ) {}

  get dataSource(): DataSource {
    return this.source
  }

  get manager(): EntityManager {
    return this.source.manager
  }

  write<T>(actor: Actor, work: (ctx: WriteContext) => Promise<T>): Promise<T> {
    return this.exclusive(() =>
      this.source.transaction(async (manager) => {
        const now = this.clock()
        return work({ manager, now, audit: (entry) => appendAudit(manager, actor, now, entry) })
      })
    )
  }

  /** Runs work with no write in between, e.g. swapping the database file during a restore. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work)
    this.queue = result.catch(() => undefined)
    return result
  }

  /** A consistent copy of the live database through SQLite's online backup API, while the app keeps working. */
  async backupTo(file: string): Promise<void> {
    const driver = this.source.driver as unknown as { databaseConnection: import('better-sqlite3').Database }
    await driver.databaseConnection.backup(file)
  }

  /** After a restore: every service keeps its store, which now reads and writes the restored database. */
  replaceDataSource(next: DataSource): void {
    this.source = next
  }
}
