import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '@main/db/data-source'
import { MIGRATIONS } from '@main/db/migrations'
import { YearDateFormed1766300000000 } from '@main/db/migrations/1766300000000-YearDateFormed'
import { olderDatabase } from '../support/older-database'

const BEFORE = MIGRATIONS.slice(0, MIGRATIONS.indexOf(YearDateFormed1766300000000))

describe('migration YearDateFormed1766300000000 (issue 19)', () => {
  it('puts the date formed after the year in its index: the first and last date of a year are one seek each', async () => {
    const file = await olderDatabase(BEFORE)
    await migrate(file)
    const db = new Database(file)
    try {
      const names = () =>
        db
          .prepare(
            `SELECT name FROM sqlite_master WHERE name IN ('items_year', 'items_year_date_formed') ORDER BY name`
          )
          .all()
      expect(names()).toEqual([{ name: 'items_year_date_formed' }])
      const [{ year }] = db.prepare('SELECT year FROM items LIMIT 1').all() as { year: number }[]
      const span = `SELECT (SELECT MIN(date_formed) FROM items WHERE year = ${year}) AS first,
                           (SELECT MAX(date_formed) FROM items WHERE year = ${year}) AS last`
      const byRows = `SELECT MIN(date_formed) AS first, MAX(date_formed) AS last FROM items NOT INDEXED WHERE year = ${year}`
      expect(db.prepare(span).get()).toEqual(db.prepare(byRows).get())
      const plan = db
        .prepare(`EXPLAIN QUERY PLAN ${span}`)
        .all()
        .map((row) => (row as { detail: string }).detail)
      expect(plan.filter((line) => /^SEARCH items/.test(line))).toEqual([
        'SEARCH items USING COVERING INDEX items_year_date_formed (year=?)',
        'SEARCH items USING COVERING INDEX items_year_date_formed (year=?)'
      ])
      const runner = { query: async (text: string) => db.exec(text) }
      await new YearDateFormed1766300000000().down(runner as never)
      expect(names()).toEqual([{ name: 'items_year' }])
      await new YearDateFormed1766300000000().up(runner as never)
      expect(names()).toEqual([{ name: 'items_year_date_formed' }])
    } finally {
      db.close()
    }
  })
})
