import type {
  AppraisalBatchRow,
  AppraisalEntry,
  BatchState,
  DestructionLine,
  DestructionRegister,
  RecordKind,
  RecordRef
} from '@preload/contract'
import { firstRow, insertRow, updateRow, type Db } from './connection'
import { sql, type SqlQuery } from './sql'

const RECORD_TABLE: Record<RecordKind, SqlQuery> = { item: sql`items`, volume: sql`volumes` }

const BATCH_COLUMNS = sql`b.id, b.title, b.state, cu.username AS createdBy, b.created_at AS createdAt, b.appraised_on AS appraisedOn,
  b.hold_until AS holdUntil, (SELECT COUNT(*) FROM appraisal_entries e WHERE e.batch_id = b.id) AS entries,
  (SELECT COUNT(*) FROM appraisal_entries e WHERE e.batch_id = b.id AND e.decision = 'destroy' AND COALESCE(e.verification, '') <> 'pulled') AS toDestroy`
const BATCH_FROM = sql`FROM appraisal_batches b JOIN users cu ON cu.id = b.created_by`

const ENTRY_COLUMNS = sql`e.id, e.subject, e.subject_id AS subjectId, e.expires_on AS expiresOn, e.decision, e.new_retention_code AS newRetentionCode,
  e.new_retention_years AS newRetentionYears, e.new_expires_on AS newExpiresOn, e.reason, du.username AS decidedBy, e.verification,
  e.verification_note AS verificationNote, vu.username AS verifiedBy`

const REGISTER_COLUMNS = sql`r.id, r.batch_id AS batchId, b.title AS batchTitle, r.place, r.destroyed_on AS destroyedOn, r.method, r.approved_by AS approvedBy,
  r.supervisors, r.count_confirmed AS countConfirmed, b.manager_name AS managerName, b.department_leader_name AS departmentLeaderName,
  cu.display_name AS handledBy, r.created_at AS createdAt, r.signed_on AS signedOn, su.username AS signedBy`
const REGISTER_FROM = sql`FROM destruction_registers r JOIN appraisal_batches b ON b.id = r.batch_id JOIN users cu ON cu.id = r.created_by
  LEFT JOIN users su ON su.id = r.signed_by`

export interface BatchRecord extends AppraisalBatchRow {
  managerName: string
  departmentLeaderName: string
  completedBy: string | null
  createdByName: string
  version: number
}

export interface EntryRecord {
  id: number
  subject: RecordKind
  subjectId: number
  expiresOn: string
  decision: AppraisalEntry['decision']
  newRetentionCode: string | null
  newRetentionYears: number | null
  newExpiresOn: string | null
  reason: string
  decidedBy: string | null
  verification: AppraisalEntry['verification']
  verificationNote: string
  verifiedBy: string | null
}

/** A register as stored: the supervisors' names are a JSON list, the lines are read separately. */
export type StoredRegister = Omit<DestructionRegister, 'supervisors' | 'lines'> & { supervisors: string }

const stateCondition = (states: BatchState[] | null) => sql.where(states ? [sql`b.state IN ${states}`] : [])

/** Batches in the given states, or all of them when `states` is null. */
export async function countBatches(db: Db, states: BatchState[] | null): Promise<number> {
  const [{ total }] = await db.query<{ total: number }>(
    sql`SELECT COUNT(*) AS total FROM appraisal_batches b ${stateCondition(states)}`
  )
  return total
}

/** One page of batches, newest first. */
export function batchesPage(
  db: Db,
  states: BatchState[] | null,
  page: number,
  pageSize: number
): Promise<AppraisalBatchRow[]> {
  return db.query(
    sql`SELECT ${BATCH_COLUMNS} ${BATCH_FROM} ${stateCondition(states)} ORDER BY b.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`
  )
}

export function batchById(db: Db, id: number): Promise<BatchRecord | undefined> {
  return firstRow<BatchRecord>(
    db,
    sql`SELECT ${BATCH_COLUMNS}, b.manager_name AS managerName, b.department_leader_name AS departmentLeaderName,
          mu.username AS completedBy, cu.display_name AS createdByName, b.version
        ${BATCH_FROM} LEFT JOIN users mu ON mu.id = b.completed_by WHERE b.id = ${id}`
  )
}

/** The batch's entries in the order they were listed. */
export function entriesOf(db: Db, batchId: number): Promise<EntryRecord[]> {
  return db.query(
    sql`SELECT ${ENTRY_COLUMNS} FROM appraisal_entries e LEFT JOIN users du ON du.id = e.decided_by LEFT JOIN users vu ON vu.id = e.verified_by
        WHERE e.batch_id = ${batchId} ORDER BY e.id`
  )
}

export function registerOfBatch(db: Db, batchId: number): Promise<StoredRegister | undefined> {
  return firstRow<StoredRegister>(db, sql`SELECT ${REGISTER_COLUMNS} ${REGISTER_FROM} WHERE r.batch_id = ${batchId}`)
}

export function registerById(db: Db, id: number): Promise<StoredRegister | undefined> {
  return firstRow<StoredRegister>(db, sql`SELECT ${REGISTER_COLUMNS} ${REGISTER_FROM} WHERE r.id = ${id}`)
}

export function registerLines(db: Db, registerId: number): Promise<DestructionLine[]> {
  return db.query(
    sql`SELECT line_no AS lineNo, subject, subject_id AS subjectId, archival_code AS archivalCode, document_number AS documentNumber,
          responsible_party AS responsibleParty, title, date_formed AS dateFormed, retention_name AS retentionName, years_kept AS yearsKept,
          destroyed_on AS destroyedOn FROM destruction_lines WHERE register_id = ${registerId} ORDER BY line_no`
  )
}

export async function hasSignedRegister(db: Db, batchId: number): Promise<boolean> {
  return (
    (await db.query(sql`SELECT id FROM destruction_registers WHERE batch_id = ${batchId} AND signed_at IS NOT NULL`))
      .length > 0
  )
}

export async function bumpBatchVersion(db: Db, batchId: number): Promise<void> {
  await db.query(sql`UPDATE appraisal_batches SET version = version + 1 WHERE id = ${batchId}`)
}

export async function insertBatch(db: Db, title: string, createdAt: string, createdBy: number | null): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    sql`INSERT INTO appraisal_batches (title, created_at, created_by) VALUES (${title}, ${createdAt}, ${createdBy}) RETURNING id`
  )
  return Number(row.id)
}

/** A record named twice in one listing is listed once. */
export async function insertEntry(db: Db, batchId: number, ref: RecordRef, expiresOn: string | null): Promise<void> {
  await db.query(
    sql`INSERT OR IGNORE INTO appraisal_entries (batch_id, subject, subject_id, expires_on) VALUES (${batchId}, ${ref.subject}, ${ref.id}, ${expiresOn})`
  )
}

export async function recordDecision(
  db: Db,
  entryId: number,
  decision: {
    decision: NonNullable<AppraisalEntry['decision']>
    newRetentionCode: string | null
    newRetentionYears: number | null
    newExpiresOn: string | null
    reason: string
    decidedAt: string
    decidedBy: number | null
  }
): Promise<void> {
  await updateRow(db, 'appraisal_entries', entryId, decision)
}

/** A record kept gets its new period. */
export async function setRetention(
  db: Db,
  ref: RecordRef,
  years: number | null,
  expiresOn: string | null,
  stamp: string
): Promise<void> {
  await db.query(
    sql`UPDATE ${RECORD_TABLE[ref.subject]} SET retention_years = ${years}, expires_on = ${expiresOn}, version = version + 1, updated_at = ${stamp}
        WHERE id = ${ref.id}`
  )
}

export async function setRecordCustody(
  db: Db,
  ref: RecordRef,
  custody: 'awaiting_destruction' | 'in_store',
  stamp: string
): Promise<void> {
  await db.query(
    sql`UPDATE ${RECORD_TABLE[ref.subject]} SET custody = ${custody}, version = version + 1, updated_at = ${stamp} WHERE id = ${ref.id}`
  )
}

export async function completeBatch(
  db: Db,
  batchId: number,
  completion: {
    state: BatchState
    managerName: string
    departmentLeaderName: string
    appraisedOn: string
    holdUntil: string
    disposalPolicyVersion: number
    completedAt: string
    completedBy: number | null
  }
): Promise<void> {
  await updateRow(db, 'appraisal_batches', batchId, completion)
}

export async function recordVerification(
  db: Db,
  entryId: number,
  verification: { verification: 'confirmed' | 'pulled'; note: string; verifiedAt: string; verifiedBy: number | null }
): Promise<void> {
  await db.query(
    sql`UPDATE appraisal_entries SET verification = ${verification.verification}, verification_note = ${verification.note},
          verified_at = ${verification.verifiedAt}, verified_by = ${verification.verifiedBy} WHERE id = ${entryId}`
  )
}

/** Of the entries to be destroyed: how many wait for verification, how many were confirmed. */
export async function verificationTally(db: Db, batchId: number): Promise<{ open: number; confirmed: number }> {
  const [{ open, confirmed }] = await db.query(
    sql`SELECT SUM(verification IS NULL) AS open, SUM(verification = 'confirmed') AS confirmed FROM appraisal_entries
        WHERE batch_id = ${batchId} AND decision = 'destroy'`
  )
  return { open: Number(open), confirmed: Number(confirmed) }
}

export async function setBatchState(db: Db, batchId: number, state: BatchState): Promise<void> {
  await db.query(sql`UPDATE appraisal_batches SET state = ${state} WHERE id = ${batchId}`)
}

export async function unverifiedCount(db: Db, batchId: number): Promise<number> {
  const [{ open }] = await db.query<{ open: number }>(
    sql`SELECT COUNT(*) AS open FROM appraisal_entries WHERE batch_id = ${batchId} AND decision = 'destroy' AND verification IS NULL`
  )
  return Number(open)
}

/** Everyone who handled the batch (listed, completed, decided, verified it), and the person acting now. */
export function batchHandlers(
  db: Db,
  batchId: number,
  actorId: number | null
): Promise<{ username: string; displayName: string }[]> {
  return db.query(
    sql`SELECT username, display_name AS displayName FROM users WHERE id IN (
          SELECT created_by FROM appraisal_batches WHERE id = ${batchId} UNION SELECT completed_by FROM appraisal_batches WHERE id = ${batchId}
          UNION SELECT decided_by FROM appraisal_entries WHERE batch_id = ${batchId} UNION SELECT verified_by FROM appraisal_entries WHERE batch_id = ${batchId}
          UNION SELECT ${actorId})`
  )
}

/** The registers drawn up for the batch, all unsigned when asked before signing. */
export async function registerIdsOfBatch(db: Db, batchId: number): Promise<number[]> {
  const rows = await db.query<{ id: number }>(sql`SELECT id FROM destruction_registers WHERE batch_id = ${batchId}`)
  return rows.map((row) => row.id)
}

export async function deleteRegister(db: Db, registerId: number): Promise<void> {
  await db.query(sql`DELETE FROM destruction_lines WHERE register_id = ${registerId}`)
  await db.query(sql`DELETE FROM destruction_registers WHERE id = ${registerId}`)
}

export async function insertRegister(
  db: Db,
  register: {
    batchId: number
    place: string
    destroyedOn: string
    method: string
    approvedBy: string
    supervisors: string
    countConfirmed: number
    disposalPolicyVersion: number
    createdAt: string
    createdBy: number | null
  }
): Promise<number> {
  return insertRow(db, 'destruction_registers', register)
}

export async function insertRegisterLine(
  db: Db,
  line: DestructionLine & { registerId: number; entryId: number }
): Promise<void> {
  await db.query(
    sql`INSERT INTO destruction_lines (register_id, line_no, entry_id, subject, subject_id, archival_code, document_number, responsible_party,
          title, date_formed, retention_name, years_kept, destroyed_on)
        VALUES (${line.registerId}, ${line.lineNo}, ${line.entryId}, ${line.subject}, ${line.subjectId}, ${line.archivalCode}, ${line.documentNumber},
          ${line.responsibleParty}, ${line.title}, ${line.dateFormed}, ${line.retentionName}, ${line.yearsKept}, ${line.destroyedOn})`
  )
}

/** Which record each line of the register stands for. */
export function lineSubjects(
  db: Db,
  registerId: number
): Promise<{ id: number; subject: RecordKind; subjectId: number }[]> {
  return db.query(
    sql`SELECT id, subject, subject_id AS subjectId FROM destruction_lines WHERE register_id = ${registerId}`
  )
}

export async function markDestroyed(db: Db, ref: RecordRef, lineId: number, stamp: string): Promise<void> {
  await db.query(
    sql`UPDATE ${RECORD_TABLE[ref.subject]} SET custody = 'destroyed', register_line_id = ${lineId}, version = version + 1, updated_at = ${stamp}
        WHERE id = ${ref.id}`
  )
}

export async function markVolumeItemsDestroyed(db: Db, volumeId: number, lineId: number, stamp: string): Promise<void> {
  await db.query(
    sql`UPDATE items SET custody = 'destroyed', register_line_id = ${lineId}, version = version + 1, updated_at = ${stamp} WHERE volume_id = ${volumeId}`
  )
}

export async function signRegister(
  db: Db,
  registerId: number,
  signedOn: string,
  signedAt: string,
  signedBy: number | null
): Promise<void> {
  await db.query(
    sql`UPDATE destruction_registers SET signed_on = ${signedOn}, signed_at = ${signedAt}, signed_by = ${signedBy} WHERE id = ${registerId}`
  )
}

export async function countSignedRegisters(db: Db): Promise<number> {
  const [{ total }] = await db.query<{ total: number }>(
    sql`SELECT COUNT(*) AS total FROM destruction_registers WHERE signed_at IS NOT NULL`
  )
  return total
}

/** One page of the signed registers, the latest signed first. */
export async function signedRegisterIdsPage(db: Db, page: number, pageSize: number): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    sql`SELECT id FROM destruction_registers WHERE signed_at IS NOT NULL ORDER BY signed_at DESC, id DESC
        LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`
  )
  return rows.map((row) => row.id)
}
