import crypto from 'node:crypto'
import type { Db } from '../db/connection'
import type { AuditEntry, AuditVerification, Page } from '../../src-preload/contract'
import {
  auditEntriesAfter,
  auditEntriesOf,
  auditEntryInserter,
  insertAuditEntry,
  lastAuditHash,
  listAuditEntries,
  type AuditListRecord,
  type AuditRecord
} from '../db/audit'
import type { Actor, Store } from '../store'

export interface AuditDraft {
  entity: string
  entityId: string | number
  action: string
  before?: unknown
  after?: unknown
}

export const GENESIS_HASH = '0'.repeat(64)

type HashedFields = Omit<AuditRecord, 'id' | 'hash'>

/** The hash covers every stored column but its own id and hash, chained through the previous entry's hash. */
export function auditHash(entry: HashedFields): string {
  const canonical = JSON.stringify([
    entry.prevHash,
    entry.at,
    entry.userId,
    entry.username,
    entry.entity,
    entry.entityId,
    entry.action,
    entry.before,
    entry.after
  ])
  return crypto.createHash('sha256').update(canonical, 'utf8').digest('hex')
}

const serialise = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value))

function auditFields(actor: Actor, now: Date, draft: AuditDraft, prevHash: string): HashedFields {
  return {
    at: now.toISOString(),
    userId: actor.userId,
    username: actor.username,
    entity: draft.entity,
    entityId: String(draft.entityId),
    action: draft.action,
    before: serialise(draft.before),
    after: serialise(draft.after),
    prevHash
  }
}

/** R-SEC-1: appends one entry inside the caller's transaction. */
export async function appendAudit(db: Db, actor: Actor, now: Date, draft: AuditDraft): Promise<void> {
  const fields = auditFields(actor, now, draft, (await lastAuditHash(db)) ?? GENESIS_HASH)
  await insertAuditEntry(db, { ...fields, hash: auditHash(fields) })
}

/** Many entries at once (an import of thousands of rows): the chain is computed in memory, written by one statement. */
export async function appendAuditBatch(db: Db, actor: Actor, now: Date, drafts: AuditDraft[]): Promise<void> {
  const insert = auditEntryInserter(db)
  let prevHash = (await lastAuditHash(db)) ?? GENESIS_HASH
  for (const draft of drafts) {
    const fields = auditFields(actor, now, draft, prevHash)
    prevHash = auditHash(fields)
    insert({ ...fields, hash: prevHash })
  }
}

const parse = (value: string | null): unknown => (value === null ? null : JSON.parse(value))

export interface AuditFilter {
  page: number
  pageSize: number
  username?: string
  entity?: string
  action?: string
  from?: string
  to?: string
}

export class AuditService {
  constructor(private readonly store: Store) {}

  /** An event with no other change to record, such as signing out. */
  record(actor: Actor, draft: AuditDraft): Promise<void> {
    return this.store.write(actor, ({ audit }) => audit(draft))
  }

  async list(filter: AuditFilter): Promise<Page<AuditEntry>> {
    // Dates are days on this PC's clock, the one the archivist reads; stored times are UTC.
    const dayAfter = (day: string) => {
      const date = new Date(`${day}T00:00:00`)
      date.setDate(date.getDate() + 1)
      return date.toISOString()
    }
    const { rows, total } = await listAuditEntries(
      this.store.db,
      {
        username: filter.username,
        entity: filter.entity,
        action: filter.action,
        atOrAfter: filter.from ? new Date(`${filter.from}T00:00:00`).toISOString() : undefined,
        before: filter.to ? dayAfter(filter.to) : undefined
      },
      { limit: filter.pageSize, offset: (filter.page - 1) * filter.pageSize }
    )
    return {
      rows: rows.map((r) => ({ ...r, before: parse(r.before), after: parse(r.after) })),
      total,
      page: filter.page,
      pageSize: filter.pageSize
    }
  }

  /** Recomputes the whole chain; the first entry whose hash or link does not match is reported. */
  async verify(): Promise<AuditVerification> {
    const batch = 5000
    let prevHash = GENESIS_HASH
    let lastId = 0
    let checked = 0
    for (;;) {
      const rows = await auditEntriesAfter(this.store.db, lastId, batch)
      for (const row of rows) {
        if (row.prevHash !== prevHash || auditHash(row) !== row.hash) {
          return { checked, ok: false, firstBrokenId: row.id }
        }
        prevHash = row.hash
        lastId = row.id
        checked += 1
      }
      if (rows.length < batch) return { checked, ok: true, firstBrokenId: null }
    }
  }

  /** Audit entries of one entity, oldest first; the customer history is read from here. */
  forEntity(entity: string, entityId: string, actions: string[]): Promise<AuditListRecord[]> {
    return auditEntriesOf(this.store.db, entity, entityId, actions)
  }
}
