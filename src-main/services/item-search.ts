import type { Db } from '../db/connection'

/** Rebuilds the search rows of the given items: title, document number, responsible party, code and customer name. */
export async function refreshItemSearch(db: Db, itemIds: number[]): Promise<void> {
  for (const id of itemIds) {
    await db.query('DELETE FROM items_fts WHERE rowid = ?', [id])
    await db.query(
      `INSERT INTO items_fts (rowid, body)
       SELECT i.id, i.title || char(10) || i.document_number || char(10) || i.responsible_party || char(10) ||
              COALESCE(i.archival_code, '') || char(10) || COALESCE(c.name, '')
       FROM items i LEFT JOIN customers c ON c.id = i.customer_id WHERE i.id = ?`,
      [id]
    )
  }
}

/** A LIKE pattern, used with ESCAPE '\\', that finds the text anywhere: a typed % or _ is a character, not a wildcard. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
}

/** Trigram needs three characters to use the index; shorter words scan the same table instead. */
export function ftsCondition(table: string, search: string): { sql: string; param: string } {
  if ([...search].length >= 3) {
    return { sql: `SELECT rowid FROM ${table} WHERE ${table} MATCH ?`, param: `"${search.replace(/"/g, '""')}"` }
  }
  return { sql: `SELECT rowid FROM ${table} WHERE body LIKE ? ESCAPE '\\'`, param: containsPattern(search) }
}
