import crypto from 'node:crypto'
import type { Db } from '../db/connection'
import type { AuditAction, AuditEntity } from '../../src-preload/audit-vocabulary'
import { auditEntriesAfter, auditEntryInserter, insertAuditEntry, lastAuditHash, type AuditRecord } from '../db/audit'

/** Who made a change: the account, or none for the first administrator's setup, and the name the log keeps. */
export interface Actor {
  userId: number | null
  username: string
}

export interface AuditDraft {
  entity: AuditEntity
  entityId: string | number
  action: AuditAction
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

/** Recomputes the whole chain of a database; the first entry whose hash or link does not match is reported. */
export async function verifyChain(db: Db): Promise<{ checked: number; ok: boolean; firstBrokenId: number | null }> {
  const batch = 5000
  let prevHash = GENESIS_HASH
  let lastId = 0
  let checked = 0
  for (;;) {
    const rows = await auditEntriesAfter(db, lastId, batch)
    for (const row of rows) {
      if (row.prevHash !== prevHash || auditHash(row) !== row.hash) return { checked, ok: false, firstBrokenId: row.id }
      prevHash = row.hash
      lastId = row.id
      checked += 1
    }
    if (rows.length < batch) return { checked, ok: true, firstBrokenId: null }
  }
}
