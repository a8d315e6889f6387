import { firstRow, type Db } from './connection'
import { containsPattern, fullTextRowids } from './full-text'
import { BUCKET_CUT, BUCKET_OF, KEY_PER_BUCKET, KEYED } from './migrations/1766100000000-TitleOrderSearch'
import {
  facetTrigram,
  FACET_WORD_PREFIX,
  INDEX_IN_TITLE_ORDER,
  type FacetColumn
} from './migrations/1766200000000-FilteredSearch'
import { sql, SqlQuery } from './sql'

/** The expressions the title-order triggers use, so that cutting a bucket keys its items exactly as they do. */
const triggerSql = (text: string) => new SqlQuery(text, [])

/** Written into the text, not bound: a bound number is a REAL to SQLite, and keys pass 2^53. */
const PER_BUCKET = triggerSql(String(KEY_PER_BUCKET))

/** Rebuilds the search rows of the given items: title, document number, responsible party, code and customer name. */
export async function refreshItemSearch(db: Db, itemIds: number[]): Promise<void> {
  await keepTitleBucketsSmall(db, itemIds)
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
 * Filter values as the indexes in title order hold them (migration 1766200000000): an item must have one of the numbers
 * of each group and none of `noneOf`.
 */
export interface FacetFilter {
  anyOf: number[][]
  noneOf: number[]
}

/** The numbers of these values of a filter column; a value no item ever had has none. */
export async function facetNumbers(
  db: Db,
  column: FacetColumn,
  values: readonly (string | number)[]
): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    sql`SELECT id FROM search_facets WHERE kind = ${column} AND value IN ${values.map(String)}`
  )
  return rows.map((row) => row.id)
}

/** The FTS5 query of a text under filters: the text, and each group of filter words, less the words left out. */
function withFacets(text: string, facets: FacetFilter, word: (id: number) => string, column: string): string {
  const any = (ids: number[]) => `${column}(${ids.map(word).join(' OR ')})`
  const all = [text, ...facets.anyOf.map(any)].join(' AND ')
  return facets.noneOf.length > 0 ? `(${all}) NOT ${any(facets.noneOf)}` : all
}

/** Where a search is matched: the index, the condition on it, and the item id of its row. */
export interface TextMatch {
  table: SqlQuery
  where: SqlQuery
  id: SqlQuery
}

/**
 * How the search rows are matched for a text: three characters and more through the trigram index, exactly two
 * through the index of character pairs, one by scanning the search rows. The indexes in the order items were
 * registered have their ids as rowids; those in title order (two characters and more) their keys in title order, and
 * they also match the filter values given.
 */
export function itemTextMatch(
  search: string,
  order: 'registered' | 'title' = 'registered',
  facets: FacetFilter = { anyOf: [], noneOf: [] }
): TextMatch {
  const length = [...search].length
  const phrase = `"${search.replace(/"/g, '""')}"`
  const byId = (table: SqlQuery, where: SqlQuery) => ({ table, where, id: sql`${table}.rowid` })
  const byTitle = (table: SqlQuery, where: SqlQuery) => ({ table, where, id: sql`${table}.rowid % ${PER_BUCKET}` })
  if (length >= 3 && order === 'title') {
    const where = withFacets(`body : ${phrase}`, facets, (id) => `"${facetTrigram(id)}"`, 'facets : ')
    return byTitle(sql`items_title_fts`, sql`items_title_fts MATCH ${where}`)
  }
  if (length >= 3) return byId(sql`items_fts`, sql`items_fts MATCH ${phrase}`)
  if (length === 2 && order === 'title') {
    const where = withFacets(bigramToken(search), facets, (id) => `"${FACET_WORD_PREFIX}${id}"`, '')
    return byTitle(sql`items_title_bigrams`, sql`items_title_bigrams MATCH ${where}`)
  }
  if (length === 2) return byId(sql`items_bigrams`, sql`items_bigrams MATCH ${bigramToken(search)}`)
  return byId(sql`items_fts`, sql`body LIKE ${containsPattern(search)} ESCAPE '\\'`)
}

/** A bucket of title order is cut again once it holds more items than this. */
export const BUCKET_MOST = 512

/** Item ids bound in one statement at most (SQLite takes 32 766 values). */
const IDS_PER_READ = 10_000

/** Whether the indexes in title order hold every item: no item has an id outside the keys' range (see `KEYED`). */
export async function titleOrderHoldsAll(db: Db): Promise<boolean> {
  // The lowest and highest ids are each one step down the table's own b-tree.
  const [{ low, high }] = await db.query<{ low: number | null; high: number | null }>(
    sql`SELECT (SELECT MIN(id) FROM items) AS low, (SELECT MAX(id) FROM items) AS high`
  )
  return low === null || (low >= 1 && high! < KEY_PER_BUCKET)
}

/**
 * A page of the items matching a search of two characters or more in an index in title order (`itemTextMatch`), in
 * title order, among those that meet the conditions (on `i`). The matches are read down the index in title order as far as the end of the bucket where the
 * page ends; only the buckets the page spans are sorted by title, ties by id.
 */
export async function idsInTitleOrder(
  db: Db,
  { table, where, id }: TextMatch,
  conditions: SqlQuery[],
  ascending: boolean,
  page: { limit: number; offset: number }
): Promise<number[]> {
  const direction = ascending ? sql`ASC` : sql`DESC`
  // A key passes 2^53, so it goes to and from SQLite as its bucket and id, each exact in a JavaScript number.
  const read = (limit: number, after?: { bucket: number; id: number }) => {
    const past = after && sql`(CAST(${after.bucket} AS INTEGER) * ${PER_BUCKET} + CAST(${after.id} AS INTEGER))`
    const resume = past ? [ascending ? sql`${table}.rowid > ${past}` : sql`${table}.rowid < ${past}`] : []
    return db.query<{ id: number; bucket: number }>(
      sql`SELECT i.id, ${table}.rowid / ${PER_BUCKET} AS bucket
          FROM ${table} CROSS JOIN items i ON i.id = ${id}
          ${sql.where([where, ...resume, ...conditions])} ORDER BY ${table}.rowid ${direction} LIMIT ${limit}`
    )
  }
  const end = page.offset + page.limit
  const rows = await read(end)
  if (rows.length <= page.offset) return []
  if (rows.length === end) {
    // The rest of the bucket the page ends in, read on from the last row in growing steps: the index seeks to it.
    const lastBucket = rows[end - 1].bucket
    for (let step = 8; ; step *= 4) {
      const more = await read(step, rows[rows.length - 1])
      const same = more.filter((row) => row.bucket === lastBucket)
      rows.push(...same)
      if (same.length < more.length || more.length < step) break
    }
  }
  const from = rows.findIndex((row) => row.bucket === rows[page.offset].bucket)
  const spanned = rows.slice(from)
  const ordered = await db.query<{ id: number }>(
    sql`SELECT i.id FROM items i WHERE i.id IN (SELECT value FROM json_each(${JSON.stringify(spanned.map((row) => row.id))}))
        ORDER BY i.title ${direction}, i.id ${direction} LIMIT ${page.limit} OFFSET ${page.offset - from}`
  )
  return ordered.map((row) => row.id)
}

/**
 * Cuts each bucket of title order that these items are in and that has grown past `BUCKET_MOST` into buckets of
 * `BUCKET_CUT` items, numbered in the gap before the next bucket, and keys their items anew. A bucket whose gap is used
 * up keeps growing: its pages stay right and read further.
 */
export async function keepTitleBucketsSmall(db: Db, itemIds: number[]): Promise<void> {
  const buckets = new Set<number>()
  for (let start = 0; start < itemIds.length; start += IDS_PER_READ) {
    const rows = await db.query<{ bucket: number }>(
      sql`SELECT DISTINCT ${triggerSql(BUCKET_OF('i.title', 'i.id'))} AS bucket FROM items i
          WHERE i.id IN ${itemIds.slice(start, start + IDS_PER_READ)}`
    )
    for (const row of rows) buckets.add(Number(row.bucket))
  }
  await cutFullBuckets(db, new Map([...buckets].map((bucket) => [bucket, []])))
}

/**
 * Cuts those of these buckets that, with the items about to be written into each, hold more than `BUCKET_MOST`. The
 * inner buckets are counted in one statement for many: an import touches thousands of buckets a batch, and asking each
 * in turn cost it a third of its time.
 */
async function cutFullBuckets(db: Db, incoming: Map<number, { title: string; id: number }[]>): Promise<void> {
  const [{ last }] = await db.query<{ last: number | null }>(sql`SELECT MAX(bucket) AS last FROM title_buckets`)
  const isEdge = (bucket: number) => bucket === 0 || bucket === Number(last)
  const inner = [...incoming].filter(([bucket]) => !isEdge(bucket))
  const full = new Set<number>()
  for (let start = 0; start < inner.length; start += IDS_PER_READ) {
    const counts = inner.slice(start, start + IDS_PER_READ).map(([bucket, items]) => [bucket, items.length])
    const rows = await db.query<{ bucket: number }>(
      sql`SELECT s.bucket FROM title_buckets s
            JOIN (SELECT CAST(value ->> 0 AS INTEGER) AS bucket, value ->> 1 AS coming FROM json_each(${JSON.stringify(counts)})) c
              ON c.bucket = s.bucket
            JOIN title_buckets n ON n.bucket = (SELECT MIN(x.bucket) FROM title_buckets x WHERE x.bucket > s.bucket)
          WHERE c.coming + (SELECT COUNT(*) FROM (SELECT 1 FROM items i WHERE (i.title, i.id) >= (s.title, s.id)
                   AND (i.title, i.id) < (n.title, n.id) LIMIT ${BUCKET_MOST + 1})) > ${BUCKET_MOST}`
    )
    for (const row of rows) full.add(Number(row.bucket))
  }
  for (const [bucket, items] of incoming) if (isEdge(bucket) || full.has(bucket)) await cutIfFull(db, bucket, items)
}

/**
 * Where a bucket of title order that grew is cut, and the numbers of the new buckets, which lie between its own number
 * and the next bucket's (`room` numbers in all). Items are written in rising title order as often as not (第001号,
 * 第002号 …), and then one part of the bucket takes nearly all new items: that part gets nearly all the room, or it
 * would run out of numbers after a few dozen cuts. Otherwise the parts share the room evenly.
 */
export function planBucketCut(
  items: { title: string; id: number }[],
  bucket: number,
  room: number
): { title: string; id: number; bucket: number }[] {
  const parts = Math.min(Math.ceil(items.length / BUCKET_CUT), room)
  if (parts < 2) return []
  const firstOf = (part: number) => Math.floor((part * items.length) / parts)
  const newest = new Set(
    items
      .map((item) => item.id)
      .sort((a, b) => b - a)
      .slice(0, Math.ceil(items.length / parts / 2))
  )
  const takers = Array.from(
    { length: parts },
    (_, part) => items.slice(firstOf(part), firstOf(part + 1)).filter((item) => newest.has(item.id)).length
  )
  const busiest = takers.indexOf(Math.max(...takers))
  const lopsided = takers[busiest] * 4 >= newest.size * 3
  const quiet = Math.max(1, Math.floor(room / (BUSY_SHARE * parts)))
  const rooms = Array.from({ length: parts }, (_, part) =>
    lopsided ? (part === busiest ? room - quiet * (parts - 1) : quiet) : Math.floor(room / parts)
  )
  const starts: { title: string; id: number; bucket: number }[] = []
  let number = bucket
  for (let part = 1; part < parts; part += 1) {
    number += rooms[part - 1]
    const { title, id } = items[firstOf(part)]
    starts.push({ title, id, bucket: number })
  }
  return starts
}

/** How many times the room of one quiet part the busy part of a lopsided cut gets, at least. */
const BUSY_SHARE = 128

/**
 * Cuts, before a batch of new items is written, each bucket of title order that their titles would grow past
 * `BUCKET_MOST`, counting them in as if written, so that they are keyed once into small buckets rather than once into
 * a full bucket and again when it is cut (an import's titles often fall together: 关于第1号…, 关于第2号…). Their ids are
 * guessed as the next ones in turn; a wrong guess only moves an item into the bucket beside, never out of order.
 */
export async function makeTitleBucketsRoom(db: Db, titles: string[]): Promise<void> {
  if (titles.length === 0) return
  // The next id AUTOINCREMENT gives: past the highest ever given, deleted or not.
  const [{ next }] = await db.query<{ next: number }>(
    sql`SELECT MAX(COALESCE(MAX(id), 0), COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'items'), 0)) + 1 AS next
        FROM items`
  )
  // Well-formed, so that they go through JSON to SQLite and back unchanged: a bucket's start is written as it was
  // sorted. A lone surrogate becomes U+FFFD here, though the title is written with other bytes, so its item may land in
  // the bucket beside; never out of order.
  const incoming = titles.map((title, index) => ({
    title: Buffer.from(title, 'utf8').toString('utf8'),
    id: next + index
  }))
  const byBucket = new Map<number, { title: string; id: number }[]>()
  for (let start = 0; start < incoming.length; start += IDS_PER_READ) {
    const rows = await db.query<{ bucket: number; title: string; id: number }>(
      sql`SELECT ${triggerSql(BUCKET_OF('t.title', 't.id'))} AS bucket, t.title, t.id
          FROM (SELECT json_extract(value, '$.title') AS title, json_extract(value, '$.id') AS id
                FROM json_each(${JSON.stringify(incoming.slice(start, start + IDS_PER_READ))})) t`
    )
    for (const { bucket, title, id } of rows) {
      const landing = byBucket.get(Number(bucket)) ?? []
      landing.push({ title, id })
      byBucket.set(Number(bucket), landing)
    }
  }
  await cutFullBuckets(db, byBucket)
}

/** Cuts a bucket that holds more than `BUCKET_MOST` items, with the items about to be written into it counted in. */
async function cutIfFull(db: Db, bucket: number, incoming: { title: string; id: number }[] = []): Promise<void> {
  const start = await firstRow<{ title: string; id: number }>(
    db,
    sql`SELECT title, id FROM title_buckets WHERE bucket = ${bucket}`
  )
  const next = await firstRow<{ title: string; id: number; bucket: number }>(
    db,
    sql`SELECT title, id, bucket FROM title_buckets WHERE bucket > ${bucket} ORDER BY bucket LIMIT 1`
  )
  const room = (next ? next.bucket : KEY_PER_BUCKET) - bucket
  if (room < 2) return
  const before = next ? [sql`(i.title, i.id) < (${next.title}, ${next.id})`] : []
  const within = [...(start ? [sql`(i.title, i.id) >= (${start.title}, ${start.id})`] : []), ...before]
  const [{ n }] = await db.query<{ n: number }>(
    sql`SELECT COUNT(*) AS n FROM (SELECT 1 FROM items i ${sql.where(within)} LIMIT ${BUCKET_MOST + 1})`
  )
  if (n + incoming.length <= BUCKET_MOST) return
  // Sorted by SQLite, whose order of titles the buckets follow.
  const items = await db.query<{ title: string; id: number }>(
    sql`SELECT i.title, i.id FROM items i ${sql.where(within)}
        UNION ALL
        SELECT json_extract(value, '$.title'), json_extract(value, '$.id') FROM json_each(${JSON.stringify(incoming)})
        ORDER BY 1, 2`
  )
  const starts = planBucketCut(items, bucket, room)
  if (starts.length === 0) return
  // The items before the first cut keep their bucket and their keys.
  const moved = sql.where([
    sql`(i.title, i.id) >= (${starts[0].title}, ${starts[0].id})`,
    ...before,
    triggerSql(KEYED('i'))
  ])
  const oldKey = sql`CAST(${bucket} AS INTEGER) * ${PER_BUCKET} + i.id`
  await db.query(sql`DELETE FROM items_title_fts WHERE rowid IN (SELECT ${oldKey} FROM items i ${moved})`)
  await db.query(sql`DELETE FROM items_title_bigrams WHERE rowid IN (SELECT ${oldKey} FROM items i ${moved})`)
  for (const cut of starts)
    await db.query(
      sql`INSERT INTO title_buckets (title, id, bucket) VALUES (${cut.title}, ${cut.id}, CAST(${cut.bucket} AS INTEGER))`
    )
  for (const insert of INDEX_IN_TITLE_ORDER('i')) await db.query(sql`${triggerSql(insert)} FROM items i ${moved}`)
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
