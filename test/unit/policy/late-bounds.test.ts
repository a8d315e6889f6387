import { describe, expect, it } from 'vitest'
import { lateBounds, overdueAnnualFiling, overdueCustomerMaterials } from '@main/policy/deadlines'

const day = (base: string, days: number) =>
  new Date(Date.parse(`${base}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

describe('R-CUST-3, R-FILE-9 the bounds of lateness agree with the rules', () => {
  it('finds late exactly the records the rules find late, on every day of two years and for every setting', () => {
    for (const settings of [
      { customerFilingDays: 7, customerRegistrationWorkingDays: 5, annualFilingMonth: 6 },
      { customerFilingDays: 1, customerRegistrationWorkingDays: 5, annualFilingMonth: 12 },
      { customerFilingDays: 30, customerRegistrationWorkingDays: 5, annualFilingMonth: 1 }
    ]) {
      for (let offset = 0; offset < 730; offset += 3) {
        const today = day('2023-01-01', offset)
        const bounds = lateBounds(today, settings)
        for (const received of [-1, 0, 1].map((d) => day(bounds.customerReceivedBy, d))) {
          const late = overdueCustomerMaterials(
            [{ id: 1, receivedOn: received, filed: false, isCustomerMaterial: true }],
            today,
            settings
          )
          expect(late.length === 1, `${today} received ${received}`).toBe(received <= bounds.customerReceivedBy)
        }
        for (const year of [bounds.annualYearUpTo, bounds.annualYearUpTo + 1]) {
          const late = overdueAnnualFiling(
            [{ id: 1, year, receivedOn: `${year}-01-01`, filed: false }],
            today,
            settings
          )
          expect(late.length === 1, `${today} year ${year}`).toBe(year <= bounds.annualYearUpTo)
        }
      }
    }
  })
})
