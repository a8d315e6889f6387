import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { STICK_FILES_FOLDER } from '@main/services/backup-files'
import { makeApp, tempDir, type TestApp } from '../support/app'
import { jpegBytes, pdfBytes } from '../support/electronic'
import { itemInput } from '../support/records'

/** Total bytes of generated files: 64 MB by default, 2 GB with ELECTRONIC_BACKUP_BENCH_BYTES=2000000000. */
const TOTAL = Number(process.env.ELECTRONIC_BACKUP_BENCH_BYTES ?? 64_000_000)
/** Scans of 256 KB to 1.25 MB, PDFs and JPEGs mixed. */
const sizes = (index: number) => 256 * 1024 * (1 + (index % 5))

let app: TestApp | null = null
afterAll(async () => app?.close())

let peakRss = 0
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss))

function generate(folder: string): string[] {
  const files: string[] = []
  for (let total = 0, index = 0; total < TOTAL; index++) {
    const size = sizes(index)
    const head = index % 2 === 0 ? pdfBytes(1 + (index % 20)) : jpegBytes(`scan-${index}`, 0)
    const body = Buffer.concat([head, crypto.randomBytes(Math.max(0, size - head.length))])
    const file = path.join(folder, `${index}.${index % 2 === 0 ? 'pdf' : 'jpg'}`)
    fs.writeFileSync(file, body)
    files.push(file)
    total += body.length
  }
  return files
}

/** What a person would do by hand: copy each stored file to the stick, and (as the backup does) flush it. */
async function plainCopy(files: string[], target: string, flush: boolean): Promise<void> {
  for (const file of files) {
    const copy = path.join(target, path.basename(file))
    await fs.promises.copyFile(file, copy)
    if (flush) {
      const handle = await fs.promises.open(copy, 'r+')
      await handle.sync()
      await handle.close()
    }
  }
}

/** Wall time, and the process's CPU time (user + system) spent meanwhile: on a busy machine the second is steadier. */
const cpu: number[] = []
const time = async (work: () => Promise<unknown>) => {
  const started = performance.now()
  const usage = process.cpuUsage()
  await work()
  const used = process.cpuUsage(usage)
  cpu.push((used.user + used.system) / 1000)
  return performance.now() - started
}
const cpuOf = (index: number) => `cpu ${cpu[index].toFixed(0).padStart(6)} ms`

const mbPerSecond = (bytes: number, ms: number) => bytes / 1_000_000 / (ms / 1000)

describe('electronic files in backups (R-ELEC-5)', () => {
  it(`backs up ${TOTAL} bytes of files against a plain copy, then again incrementally`, async () => {
    const source = tempDir('electronic-backup-bench-')
    const generated = generate(source)
    app = await makeApp()
    const keeper = await app.signInAs('archivist')
    const admin = await app.signInAs('sysadmin')
    const item = await app.call('items.create', itemInput(), keeper)
    // What a backup costs before any file: the database, the manifest and the first call's one-time costs.
    const emptyMs = await time(() => app!.call('backup.create', { folder: tempDir('usb-empty-') }, keeper))
    const actor = { userId: null, username: 'system' }
    for (const file of generated)
      await app.services.electronic.attachPath(actor, {
        itemId: item.id,
        role: 'scan',
        fileName: path.basename(file),
        path: file
      })
    fs.rmSync(source, { recursive: true, force: true })
    const storeRoot = path.join(app.dataDir, 'files', 'sha256')
    const stored = (fs.readdirSync(storeRoot, { recursive: true }) as string[])
      .map((name) => path.join(storeRoot, name))
      .filter((file) => fs.statSync(file).isFile())
    const bytes = stored.reduce((sum, file) => sum + fs.statSync(file).size, 0)
    const sampler = setInterval(sampleRss, 50)

    const copyTarget = tempDir('plain-copy-')
    const copyMs = await time(() => plainCopy(stored, copyTarget, false))
    fs.rmSync(copyTarget, { recursive: true, force: true })
    const flushedTarget = tempDir('plain-copy-synced-')
    const flushedMs = await time(() => plainCopy(stored, flushedTarget, true))
    fs.rmSync(flushedTarget, { recursive: true, force: true })

    const stick = tempDir('usb-')
    const rssBefore = process.memoryUsage().rss
    peakRss = rssBefore
    const firstMs = await time(() => app!.call('backup.create', { folder: stick }, keeper))
    const blobs = () =>
      (fs.readdirSync(path.join(stick, STICK_FILES_FOLDER), { recursive: true }) as string[]).filter((name) =>
        fs.statSync(path.join(stick, STICK_FILES_FOLDER, name)).isFile()
      ).length
    expect(blobs()).toBe(stored.length)
    const secondMs = await time(() => app!.call('backup.create', { folder: stick }, keeper))
    expect(blobs()).toBe(stored.length)
    let verified = { ok: false }
    const verifyMs = await time(async () => {
      const backups = fs.readdirSync(stick).filter((name) => name.endsWith('.sqlite'))
      verified = await app!.call('backup.verify', { file: path.join(stick, backups[0]) }, admin)
    })
    expect(verified.ok).toBe(true)
    clearInterval(sampler)

    console.log(
      [
        '',
        `electronic files in backups: ${stored.length} files, ${(bytes / 1_000_000).toFixed(1)} MB`,
        `  backup before any file (warm-up) ${emptyMs.toFixed(0).padStart(7)} ms  ${cpuOf(0)}`,
        `  plain copy (copyFile)            ${copyMs.toFixed(0).padStart(7)} ms  ${cpuOf(1)}  ${mbPerSecond(bytes, copyMs).toFixed(1)} MB/s`,
        `  plain copy + fsync each          ${flushedMs.toFixed(0).padStart(7)} ms  ${cpuOf(2)}  ${mbPerSecond(bytes, flushedMs).toFixed(1)} MB/s`,
        `  first backup (encrypt + hash)    ${firstMs.toFixed(0).padStart(7)} ms  ${cpuOf(3)}  ${mbPerSecond(bytes, firstMs).toFixed(1)} MB/s  ×${(firstMs / copyMs).toFixed(2)} of copy, ×${(firstMs / flushedMs).toFixed(2)} of copy + fsync`,
        `  second backup (incremental)      ${secondMs.toFixed(0).padStart(7)} ms  ${cpuOf(4)}  ×${(secondMs / firstMs).toFixed(3)} of the first`,
        `  verify (every blob read back)    ${verifyMs.toFixed(0).padStart(7)} ms  ${cpuOf(5)}  ${mbPerSecond(bytes, verifyMs).toFixed(1)} MB/s`,
        `  peak RSS during backups          ${((peakRss - rssBefore) / 1_000_000).toFixed(1)} MB above ${(rssBefore / 1_000_000).toFixed(0)} MB`,
        ''
      ].join('\n')
    )
  })
})
