import { expect } from 'vitest'
import type { Db } from '@main/db/connection'
import { KEY_PER_BUCKET, KEYED, TITLE_KEY } from '@main/db/migrations/1766100000000-TitleOrderSearch'

/**
 * What the indexes in title order must always be: each keyed item once, under the key its title and id give with the
 * buckets as they are now, and buckets rising in title order (within one, keys go by id). Keys pass 2^53, so they are
 * compared in SQL, never as JavaScript numbers.
 */
export async function expectKeysInTitleOrder(db: Db): Promise<void> {
  const keyed = `SELECT ${TITLE_KEY('i')} AS key FROM items i WHERE ${KEYED('i')}`
  const [{ items }] = await db.query<{ items: number }>(`SELECT COUNT(*) AS items FROM (${keyed})`)
  for (const table of ['items_title_fts', 'items_title_bigrams']) {
    const [found] = await db.query<{ held: number; missing: number; stray: number }>(
      `SELECT (SELECT COUNT(*) FROM ${table}) AS held,
              (SELECT COUNT(*) FROM (${keyed} EXCEPT SELECT rowid FROM ${table})) AS missing,
              (SELECT COUNT(*) FROM (SELECT rowid FROM ${table} EXCEPT ${keyed})) AS stray`
    )
    expect(found, table).toEqual({ held: items, missing: 0, stray: 0 })
  }
  const buckets = await db.query<{ bucket: number }>(
    `SELECT ${TITLE_KEY('i')} / ${KEY_PER_BUCKET} AS bucket FROM items i WHERE ${KEYED('i')} ORDER BY i.title, i.id`
  )
  const inTitleOrder = buckets.map((row) => row.bucket)
  expect(inTitleOrder).toEqual([...inTitleOrder].sort((a, b) => a - b))
}
