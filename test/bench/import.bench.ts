import Database from 'better-sqlite3'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, it } from 'vitest'
import type { ChannelInput } from '@preload/contract'
import { DATABASE_FILE } from '@main/db/data-source'
import { makeApp, tempDir, type TestApp } from '../support/app'
import { copyOf, seededDatabase } from './import-seed'
import { benchSizes } from './measure'

const PARTIES = ['办公室', '招商运营部', '财务部', '人事部']

let app: TestApp
let key: string

/**
 * The full catalogue layout, about 100 bytes a row: 100 000 rows are 10 MB. Codes follow the room's template (four
 * digits, numbered per year's series) under department BGS, which the seeded databases leave alone.
 */
function catalogue(rows: number, offset = 0): string {
  const lines = ['序号,档号,文号,责任者,题名,日期,密级,页数,备注']
  for (let n = 1; n <= rows; n += 1) {
    const i = n + offset
    const year = 2005 + (i % 19)
    const number = String(Math.floor((i - 1) / 19) + 1).padStart(4, '0')
    lines.push(
      `${i},J001-WS·${year}-Y-BGS-${number},办〔${year}〕${i}号,${PARTIES[i % 4]},关于第${i}号事项的通知,${year}.${(i % 12) + 1}.${(i % 28) + 1},普通,${(i % 20) + 1},`
    )
  }
  return lines.join('\n')
}

const cellsOf = (text: string) =>
  text
    .split('\n')
    .slice(1)
    .map((line) => line.split(','))

/**
 * What an import cannot do with less: the file's rows split, each inserted with prepared statements into the app's
 * own schema and indexes (the import writer's pragmas), with its full-text row and a hash-chained audit entry, in one
 * transaction. No validation, no duplicate check, no parsing beyond split.
 */
function rawInsert(file: string, text: string): number {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  // The page cache an import's writer has (IMPORT_CACHE_KIB in services/imports.ts).
  db.pragma('cache_size = -65536')
  const started = performance.now()
  const insert = db.prepare(
    `INSERT INTO items (fonds_code, category_code, year, year_reason, retention_code, department_code, series_key, item_number,
       archival_code, title, responsible_party, document_number, date_formed, page_count, classification, open_status, remarks,
       document_kind, received_on, status, policy_version, retention_years, expires_on, created_at, updated_at, created_by)
     VALUES ('J001', 'WS', ?, '{"ruleId":"R-FILE-2","reason":"filing.dateFormed"}', 'Y', 'BGS', ?, ?, ?, ?, ?, ?, ?, ?, 'none',
       'restricted', ?, 'ordinary', '2024-01-10', 'catalogued', 0, NULL, NULL, ?, ?, 1)`
  )
  const search = db.prepare('INSERT INTO items_fts (rowid, body) VALUES (?, ?)')
  const audit = db.prepare(
    `INSERT INTO audit_log (at, user_id, username, entity, entity_id, action, before, after, prev_hash, hash)
     VALUES (?, 1, 'bench', 'item', ?, 'import', NULL, ?, ?, ?)`
  )
  const at = new Date().toISOString()
  db.transaction(() => {
    let prevHash = (db.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').pluck().get() as string) ?? ''
    cellsOf(text).forEach((r, index) => {
      const [year, month, day] = r[5].split('.')
      const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`
      const series = r[1].slice(0, -4)
      const values = [Number(year), series, Number(r[1].slice(-4)), r[1], r[4], r[3], r[2], date, Number(r[7]), r[8]]
      const id = Number(insert.run(...values, at, at).lastInsertRowid)
      search.run(id, [r[4], r[2], r[3], r[1]].join('\n'))
      const after = JSON.stringify({ values, source: { file: 'bench.csv', row: index + 2 } })
      const hash = crypto
        .createHash('sha256')
        .update(JSON.stringify([prevHash, at, id, after]), 'utf8')
        .digest('hex')
      audit.run(at, String(id), after, prevHash, hash)
      prevHash = hash
    })
  })()
  const ms = performance.now() - started
  db.close()
  return ms
}

/** The same rows into a bare table of seven columns with one unique index, as the issue measured it. */
function bareInsert(text: string): number {
  const folder = tempDir('bare-')
  const db = new Database(path.join(folder, 'bare.sqlite'))
  db.pragma('journal_mode = WAL')
  db.exec(
    'CREATE TABLE items (id INTEGER PRIMARY KEY, archival_code TEXT UNIQUE, document_number TEXT, responsible_party TEXT, title TEXT, date_formed TEXT, page_count INTEGER)'
  )
  const insert = db.prepare(
    'INSERT INTO items (archival_code, document_number, responsible_party, title, date_formed, page_count) VALUES (?, ?, ?, ?, ?, ?)'
  )
  const started = performance.now()
  db.transaction(() => {
    for (const r of cellsOf(text)) insert.run(r[1], r[2], r[3], r[4], r[5], Number(r[7]))
  })()
  const ms = performance.now() - started
  db.close()
  fs.rmSync(folder, { recursive: true, force: true })
  return ms
}

/** The required columns only, about 27 bytes a row, so a million rows fit the 30 MB a file may have (the 24 MB CSV). */
function narrow(rows: number): string {
  const lines = ['题名,责任者,日期,页数']
  for (let i = 1; i <= rows; i += 1) lines.push(`T${i},BGS,${2005 + (i % 19)}0${(i % 9) + 1}1${i % 10},${(i % 20) + 1}`)
  return lines.join('\n')
}

const DEFAULTS = {
  fondsCode: 'J001',
  categoryCode: 'WS',
  retentionCode: 'Y',
  departmentCode: 'BGS',
  classification: 'none',
  openStatus: 'restricted',
  receivedOn: '2024-01-10'
}
const CATALOGUE_MAPPING = [
  null,
  'archivalCode',
  'documentNumber',
  'responsibleParty',
  'title',
  'dateFormed',
  'classification',
  'pageCount',
  'remarks'
]

const plan = (fileName: string, text: string, mapping: (string | null)[]): ChannelInput<'import.dryRun'> => ({
  target: 'items',
  fileName,
  base64: Buffer.from(text, 'utf8').toString('base64'),
  mapping,
  defaults: DEFAULTS
})

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0).padStart(5)} MB`

/** Samples resident memory while work runs (the worker thread's memory is the process's too). */
async function peakRss<T>(work: () => Promise<T>): Promise<{ result: T; before: number; peak: number }> {
  global.gc?.()
  const before = process.memoryUsage().rss
  let peak = before
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10)
  try {
    const result = await work()
    peak = Math.max(peak, process.memoryUsage().rss)
    return { result, before, peak }
  } finally {
    clearInterval(timer)
  }
}

async function runImport(input: ChannelInput<'import.start'>) {
  const { jobId } = await app.call('import.start', input, key)
  for (;;) {
    const progress = await app.call('import.progress', { jobId }, key)
    if (progress.state !== 'running') return progress
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Times a list call again and again until `until` settles; median and 95th percentile in ms. */
async function listLatency(until: Promise<unknown> | null, calls = 100) {
  let settled = false
  void until?.finally(() => (settled = true))
  const times: number[] = []
  while (until ? !settled : times.length < calls) {
    const started = performance.now()
    await app.call('items.list', { search: '事项' }, key)
    times.push(performance.now() - started)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  times.sort((a, b) => a - b)
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(times.length * q))]
  return `median ${at(0.5).toFixed(1).padStart(7)} ms   p95 ${at(0.95).toFixed(1).padStart(7)} ms   max ${times.at(-1)!.toFixed(1).padStart(7)} ms   (${times.length} calls)`
}

describe('import', () => {
  beforeAll(async () => {
    app = await makeApp()
    key = await app.signInAs('archivist', 'bench')
  }, 600_000)
  afterAll(async () => app.close())

  it('peak memory of a dry run is flat in the row count', async () => {
    const lines: string[] = []
    for (const rows of [100_000, 1_000_000]) {
      const input = plan('narrow.csv', narrow(rows), ['title', 'responsibleParty', 'dateFormed', 'pageCount'])
      const started = performance.now()
      const { result, before, peak } = await peakRss(() => app.call('import.dryRun', input, key))
      const ms = performance.now() - started
      lines.push(
        `  ${rows.toLocaleString('en').padStart(9)} rows (${mb(input.base64.length * 0.75)} CSV, valid ${result.valid})   RSS before ${mb(before)}   peak ${mb(peak)}   growth ${mb(peak - before)}   ${(ms / 1000).toFixed(1)} s`
      )
    }
    console.log(
      `\nparse + dry run (worker thread, streaming), peak resident memory of the whole process\n${lines.join('\n')}\n`
    )
  }, 600_000)

  for (const size of [0, ...benchSizes()]) {
    it(`100 000 rows into a database of ${size.toLocaleString('en')} items: dry run, import, the same rows inserted raw`, async () => {
      const seeded = await seededDatabase(size)
      const targetDir = copyOf(seeded)
      const target = await makeApp(targetDir)
      const targetKey = await target.signInAs('archivist', 'bench')
      const rows = 100_000
      const text = catalogue(rows)
      const input = plan('bench.csv', text, CATALOGUE_MAPPING)
      // Wall time and this process's processor time (the parsing worker's included): on a shared machine the wall
      // time says what else ran too, the processor time what the work cost.
      const timed = async <T>(work: () => Promise<T> | T) => {
        const started = performance.now()
        const usage = process.cpuUsage()
        const result = await work()
        const used = process.cpuUsage(usage)
        return { result, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 }
      }
      const dryRun = await timed(() => target.call('import.dryRun', input, targetKey))
      const run = await timed(async () => {
        const { jobId } = await target.call('import.start', { ...input, mode: 'validOnly' }, targetKey)
        let progress = await target.call('import.progress', { jobId }, targetKey)
        while (progress.state === 'running') {
          await new Promise((resolve) => setTimeout(resolve, 20))
          progress = await target.call('import.progress', { jobId }, targetKey)
        }
        return progress
      })
      await target.close()
      fs.rmSync(targetDir, { recursive: true, force: true })
      const progress = run.result
      if (progress.result?.imported !== rows) throw new Error(`imported ${JSON.stringify(progress)}`)

      const rawDir = copyOf(seeded)
      const raw = await timed(() => rawInsert(path.join(rawDir, DATABASE_FILE), text))
      fs.rmSync(rawDir, { recursive: true, force: true })
      const bare = await timed(() => bareInsert(text))
      const line = (label: string, t: { ms: number; cpuMs: number }) =>
        `  ${label.padEnd(62)} ${t.ms.toFixed(0).padStart(7)} ms   ×${(t.ms / raw.ms).toFixed(2)} of raw   ×${(t.ms / bare.ms).toFixed(1)} of bare   processor ${t.cpuMs.toFixed(0).padStart(7)} ms   ×${(t.cpuMs / raw.cpuMs).toFixed(2)} of raw   ×${(t.cpuMs / bare.cpuMs).toFixed(1)} of bare`
      console.log(`\n${rows.toLocaleString('en')} rows into ${size.toLocaleString('en')} items (valid ${dryRun.result.valid}, imported ${progress.result.imported})
${line('dry run (parse, validate, duplicates)', dryRun)}
${line('import (duplicates, insert, search, audit; checked rows reused)', run)}
${line('raw: prepared inserts into the app schema, FTS and audit chain', raw)}
${line('bare: prepared inserts into a 7-column table', bare)}\n`)
    }, 1_800_000)
  }

  it('list latency during an import of 100 000 rows', async () => {
    const idle = await listLatency(null)
    const running = runImport({ ...plan('more.csv', catalogue(100_000), CATALOGUE_MAPPING), mode: 'validOnly' })
    const during = await listLatency(running)
    const result = await running
    console.log(`
items.list (search) while nothing else runs       ${idle}
items.list (search) during an import of 100 000 rows ${during}   (imported ${result.result?.imported})\n`)
  }, 900_000)
})
