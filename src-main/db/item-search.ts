import type { Db } from './connection'
import { containsPattern, fullTextRowids } from './full-text'
import { sql, type SqlQuery } from './sql'

/** Rebuilds the search rows of the given items: title, document number, responsible party, code and customer name. */
export async function refreshItemSearch(db: Db, itemIds: number[]): Promise<void> {
  for (const id of itemIds) {
    await db.query(sql`DELETE FROM items_fts WHERE rowid = ${id}`)
    await db.query(
      sql`INSERT INTO items_fts (rowid, body)
       SELECT i.id, i.title || char(10) || i.document_number || char(10) || i.responsible_party || char(10) ||
              COALESCE(i.archival_code, '') || char(10) || COALESCE(c.name, '')
       FROM items i LEFT JOIN customers c ON c.id = i.customer_id WHERE i.id = ${id}`
    )
  }
}

/**
 * A pair of characters as the pair index holds it (migration 1764800000000): lower-cased as SQLite's lower() does,
 * ASCII only, and written as the hex of its UTF-8 bytes, quoted as one FTS5 string.
 */
export function bigramToken(pair: string): string {
  const lowered = pair.replace(/[A-Z]/g, (letter) => letter.toLowerCase())
  return `"${Buffer.from(lowered, 'utf8').toString('hex').toUpperCase()}"`
}

/**
 * How the search rows are matched for a text: three characters and more through the trigram index, exactly two
 * through the index of character pairs, one by scanning the search rows.
 */
export function itemTextMatch(search: string): { table: SqlQuery; where: SqlQuery } {
  const length = [...search].length
  if (length >= 3) return { table: sql`items_fts`, where: sql`items_fts MATCH ${`"${search.replace(/"/g, '""')}"`}` }
  if (length === 2) return { table: sql`items_bigrams`, where: sql`items_bigrams MATCH ${bigramToken(search)}` }
  return { table: sql`items_fts`, where: sql`body LIKE ${containsPattern(search)} ESCAPE '\\'` }
}

/** The ids of items whose search row contains the text, as a subquery: `i.id IN (${itemIdsMatching(text)})`. */
export function itemIdsMatching(search: string): SqlQuery {
  if ([...search].length !== 2) return fullTextRowids('items_fts', search)
  const { table, where } = itemTextMatch(search)
  return sql`SELECT rowid FROM ${table} WHERE ${where}`
}

/** Items show their customer's name in the search row, so renaming a customer rebuilds the rows of its items. */
export async function refreshCustomerItemsSearch(db: Db, customerId: number): Promise<void> {
  const items = await db.query<{ id: number }>(sql`SELECT id FROM items WHERE customer_id = ${customerId}`)
  await refreshItemSearch(
    db,
    items.map((item) => item.id)
  )
}
