import { afterAll, beforeAll, describe, it } from 'vitest'
import { makeApp, seedInTransaction, type TestApp } from '../support/app'
import { measure, report } from './measure'

const CUSTOMERS = 100_000
const CITIES = ['上海', '北京', '广州', '深圳', '杭州']
const TRADES = ['物流', '贸易', '软件', '制造', '建筑']

let app: TestApp
let key: string

/**
 * 100 000 customers, each with a registration, two visits logged, one review and one credit rating, and every third a
 * staff contact: what the workbench's customer lines (S29, S46, S59, S154, S21) and the analysis (S170) read.
 */
async function seed() {
  await seedInTransaction(app, async (db) => {
    for (let i = 1; i <= CUSTOMERS; i += 1) {
      await db.query(
        `INSERT INTO customers (name, legal_representative, grade, industry, region, date_opened, created_at, updated_at, created_by)
         VALUES (?, ?, ?, ?, ?, '2025-01-01', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 1)`,
        [`第${i}号公司`, `法人${i}`, ['important', 'special', 'general'][i % 3], TRADES[i % 5], CITIES[(i * 3) % 5]]
      )
      await db.query(
        `INSERT INTO customer_registrations (customer_id, status, contract_signed_on, completion_on) VALUES (?, ?, '2025-12-01', '2025-12-20')`,
        [i, i % 10 === 0 ? 'temporary' : 'formal']
      )
      for (const [kind, planDay, on] of [
        ['visit', 3, '2025-12-04'],
        ['visit', 15, '2025-12-16'],
        ['review', null, '2026-01-15']
      ] as const)
        await db.query(
          `INSERT INTO customer_upkeep_log (customer_id, kind, channel, happened_on, staff_name, plan_day, recorded_by, recorded_at)
           VALUES (?, ?, 'call', ?, '李文', ?, 1, '2026-01-15T00:00:00Z')`,
          [i, kind, on, planDay]
        )
      await db.query(
        `INSERT INTO customer_credit (customer_id, grade, limit_amount, limit_year, decided_on, recorded_by, recorded_at)
         VALUES (?, 'good', 100000, 2026, '2026-01-15', 1, '2026-01-15T00:00:00Z')`,
        [i]
      )
      if (i % 3 === 0)
        await db.query(
          `INSERT INTO customer_staff (customer_id, user_id, assigned_on, assigned_by) VALUES (?, 1, '2026-01-15', 1)`,
          [i]
        )
    }
  })
}

describe(`customer upkeep over ${CUSTOMERS.toLocaleString('en')} customers`, () => {
  beforeAll(async () => {
    app = await makeApp()
    key = await app.signInAs('archivist', 'bench')
    const started = performance.now()
    await seed()
    console.log(`seeded ${CUSTOMERS} customers with their upkeep in ${Math.round(performance.now() - started)} ms`)
  }, 900_000)
  afterAll(async () => app.close())

  it('workbench and analysis', async () => {
    const upkeep = await measure('customerUpkeep.get of one customer', () =>
      app.call('customerUpkeep.get', { customerId: 4242 }, key)
    )
    report(
      `customer upkeep over ${CUSTOMERS} customers (through the dispatcher)`,
      [
        upkeep,
        await measure(
          'dashboard.todo (every provider, customer lines included)',
          () => app.call('dashboard.todo', {}, key),
          5
        ),
        await measure(
          'customerReports.analysis (grade, industry, region, credit)',
          () => app.call('customerReports.analysis', {}, key),
          5
        ),
        await measure(
          'customerReports.monthly',
          () => app.call('customerReports.monthly', { month: '2026-02' }, key),
          5
        )
      ],
      upkeep
    )
  }, 900_000)
})
