import { afterEach, describe, expect, it } from 'vitest'
import { addDays, addMonths } from '@main/policy/calendar'
import { makeApp, seedInTransaction, type TestApp } from '../support/app'
import { moveClockTo } from '../support/disposal'

let app: TestApp
afterEach(async () => app?.close())

const TODAYS = ['2025-02-28', '2025-03-31', '2026-01-01', '2026-06-15', '2027-02-28']

/** mulberry32: the same room on every run, a different one for every seed. */
function randomOf(seed: number) {
  let state = seed
  const next = () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const below = (n: number) => Math.floor(next() * n)
  const pick = <T>(values: readonly T[]): T => values[below(values.length)]
  // Days on and beside the rules' edges are the ones a wrong comparison gets wrong: the default settings' 5 days to
  // the formal file, the visits' 3–60 days and the reviews' 1, 3 and 12 months before each day the test looks.
  const day = () => {
    const near = pick(TODAYS)
    const kind = below(3)
    if (kind === 0) return addDays('2023-01-01', below(4 * 365))
    if (kind === 1) return addDays(near, -pick([4, 5, 6, 2, 3, 14, 15, 29, 30, 59, 60, 61]))
    return addDays(addMonths(near, -pick([1, 3, 12])), below(3) - 1)
  }
  return { below, pick, day, chance: (p: number) => next() < p }
}

const CUSTOMERS = 80

/**
 * Customers of every grade with registrations, visits of the plan and off it, reviews, credit ratings of several
 * years and staff contacts, on random days around the month ends the rules turn on.
 */
async function seedRoom(seed: number, userIds: number[]) {
  const random = randomOf(seed)
  await seedInTransaction(app, async (db) => {
    for (let i = 1; i <= CUSTOMERS; i += 1) {
      const updatedAt = `${random.day()}T0${random.below(10)}:00:00.000Z`
      await db.query(
        `INSERT INTO customers (id, name, legal_representative, grade, industry, region, date_opened, created_at, updated_at, created_by)
         VALUES (?, ?, '法人', ?, '物流', '上海', ?, ?, ?, ?)`,
        [
          i,
          `第${i}号公司`,
          random.pick(['important', 'special', 'general']),
          random.day(),
          updatedAt,
          updatedAt,
          userIds[0]
        ]
      )
      if (random.chance(0.8))
        await db.query(
          `INSERT INTO customer_registrations (customer_id, status, contract_signed_on, completion_on) VALUES (?, ?, ?, ?)`,
          [
            i,
            random.pick(['temporary', 'formal']),
            random.chance(0.8) ? random.day() : null,
            random.chance(0.7) ? random.day() : null
          ]
        )
      for (let entry = random.below(5); entry > 0; entry -= 1) {
        const kind = random.pick(['visit', 'review', 'contact'])
        await db.query(
          `INSERT INTO customer_upkeep_log (customer_id, kind, channel, happened_on, staff_name, plan_day, recorded_by, recorded_at)
           VALUES (?, ?, 'call', ?, '李文', ?, ?, '2026-01-01T00:00:00Z')`,
          [i, kind, random.day(), kind === 'visit' ? random.pick([3, 15, 30, 60, 7, null]) : null, userIds[0]]
        )
      }
      for (let rating = random.below(3); rating > 0; rating -= 1)
        await db.query(
          `INSERT INTO customer_credit (customer_id, grade, limit_amount, limit_year, decided_on, recorded_by, recorded_at)
           VALUES (?, 'good', 1000, ?, '2025-01-01', ?, ?)`,
          [i, 2024 + random.below(4), userIds[0], `${random.day()}T12:00:00.000Z`]
        )
      for (const userId of userIds.filter(() => random.chance(0.4)))
        await db.query(
          `INSERT INTO customer_staff (customer_id, user_id, assigned_on, assigned_by) VALUES (?, ?, '2025-01-01', ?)`,
          [i, userId, userIds[0]]
        )
    }
  })
}

describe('S29, S46–S47, S59–S61, S21, S154 the workbench counts equal the customer files judged one by one', () => {
  it.each([1, 2, 3])('room %i, on days around month and year ends', async (seed) => {
    app = await makeApp()
    const archivist = await app.signInAs('archivist', 'liwen')
    await app.signInAs('archive_manager', 'zhaozr')
    await app.signInAs('staff_viewer', 'zhangsan')
    const users = await app.database.query<{ id: number }>('SELECT id FROM users ORDER BY id')
    await seedRoom(
      seed,
      users.map((user) => user.id)
    )

    for (const today of TODAYS) {
      await moveClockTo(app, `${today}T10:00:00+08:00`, archivist)
      const expected = { formalLate: 0, visitsDue: 0, reviewsDue: 0, creditReviews: 0, staffShort: 0 }
      for (let id = 1; id <= CUSTOMERS; id += 1) {
        const file = await app.call('customerUpkeep.get', { customerId: id }, archivist)
        expected.formalLate += Number(file.registration.late)
        expected.visitsDue += file.visits.filter((visit) => visit.due).length
        expected.reviewsDue += Number(file.review.due)
        expected.creditReviews += Number(file.creditReview !== null)
        expected.staffShort += Number(file.staffShort)
      }
      const todo = await app.call('dashboard.todo', {}, archivist)
      const count = (key: string) => todo.find((entry) => entry.key === key)?.count ?? 0
      expect(
        {
          formalLate: count('customerFormalLate'),
          visitsDue: count('customerVisitsDue'),
          reviewsDue: count('customerReviewsDue'),
          creditReviews: count('customerCreditReviews'),
          staffShort: count('customerStaffShort')
        },
        today
      ).toEqual(expected)
      // Every line has something to count in these rooms, so a count stuck at zero fails too.
      expect(
        Object.values(expected).every((value) => value > 0),
        today
      ).toBe(true)
    }
  })
})
