import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { makeApp, sampleCustomer, type TestApp } from '../support/app'

/** Whether this machine lets the tests mount a small tmpfs (root, and a kernel that allows it); skipped otherwise. */
function mountingWorks(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false
  const probe = fs.mkdtempSync('/tmp/tmpfs-probe-')
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' })
    execFileSync('umount', [probe], { stdio: 'ignore' })
    return true
  } catch {
    return false
  } finally {
    fs.rmdirSync(probe)
  }
}

/** A real full disk: a small tmpfs. */
const canMount = mountingWorks()
const mounts: string[] = []
let app: TestApp | null = null

function mountTmpfs(megabytes: number): string {
  const point = `/mnt/atk12-${crypto.randomBytes(4).toString('hex')}`
  fs.mkdirSync(point)
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', point])
  mounts.push(point)
  return point
}

afterEach(async () => {
  await app?.close().catch(() => undefined)
  app = null
  for (const point of mounts.splice(0)) {
    execFileSync('umount', ['-l', point])
    fs.rmdirSync(point)
  }
})

/** Fills the file system until it refuses another byte. */
function fill(folder: string): string {
  const filler = path.join(folder, 'filler.bin')
  const handle = fs.openSync(filler, 'w')
  const chunk = Buffer.alloc(64 * 1024, 1)
  try {
    for (let size = chunk.length; size >= 1;) {
      try {
        fs.writeSync(handle, chunk, 0, size)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error
        size = Math.floor(size / 2)
      }
    }
  } finally {
    fs.closeSync(handle)
  }
  return filler
}

const bulky = (name: string) => sampleCustomer({ name, background: `${name}的背景资料`.repeat(60) })

describe.runIf(canMount)('a real full disk (tmpfs)', () => {
  it('refuses in words while full, every later write commits, and what was acknowledged is there after a restart', async () => {
    const dataDir = path.join(mountTmpfs(16), 'data')
    fs.mkdirSync(dataDir)
    app = await makeApp(dataDir)
    const key = await app.signInAs('archivist', 'keeper')
    const acknowledged: string[] = []
    const refusals = new Set<string>()
    const attempt = async (name: string) => {
      const result = await app!.dispatch('customers.create', bulky(name), key)
      if (result.ok) acknowledged.push(name)
      else refusals.add(`${result.error.code} ${result.error.message}`)
    }
    for (let i = 0; i < 3; i += 1) await attempt(`满盘之前${i}`)
    const filler = fill(dataDir)
    for (let i = 0; i < 40; i += 1) await attempt(`满盘期间${i}`)
    // A backup while the data disk is full: the snapshot goes straight onto the stick, but its audit entry cannot be
    // written to the full data disk, so it is refused in words.
    const usb = mountTmpfs(16)
    const backup = await app.dispatch('backup.create', { folder: usb }, key)
    const backupOutcome = backup.ok ? 'ok' : `${backup.error.code} ${backup.error.message}`
    // Reads still answer.
    const listed = await app.dispatch('customers.list', { pageSize: 100 }, key)
    expect(listed.ok).toBe(true)
    fs.rmSync(filler)
    // After SQLite rolled a COMMIT back by itself, an ordinary refusal inside a write (a duplicate name) once left the
    // connection inside a transaction that never committed again: every later write was lost.
    const duplicate = await app.dispatch('customers.create', bulky('满盘之前0'), key)
    expect(duplicate.ok || duplicate.error.code).toBe('CONFLICT')
    for (let i = 0; i < 10; i += 1) await attempt(`清理之后${i}`)
    const after = await app.dispatch('backup.create', { folder: usb }, key)
    expect(after.ok).toBe(true)

    await app.close()
    app = await makeApp(dataDir)
    const viewer = await app.signInAs('staff_viewer', 'reader')
    const names = (await app.call('customers.list', { pageSize: 200 }, viewer)).rows.map((r) => r.name).sort()
    expect([...refusals]).toEqual(['STORAGE errors.diskFull'])
    expect(backupOutcome).toBe('STORAGE errors.diskFull')
    expect(names).toEqual([...acknowledged].sort())
    expect(acknowledged.filter((n) => n.startsWith('清理之后'))).toHaveLength(10)
    expect((await app.database.query('PRAGMA integrity_check'))[0].integrity_check).toBe('ok')
    expect((await app.services.audit.verify()).ok).toBe(true)
  }, 60_000)
})
