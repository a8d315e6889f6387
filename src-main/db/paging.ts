import type { Db } from './connection'
import { sql, type SqlQuery } from './sql'

/** Counting stops here: past it a list says "10 000+", and the count never holds the page up. */
export const COUNT_LIMIT = 10_000

/**
 * Up to this many matches of a search are sorted all together; more, once counting stopped, are read down the sort's
 * own index, keeping the entries among the matches (a search in the order items were registered reads its search
 * index, which is in that order, at any number).
 */
export const SORT_ALL_UP_TO = 2_000

/** How many rows a SELECT yields, up to `limit`; `totalCapped` says that more do. */
export async function countUpTo(
  db: Db,
  matching: SqlQuery,
  limit = COUNT_LIMIT
): Promise<{ total: number; totalCapped: boolean }> {
  const [{ n }] = await db.query<{ n: number }>(sql`SELECT COUNT(*) AS n FROM (${matching} LIMIT ${limit + 1})`)
  return { total: Math.min(Number(n), limit), totalCapped: Number(n) > limit }
}

/** The page's fields for a count: `totalCapped` only when counting stopped. */
export const pageTotal = ({ total, totalCapped }: { total: number; totalCapped: boolean }) =>
  totalCapped ? { total, totalCapped } : { total }
