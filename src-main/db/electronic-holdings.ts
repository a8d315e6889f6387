import type { Db } from './connection'
import { sql } from './sql'

/** One stored content as a backup lists it: its address and its length. */
export interface Content {
  sha256: string
  size: number
}

/** R-ELEC-5: every content a live file names, once each, in address order: what a backup must carry. */
export function liveContents(db: Db): Promise<Content[]> {
  return db.query<Content>(
    sql`SELECT sha256, MAX(size) AS size FROM electronic_files WHERE removed_at IS NULL GROUP BY sha256 ORDER BY sha256`
  )
}

/** A file that holds each of these contents (the first attached), with its item's code: how a problem names it. */
export async function contentNames(
  db: Db,
  hashes: string[]
): Promise<Map<string, { name: string; archivalCode: string | null }>> {
  const names = new Map<string, { name: string; archivalCode: string | null }>()
  // Bound parameters are limited per statement.
  for (let at = 0; at < hashes.length; at += 500) {
    const rows = await db.query<{ sha256: string; name: string; archivalCode: string | null }>(
      sql`SELECT f.sha256, f.original_name AS name, i.archival_code AS archivalCode
          FROM electronic_files f JOIN items i ON i.id = f.item_id
          WHERE f.sha256 IN ${hashes.slice(at, at + 500)} ORDER BY f.id`
    )
    for (const row of rows) if (!names.has(row.sha256)) names.set(row.sha256, row)
  }
  return names
}

/** A file as the destruction register lists it. */
export interface DestroyedFile {
  fileId: number
  itemId: number
  archivalCode: string
  originalName: string
  sha256: string
  size: number
  carrierDestroyed: boolean
}

/**
 * R-ELEC-7: the live files of the items a register's lines destroy (an item's own line, or its volume's), with the
 * items' classification: what an unsigned register will delete, and what signing it deletes.
 */
export function liveFilesOfRegister(
  db: Db,
  registerId: number
): Promise<
  {
    fileId: number
    lineId: number
    itemId: number
    archivalCode: string | null
    classification: string
    originalName: string
    sha256: string
    size: number
  }[]
> {
  return db.query(
    sql`SELECT f.id AS fileId, l.id AS lineId, i.id AS itemId, i.archival_code AS archivalCode, i.classification,
          f.original_name AS originalName, f.sha256, f.size
        FROM destruction_lines l
        JOIN items i ON (l.subject = 'item' AND i.id = l.subject_id) OR (l.subject = 'volume' AND i.volume_id = l.subject_id)
        JOIN electronic_files f ON f.item_id = i.id AND f.removed_at IS NULL
        WHERE l.register_id = ${registerId} ORDER BY l.line_no, i.archival_code, i.id, f.id`
  )
}

export async function markFileDestroyed(db: Db, fileId: number, stamp: string, userId: number | null): Promise<void> {
  await db.query(
    sql`UPDATE electronic_files SET removed_at = ${stamp}, removed_by = ${userId} WHERE id = ${fileId} AND removed_at IS NULL`
  )
}

export async function insertDestroyedFile(
  db: Db,
  file: DestroyedFile & { registerId: number; lineId: number }
): Promise<void> {
  await db.query(
    sql`INSERT INTO destruction_files (register_id, line_id, file_id, item_id, archival_code, original_name, sha256, size, carrier_destroyed)
        VALUES (${file.registerId}, ${file.lineId}, ${file.fileId}, ${file.itemId}, ${file.archivalCode}, ${file.originalName},
                ${file.sha256}, ${file.size}, ${file.carrierDestroyed ? 1 : 0})`
  )
}

/** The files a signed register destroyed, in its order. */
export async function destroyedFilesOf(db: Db, registerId: number): Promise<DestroyedFile[]> {
  const rows = await db.query<Omit<DestroyedFile, 'carrierDestroyed'> & { carrierDestroyed: number }>(
    sql`SELECT file_id AS fileId, item_id AS itemId, archival_code AS archivalCode, original_name AS originalName, sha256, size,
          carrier_destroyed AS carrierDestroyed
        FROM destruction_files WHERE register_id = ${registerId} ORDER BY id`
  )
  return rows.map((row) => ({ ...row, carrierDestroyed: row.carrierDestroyed === 1 }))
}

/**
 * Contents destroyed that no live file names any more, among these (all when none are given): their bytes must not
 * stay on disk.
 */
export async function destroyedContents(db: Db, among?: string[]): Promise<string[]> {
  if (among?.length === 0) return []
  const rows = await db.query<{ sha256: string }>(
    sql`SELECT DISTINCT d.sha256 FROM destruction_files d
        ${sql.where([
          ...(among ? [sql`d.sha256 IN ${among}`] : []),
          sql`NOT EXISTS (SELECT 1 FROM electronic_files f WHERE f.sha256 = d.sha256 AND f.removed_at IS NULL)`
        ])}`
  )
  return rows.map((row) => row.sha256)
}

/** The year being counted, as ISO instants (local midnights): timestamps at or after `start` and before `end`. */
interface Instants {
  start: string
  end: string
}

/**
 * R-ELEC, R-STAT-1: electronic holdings by detected type — the files registered at year end (attached before it and
 * not removed by then) with their bytes — and the files attached and destroyed in the year.
 */
export function electronicHoldingsByType(
  db: Db,
  year: Instants
): Promise<{ code: string; files: number; bytes: number; attached: number; destroyed: number }[]> {
  return db.query(
    sql`SELECT f.type AS code,
          SUM(f.attached_at < ${year.end} AND (f.removed_at IS NULL OR f.removed_at >= ${year.end})) AS files,
          COALESCE(SUM(CASE WHEN f.attached_at < ${year.end} AND (f.removed_at IS NULL OR f.removed_at >= ${year.end}) THEN f.size END), 0) AS bytes,
          SUM(f.attached_at >= ${year.start} AND f.attached_at < ${year.end}) AS attached,
          SUM(d.id IS NOT NULL AND f.removed_at >= ${year.start} AND f.removed_at < ${year.end}) AS destroyed
        FROM electronic_files f LEFT JOIN destruction_files d ON d.file_id = f.id
        WHERE f.attached_at < ${year.end}
        GROUP BY f.type`
  )
}

/** R-ELEC-3, R-STAT-1: the fixity checks started in the year by scope, with the files they read and what they found. */
export function fixityOfYear(
  db: Db,
  year: Instants
): Promise<
  { code: string; runs: number; filesChecked: number; intact: number; mismatched: number; missing: number }[]
> {
  return db.query(
    sql`SELECT r.scope AS code, COUNT(DISTINCT r.id) AS runs, COUNT(x.outcome) AS filesChecked,
          COALESCE(SUM(x.outcome = 'ok'), 0) AS intact, COALESCE(SUM(x.outcome = 'mismatch'), 0) AS mismatched,
          COALESCE(SUM(x.outcome = 'missing'), 0) AS missing
        FROM fixity_runs r LEFT JOIN fixity_results x ON x.run_id = r.id
        WHERE r.started_at >= ${year.start} AND r.started_at < ${year.end}
        GROUP BY r.scope`
  )
}
