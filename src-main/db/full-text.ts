import { sql, type SqlQuery } from './sql'

/** The FTS5 tables the app keeps, each with one `body` column indexed by the trigram tokenizer. */
export type FullTextTable = 'items_fts' | 'customers_fts' | 'use_requests_fts'

/** A LIKE pattern, used with ESCAPE '\\', that finds the text anywhere: a typed % or _ is a character, not a wildcard. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
}

/**
 * The rowids of a full-text table whose body contains the text. Trigram needs three characters to use the index;
 * shorter words scan the same table instead. The text is matched as one phrase, so FTS5 syntax typed in is literal.
 */
export function fullTextRowids(table: FullTextTable, search: string): SqlQuery {
  const name = sql.identifier(table)
  if ([...search].length >= 3)
    return sql`SELECT rowid FROM ${name} WHERE ${name} MATCH ${`"${search.replace(/"/g, '""')}"`}`
  return sql`SELECT rowid FROM ${name} WHERE body LIKE ${containsPattern(search)} ESCAPE '\\'`
}
