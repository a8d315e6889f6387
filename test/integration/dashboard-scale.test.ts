import { afterEach, describe, expect, it } from 'vitest'
import { OVERDUE_LISTED } from '@main/services/dashboard'
import { makeApp, sampleCustomer, seedInTransaction, type TestApp } from '../support/app'
import { itemInput } from '../support/records'

let app: TestApp
afterEach(async () => app?.close())

describe('issue 19: the workbench reads only what it shows', () => {
  it('R-FILE-9, R-CUST-3 counts every late record in the to-do list and lists the longest late first', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    const customer = await app.call('customers.create', sampleCustomer(), key)
    const [{ userId }] = await app.database.query(`SELECT id AS userId FROM users WHERE role = 'archivist'`)
    // Received, never filed: 2019 to 2023 (late since June of the next year), and this year's, not yet late.
    await seedInTransaction(app, async (db) => {
      const insert = db.connection.prepare(
        `INSERT INTO items (fonds_code, category_code, year, retention_code, department_code, title, responsible_party, date_formed,
           received_on, customer_id, status, policy_version, created_at, updated_at, created_by)
         VALUES ('J001', 'KH', ?, 'D30', 'ZS', ?, '招商运营部', ?, ?, ?, 'received', 0, ?, ?, ?)`
      )
      for (let n = 0; n < OVERDUE_LISTED + 100; n += 1) {
        const year = 2019 + (n % 5)
        const day = `${year}-0${1 + (n % 9)}-1${n % 10}`
        insert.run(
          year,
          `待归档${n}`,
          day,
          day,
          n % 2 === 0 ? customer.id : null,
          `${day}T08:00:00.000Z`,
          `${day}T08:00:00.000Z`,
          userId
        )
      }
      insert.run(
        2026,
        '今年收到',
        '2026-03-01',
        '2026-03-01',
        customer.id,
        '2026-03-01T08:00:00Z',
        '2026-03-01T08:00:00Z',
        userId
      )
    })
    const late = (await app.call('dashboard.todo', {}, key)).filter((entry) => entry.key === 'overdueFiling')
    expect(late.map((entry) => [entry.ruleId, entry.count])).toEqual([
      ['R-CUST-3', (OVERDUE_LISTED + 100) / 2],
      ['R-FILE-9', OVERDUE_LISTED + 100]
    ])
    const listed = await app.call('dashboard.overdue', {}, key)
    expect(listed).toHaveLength(OVERDUE_LISTED)
    expect(listed.map((entry) => entry.daysLate)).toEqual(listed.map((entry) => entry.daysLate).sort((a, b) => b - a))
    // The longest late: the customer material received first, 2019-01-10, due a week later.
    expect(listed[0]).toMatchObject({ title: '待归档0', ruleId: 'R-CUST-3', dueOn: '2019-01-17' })
    expect(listed.some((entry) => entry.title === '今年收到')).toBe(false)
  })

  it('R-STAT-1 shows the records kept now by category and by year, destroyed ones left out', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    await app.call('items.create', itemInput({ pageCount: 4 }), key)
    await app.call('items.create', itemInput({ pageCount: 6, dateFormed: '2024-05-01', receivedOn: '2024-05-02' }), key)
    const gone = await app.call('items.create', itemInput({ categoryCode: 'WS', pageCount: 9 }), key)
    await app.call('items.create', itemInput({ categoryCode: 'WS', pageCount: 1 }), key)
    await app.database.query(`UPDATE items SET custody = 'destroyed' WHERE id = ?`, [gone.id])
    await app.call(
      'volumes.create',
      { fondsCode: 'J001', categoryCode: 'KH', year: 2025, retentionCode: 'D30', title: '2025年客户合同' },
      key
    )
    const charts = await app.call('dashboard.holdings', {}, key)
    expect(charts.byCategory.map(({ code, items, pages, volumes }) => [code, items, pages, volumes])).toEqual([
      ['WS', 1, 1, 0],
      ['KH', 2, 10, 1]
    ])
    expect(charts.byYear).toEqual([
      { year: 2024, items: 1, volumes: 0 },
      { year: 2025, items: 2, volumes: 1 }
    ])
  })
})
