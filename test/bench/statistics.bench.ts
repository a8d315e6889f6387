import Database from 'better-sqlite3'
import { describe, it } from 'vitest'
import { benchSizes, measure, reportScale, type Paired } from './measure'
import { LAST_YEAR, openRoom } from './seed'

/** The issue's yardstick for a year's figures: one pass over every item, grouped by the holding dimensions. */
const ONE_PASS = `SELECT category_code, year, retention_code, classification, COUNT(*), SUM(page_count) FROM items GROUP BY 1, 2, 3, 4`

describe('annual statistics and the workbench at scale', () => {
  it('computes a year, exports its workbook and fills the workbench', async () => {
    const year = LAST_YEAR - 1
    const results = new Map<number, Map<string, Paired>>()
    for (const size of benchSizes()) {
      const { app, key, file } = await openRoom(size)
      const raw = new Database(file, { readonly: true })
      const onePass = await measure('one pass', () => raw.prepare(ONE_PASS).all(), 3)
      const holdings = (await app.call('statistics.year', { year }, key)).topics[0].tables[0].totals
      const todo = await app.call('dashboard.todo', {}, key)
      console.log(
        `${size} items: ${year} holdings ${JSON.stringify(holdings)}; to-do ${todo.map((e) => `${e.key} ${e.count}`).join(', ')}`
      )
      const workbench = () =>
        Promise.all([
          app.call('dashboard.todo', {}, key),
          app.call('dashboard.overdue', {}, key),
          app.call('dashboard.holdings', {}, key),
          app.call('dashboard.use', {}, key),
          app.call('customers.list', { page: 1, pageSize: 1 }, key)
        ])
      const figures = new Map<string, Paired>()
      const add = async (label: string, work: () => Promise<unknown>, runs: number) =>
        figures.set(label, { app: await measure(label, work, runs), raw: onePass })
      await add(`statistics.year ${year}`, () => app.call('statistics.year', { year }, key), 3)
      await add(`statistics.export ${year} (workbook)`, () => app.call('statistics.export', { year }, key), 3)
      await add('workbench data (all of the below)', workbench, 5)
      await add('dashboard.todo', () => app.call('dashboard.todo', {}, key), 5)
      await add('dashboard.overdue', () => app.call('dashboard.overdue', {}, key), 5)
      await add('dashboard.holdings', () => app.call('dashboard.holdings', {}, key), 5)
      await add('dashboard.use', () => app.call('dashboard.use', {}, key), 5)
      await add('items.list flagged only', () => app.call('items.list', { flagged: true }, key), 5)
      raw.close()
      await app.close()
      results.set(size, figures)
    }
    reportScale('statistics and workbench through the dispatcher vs one pass over the items (raw)', results)
  }, 7_200_000)
})
