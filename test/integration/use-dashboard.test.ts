import { afterEach, describe, expect, it } from 'vitest'
import type { TodoEntry } from '@preload/contract'
import { makeApp, type TestApp } from '../support/app'
import { itemInput } from '../support/records'
import { useDesk, type RecordRef } from '../support/use'

let app: TestApp
afterEach(async () => app?.close())

const USE_KEYS = ['loansDueToday', 'loansOverdue', 'consultationsLeftOut']
const zhangsan = { applicantName: '张三', departmentCode: 'ZS' }

/** An archivist with `count` coded records to lend, on a clock set to the given local time. */
async function desk(local: string, count: number) {
  app = await makeApp()
  app.clock.now = new Date(local)
  const key = await app.signInAs('archivist', 'liwen')
  const records: RecordRef[] = []
  for (let n = 0; n < count; n += 1) {
    const created = await app.call('items.create', itemInput({ title: `合同${n + 1}` }), key)
    await app.call('items.catalogue', { id: created.id }, key)
    records.push({ subject: 'item', id: created.id })
  }
  const useTodo = async (): Promise<TodoEntry[]> =>
    (await app.call('dashboard.todo', {}, key)).filter((entry) => USE_KEYS.includes(entry.key))
  return { key, records, useTodo, ...useDesk(app, key) }
}

describe('R-USE-8, R-USE-1 the to-do list names loans due and overdue and consultations left open', () => {
  it('counts loans due today, overdue loans with the oldest due date, and reading-room consultations from earlier days', async () => {
    const { records, useTodo, at, request, grant, giveBack } = await desk('2026-02-20T10:00:00', 5)
    const [a, b, c, d, e] = records
    const longestOverdue = await grant(request('loan', [a], '核对合同条款', zhangsan, 4))
    await at('2026-02-25T10:00:00')
    await grant(request('loan', [b], '核对合同条款', zhangsan, 4))
    await at('2026-02-26T10:00:00')
    await grant(request('loan', [c], '核对合同条款', zhangsan, 4))
    await at('2026-02-27T16:00:00')
    const leftOpen = await grant(request('consultation', [d], '查阅合同', zhangsan))
    // The consultation is still today's; the loan due on 24 February is the only one late.
    expect((await useTodo()).map((entry) => [entry.key, entry.params])).toEqual([
      ['loansOverdue', { count: 1, oldestDueOn: '2026-02-24' }]
    ])

    await at('2026-03-02T09:00:00')
    await grant(request('consultation', [e], '查阅合同', zhangsan))
    expect(await useTodo()).toEqual([
      {
        key: 'loansDueToday',
        count: 1,
        severity: 'info',
        section: 'use',
        ruleId: 'R-USE-8',
        reason: 'policy.todo.loansDueToday',
        params: { count: 1 }
      },
      {
        key: 'loansOverdue',
        count: 2,
        severity: 'error',
        section: 'use',
        ruleId: 'R-USE-8',
        reason: 'policy.todo.loansOverdue',
        params: { count: 2, oldestDueOn: '2026-02-24' }
      },
      {
        key: 'consultationsLeftOut',
        count: 1,
        severity: 'warning',
        section: 'use',
        ruleId: 'R-USE-1',
        reason: 'policy.todo.consultationsLeftOut',
        params: { count: 1, oldestOutOn: '2026-02-27' }
      }
    ])

    await giveBack(longestOverdue)
    await giveBack(leftOpen)
    expect((await useTodo()).map((entry) => [entry.key, entry.params])).toEqual([
      ['loansDueToday', { count: 1 }],
      ['loansOverdue', { count: 1, oldestDueOn: '2026-03-01' }]
    ])
    await at('2026-03-03T09:00:00')
    expect((await useTodo()).map((entry) => [entry.key, entry.count])).toEqual([
      ['loansOverdue', 2],
      ['consultationsLeftOut', 1]
    ])
  })
})

describe('R-STAT-1 the dashboard chart of use', () => {
  it('counts requests granted per month and kind over the last 12 months, oldest first, nothing before or after', async () => {
    const { key, records, at, request, grant, giveBack } = await desk('2025-03-31T10:00:00', 2)
    const [a, b] = records
    await grant(request('excerpt', [a], '留存', zhangsan))
    await at('2025-04-01T10:00:00')
    await giveBack(await grant(request('consultation', [a], '查阅合同', zhangsan)))
    await grant(request('excerpt', [b], '留存', zhangsan))
    await at('2026-02-10T10:00:00')
    await giveBack(await grant(request('loan', [a], '核对合同条款', zhangsan)))
    await giveBack(await grant(request('loan', [b], '核对合同条款', zhangsan)))
    await giveBack(await grant(request('consultation', [a], '查阅合同', zhangsan)))
    await at('2026-03-31T10:00:00')
    await grant(request('consultation', [b], '查阅合同', zhangsan))
    // Entered but not yet signed nor out: nothing was used yet.
    const pending = await app.call('use.create', request('consultation', [a], '查阅合同', zhangsan), key)
    expect(pending.status).toBe('pending')

    const { byMonth } = await app.call('dashboard.use', {}, key)
    expect(byMonth.map((month) => month.month)).toEqual([
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03'
    ])
    const used = byMonth.filter((month) => month.consultation + month.loan + month.excerpt > 0)
    expect(used).toEqual([
      { month: '2025-04', consultation: 1, loan: 0, excerpt: 1 },
      { month: '2026-02', consultation: 1, loan: 2, excerpt: 0 },
      { month: '2026-03', consultation: 1, loan: 0, excerpt: 0 }
    ])
    await at('2026-04-01T10:00:00')
    expect((await app.call('dashboard.use', {}, key)).byMonth[0]).toEqual({
      month: '2025-05',
      consultation: 0,
      loan: 0,
      excerpt: 0
    })
  })
})
