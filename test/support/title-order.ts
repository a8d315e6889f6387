import { expect } from 'vitest'
import type { Db } from '@main/db/connection'
import type { ItemRow } from '@preload/contract'
import { KEY_PER_BUCKET, KEYED, TITLE_KEY } from '@main/db/migrations/1766100000000-TitleOrderSearch'
import { FACET_COLUMNS, facetTrigram, FACET_WORD_PREFIX } from '@main/db/migrations/1766200000000-FilteredSearch'
import type { TestApp } from './app'

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
  await expectFacetsHeld(db)
}

/**
 * Each filter value's word, in both indexes, is held by exactly the keyed items that have the value now, and every
 * value an item has is numbered (migration 1766200000000).
 */
async function expectFacetsHeld(db: Db): Promise<void> {
  for (const column of FACET_COLUMNS) {
    const unnumbered = await db.query(
      `SELECT DISTINCT ${column} AS value FROM items i WHERE ${KEYED('i')} AND ${column} IS NOT NULL
         AND CAST(${column} AS TEXT) NOT IN (SELECT value FROM search_facets WHERE kind = '${column}')`
    )
    expect(unnumbered, column).toEqual([])
  }
  const facets = await db.query<{ id: number; kind: string; value: string }>(
    'SELECT id, kind, value FROM search_facets'
  )
  for (const { id, kind, value } of facets) {
    const having = `SELECT ${TITLE_KEY('i')} FROM items i WHERE ${KEYED('i')} AND CAST(i.${kind} AS TEXT) = ?`
    for (const [table, word] of [
      ['items_title_bigrams', `"${FACET_WORD_PREFIX}${id}"`],
      ['items_title_fts', `facets : "${facetTrigram(id)}"`]
    ]) {
      const holding = `SELECT rowid FROM ${table} WHERE ${table} MATCH ?`
      const [found] = await db.query<{ missing: number; stray: number }>(
        `SELECT (SELECT COUNT(*) FROM (${having} EXCEPT ${holding})) AS missing,
                (SELECT COUNT(*) FROM (${holding} EXCEPT ${having})) AS stray`,
        [value, word, word, value]
      )
      expect(found, `${table} ${kind} ${value}`).toEqual({ missing: 0, stray: 0 })
    }
  }
}

/** The ids of every page of a search sorted by title, read page after page as the list would, until one is short. */
export async function pagesByTitle(app: TestApp, key: string, search: string, ascending: boolean, size: number) {
  const ids: number[] = []
  for (let page = 1; ; page += 1) {
    const { rows } = await app.call(
      'items.list',
      { search, sortBy: 'title', sortOrder: ascending ? 'ascend' : 'descend', page, pageSize: size },
      key
    )
    ids.push(...rows.map((row: ItemRow) => row.id))
    if (rows.length < size) return ids
  }
}
