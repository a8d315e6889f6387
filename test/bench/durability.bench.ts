import { describe, expect, it } from 'vitest'
import { crashLoop } from '../support/crash'

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 40)

describe('durability under kill -9 and a full disk', () => {
  it(`${ROUNDS} kills at random moments: acknowledged vs present`, async () => {
    const report = await crashLoop(ROUNDS)
    expect(report.lost).toEqual([])
    expect(report.auditIntact).toBe(true)
    expect(report.integrity).toBe('ok')
  }, 3_600_000)
})
