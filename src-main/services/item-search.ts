import { fullTextRowids, type FullTextTable } from '../db/full-text'

// volumes.ts and use.ts still build their LIKE patterns from here; the item search itself lives in db/item-search.ts.
export { containsPattern } from '../db/full-text'
export { refreshItemSearch } from '../db/item-search'

/** For the services that still write their WHERE clauses by hand, until they move to their query modules. */
export function ftsCondition(table: FullTextTable, search: string): { sql: string; param: string } {
  const query = fullTextRowids(table, search)
  return { sql: query.text, param: query.values[0] as string }
}
