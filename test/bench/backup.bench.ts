import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, it } from 'vitest'
import { DATABASE_FILE } from '../../src-main/db/data-source'
import { makeApp, REPOSITORY, seedInTransaction, tempDir, type TestApp } from '../support/app'

/** Issue 19 measured at a million items; BENCH_ITEMS chooses another size. */
const ITEMS = Number(process.env.BENCH_ITEMS ?? 1_000_000)
/** Seeding takes minutes, so the seeded database is kept (ignored by git: *.sqlite) for the next run. */
const CACHED = path.join(REPOSITORY, 'test/bench/.cache', `backup-${ITEMS}-items.sqlite`)
const RUNS = 3

const SUBJECTS = ['仓储合同', '租赁协议', '年度报告', '会议纪要', '工程验收', '采购合同', '人事任免', '财务审计']
const PLACES = ['上海', '北京', '广州', '深圳', '杭州', '南京', '苏州', '成都', '武汉', '西安']

let app: TestApp | null = null
afterAll(async () => app?.close())

/** A million items by plain prepared inserts in one transaction, with their search rows, as an import would leave them. */
async function seededDataDir(): Promise<string> {
  const dataDir = tempDir('backup-bench-')
  if (fs.existsSync(CACHED)) {
    fs.copyFileSync(CACHED, path.join(dataDir, DATABASE_FILE))
    return dataDir
  }
  const seeding = await makeApp(dataDir)
  await seeding.signInAs('sysadmin')
  await seedInTransaction(seeding, async (db) => {
    const item = db.connection.prepare(
      `INSERT INTO items (fonds_code, category_code, year, retention_code, department_code, title, responsible_party,
         document_number, date_formed, received_on, policy_version, created_at, updated_at, created_by)
       VALUES ('J001', 'WS', ?, 'D30', 'ZS', ?, '招商运营部', ?, ?, ?, 0, ?, ?, 1)`
    )
    const search = db.connection.prepare('INSERT INTO items_fts (rowid, body) VALUES (?, ?)')
    for (let i = 0; i < ITEMS; i += 1) {
      const year = 2005 + (i % 20)
      const title = `${PLACES[i % PLACES.length]}${PLACES[(i >> 3) % PLACES.length]}有限公司${SUBJECTS[i % SUBJECTS.length]}（第${i}号）`
      const day = `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`
      const { lastInsertRowid } = item.run(
        year,
        title,
        `招字〔${year}〕${i}号`,
        day,
        day,
        `${day}T08:00:00.000Z`,
        `${day}T08:00:00.000Z`
      )
      search.run(lastInsertRowid, `${title}\n招字〔${year}〕${i}号\n招商运营部`)
    }
  })
  await seeding.close()
  fs.mkdirSync(path.dirname(CACHED), { recursive: true })
  fs.copyFileSync(path.join(dataDir, DATABASE_FILE), CACHED)
  return dataDir
}

async function median(work: () => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now()
    await work()
    times.push(performance.now() - started)
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]
}

async function sha256(file: string): Promise<string> {
  const hash = crypto.createHash('sha256')
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

function copyAndSync(from: string, to: string): void {
  fs.rmSync(to, { force: true })
  fs.copyFileSync(from, to)
  const handle = fs.openSync(to, 'r+')
  fs.fsyncSync(handle)
  fs.closeSync(handle)
}

function quickCheck(file: string): void {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    if (db.pragma('quick_check', { simple: true }) !== 'ok') throw new Error('quick_check failed')
  } finally {
    db.close()
  }
}

describe(`backup and verify of ${ITEMS} items against a file copy and a SHA-256 (issue 19)`, () => {
  it('backup ≤ 2× copy, verify ≤ 2× SHA-256 + quick_check', async () => {
    const dataDir = await seededDataDir()
    app = await makeApp(dataDir)
    const admin = await app.signInAs('sysadmin')
    const live = path.join(dataDir, DATABASE_FILE)
    const folder = tempDir('backup-bench-usb-')
    const bytes = fs.statSync(live).size
    const copy = await median(() => copyAndSync(live, path.join(folder, 'plain-copy.sqlite')))
    fs.rmSync(path.join(folder, 'plain-copy.sqlite'))
    let file = ''
    const backup = await median(async () => {
      app!.clock.advanceMinutes(1)
      file = (await app!.call('backup.create', { folder }, admin)).file
    })
    const hash = await median(() => sha256(file))
    const quick = await median(() => quickCheck(file))
    const verify = await median(async () => {
      const verification = await app!.call('backup.verify', { file }, admin)
      if (!verification.ok) throw new Error(JSON.stringify(verification.problems))
    })
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`
    console.log(
      [
        `\nbackup / verify of ${ITEMS} items, ${(bytes / 2 ** 20).toFixed(0)} MiB (median of ${RUNS})`,
        `  copy + fsync            ${s(copy)}`,
        `  backup                  ${s(backup)}   ×${(backup / copy).toFixed(2)} of the copy (goal ≤ 2)`,
        `  sha256                  ${s(hash)}`,
        `  quick_check             ${s(quick)}`,
        `  verify                  ${s(verify)}   ×${(verify / (hash + quick)).toFixed(2)} of sha256 + quick_check (goal ≤ 2)\n`
      ].join('\n')
    )
  }, 3_600_000)
})
