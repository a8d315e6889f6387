import crypto from 'node:crypto'
import type { AuditAction, AuditEntity } from '@preload/audit-vocabulary'
import type { AuditVerification } from '@preload/contract'
import type { AuditKey, Db } from '../db/connection'
import { auditEntriesAfter, auditEntryInserter, insertAuditEntry, lastAuditHash, type AuditRecord } from '../db/audit'
import { AppFailure } from '../errors'

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

/**
 * The hash covers every stored column but its own id and hash, chained through the previous entry's hash: an HMAC
 * under the installation's audit key, so that nobody holding only the database file can rewrite, re-hash or append
 * entries; without a key, the plain SHA-256 of entries written before the chain was keyed.
 */
export function auditHash(entry: HashedFields, key: Buffer | null): string {
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
  const digest = key ? crypto.createHmac('sha256', key) : crypto.createHash('sha256')
  return digest.update(canonical, 'utf8').digest('hex')
}

/** A point of the chain recorded outside the database: the head file, a backup's manifest, a printed seal. */
export type ChainAnchor = NonNullable<AuditVerification['anchor']>
type ChainCheck = AuditVerification

const LONE_SURROGATE = /[\uD800-\uDFFF]/u

/**
 * The dispatcher refuses such texts from outside; this refuses any that come from elsewhere (a file name, a
 * manifest), since SQLite would store another text than the one hashed and the entry would never verify again.
 */
function refuseMalformedText(fields: HashedFields): void {
  const texts = [fields.username, fields.entity, fields.entityId, fields.action, fields.before, fields.after]
  if (texts.some((text) => text !== null && LONE_SURROGATE.test(text)))
    throw new AppFailure('VALIDATION', 'errors.validation', {
      details: [{ path: '', message: 'validation.invalidText' }]
    })
}

function keyOf(db: Db): Buffer {
  if (!db.auditKey) throw new Error('this connection has no audit key: audit entries are written through the Store')
  return db.auditKey.key
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
  refuseMalformedText(fields)
  await insertAuditEntry(db, { ...fields, hash: auditHash(fields, keyOf(db)) })
}

/** Many entries at once (an import of thousands of rows): the chain is computed in memory, written by one statement. */
export async function appendAuditBatch(db: Db, actor: Actor, now: Date, drafts: AuditDraft[]): Promise<void> {
  const insert = auditEntryInserter(db)
  const key = keyOf(db)
  let prevHash = (await lastAuditHash(db)) ?? GENESIS_HASH
  for (const draft of drafts) {
    const fields = auditFields(actor, now, draft, prevHash)
    refuseMalformedText(fields)
    prevHash = auditHash(fields, key)
    insert({ ...fields, hash: prevHash })
  }
}

/**
 * Recomputes the whole chain of a database; the first entry whose hash or link does not match is reported. Entries
 * from the key's `keyedFrom` on must be HMACs under it; earlier ones may also be plain SHA-256 (written before the
 * chain was keyed, and pinned by the first keyed entry, whose HMAC covers the hash it links to). Without a key only
 * plain entries verify. Then each anchor must be found: its entry present, with the hash it recorded.
 */
export async function verifyChain(
  db: Db,
  auditKey: AuditKey | null,
  anchors: readonly ChainAnchor[] = []
): Promise<ChainCheck> {
  const batch = 5000
  let prevHash = GENESIS_HASH
  let lastId = 0
  let checked = 0
  const broken = (id: number, problem: ChainCheck['problem'], anchor: ChainAnchor | null = null): ChainCheck => ({
    checked,
    ok: false,
    firstBrokenId: id,
    problem,
    anchor
  })
  /** For each anchor, the newest entry seen up to its id: whether its own entry is there, and where a gap starts. */
  const reached = anchors.map(() => 0)
  for (;;) {
    const rows = await auditEntriesAfter(db, lastId, batch)
    for (const row of rows) {
      const keyed = auditKey !== null && auditHash(row, auditKey.key) === row.hash
      const plain = (auditKey === null || row.id < auditKey.keyedFrom) && auditHash(row, null) === row.hash
      if (row.prevHash !== prevHash || !(keyed || plain)) return broken(row.id, 'audit.problems.entry')
      const rewritten = anchors.find((anchor) => anchor.lastId === row.id && anchor.hash !== row.hash)
      if (rewritten) return broken(row.id, 'audit.problems.rewritten', rewritten)
      anchors.forEach((anchor, i) => {
        if (row.id <= anchor.lastId) reached[i] = row.id
      })
      prevHash = row.hash
      lastId = row.id
      checked += 1
    }
    if (rows.length < batch) break
  }
  // An anchor whose entry is gone: entries were cut off there, even if new ones were written after (their ids go on).
  const cut = anchors.findIndex((anchor, i) => reached[i] !== anchor.lastId)
  if (cut >= 0) return broken(reached[cut] + 1, 'audit.problems.truncated', anchors[cut])
  return { checked, ok: true, firstBrokenId: null, problem: null, anchor: null }
}
