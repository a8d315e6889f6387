import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { clockFromEnv } from '@main/clock'

describe('the clock end-to-end tests can move', () => {
  it('reads the pinned time while the file exists and the real time otherwise', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'clock-')), 'now.txt')
    const clock = clockFromEnv({ ARCHIVE_CLOCK_FILE: file })
    const before = Date.now()
    expect(clock().getTime()).toBeGreaterThanOrEqual(before)
    fs.writeFileSync(file, '2030-01-02T03:04:05.000Z')
    expect(clock().toISOString()).toBe('2030-01-02T03:04:05.000Z')
    fs.writeFileSync(file, 'tomorrow')
    expect(() => clock()).toThrow(/no time/)
  })

  it('is the real clock without the variable', () => {
    const before = Date.now()
    expect(clockFromEnv({})().getTime()).toBeGreaterThanOrEqual(before)
  })
})
