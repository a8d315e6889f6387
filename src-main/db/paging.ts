import type { Db } from './connection'
import { sql, type SqlQuery } from './sql'

/** Counting stops here: past it a list says "10 000+", and the count never holds the page up. */
export const COUNT_LIMIT = 10_000

/**
 * Up to this many matches of a search are sorted all together; more are read in an index's order: the search index's
 * for newest first, the sort's own index for any other order, keeping the entries among the matches.
 */
export const SORT_ALL_UP_TO = 2_000

/** How many rows a SELECT yields, up to `COUNT_LIMIT`; `totalCapped` says that more do. */
export async function countUpTo(db: Db, matching: SqlQuery): Promise<{ total: number; totalCapped: boolean }> {
  const [{ n }] = await db.query<{ n: number }>(sql`SELECT COUNT(*) AS n FROM (${matching} LIMIT ${COUNT_LIMIT + 1})`)
  return { total: Math.min(Number(n), COUNT_LIMIT), totalCapped: Number(n) > COUNT_LIMIT }
}

/** The page's fields for a count: `totalCapped` only when counting stopped. */
export const pageTotal = ({ total, totalCapped }: { total: number; totalCapped: boolean }) =>
  totalCapped ? { total, totalCapped } : { total }
