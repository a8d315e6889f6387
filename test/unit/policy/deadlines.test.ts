import { describe, expect, it } from 'vitest'
import {
  DEFAULT_DEADLINES,
  expiryDate,
  overdueAnnualFiling,
  overdueCustomerMaterials,
  registrationDueDate
} from '@main/policy/deadlines'

// Expected values are worked out in UTC, never in the machine's time zone.
const utc = (date: string): number => Date.parse(`${date}T00:00:00Z`)
const addDays = (date: string, days: number): string =>
  new Date(utc(date) + days * 86_400_000).toISOString().slice(0, 10)
const daysBetween = (from: string, to: string): number => (utc(to) - utc(from)) / 86_400_000
const weekday = (date: string): number => new Date(utc(date)).getUTCDay()

describe('R-CUST-3 customer materials are filed within a week of receipt', () => {
  const customer = (receivedOn: string, extra: { filed?: boolean; isCustomerMaterial?: boolean } = {}) => ({
    id: 1,
    receivedOn,
    filed: false,
    isCustomerMaterial: true,
    ...extra
  })

  it.each([
    {
      name: 'on the due day it is not late',
      receivedOn: '2024-01-25',
      today: '2024-02-01',
      dueOn: '2024-02-01',
      late: null
    },
    {
      name: 'the day after the due day it is one day late',
      receivedOn: '2024-01-25',
      today: '2024-02-02',
      dueOn: '2024-02-01',
      late: 1
    },
    {
      name: 'across the end of February in a leap year',
      receivedOn: '2024-02-25',
      today: '2024-03-04',
      dueOn: '2024-03-03',
      late: 1
    },
    {
      name: 'across the end of February in a common year',
      receivedOn: '2023-02-25',
      today: '2023-03-04',
      dueOn: '2023-03-04',
      late: null
    },
    {
      name: 'across the end of a 30-day month',
      receivedOn: '2024-04-26',
      today: '2024-05-06',
      dueOn: '2024-05-03',
      late: 3
    },
    { name: 'across the new year', receivedOn: '2023-12-28', today: '2024-01-10', dueOn: '2024-01-04', late: 6 },
    {
      name: 'across the spring clock change in Europe',
      receivedOn: '2024-03-28',
      today: '2024-04-10',
      dueOn: '2024-04-04',
      late: 6
    },
    { name: 'received today', receivedOn: '2024-06-01', today: '2024-06-01', dueOn: '2024-06-08', late: null }
  ])('R-CUST-3 $name', ({ receivedOn, today, dueOn, late }) => {
    expect(addDays(receivedOn, DEFAULT_DEADLINES.customerFilingDays)).toBe(dueOn)
    const result = overdueCustomerMaterials([customer(receivedOn)], today, DEFAULT_DEADLINES)
    expect(result).toEqual(
      late === null
        ? []
        : [{ id: 1, dueOn, daysLate: late, ruleId: 'R-CUST-3', reason: 'policy.deadline.customerFiling' }]
    )
    if (late !== null) expect(late).toBe(daysBetween(dueOn, today))
  })

  it.each([
    { name: 'filed materials are never late', extra: { filed: true } },
    { name: 'materials not from a customer are not on this list', extra: { isCustomerMaterial: false } }
  ])('R-CUST-3 $name', ({ extra }) => {
    expect(overdueCustomerMaterials([customer('2020-01-01', extra)], '2024-01-01', DEFAULT_DEADLINES)).toEqual([])
  })

  it('R-CUST-3 follows the configured number of days', () => {
    const result = overdueCustomerMaterials([customer('2024-01-30')], '2024-02-03', {
      ...DEFAULT_DEADLINES,
      customerFilingDays: 3
    })
    expect(result).toEqual([
      { id: 1, dueOn: '2024-02-02', daysLate: 1, ruleId: 'R-CUST-3', reason: 'policy.deadline.customerFiling' }
    ])
  })

  it('R-CUST-3 lists only the late ones, keeping their order', () => {
    const items = [
      { id: 3, receivedOn: '2024-01-02', filed: false, isCustomerMaterial: true },
      { id: 1, receivedOn: '2024-01-20', filed: false, isCustomerMaterial: true },
      { id: 2, receivedOn: '2024-01-01', filed: false, isCustomerMaterial: true }
    ]
    expect(
      overdueCustomerMaterials(items, '2024-01-15', DEFAULT_DEADLINES).map((entry) => [entry.id, entry.daysLate])
    ).toEqual([
      [3, 6],
      [2, 7]
    ])
  })
})

describe('R-FILE-9 last year’s records are filed by the end of June', () => {
  it.each([
    { name: 'on 30 June it is not late', year: 2023, today: '2024-06-30', month: 6, dueOn: '2024-06-30', late: null },
    { name: 'on 1 July it is one day late', year: 2023, today: '2024-07-01', month: 6, dueOn: '2024-06-30', late: 1 },
    { name: 'a new year later', year: 2023, today: '2025-01-01', month: 6, dueOn: '2024-06-30', late: 185 },
    {
      name: 'this year’s records are not due yet',
      year: 2024,
      today: '2024-12-31',
      month: 6,
      dueOn: '2025-06-30',
      late: null
    },
    {
      name: 'a February deadline in a leap year ends on the 29th',
      year: 2023,
      today: '2024-03-01',
      month: 2,
      dueOn: '2024-02-29',
      late: 1
    },
    {
      name: 'a February deadline in a common year ends on the 28th',
      year: 2024,
      today: '2025-03-01',
      month: 2,
      dueOn: '2025-02-28',
      late: 1
    },
    { name: 'a 31-day month', year: 2023, today: '2024-08-01', month: 7, dueOn: '2024-07-31', late: 1 },
    { name: 'a December deadline', year: 2023, today: '2025-01-01', month: 12, dueOn: '2024-12-31', late: 1 },
    { name: 'a January deadline', year: 2023, today: '2024-01-31', month: 1, dueOn: '2024-01-31', late: null }
  ])('R-FILE-9 $name', ({ year, today, month, dueOn, late }) => {
    const result = overdueAnnualFiling([{ id: 4, year, receivedOn: `${year}-12-31`, filed: false }], today, {
      ...DEFAULT_DEADLINES,
      annualFilingMonth: month
    })
    expect(result).toEqual(
      late === null
        ? []
        : [{ id: 4, dueOn, daysLate: late, ruleId: 'R-FILE-9', reason: 'policy.deadline.annualFiling' }]
    )
    if (late !== null) expect(late).toBe(daysBetween(dueOn, today))
    expect(addDays(dueOn, 1).slice(8)).toBe('01')
  })

  // A record handed in after its annual deadline is due a filing period (7 days) after receipt, and says how late it came.
  it.each([
    {
      name: 'a 2014 record received today is handed in late, not overdue by years',
      year: 2014,
      receivedOn: '2026-07-01',
      today: '2026-07-01',
      entry: { dueOn: '2026-07-08', daysLate: 0, reason: 'policy.deadline.lateHandIn', handedInLateDays: 4019 }
    },
    {
      name: 'on the last day of its filing period it is still only handed in late',
      year: 2024,
      receivedOn: '2025-07-10',
      today: '2025-07-17',
      entry: { dueOn: '2025-07-17', daysLate: 0, reason: 'policy.deadline.lateHandIn', handedInLateDays: 10 }
    },
    {
      name: 'past its filing period it is late from that day, not from its year',
      year: 2024,
      receivedOn: '2025-07-10',
      today: '2025-07-20',
      entry: { dueOn: '2025-07-17', daysLate: 3, reason: 'policy.deadline.filingAfterLateHandIn', handedInLateDays: 10 }
    },
    {
      name: 'received on the deadline day it came in time, and is late from the deadline',
      year: 2024,
      receivedOn: '2025-06-30',
      today: '2025-07-05',
      entry: { dueOn: '2025-06-30', daysLate: 5, reason: 'policy.deadline.annualFiling' }
    },
    {
      name: 'a record of this year is not due at all',
      year: 2026,
      receivedOn: '2026-07-01',
      today: '2026-07-01',
      entry: null
    }
  ])('R-FILE-9 $name', ({ year, receivedOn, today, entry }) => {
    const result = overdueAnnualFiling([{ id: 9, year, receivedOn, filed: false }], today, DEFAULT_DEADLINES)
    expect(result).toEqual(entry === null ? [] : [{ id: 9, ruleId: 'R-FILE-9', ...entry }])
    if (entry?.handedInLateDays) expect(entry.handedInLateDays).toBe(daysBetween(`${year + 1}-06-30`, receivedOn))
  })

  it('R-FILE-9 the days late at hand-in do not grow while the record waits to be filed', () => {
    const late = (today: string) =>
      overdueAnnualFiling([{ id: 9, year: 2014, receivedOn: '2026-07-01', filed: false }], today, DEFAULT_DEADLINES)
    expect(late('2026-07-01')[0].handedInLateDays).toBe(late('2027-07-01')[0].handedInLateDays)
    expect(late('2026-07-01')[0].daysLate).toBe(0)
  })

  it('R-FILE-9 filed records are never late', () => {
    expect(
      overdueAnnualFiling(
        [{ id: 4, year: 2010, receivedOn: '2010-12-31', filed: true }],
        '2024-07-01',
        DEFAULT_DEADLINES
      )
    ).toEqual([])
  })

  it('R-FILE-9 the default deadline is the end of June', () => {
    expect(DEFAULT_DEADLINES).toEqual({
      customerFilingDays: 7,
      customerRegistrationWorkingDays: 5,
      annualFilingMonth: 6
    })
  })
})

describe('R-CUST-3 a customer is registered within 5 working days of first contact', () => {
  it.each([
    { name: 'Monday → next Monday', firstContactOn: '2024-03-04', dueOn: '2024-03-11' },
    { name: 'Wednesday → next Wednesday, across the weekend', firstContactOn: '2024-03-06', dueOn: '2024-03-13' },
    { name: 'Friday → next Friday', firstContactOn: '2024-03-08', dueOn: '2024-03-15' },
    { name: 'Saturday → the Friday after', firstContactOn: '2024-03-09', dueOn: '2024-03-15' },
    { name: 'Sunday → the Friday after', firstContactOn: '2024-03-10', dueOn: '2024-03-15' },
    { name: 'Thursday 29 February (leap year) → Thursday 7 March', firstContactOn: '2024-02-29', dueOn: '2024-03-07' },
    { name: 'Tuesday 28 February (common year) → Tuesday 7 March', firstContactOn: '2023-02-28', dueOn: '2023-03-07' },
    {
      name: 'Friday 29 December → Friday 5 January, across the new year',
      firstContactOn: '2023-12-29',
      dueOn: '2024-01-05'
    },
    {
      name: 'Saturday 30 November → Friday 6 December, across a month end',
      firstContactOn: '2024-11-30',
      dueOn: '2024-12-06'
    }
  ])('R-CUST-3 $name', ({ firstContactOn, dueOn }) => {
    expect(registrationDueDate(firstContactOn, DEFAULT_DEADLINES)).toBe(dueOn)
    expect([0, 6]).not.toContain(weekday(dueOn))
  })

  it.each([
    { days: 0, firstContactOn: '2024-03-09', dueOn: '2024-03-09' },
    { days: 1, firstContactOn: '2024-03-08', dueOn: '2024-03-11' },
    { days: 1, firstContactOn: '2024-03-09', dueOn: '2024-03-11' },
    { days: 10, firstContactOn: '2024-03-04', dueOn: '2024-03-18' }
  ])('R-CUST-3 $days working day(s) from $firstContactOn → $dueOn', ({ days, firstContactOn, dueOn }) => {
    expect(registrationDueDate(firstContactOn, { ...DEFAULT_DEADLINES, customerRegistrationWorkingDays: days })).toBe(
      dueOn
    )
  })
})

describe('R-DISP-2 expiry counts from 1 January after the filing year', () => {
  const retention = { Y: null, D30: 30, D10: 10 } as const

  it.each([
    { code: 'Y' as const, filingYear: 2024, expires: null },
    { code: 'D30' as const, filingYear: 2024, expires: '2055-01-01' },
    { code: 'D10' as const, filingYear: 2024, expires: '2035-01-01' },
    { code: 'D10' as const, filingYear: 2023, expires: '2034-01-01' },
    { code: 'D30' as const, filingYear: 2020, expires: '2051-01-01' },
    { code: 'D10' as const, filingYear: 2000, expires: '2011-01-01' },
    { code: 'D10' as const, filingYear: 1999, expires: '2010-01-01' },
    { code: 'D30' as const, filingYear: 2070, expires: '2101-01-01' }
  ])('R-DISP-2 $code filed in $filingYear expires $expires', ({ code, filingYear, expires }) => {
    expect(expiryDate(filingYear, retention[code])).toBe(expires)
  })

  it('R-DISP-2 a D10 item filed in leap year 2024 is kept ten whole years, 2025–2034, leap days of 2028 and 2032 included', () => {
    const expires = expiryDate(2024, 10) as string
    expect(addDays(expires, -1)).toBe('2034-12-31')
    expect(daysBetween('2025-01-01', expires)).toBe(10 * 365 + 2)
  })
})
