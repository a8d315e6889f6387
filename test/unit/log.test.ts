import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { LOG_FILE, openLog, RotatingFile } from '@main/log'
import { tempDir } from '../support/app'

function lines(file: string): Record<string, unknown>[] {
  return fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}

describe('the support log', () => {
  it('writes one JSON line per entry, in order, with its time, level, event, facts and an error with its stack', async () => {
    const folder = tempDir()
    const log = openLog(folder)
    log.info('started', { version: '0.1.0', items: 3 })
    const failure = Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' })
    log.error('request failed', failure, { channel: 'items.create' })
    await log.flush()
    const [started, failed] = lines(path.join(folder, LOG_FILE))
    expect(started).toMatchObject({ level: 'info', event: 'started', version: '0.1.0', items: 3 })
    expect(Date.parse(String(started.time))).not.toBeNaN()
    expect(failed).toMatchObject({ level: 'error', event: 'request failed', channel: 'items.create' })
    expect(failed.err).toMatchObject({ type: 'Error', message: 'disk I/O error', code: 'SQLITE_IOERR' })
    expect(String((failed.err as { stack: string }).stack)).toContain('log.test.ts')
  })

  it('keeps the time an entry was made even when it waited for the logger to load', async () => {
    const folder = tempDir()
    const log = openLog(folder)
    log.info('first')
    const before = Date.now()
    await new Promise((resolve) => setTimeout(resolve, 30))
    await log.flush()
    log.info('second')
    await log.flush()
    const [first, second] = lines(path.join(folder, LOG_FILE))
    expect(Date.parse(String(first.time))).toBeLessThanOrEqual(before)
    expect(Date.parse(String(second.time))).toBeGreaterThanOrEqual(Date.parse(String(first.time)))
  })

  it('rotates by size and keeps only the newest files', () => {
    const file = path.join(tempDir(), LOG_FILE)
    const rotating = new RotatingFile(file, 100, 2)
    for (let n = 0; n < 20; n += 1) rotating.write(`${String(n).padStart(2, '0')} ${'x'.repeat(36)}\n`)
    const files = fs.readdirSync(path.dirname(file)).sort()
    expect(files).toEqual([LOG_FILE, `${LOG_FILE}.1`, `${LOG_FILE}.2`])
    for (const name of files) expect(fs.statSync(path.join(path.dirname(file), name)).size).toBeLessThanOrEqual(100)
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^18 x+\n19 x+\n$/)
    expect(fs.readFileSync(`${file}.2`, 'utf8')).toMatch(/^14 /)
  })

  it('continues a file left by the last run, counting its size', () => {
    const file = path.join(tempDir(), LOG_FILE)
    fs.writeFileSync(file, 'y'.repeat(90))
    new RotatingFile(file, 100, 2).write('z'.repeat(20))
    expect(fs.readFileSync(`${file}.1`, 'utf8')).toBe('y'.repeat(90))
    expect(fs.readFileSync(file, 'utf8')).toBe('z'.repeat(20))
  })
})

describe('a log that cannot be written', () => {
  it('never fails the work that logs: a file where the log folder should be', async () => {
    const folder = tempDir()
    fs.writeFileSync(path.join(folder, 'logs'), 'a file where the folder should be')
    const log = openLog(path.join(folder, 'logs'))
    expect(() => log.error('request failed', new Error('disk full'), { channel: 'customers.create' })).not.toThrow()
    await expect(log.flush()).resolves.toBeUndefined()
    log.info('still answering')
    await log.flush()
  })
})
