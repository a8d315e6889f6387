import Database from 'better-sqlite3'
import path from 'node:path'
import { afterAll, beforeAll, describe, it } from 'vitest'
import type { ChannelInput } from '../../src-preload/contract'
import { makeApp, tempDir, type TestApp } from '../support/app'

const PARTIES = ['办公室', '招商运营部', '财务部', '人事部']

let app: TestApp
let key: string

/** The full catalogue layout, about 100 bytes a row: 100 000 rows are 10 MB. */
function catalogue(rows: number, offset = 0): string {
  const lines = ['序号,档号,文号,责任者,题名,日期,密级,页数,备注']
  for (let n = 1; n <= rows; n += 1) {
    const i = n + offset
    const year = 2005 + (i % 19)
    lines.push(
      `${i},J001-WS·${year}-Y-BGS-${String(i).padStart(7, '0')},办〔${year}〕${i}号,${PARTIES[i % 4]},关于第${i}号事项的通知,${year}.${(i % 12) + 1}.${(i % 28) + 1},普通,${(i % 20) + 1},`
    )
  }
  return lines.join('\n')
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

  it('dry run, import, and a plain prepared-statement insert of 100 000 rows; list latency during an import', async () => {
    const rows = 100_000
    const text = catalogue(rows)
    const input = plan('bench.csv', text, CATALOGUE_MAPPING)
    let started = performance.now()
    const report = await app.call('import.dryRun', input, key)
    const dryRunMs = performance.now() - started
    started = performance.now()
    const result = (await runImport({ ...input, mode: 'validOnly' })).result!
    const importMs = performance.now() - started

    const plain = new Database(path.join(tempDir('plain-'), 'plain.sqlite'))
    plain.pragma('journal_mode = WAL')
    plain.exec(
      'CREATE TABLE items (id INTEGER PRIMARY KEY, archival_code TEXT UNIQUE, document_number TEXT, responsible_party TEXT, title TEXT, date_formed TEXT, page_count INTEGER)'
    )
    const insert = plain.prepare(
      'INSERT INTO items (archival_code, document_number, responsible_party, title, date_formed, page_count) VALUES (?, ?, ?, ?, ?, ?)'
    )
    const cells = text
      .split('\n')
      .slice(1)
      .map((line) => line.split(','))
    started = performance.now()
    plain.transaction(() => {
      for (const r of cells) insert.run(r[1], r[2], r[3], r[4], r[5], Number(r[7]))
    })()
    const plainMs = performance.now() - started
    plain.close()

    const idle = await listLatency(null)
    const second = runImport({ ...plan('more.csv', catalogue(rows, rows), CATALOGUE_MAPPING), mode: 'validOnly' })
    const during = await listLatency(second)
    const secondResult = await second

    console.log(`\nimport of ${rows} rows (valid ${report.valid}, imported ${result.imported})
  dry run (parse, validate, duplicates)               ${dryRunMs.toFixed(0).padStart(7)} ms
  import (two readings with all checks + insert + search + audit) ${importMs.toFixed(0).padStart(7)} ms
  plain better-sqlite3 prepared insert                ${plainMs.toFixed(0).padStart(7)} ms
  ratio import / plain insert                         ${(importMs / plainMs).toFixed(1).padStart(7)} ×

items.list (search) while nothing else runs             ${idle}
items.list (search) during an import of ${rows} more rows ${during}   (imported ${secondResult.result?.imported})\n`)
  }, 900_000)
})
