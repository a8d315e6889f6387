import crypto from 'node:crypto'
import type { Db } from '../db/connection'
import type { AuditEntry, AuditVerification, Page } from '../../src-preload/contract'
import type { AuditRecord } from '../db/records'
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
  const last: { hash: string }[] = await db.query('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1')
  const fields = auditFields(actor, now, draft, last[0]?.hash ?? GENESIS_HASH)
  await db.query(
    `INSERT INTO audit_log (at, user_id, username, entity, entity_id, action, before, after, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [fields.at, fields.userId, fields.username, fields.entity, fields.entityId, fields.action, fields.before, fields.after, fields.prevHash, auditHash(fields)]
  )
}

/** Many entries at once (an import of thousands of rows): the chain is computed in memory, written by one statement. */
export async function appendAuditBatch(db: Db, actor: Actor, now: Date, drafts: AuditDraft[]): Promise<void> {
  const connection = db.connection
  const last = connection.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined
  const insert = connection.prepare(
    `INSERT INTO audit_log (at, user_id, username, entity, entity_id, action, before, after, prev_hash, hash)
     VALUES (@at, @userId, @username, @entity, @entityId, @action, @before, @after, @prevHash, @hash)`
  )
  let prevHash = last?.hash ?? GENESIS_HASH
  for (const draft of drafts) {
    const fields = auditFields(actor, now, draft, prevHash)
    prevHash = auditHash(fields)
    insert.run({ ...fields, hash: prevHash })
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
    const where: string[] = []
    const params: unknown[] = []
    if (filter.username) {
      where.push('username = ?')
      params.push(filter.username)
    }
    if (filter.entity) {
      where.push('entity = ?')
      params.push(filter.entity)
    }
    if (filter.action) {
      where.push('action = ?')
      params.push(filter.action)
    }
    // Dates are days on this PC's clock, the one the archivist reads; stored times are UTC.
    if (filter.from) {
      where.push('at >= ?')
      params.push(new Date(`${filter.from}T00:00:00`).toISOString())
    }
    if (filter.to) {
      const dayAfter = new Date(`${filter.to}T00:00:00`)
      dayAfter.setDate(dayAfter.getDate() + 1)
      where.push('at < ?')
      params.push(dayAfter.toISOString())
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
    const [{ total }] = await this.store.db.query(`SELECT COUNT(*) AS total FROM audit_log ${clause}`, params)
    const rows: AuditRecord[] = await this.store.db.query(
      `SELECT id, at, username, entity, entity_id AS entityId, action, before, after FROM audit_log ${clause}
       ORDER BY id DESC LIMIT ? OFFSET ?`,
      [...params, filter.pageSize, (filter.page - 1) * filter.pageSize]
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
      const rows: AuditRecord[] = await this.store.db.query(
        `SELECT id, at, user_id AS userId, username, entity, entity_id AS entityId, action, before, after,
                prev_hash AS prevHash, hash FROM audit_log WHERE id > ? ORDER BY id LIMIT ?`,
        [lastId, batch]
      )
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
  async forEntity(entity: string, entityId: string, actions: string[]): Promise<AuditRecord[]> {
    return this.store.db.query(
      `SELECT id, at, username, entity, entity_id AS entityId, action, before, after FROM audit_log
       WHERE entity = ? AND entity_id = ? AND action IN (${actions.map(() => '?').join(',')}) ORDER BY id`,
      [entity, entityId, ...actions]
    )
  }
}
