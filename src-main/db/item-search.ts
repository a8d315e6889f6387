import type { Db } from './connection'
import { fullTextRowids } from './full-text'
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

/** The ids of items whose search row contains the text, as a subquery: `i.id IN (${itemIdsMatching(text)})`. */
export const itemIdsMatching = (search: string): SqlQuery => fullTextRowids('items_fts', search)

/** Items show their customer's name in the search row, so renaming a customer rebuilds the rows of its items. */
export async function refreshCustomerItemsSearch(db: Db, customerId: number): Promise<void> {
  const items = await db.query<{ id: number }>(sql`SELECT id FROM items WHERE customer_id = ${customerId}`)
  await refreshItemSearch(
    db,
    items.map((item) => item.id)
  )
}
