import { sqlMigration } from './sql-migration'

/**
 * Issue 19: a search under a year filter sorted by date formed walks the index of dates and keeps the matches. The
 * items of one year lie together in date order, often far from its end (2019 at a million items: 300 000 newer
 * entries first, 17 ms). With the date after the year in the year's index, the first and last date of the years asked
 * for are one seek each, and the walk starts there. The index still answers everything the year alone did.
 */
export const YearDateFormed1766300000000 = sqlMigration('YearDateFormed1766300000000', {
  up: ['CREATE INDEX items_year_date_formed ON items (year, date_formed)', 'DROP INDEX items_year'],
  down: ['CREATE INDEX items_year ON items (year)', 'DROP INDEX items_year_date_formed']
})
