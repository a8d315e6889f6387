import Database from 'better-sqlite3'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { MIGRATIONS } from '@main/db/migrations'
import { SqliteDb } from '@main/db/connection'
import { keepTitleBucketsSmall } from '@main/db/item-search'
import { DATABASE_FILE } from '@main/db/data-source'
import { makeApp, tempDir } from '../support/app'

/** Raise when the rows below change, so a cached database made by an older generator is not reused. */
const GENERATOR_VERSION = 1
/** Ignored by git (*.sqlite); kept between runs, since a million rows take minutes to write. */
const CACHE = path.join(__dirname, '.cache')

/**
 * Departments of the seeded rows: the import benches file under BGS, so the database's own series never meet the
 * file's, and every row the file brings is new, however large the database.
 */
const DEPARTMENTS = ['CWB', 'RSB', 'ZSB', 'XZB']
const RETENTIONS: [string, number | null][] = [
  ['Y', null],
  ['D30', 30],
  ['D10', 10]
]
const PARTIES = ['办公室', '财务部', '人事部', '招商运营部', '行政部']
const SUBJECTS = ['通知', '报告', '请示', '批复', '会议纪要', '合同', '函']

/**
 * A migrated database file holding `count` plausible items (80 % catalogued with codes in 228 series, the rest
 * received without a code; each with its full-text row), written with prepared statements in one transaction.
 * Returns a path to copy from, never to open for writing.
 */
export async function seededDatabase(count: number): Promise<string> {
  const schema = crypto
    .createHash('sha256')
    .update(MIGRATIONS.map((m) => m.name).join(','))
    .digest('hex')
    .slice(0, 8)
  const cached = path.join(CACHE, `import-items-${count}-v${GENERATOR_VERSION}-${schema}.sqlite`)
  if (fs.existsSync(cached)) return cached
  const dataDir = tempDir('import-seed-')
  const app = await makeApp(dataDir)
  await app.signInAs('sysadmin')
  await app.close()
  const file = path.join(dataDir, DATABASE_FILE)
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  const insert = db.prepare(
    `INSERT INTO items (fonds_code, category_code, year, year_reason, retention_code, department_code, series_key, item_number,
       archival_code, title, responsible_party, document_number, date_formed, page_count, classification, open_status, remarks,
       document_kind, received_on, status, policy_version, retention_years, expires_on, created_at, updated_at, created_by)
     VALUES (?, 'WS', ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'none', 'restricted', '', 'ordinary', ?, ?, 0, ?, ?, ?, ?, 1)`
  )
  const search = db.prepare('INSERT INTO items_fts (rowid, body) VALUES (?, ?)')
  const numbers = new Map<string, number>()
  db.transaction(() => {
    for (let i = 1; i <= count; i += 1) {
      const year = 2005 + (i % 19)
      const [retention, years] = RETENTIONS[i % 3]
      const department = DEPARTMENTS[Math.floor(i / 3) % 4]
      const party = PARTIES[i % 5]
      const title = `关于${party}第${i}号${SUBJECTS[i % 7]}的${year}年度事项`
      const documentNumber = `${department.toLowerCase()}〔${year}〕${i}号`
      const date = `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`
      const coded = i % 5 !== 0
      const series = `J001-WS·${year}-${retention}-${department}-`
      const number = coded ? (numbers.get(series) ?? 0) + 1 : null
      if (number !== null) numbers.set(series, number)
      const code = number === null ? null : `${series}${String(number).padStart(4, '0')}`
      const stamp = `${year + 1}-01-15T08:00:00.000Z`
      const id = Number(
        insert.run(
          'J001',
          year,
          retention,
          department,
          coded ? series : null,
          number,
          code,
          title,
          party,
          documentNumber,
          date,
          (i % 40) + 1,
          `${year + 1}-01-10`,
          coded ? 'catalogued' : 'received',
          coded ? years : null,
          coded && years !== null ? `${year + years + 1}-01-01` : null,
          stamp,
          stamp
        ).lastInsertRowid
      )
      search.run(id, [title, documentNumber, party, code ?? ''].join('\n'))
    }
  })()
  // Seeded behind the services, every item is in the first bucket of title order until it is cut once, as a room that
  // grew through the app or was upgraded by the migration would have it.
  db.exec('BEGIN')
  await keepTitleBucketsSmall(new SqliteDb(db), [1])
  db.exec('COMMIT')
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  fs.mkdirSync(CACHE, { recursive: true })
  fs.renameSync(file, cached)
  fs.rmSync(dataDir, { recursive: true, force: true })
  return cached
}

/** A data folder of its own holding a copy of the seeded database, for one app or one baseline to write into. */
export function copyOf(seeded: string): string {
  const dataDir = tempDir('import-bench-')
  fs.copyFileSync(seeded, path.join(dataDir, DATABASE_FILE))
  return dataDir
}
