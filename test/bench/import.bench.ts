import Database from 'better-sqlite3'
import path from 'node:path'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { makeApp, tempDir, type TestApp } from '../support/app'

const ROWS = 100_000
const PARTIES = ['办公室', '招商运营部', '财务部', '人事部']

let app: TestApp
let key: string

function catalogue(): string {
  const lines = ['序号,档号,文号,责任者,题名,日期,密级,页数,备注']
  for (let i = 1; i <= ROWS; i += 1) {
    const year = 2005 + (i % 19)
    lines.push(`${i},J001-WS·${year}-Y-BGS-${String(i).padStart(6, '0')},办〔${year}〕${i}号,${PARTIES[i % 4]},关于第${i}号事项的通知,${year}.${(i % 12) + 1}.${(i % 28) + 1},普通,${(i % 20) + 1},`)
  }
  return lines.join('\n')
}

describe(`import of ${ROWS.toLocaleString('en')} catalogue rows`, () => {
  beforeAll(async () => {
    app = await makeApp()
    key = await app.signInAs('archivist', 'bench')
  }, 600_000)
  afterAll(async () => app.close())

  it('dry run, import, and a plain prepared-statement insert of the same rows', async () => {
    const text = catalogue()
    const plan = {
      target: 'items' as const,
      fileName: 'bench.csv',
      base64: Buffer.from(text, 'utf8').toString('base64'),
      mapping: [null, 'archivalCode', 'documentNumber', 'responsibleParty', 'title', 'dateFormed', 'classification', 'pageCount', 'remarks'],
      defaults: { fondsCode: 'J001', categoryCode: 'WS', retentionCode: 'Y', departmentCode: 'BGS', openStatus: 'restricted', receivedOn: '2024-01-10' }
    }
    let started = performance.now()
    const report = await app.call('import.dryRun', plan, key)
    const dryRunMs = performance.now() - started
    started = performance.now()
    const { jobId } = await app.call('import.start', { ...plan, mode: 'validOnly' }, key)
    let progress = await app.call('import.progress', { jobId }, key)
    while (progress.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 50))
      progress = await app.call('import.progress', { jobId }, key)
    }
    const importMs = performance.now() - started
    const result = progress.result!

    const plain = new Database(path.join(tempDir('plain-'), 'plain.sqlite'))
    plain.pragma('journal_mode = WAL')
    plain.exec('CREATE TABLE items (id INTEGER PRIMARY KEY, archival_code TEXT UNIQUE, document_number TEXT, responsible_party TEXT, title TEXT, date_formed TEXT, page_count INTEGER)')
    const insert = plain.prepare('INSERT INTO items (archival_code, document_number, responsible_party, title, date_formed, page_count) VALUES (?, ?, ?, ?, ?, ?)')
    const rows = text.split('\n').slice(1).map((line) => line.split(','))
    started = performance.now()
    plain.transaction(() => {
      for (const r of rows) insert.run(r[1], r[2], r[3], r[4], r[5], Number(r[7]))
    })()
    const plainMs = performance.now() - started
    plain.close()

    console.log(`\nimport of ${ROWS} rows (valid ${report.valid}, imported ${result.imported})
  dry run (parse, validate, duplicates)      ${dryRunMs.toFixed(0).padStart(7)} ms
  import (again all checks + insert + search + audit) ${importMs.toFixed(0).padStart(7)} ms
  plain better-sqlite3 prepared insert       ${plainMs.toFixed(0).padStart(7)} ms
  ratio import / plain insert                ${(importMs / plainMs).toFixed(1).padStart(7)} ×\n`)
  }, 600_000)
})
