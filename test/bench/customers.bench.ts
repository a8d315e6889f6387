import { afterAll, beforeAll, describe, it } from 'vitest'
import { makeApp, seedInTransaction, type TestApp } from '../support/app'
import { measure, report } from './measure'

const CUSTOMERS = 100_000
const CITIES = ['上海', '北京', '广州', '深圳', '杭州', '南京', '成都', '武汉', '西安', '天津']
const TRADES = ['物流', '贸易', '软件', '制造', '建筑', '医药', '食品', '纺织', '能源', '咨询']

let app: TestApp
let key: string

/** 100 000 customers written straight into the tables (with their search rows), as a busy room would hold. */
async function seed() {
  await seedInTransaction(app, async (db) => {
    for (let i = 1; i <= CUSTOMERS; i += 1) {
      const city = CITIES[i % CITIES.length]
      const trade = TRADES[(i * 7) % TRADES.length]
      const name = `${city}第${i}号${trade}有限公司`
      await db.query(
        `INSERT INTO customers (name, legal_representative, grade, industry, region, date_opened, created_at, updated_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)`,
        [
          name,
          `法人${i}`,
          ['important', 'special', 'general'][i % 3],
          trade,
          city,
          '2024-01-01',
          '2024-01-01T00:00:00Z',
          '2024-01-01T00:00:00Z'
        ]
      )
      await db.query('INSERT INTO customers_fts (rowid, body) VALUES (?, ?)', [
        i,
        `${name}\n法人${i}\n${trade}\n${city}`
      ])
    }
  })
}

describe(`customer list over ${CUSTOMERS.toLocaleString('en')} customers`, () => {
  beforeAll(async () => {
    app = await makeApp()
    key = await app.signInAs('archivist', 'bench')
    const started = performance.now()
    await seed()
    console.log(`seeded ${CUSTOMERS} customers in ${Math.round(performance.now() - started)} ms`)
  }, 600_000)
  afterAll(async () => app.close())

  it('pages, searches and filters', async () => {
    const list = (input: Parameters<TestApp['call']>[1]) => () => app.call('customers.list', input as never, key)
    const firstPage = await measure('first page, newest first', list({ page: 1, pageSize: 20 }))
    report(
      `customers.list over ${CUSTOMERS} customers (through the dispatcher)`,
      [
        firstPage,
        await measure('search 3+ characters (trigram index): 第4242号', list({ search: '第4242号' })),
        await measure('search 2 characters (scans the search table): 物流', list({ search: '物流' })),
        await measure(
          'filter grade + region, sort by name, page 50',
          list({ grade: ['important'], region: ['上海'], sortBy: 'name', sortOrder: 'ascend', page: 50 })
        )
      ],
      firstPage
    )
  }, 600_000)
})
