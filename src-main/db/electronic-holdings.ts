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
