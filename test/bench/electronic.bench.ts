import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { afterAll, describe, expect, it } from 'vitest'
import { itemInput } from '../support/records'
import { makeApp, tempDir, type TestApp } from '../support/app'
import { jpegBytes, pdfBytes } from '../support/electronic'

/** Total bytes of generated files: small by default, 2 GB with ELECTRONIC_BENCH_BYTES=2000000000. */
const TOTAL = Number(process.env.ELECTRONIC_BENCH_BYTES ?? 64_000_000)
/** Scans run from a few hundred KB to a few MB; this mixes PDFs and JPEGs of 256 KB to 1.25 MB. */
const sizes = (index: number) => 256 * 1024 * (1 + (index % 5))

let app: TestApp | null = null
afterAll(async () => app?.close())

let peakRss = 0
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss))

/** Writes the generated folder once: PDFs and JPEGs, each with its own bytes, padded to size. */
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

async function plainCopy(files: string[], target: string): Promise<void> {
  for (const file of files) {
    const hash = crypto.createHash('sha256')
    const copy = path.join(target, path.basename(file))
    await pipeline(
      fs.createReadStream(file, { highWaterMark: 1024 * 1024 }),
      async function* (source) {
        for await (const chunk of source) {
          hash.update(chunk as Buffer)
          yield chunk as Buffer
        }
      },
      fs.createWriteStream(copy)
    )
    const handle = await fs.promises.open(copy, 'r+')
    await handle.sync()
    await handle.close()
    hash.digest('hex')
  }
}

const mbPerSecond = (bytes: number, ms: number) => bytes / 1_000_000 / (ms / 1000)

describe('electronic files at scale (R-ELEC-1, R-ELEC-3)', () => {
  it(`ingests ${TOTAL} bytes against a plain copy with SHA-256, then checks their fixity`, async () => {
    const source = tempDir('electronic-bench-')
    const files = generate(source)
    const bytes = files.reduce((sum, file) => sum + fs.statSync(file).size, 0)
    const sampler = setInterval(sampleRss, 50)

    const copyTarget = tempDir('electronic-copy-')
    let started = performance.now()
    await plainCopy(files, copyTarget)
    const copyMs = performance.now() - started
    fs.rmSync(copyTarget, { recursive: true, force: true })

    app = await makeApp()
    const key = await app.signInAs('archivist')
    const item = await app.call('items.create', itemInput(), key)
    const actor = { userId: null, username: 'system' }
    started = performance.now()
    for (const file of files)
      await app.services.electronic.attachPath(actor, {
        itemId: item.id,
        role: 'scan',
        fileName: path.basename(file),
        path: file
      })
    const ingestMs = performance.now() - started

    started = performance.now()
    const run = await app.call('electronic.fixityStart', { sample: null }, key)
    await app.services.electronic.fixityIdle()
    const fixityMs = performance.now() - started
    clearInterval(sampler)
    sampleRss()

    const checked = await app.call('electronic.fixityLatest', {}, key)
    expect(checked).toMatchObject({ id: run.id, checked: files.length, mismatched: 0, missing: 0 })
    console.log(
      [
        `files: ${files.length}, ${(bytes / 1_000_000).toFixed(1)} MB`,
        `plain copy + SHA-256: ${mbPerSecond(bytes, copyMs).toFixed(1)} MB/s (${(copyMs / 1000).toFixed(1)} s)`,
        `ingest (stream, hash, fsync, rename, register): ${mbPerSecond(bytes, ingestMs).toFixed(1)} MB/s (${(ingestMs / 1000).toFixed(1)} s)`,
        `ingest / plain copy time ratio: ${(ingestMs / copyMs).toFixed(2)}×`,
        `fixity check of all files: ${mbPerSecond(bytes, fixityMs).toFixed(1)} MB/s (${(fixityMs / 1000).toFixed(1)} s)`,
        `peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MiB`
      ].join('\n')
    )
    fs.rmSync(source, { recursive: true, force: true })
  })
})
