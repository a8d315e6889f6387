import type { ElectronicFile, FileRole, FileType } from '../../src-preload/contract'
import type { ViewingGrant } from '../policy/electronic'
import type { Db } from './connection'
import { sql } from './sql'

const FILE_COLUMNS = sql`f.id, f.item_id AS itemId, f.role, f.sha256, f.size, f.type, f.pages, f.original_name AS originalName,
  f.version, f.attached_at AS attachedAt, COALESCE(u.username, 'system') AS attachedBy`
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
  }
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    sql`INSERT INTO electronic_files (item_id, role, sha256, size, type, pages, original_name, attached_at, attached_by)
     VALUES (${file.itemId}, ${file.role}, ${file.sha256}, ${file.size}, ${file.type}, ${file.pages}, ${file.originalName},
             ${file.attachedAt}, ${file.attachedBy}) RETURNING id`
  )
  return Number(row.id)
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
