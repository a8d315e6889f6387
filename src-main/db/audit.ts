import type { Db } from './connection'
import { countUpTo } from './paging'
import { sql } from './sql'

export interface AuditRecord {
  id: number
  at: string
  userId: number | null
  username: string
  entity: string
  entityId: string
  action: string
  before: string | null
  after: string | null
  prevHash: string
  hash: string
}

/** What a listing shows of an entry: no user id and no hashes. */
export type AuditListRecord = Omit<AuditRecord, 'userId' | 'prevHash' | 'hash'>

/** The hash of the newest entry, which the next one chains to; none in an empty log. */
export async function lastAuditHash(db: Db): Promise<string | undefined> {
  const [last] = await db.query<{ hash: string }>(sql`SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1`)
  return last?.hash
}

/** The newest entry, which anchors the chain outside the database; none in an empty log. */
export async function lastAuditEntry(db: Db): Promise<{ lastId: number; at: string; hash: string } | undefined> {
  const [last] = await db.query<{ lastId: number; at: string; hash: string }>(
    sql`SELECT id AS lastId, at, hash FROM audit_log ORDER BY id DESC LIMIT 1`
  )
  return last
}

/** When the newest entry of one kind was written (e.g. the last restore), or null if there is none. */
export async function lastAuditTime(db: Db, entity: string, action: string): Promise<string | null> {
  const [last] = await db.query<{ at: string }>(
    sql`SELECT at FROM audit_log WHERE entity = ${entity} AND action = ${action} ORDER BY id DESC LIMIT 1`
  )
  return last?.at ?? null
}

/** The hash of one entry, or null if there is no entry of that id. */
export async function auditHashOf(db: Db, id: number): Promise<string | null> {
  const [entry] = await db.query<{ hash: string }>(sql`SELECT hash FROM audit_log WHERE id = ${id}`)
  return entry?.hash ?? null
}

export async function auditEntryCount(db: Db): Promise<number> {
  const [{ n }] = await db.query<{ n: number }>(sql`SELECT COUNT(*) AS n FROM audit_log`)
  return n
}

/** Whether the chain was keyed before: a key made now for such a log replaces one that was lost. */
export async function chainWasKeyed(db: Db): Promise<boolean> {
  const found = await db.query(sql`SELECT 1 FROM audit_log WHERE entity = 'audit' AND action = 'key' LIMIT 1`)
  return found.length > 0
}

export async function insertAuditEntry(db: Db, entry: Omit<AuditRecord, 'id'>): Promise<void> {
  await db.query(
    sql`INSERT INTO audit_log (at, user_id, username, entity, entity_id, action, before, after, prev_hash, hash)
     VALUES (${entry.at}, ${entry.userId}, ${entry.username}, ${entry.entity}, ${entry.entityId}, ${entry.action},
             ${entry.before}, ${entry.after}, ${entry.prevHash}, ${entry.hash})`
  )
}

/**
 * The same insert as one prepared statement run synchronously, for thousands of entries in one transaction (an
 * import), where awaiting each row would cost more than writing it.
 */
export function auditEntryInserter(db: Db): (entry: Omit<AuditRecord, 'id'>) => void {
  const insert = db.connection.prepare(
    `INSERT INTO audit_log (at, user_id, username, entity, entity_id, action, before, after, prev_hash, hash)
     VALUES (@at, @userId, @username, @entity, @entityId, @action, @before, @after, @prevHash, @hash)`
  )
  return (entry) => insert.run(entry)
}

/** Filters of the audit listing; times are UTC instants, `before` exclusive. */
export interface AuditConditions {
  username?: string
  entity?: string
  action?: string
  atOrAfter?: string
  before?: string
}

/**
 * Newest first, one page, with the number of entries that match counted up to `COUNT_LIMIT`. A filter of user, entity
 * or entity and action reads its own index (migration 1764960000000), which holds its entries in id order.
 */
export async function listAuditEntries(
  db: Db,
  filter: AuditConditions,
  page: { limit: number; offset: number }
): Promise<{ rows: AuditListRecord[]; total: number; totalCapped: boolean }> {
  const where = sql.where(
    [
      filter.username ? sql`username = ${filter.username}` : null,
      filter.entity ? sql`entity = ${filter.entity}` : null,
      filter.action ? sql`action = ${filter.action}` : null,
      filter.atOrAfter ? sql`at >= ${filter.atOrAfter}` : null,
      filter.before ? sql`at < ${filter.before}` : null
    ].filter((condition) => condition !== null)
  )
  const count = await countUpTo(db, sql`SELECT 1 FROM audit_log ${where}`)
  const rows = await db.query<AuditListRecord>(
    sql`SELECT id, at, username, entity, entity_id AS entityId, action, before, after FROM audit_log ${where}
       ORDER BY id DESC LIMIT ${page.limit} OFFSET ${page.offset}`
  )
  return { rows, ...count }
}

/** Whole entries after the given id, oldest first, for recomputing the chain in batches. */
export function auditEntriesAfter(db: Db, afterId: number, limit: number): Promise<AuditRecord[]> {
  return db.query<AuditRecord>(
    sql`SELECT id, at, user_id AS userId, username, entity, entity_id AS entityId, action, before, after,
                prev_hash AS prevHash, hash FROM audit_log WHERE id > ${afterId} ORDER BY id LIMIT ${limit}`
  )
}

/** The entries of one entity with one of the given actions, oldest first. */
export function auditEntriesOf(
  db: Db,
  entity: string,
  entityId: string,
  actions: string[]
): Promise<AuditListRecord[]> {
  return db.query<AuditListRecord>(
    sql`SELECT id, at, username, entity, entity_id AS entityId, action, before, after FROM audit_log
       WHERE entity = ${entity} AND entity_id = ${entityId} AND action IN ${actions} ORDER BY id`
  )
}
