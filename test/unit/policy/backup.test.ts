import { describe, expect, it } from 'vitest'
import { backupDue, backupFileName, scheduledBackupDue } from '@main/policy/backup'

const at = (local: string) => new Date(local)

describe('R-SEC-2 backup timing', () => {
  const iso = (local: string | null) => (local === null ? null : at(local).toISOString())

  it.each([
    ['2026-03-04T09:00:00', '2026-03-10T09:00:00', 7, false],
    ['2026-03-03T09:00:00', '2026-03-10T09:00:00', 7, true],
    ['2026-03-09T09:00:00', '2026-03-10T09:00:00', 1, true]
  ])('last backup %s, now %s, remind after %i days → %s', (last, now, days, due) => {
    expect(backupDue(iso(last), iso('2026-01-01T09:00:00'), at(now), days)).toBe(due)
  })

  it.each([
    ['2026-03-10T08:00:00', '2026-03-10T09:00:00', false],
    ['2026-03-04T09:00:00', '2026-03-10T09:00:00', false],
    ['2026-03-03T09:00:00', '2026-03-10T09:00:00', true],
    [null, '2026-03-10T09:00:00', false]
  ])('no backup yet, installed %s, now %s, remind after 7 days → %s (issue 13)', (installed, now, due) => {
    expect(backupDue(null, iso(installed), at(now), 7)).toBe(due)
  })

  it.each([
    [null, null, '2026-03-10T19:00:00', false],
    ['18:00', null, '2026-03-10T17:59:00', false],
    ['18:00', null, '2026-03-10T18:00:00', true],
    ['18:00', '2026-03-10T18:05:00', '2026-03-10T19:00:00', false],
    ['18:00', '2026-03-10T12:00:00', '2026-03-10T19:00:00', true],
    ['18:00', '2026-03-09T18:30:00', '2026-03-10T08:00:00', false]
  ])('daily at %s, last %s, now %s → %s', (dailyAt, last, now, due) => {
    expect(scheduledBackupDue(dailyAt, last === null ? null : at(last).toISOString(), at(now))).toBe(due)
  })

  it('names backups by local date and time so they sort in time order', () => {
    expect(backupFileName(at('2026-03-02T09:30:05'))).toBe('archive-room-20260302-093005.sqlite')
    const names = ['2026-12-31T23:59:59', '2027-01-01T00:00:00'].map((d) => backupFileName(at(d)))
    expect([...names].sort()).toEqual(names)
  })
})
