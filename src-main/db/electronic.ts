import type { ElectronicFile, FileRole, FileType, FixityOutcome, FixityRun, LedgerEntry } from '@preload/contract'
import type { ViewingGrant } from '../policy/electronic'
import { insertRow, type Db } from './connection'
import { sql } from './sql'

const FILE_COLUMNS = sql`f.id, f.item_id AS itemId, f.role, f.sha256, f.size, f.type, f.pages, f.original_name AS originalName,
  f.version, f.replaces_id AS replacesId,
  (SELECT n.id FROM electronic_files n WHERE n.replaces_id = f.id) AS supersededBy,
  f.attached_at AS attachedAt, COALESCE(u.display_name, 'system') AS attachedBy`
const FILE_FROM = sql`FROM electronic_files f LEFT JOIN users u ON u.id = f.attached_by`

export async function insertElectronicFile(
  db: Db,
  file: {
    itemId: number
    role: FileRole
    sha256: string
    size: number
    type: FileType
    pages: number | null
    originalName: string
    attachedAt: string
    attachedBy: number | null
    /** R-ELEC-4: a new version of a stored file; a first attachment is version 1 and replaces nothing. */
    version?: number
    replacesId?: number | null
  }
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    sql`INSERT INTO electronic_files (item_id, role, sha256, size, type, pages, original_name, version, replaces_id,
       attached_at, attached_by)
     VALUES (${file.itemId}, ${file.role}, ${file.sha256}, ${file.size}, ${file.type}, ${file.pages}, ${file.originalName},
             ${file.version ?? 1}, ${file.replacesId ?? null}, ${file.attachedAt}, ${file.attachedBy}) RETURNING id`
  )
  return Number(row.id)
}

export async function insertLedgerEntry(
  db: Db,
  entry: {
    itemId: number
    oldFileId: number
    newFileId: number
    oldSha256: string
    newSha256: string
    reason: string
    changedAt: string
    changedBy: number | null
  }
): Promise<number> {
  return insertRow(db, 'electronic_file_changes', entry)
}

/** R-ELEC-4: an item's 修改台帐, oldest change first. */
export function itemLedger(db: Db, itemId: number): Promise<LedgerEntry[]> {
  return db.query<LedgerEntry>(
    sql`SELECT c.id, c.old_file_id AS oldFileId, c.new_file_id AS newFileId, o.original_name AS oldName,
       n.original_name AS newName, o.version AS oldVersion, n.version AS newVersion, c.old_sha256 AS oldSha256,
       c.new_sha256 AS newSha256, c.reason, c.changed_at AS changedAt, COALESCE(u.display_name, 'system') AS changedBy
     FROM electronic_file_changes c
     JOIN electronic_files o ON o.id = c.old_file_id JOIN electronic_files n ON n.id = c.new_file_id
     LEFT JOIN users u ON u.id = c.changed_by
     WHERE c.item_id = ${itemId} ORDER BY c.id`
  )
}

export async function findElectronicFile(db: Db, id: number): Promise<ElectronicFile | undefined> {
  const [row] = await db.query<ElectronicFile>(sql`SELECT ${FILE_COLUMNS} ${FILE_FROM} WHERE f.id = ${id}`)
  return row
}

/** An item's live files, in the order they were attached. */
export async function itemElectronicFiles(db: Db, itemId: number): Promise<ElectronicFile[]> {
  return db.query<ElectronicFile>(
    sql`SELECT ${FILE_COLUMNS} ${FILE_FROM} WHERE f.item_id = ${itemId} AND f.removed_at IS NULL ORDER BY f.id`
  )
}

/** The item's live file with this content, if it has one: attaching it again registers nothing. */
export async function liveFileWithContent(db: Db, itemId: number, sha256: string): Promise<number | undefined> {
  const [row] = await db.query<{ id: number }>(
    sql`SELECT id FROM electronic_files WHERE item_id = ${itemId} AND sha256 = ${sha256} AND removed_at IS NULL LIMIT 1`
  )
  return row?.id
}

/** Whether a row not destroyed still names this content: its blob stays while one does. */
export async function contentReferenced(db: Db, sha256: string): Promise<boolean> {
  const [row] = await db.query<{ found: number }>(
    sql`SELECT 1 AS found FROM electronic_files WHERE sha256 = ${sha256} AND removed_at IS NULL LIMIT 1`
  )
  return row !== undefined
}

/** Items (not destroyed) by archival code, for matching scanned files named by code. */
export function itemsByArchivalCode(
  db: Db,
  codes: string[]
): Promise<{ id: number; archivalCode: string; title: string }[]> {
  if (codes.length === 0) return Promise.resolve([])
  return db.query(
    sql`SELECT id, archival_code AS archivalCode, title FROM items
     WHERE archival_code IN ${codes} AND custody != 'destroyed'`
  )
}

/** The live files of these items with their records' codes and titles, for the 归档电子文件登记表. */
export function registerRows(
  db: Db,
  itemIds: number[]
): Promise<(ElectronicFile & { archivalCode: string | null; title: string })[]> {
  return db.query(
    sql`SELECT ${FILE_COLUMNS}, i.archival_code AS archivalCode, i.title ${FILE_FROM} JOIN items i ON i.id = f.item_id
     WHERE f.item_id IN ${itemIds} AND f.removed_at IS NULL ORDER BY i.archival_code, f.item_id, f.id`
  )
}

/** The viewer's own consultations and loans that name this item or its volume, for R-ELEC-8. */
export function viewingGrants(
  db: Db,
  userId: number,
  itemId: number,
  volumeId: number | null
): Promise<ViewingGrant[]> {
  return db.query<ViewingGrant>(
    sql`SELECT r.id AS requestId, r.status, r.start_on AS startOn, r.due_on AS dueOn
     FROM use_request_records rr JOIN use_requests r ON r.id = rr.request_id
     WHERE r.applicant_user_id = ${userId} AND r.kind IN ('consultation', 'loan')
       AND ((rr.subject = 'item' AND rr.subject_id = ${itemId}) OR (rr.subject = 'volume' AND rr.subject_id = ${volumeId}))`
  )
}

export async function insertFixityRun(
  db: Db,
  run: { scope: FixityRun['scope']; sample: number | null; startedAt: string; startedBy: number | null }
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    sql`INSERT INTO fixity_runs (scope, started_at, started_by) VALUES (${run.scope}, ${run.startedAt}, ${run.startedBy}) RETURNING id`
  )
  const id = Number(row.id)
  const order = run.sample === null ? sql`f.id` : sql`random()`
  await db.query(
    sql`INSERT INTO fixity_results (run_id, file_id)
     SELECT ${id}, f.id FROM electronic_files f WHERE f.removed_at IS NULL ORDER BY ${order} LIMIT ${run.sample ?? -1}`
  )
  return id
}

export async function findFixityRun(db: Db, id: number): Promise<FixityRun | undefined> {
  const [row] = await db.query<FixityRun>(
    sql`SELECT r.id, r.scope, r.started_at AS startedAt, COALESCE(u.display_name, 'system') AS startedBy, r.finished_at AS finishedAt,
       COUNT(x.file_id) AS total, COUNT(x.outcome) AS checked,
       SUM(x.outcome = 'mismatch') AS mismatched, SUM(x.outcome = 'missing') AS missing
     FROM fixity_runs r LEFT JOIN users u ON u.id = r.started_by LEFT JOIN fixity_results x ON x.run_id = r.id
     WHERE r.id = ${id} GROUP BY r.id`
  )
  return row && { ...row, mismatched: row.mismatched ?? 0, missing: row.missing ?? 0 }
}

export async function latestFixityRunId(db: Db): Promise<number | undefined> {
  const [row] = await db.query<{ id: number }>(sql`SELECT id FROM fixity_runs ORDER BY id DESC LIMIT 1`)
  return row?.id
}

export async function unfinishedFixityRuns(db: Db): Promise<number[]> {
  const rows = await db.query<{ id: number }>(sql`SELECT id FROM fixity_runs WHERE finished_at IS NULL ORDER BY id`)
  return rows.map((row) => row.id)
}

/** The next files a run has still to read, with what they should hold. */
export function pendingFixityFiles(
  db: Db,
  runId: number,
  limit: number
): Promise<{ fileId: number; itemId: number; sha256: string; originalName: string }[]> {
  return db.query(
    sql`SELECT f.id AS fileId, f.item_id AS itemId, f.sha256, f.original_name AS originalName
     FROM fixity_results x JOIN electronic_files f ON f.id = x.file_id
     WHERE x.run_id = ${runId} AND x.outcome IS NULL ORDER BY x.file_id LIMIT ${limit}`
  )
}

/** Who started a run: a run carried on after a restart reads and opens its incidents in that person's name. */
export async function fixityRunStarter(
  db: Db,
  runId: number
): Promise<{ userId: number; username: string } | undefined> {
  const [row] = await db.query<{ userId: number; username: string }>(
    sql`SELECT u.id AS userId, u.username FROM fixity_runs r JOIN users u ON u.id = r.started_by WHERE r.id = ${runId}`
  )
  return row
}

/**
 * R-ELEC-7: a file a run listed but a destruction has removed since leaves the run unread, as the run would not have
 * listed it had it started after; the destruction took its bytes lawfully, so it is neither missing nor checked.
 * Whether it left, so the check opens no incident for it.
 */
export async function withdrawRemovedFromFixityRun(db: Db, runId: number, fileId: number): Promise<boolean> {
  const removed = await db.query<{ id: number }>(
    sql`SELECT id FROM electronic_files WHERE id = ${fileId} AND removed_at IS NOT NULL`
  )
  if (removed.length === 0) return false
  await db.query(sql`DELETE FROM fixity_results WHERE run_id = ${runId} AND file_id = ${fileId} AND outcome IS NULL`)
  return true
}

export async function recordFixityOutcome(
  db: Db,
  result: {
    runId: number
    fileId: number
    outcome: FixityOutcome
    /** The checksum read back; null when the file was not there to read. */
    actual: string | null
    checkedAt: string
    incidentId: number | null
  }
): Promise<void> {
  await db.query(
    sql`UPDATE fixity_results SET outcome = ${result.outcome}, actual_sha256 = ${result.actual}, checked_at = ${result.checkedAt},
       incident_id = ${result.incidentId}
     WHERE run_id = ${result.runId} AND file_id = ${result.fileId}`
  )
}

export async function finishFixityRun(db: Db, id: number, finishedAt: string): Promise<void> {
  await db.query(sql`UPDATE fixity_runs SET finished_at = ${finishedAt} WHERE id = ${id}`)
}

/** R-ELEC-3: when the last check of all files finished (ISO), if one ever did. */
export async function lastFullFixityFinishedAt(db: Db): Promise<string | null> {
  const [row] = await db.query<{ finishedAt: string | null }>(
    sql`SELECT MAX(finished_at) AS finishedAt FROM fixity_runs WHERE scope = 'all' AND finished_at IS NOT NULL`
  )
  return row?.finishedAt ?? null
}

/** Whether any file not destroyed is stored: with none, no check is due. */
export async function anyStoredFile(db: Db): Promise<boolean> {
  const [row] = await db.query<{ found: number }>(
    sql`SELECT 1 AS found FROM electronic_files WHERE removed_at IS NULL LIMIT 1`
  )
  return row !== undefined
}

/** A file a fixity run found changed or missing, with its record, for the printed report. */
export interface FixityProblem {
  fileId: number
  outcome: 'mismatch' | 'missing'
  originalName: string
  version: number
  expected: string
  actual: string | null
  archivalCode: string | null
  title: string
}

/** R-ELEC-3: what a run found wrong, in the order of the records' codes. */
export function fixityProblems(db: Db, runId: number): Promise<FixityProblem[]> {
  return db.query<FixityProblem>(
    sql`SELECT f.id AS fileId, x.outcome, f.original_name AS originalName, f.version, f.sha256 AS expected,
       x.actual_sha256 AS actual, i.archival_code AS archivalCode, i.title
     FROM fixity_results x JOIN electronic_files f ON f.id = x.file_id JOIN items i ON i.id = f.item_id
     WHERE x.run_id = ${runId} AND x.outcome IN ('mismatch', 'missing') ORDER BY i.archival_code, f.item_id, f.id`
  )
}
