import { afterEach, describe, expect, it } from 'vitest'
import { addDays, addMonths } from '@main/policy/calendar'
import type { CustomerUpkeepSettings } from '@preload/contract'
import { makeApp, seedInTransaction, type TestApp } from '../support/app'
import { moveClockTo } from '../support/disposal'

let app: TestApp
afterEach(async () => app?.close())

const TODAYS = ['2025-02-28', '2025-03-31', '2026-01-01', '2026-06-15', '2027-02-28']

/** mulberry32: the same room on every run, a different one for every seed. */
function randomOf(seed: number, todays: readonly string[]) {
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
    const near = pick(todays)
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
async function seedRoom(seed: number, userIds: number[], todays: readonly string[] = TODAYS) {
  const random = randomOf(seed, todays)
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

type Counts = { formalLate: number; visitsDue: number; reviewsDue: number; creditReviews: number; staffShort: number }

/** The workbench's five lines, and the same five summed from every customer's file as `customerUpkeep.get` judges it. */
async function countsOn(today: string, archivist: string): Promise<{ counted: Counts; judged: Counts }> {
  await moveClockTo(app, `${today}T10:00:00+08:00`, archivist)
  const judged = { formalLate: 0, visitsDue: 0, reviewsDue: 0, creditReviews: 0, staffShort: 0 }
  const customers = await app.database.query<{ id: number }>('SELECT id FROM customers ORDER BY id')
  for (const { id } of customers) {
    const file = await app.call('customerUpkeep.get', { customerId: id }, archivist)
    judged.formalLate += Number(file.registration.late)
    judged.visitsDue += file.visits.filter((visit) => visit.due).length
    judged.reviewsDue += Number(file.review.due)
    judged.creditReviews += Number(file.creditReview !== null)
    judged.staffShort += Number(file.staffShort)
  }
  const todo = await app.call('dashboard.todo', {}, archivist)
  const count = (key: string) => todo.find((entry) => entry.key === key)?.count ?? 0
  const counted = {
    formalLate: count('customerFormalLate'),
    visitsDue: count('customerVisitsDue'),
    reviewsDue: count('customerReviewsDue'),
    creditReviews: count('customerCreditReviews'),
    staffShort: count('customerStaffShort')
  }
  return { counted, judged }
}

async function usersOfRoom() {
  const archivist = await app.signInAs('archivist', 'liwen')
  const manager = await app.signInAs('archive_manager', 'zhaozr')
  await app.signInAs('staff_viewer', 'zhangsan')
  const users = await app.database.query<{ id: number }>('SELECT id FROM users ORDER BY id')
  return { archivist, manager, userIds: users.map((user) => user.id) }
}

describe('S29, S46–S47, S59–S61, S21, S154 the workbench counts equal the customer files judged one by one', () => {
  it.each([1, 2, 3])('room %i, on days around month and year ends', async (seed) => {
    app = await makeApp()
    const { archivist, userIds } = await usersOfRoom()
    await seedRoom(seed, userIds)

    for (const today of TODAYS) {
      const { counted, judged } = await countsOn(today, archivist)
      expect(counted, today).toEqual(judged)
      // Every line has something to count in these rooms, so a count stuck at zero fails too.
      expect(
        Object.values(judged).every((value) => value > 0),
        today
      ).toBe(true)
    }
  })

  // The settings schema lets a manager list a visit day twice, out of order, a year out, and review months far apart.
  const ODD_SETTINGS: CustomerUpkeepSettings = {
    formalWithinDays: 1,
    verifierRoles: ['archive_manager'],
    visitDays: [60, 3, 3, 365, 1],
    reviewMonths: { important: 36, special: 1, general: 13 }
  }
  const LEAP_TODAYS = ['2028-02-29', '2024-02-29', '2028-03-01', '2026-12-31', '2027-01-31', '2029-02-28']

  it.each([4, 5])('room %i, under odd but valid settings, on leap days and month ends', async (seed) => {
    app = await makeApp()
    const { archivist, manager, userIds } = await usersOfRoom()
    await app.call('customerUpkeep.saveSettings', ODD_SETTINGS, manager)
    await seedRoom(seed, userIds, LEAP_TODAYS)

    for (const today of LEAP_TODAYS) {
      const { counted, judged } = await countsOn(today, archivist)
      expect(counted, today).toEqual(judged)
      expect(judged.visitsDue, today).toBeGreaterThan(0)
    }
  })

  it('S21: a rating recorded at the very moment the customer changed does not ask for a review', async () => {
    app = await makeApp()
    const { archivist, userIds } = await usersOfRoom()
    await seedInTransaction(app, async (db) => {
      await db.query(
        `INSERT INTO customers (id, name, legal_representative, grade, industry, region, date_opened, created_at, updated_at, created_by)
         VALUES (1, '同刻公司', '法人', 'general', '物流', '上海', '2026-01-05', ?, ?, ?)`,
        ['2026-03-01T02:00:00.000Z', '2026-03-01T02:00:00.000Z', userIds[0]]
      )
      await db.query(
        `INSERT INTO customer_credit (customer_id, grade, limit_amount, limit_year, decided_on, recorded_by, recorded_at)
         VALUES (1, 'good', 1000, 2026, '2026-03-01', ?, '2026-03-01T02:00:00.000Z')`,
        [userIds[0]]
      )
      // Two visits logged for the plan's day 3 are one visit done.
      for (const happenedOn of ['2026-01-08', '2026-01-09'])
        await db.query(
          `INSERT INTO customer_upkeep_log (customer_id, kind, channel, happened_on, staff_name, plan_day, recorded_by, recorded_at)
           VALUES (1, 'visit', 'call', ?, '李文', 3, ?, '2026-01-09T00:00:00Z')`,
          [happenedOn, userIds[0]]
        )
      await db.query(
        `INSERT INTO customer_registrations (customer_id, status, contract_signed_on) VALUES (1, 'formal', '2026-01-05')`
      )
    })
    const { counted, judged } = await countsOn('2026-06-15', archivist)
    expect(counted).toEqual(judged)
    expect(judged).toMatchObject({ creditReviews: 0, visitsDue: 3 })
  })
})
