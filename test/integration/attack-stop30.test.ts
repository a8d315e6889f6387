import Database from 'better-sqlite3'
import ExcelJS from 'exceljs'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Db } from '@main/db/connection'
import { DATABASE_FILE, openStore, pendingMigrations } from '@main/db/data-source'
import { keepTitleBucketsSmall, makeTitleBucketsRoom } from '@main/db/item-search'
import { MIGRATIONS } from '@main/db/migrations'
import { startingDispatcher } from '@main/ipc/starting'
import { makeApp, seedInTransaction, type TestApp } from '../support/app'
import { ITEM_IMPORT_DEFAULTS, runImport } from '../support/imports'
import { REINDEX_ITEM_SEARCH } from '../support/records'
import { olderDatabase } from '../support/older-database'
import { expectKeysInTitleOrder, pagesByTitle } from '../support/title-order'

/*
 * Adversary brief, stop 30 (issue 19): the buckets of title order cut before an import writes, the walk of dates
 * under a year filter, and the start-up that upgrades in a worker. Every page is held to an oracle computed in SQL
 * from the rows, never to what the code returns.
 */

async function insertBehind(
  db: Db,
  rows: { title: string; year?: number; date?: string; custody?: string }[]
): Promise<number[]> {
  const [{ userId }] = await db.query<{ userId: number }>(`SELECT id AS userId FROM users WHERE role = 'archivist'`)
  const insert = db.connection.prepare(
    `INSERT INTO items (fonds_code, category_code, year, retention_code, department_code, title, responsible_party,
       document_number, date_formed, received_on, status, policy_version, created_at, updated_at, created_by, custody)
     VALUES ('J001', 'WS', ?, 'D30', 'ZS', ?, '办公室', '', ?, '2025-01-02', 'received', 0, '2025', '2025', ?, ?)`
  )
  return rows.map(({ title, year, date, custody }) =>
    Number(insert.run(year ?? 2025, title, date ?? '2025-01-01', userId, custody ?? 'in_store').lastInsertRowid)
  )
}

const snapshot = async (db: Db) => ({
  buckets: await db.query('SELECT title, id, bucket FROM title_buckets ORDER BY bucket'),
  items: (await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM items'))[0].n
})

/** Every item whose title holds the text, by title then id as SQLite compares (search text is only in titles here). */
async function oracle(db: Db, search: string, ascending: boolean): Promise<number[]> {
  const direction = ascending ? 'ASC' : 'DESC'
  const rows = await db.query<{ id: number }>(
    `SELECT id FROM items WHERE instr(title, ?) > 0 AND custody <> 'destroyed' ORDER BY title ${direction}, id ${direction}`,
    [search]
  )
  return rows.map((row) => row.id)
}

async function expectPagesInTitleOrder(app: TestApp, key: string, search: string) {
  await expectKeysInTitleOrder(app.database)
  for (const ascending of [true, false])
    expect(await pagesByTitle(app, key, search, ascending, 200), `${search} ${ascending}`).toEqual(
      await oracle(app.database, search, ascending)
    )
}

const csvFile = (name: string, rows: { title: string; date?: string }[]) => {
  const lines = [
    '题名,责任者,日期,页数',
    ...rows.map((r) => `"${r.title.replace(/"/g, '""')}",办公室,${r.date ?? '2019.03.01'},3`)
  ]
  return {
    target: 'items' as const,
    fileName: name,
    base64: Buffer.from(lines.join('\n'), 'utf8').toString('base64'),
    mapping: ['title', 'responsibleParty', 'dateFormed', 'pageCount'],
    defaults: ITEM_IMPORT_DEFAULTS
  }
}

const pad = (n: number, width = 5) => String(n).padStart(width, '0')

describe('attack: the buckets of title order cut before an import writes', () => {
  let app: TestApp
  let key: string
  beforeAll(async () => {
    app = await makeApp()
    key = await app.signInAs('archivist')
    await seedInTransaction(app, async (db) => {
      const ids = await insertBehind(
        db,
        Array.from({ length: 3000 }, (_, n) => ({
          title: `${['合同', '关于', '请示', '纪要'][n % 4]}${(n * 7919) % 3000}`
        }))
      )
      await keepTitleBucketsSmall(db, ids)
      for (const statement of REINDEX_ITEM_SEARCH) await db.query(statement)
    })
  }, 60_000)
  afterAll(async () => app?.close())

  it('hostile titles after a dry run (identical, before/after everything, equal to bucket starts, long, NUL, duplicates of rows there)', async () => {
    const db = app.database
    const starts = await db.query<{ title: string }>('SELECT title FROM title_buckets ORDER BY bucket LIMIT 300')
    const there = await db.query<{ title: string }>('SELECT title FROM items ORDER BY id LIMIT 400')
    const rows = [
      // Rows already in the database (same title, date, party, no number): rejected as duplicates at import.
      ...there.map(({ title }) => ({ title, date: '2025.01.01' })),
      ...Array.from({ length: 1500 }, () => ({ title: '同一题名合同' })),
      ...Array.from({ length: 400 }, (_, n) => ({ title: `!合同${pad(n)}` })),
      ...Array.from({ length: 400 }, (_, n) => ({ title: `\u{10FFFF}合同${pad(n)}` })),
      ...starts.map(({ title }, n) => ({ title, date: `2019.04.${(n % 28) + 1}` })),
      ...Array.from({ length: 100 }, (_, n) => ({ title: `${'长'.repeat(490)}合同${pad(n)}` })),
      ...Array.from({ length: 300 }, (_, n) => ({ title: `合\u0000同${pad(n)}` }))
    ]
    const file = csvFile('hostile.csv', rows)
    const dry = await app.call('import.dryRun', file, key)
    expect(dry.duplicates).toBe(400)
    const progress = await runImport(app, { ...file, mode: 'validOnly' }, key)
    expect(progress.state, JSON.stringify(progress.error)).toBe('done')
    expect(progress.result?.skippedDuplicates).toBe(400)
    for (const search of ['合同', '同一题名', '长长长合同', '!合同']) await expectPagesInTitleOrder(app, key, search)
  }, 60_000)

  it('all-or-nothing, a bad row in the third batch: everything rolls back, the buckets cut before too', async () => {
    const db = app.database
    const before = await snapshot(db)
    const rows = Array.from({ length: 5000 }, (_, n) => ({
      title: `关于第${pad(n)}号事项的通知`,
      date: n === 4500 ? '2019.13.45' : '2019.03.01'
    }))
    const file = csvFile('bad-row.csv', rows)
    const dry = await app.call('import.dryRun', file, key)
    expect(dry.valid).toBe(4999)
    const progress = await runImport(app, { ...file, mode: 'allOrNothing' }, key)
    expect(progress.state).toBe('failed')
    expect(await snapshot(db)).toEqual(before)
    await expectKeysInTitleOrder(db)
  }, 60_000)

  it('a cancelled import leaves no bucket it cut', async () => {
    const db = app.database
    const before = await snapshot(db)
    const file = csvFile(
      'cancel.csv',
      Array.from({ length: 6000 }, (_, n) => ({ title: `请示第${pad(n)}号` }))
    )
    await app.call('import.dryRun', file, key)
    const { jobId } = await app.call('import.start', { ...file, mode: 'validOnly' }, key)
    await app.call('import.cancel', { jobId }, key)
    let progress
    for (;;) {
      progress = await app.call('import.progress', { jobId }, key)
      if (progress.state !== 'running') break
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    expect(progress.state).toBe('cancelled')
    expect(await snapshot(db)).toEqual(before)
    await expectKeysInTitleOrder(db)
  }, 60_000)

  it('ids guessed wrong: gaps at the end and a sequence far ahead, with rows the database already holds in between', async () => {
    await seedInTransaction(app, async (seed) => {
      await seed.query(`DELETE FROM items WHERE id > (SELECT MAX(id) - 50 FROM items)`)
      await seed.query(`UPDATE sqlite_sequence SET seq = seq + 100000 WHERE name = 'items'`)
    })
    const rows = Array.from({ length: 4200 }, (_, n) => ({
      title: `纪要${n % 3 === 0 ? '' : '补'}第${pad(n % 1400)}号`
    }))
    const file = csvFile('gaps.csv', rows)
    await app.call('import.dryRun', file, key)
    // Between the dry run and the import, the form registers rows of the file: the import rejects them as duplicates.
    await seedInTransaction(app, async (seed) => {
      const ids = await insertBehind(
        seed,
        rows.slice(0, 900).map((row) => ({ title: row.title, date: '2019-03-01' }))
      )
      await keepTitleBucketsSmall(seed, ids)
      for (const statement of REINDEX_ITEM_SEARCH) await seed.query(statement)
    })
    const progress = await runImport(app, { ...file, mode: 'validOnly' }, key)
    expect(progress.state, JSON.stringify(progress.error)).toBe('done')
    await expectPagesInTitleOrder(app, key, '纪要')
  }, 60_000)

  it('makeTitleBucketsRoom with titles SQLite stores otherwise (lone surrogates, NUL): keys stay in title order', async () => {
    const db = app.database
    const titles = Array.from({ length: 1200 }, (_, n) =>
      n % 3 === 0 ? `孤\uD800合同${pad(n)}` : n % 3 === 1 ? `孤\uFFFD合同${pad(n)}` : `孤\uE000合同${pad(n)}`
    )
    await seedInTransaction(app, async (seed) => {
      await makeTitleBucketsRoom(seed, titles)
      const ids = await insertBehind(
        seed,
        titles.map((title) => ({ title }))
      )
      await keepTitleBucketsSmall(seed, ids)
      for (const statement of REINDEX_ITEM_SEARCH) await seed.query(statement)
    })
    await expectKeysInTitleOrder(db)
  }, 60_000)

  it('an xlsx whose titles hold a lone surrogate (a character reference): refused, nothing written, no bucket left', async () => {
    const db = app.database
    const before = await snapshot(db)
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('目录')
    sheet.addRow(['题名', '责任者', '日期', '页数'])
    for (let n = 0; n < 700; n += 1) sheet.addRow([`孤\uD800字${pad(n)}`, '办公室', '2019-03-01', 3])
    const base64 = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64')
    const file = { ...csvFile('x.xlsx', []), fileName: 'lone.xlsx', base64 }
    await app.call('import.dryRun', file, key)
    const progress = await runImport(app, { ...file, mode: 'validOnly' }, key)
    const after = await snapshot(db)
    if (progress.state === 'done' && (progress.result?.imported ?? 0) > 0) {
      // If they are taken, they must at least be in title order and readable.
      await expectKeysInTitleOrder(db)
    } else expect(after).toEqual(before)
  }, 60_000)
})

describe('attack: a year filter sorted by date formed walks only those years’ dates', () => {
  let room: TestApp
  let roomKey: string
  beforeAll(async () => {
    room = await makeApp()
    roomKey = await room.signInAs('archivist')
    const odd = ['', ' 2019-01-01', '2019', '2019-1-1', '２０１９-01-01', 'zzzz', '0000-00-00', '9999-99-99', '\u0000']
    await seedInTransaction(room, async (db) => {
      const rows: { title: string; year: number; date: string; custody?: string }[] = []
      for (let n = 0; n < 10_400; n += 1) {
        const year = [2019, 2020, 1999][n % 3]
        const date =
          n % 97 === 0 ? odd[n % odd.length] : `${year + (n % 5) - 2}-${pad(1 + (n % 12), 2)}-${pad(1 + (n % 28), 2)}`
        rows.push({
          title: `第${n % 977}号有限公司合同`,
          year,
          date,
          custody: n % 41 === 0 ? 'destroyed' : n % 43 === 0 ? 'on_loan' : 'in_store'
        })
      }
      const ids = await insertBehind(db, rows)
      await keepTitleBucketsSmall(db, ids)
      for (const statement of REINDEX_ITEM_SEARCH) await db.query(statement)
    })
  }, 60_000)
  afterAll(async () => room?.close())

  const expected = async (search: string, years: number[], ascending: boolean, custody?: string[]) => {
    const direction = ascending ? 'ASC' : 'DESC'
    const custodyWhere = custody?.length
      ? `AND custody IN (${custody.map((c) => `'${c}'`).join(',')})`
      : `AND custody <> 'destroyed'`
    const rows = await room.database.query<{ id: number }>(
      `SELECT id FROM items WHERE year IN (${years.join(',') || 'NULL'}) AND instr(title, ?) > 0 ${custodyWhere}
       ORDER BY date_formed ${direction}, id ${direction}`,
      [search]
    )
    return rows.map((row) => row.id)
  }

  it.each([
    { year: [2019], custody: undefined },
    { year: [1999, 2020], custody: undefined },
    { year: [1999, 2019, 2020], custody: ['destroyed'] },
    { year: [1999, 2019, 2020], custody: ['in_store', 'destroyed'] },
    { year: [2019, 1900, 2200, 2100], custody: undefined },
    { year: [1900, 2200], custody: undefined },
    { year: Array.from({ length: 50 }, (_, n) => 1990 + n), custody: undefined }
  ] as { year: number[]; custody?: string[] }[])(
    'years %j: odd dates, empty years, custody: pages equal the rows sorted',
    async ({ year, custody }) => {
      for (const sortOrder of ['ascend', 'descend'] as const) {
        const all = await expected('有限公司', year, sortOrder === 'ascend', custody)
        for (const page of [1, 2, 3, 20, 34, 35, 36, 100]) {
          const { rows } = await room.call(
            'items.list',
            {
              search: '有限公司',
              year,
              ...(custody ? { custody: custody as never } : {}),
              sortBy: 'dateFormed',
              sortOrder,
              page,
              pageSize: 100
            },
            roomKey
          )
          expect(
            rows.map((row) => row.id),
            `${sortOrder} page ${page}`
          ).toEqual(all.slice((page - 1) * 100, page * 100))
        }
      }
    },
    60_000
  )
})

describe('attack: start-up, copies before an upgrade, the starting dispatcher', () => {
  const olderDataDir = async (behind = 3) => path.dirname(await olderDatabase(MIGRATIONS.slice(0, -behind)))

  it('a backups "folder" that is a file: the start fails, and the database is left exactly as it was', async () => {
    const dataDir = await olderDataDir()
    const file = path.join(dataDir, DATABASE_FILE)
    fs.writeFileSync(path.join(dataDir, 'backups'), 'not a folder')
    const before = pendingMigrations(file)
    await expect(openStore(dataDir, () => new Date())).rejects.toThrow()
    expect(pendingMigrations(file)).toEqual(before)
  })

  it('odd things in the backups folder (a folder named like a cut-off copy, other files) do not stop the upgrade', async () => {
    const dataDir = await olderDataDir()
    const backups = path.join(dataDir, 'backups')
    const from = MIGRATIONS.at(-4)!.name
    fs.mkdirSync(path.join(backups, `pre-migration-2026-02-01T00-00-00-000Z-${from}.sqlite.partial`), {
      recursive: true
    })
    fs.writeFileSync(path.join(backups, 'pre-migration-.sqlite'), 'x')
    fs.writeFileSync(path.join(backups, `notes-${from}.sqlite`), 'mine')
    fs.writeFileSync(path.join(dataDir, `${DATABASE_FILE}.partial`), 'x')
    const opened = await openStore(dataDir, () => new Date('2026-12-03T08:00:00.000Z'))
    expect(pendingMigrations(opened.file)).toEqual([])
    expect(fs.readFileSync(path.join(backups, `notes-${from}.sqlite`), 'utf8')).toBe('mine')
  })

  it('a folder named like an earlier copy of the same upgrade does not fail a start whose copy is already made', async () => {
    const dataDir = await olderDataDir()
    const backups = path.join(dataDir, 'backups')
    const from = MIGRATIONS.at(-4)!.name
    fs.mkdirSync(path.join(backups, `pre-migration-2026-01-01T00-00-00-000Z-${from}.sqlite`), { recursive: true })
    const opened = await openStore(dataDir, () => new Date('2026-12-03T08:00:00.000Z'))
    expect(pendingMigrations(opened.file)).toEqual([])
  })

  it('a failed upgrade started again at the same instant and at a later one: one whole copy, the database as it was', async () => {
    const dataDir = await olderDataDir()
    const file = path.join(dataDir, DATABASE_FILE)
    const backups = path.join(dataDir, 'backups')
    const poison = new Database(file)
    poison.exec('CREATE INDEX items_year_date_formed ON items (year)')
    poison.close()
    const before = pendingMigrations(file)
    const at = new Date('2026-12-03T08:00:00.000Z')
    for (const when of [at, at, new Date('2026-12-04T08:00:00.000Z')]) {
      await expect(openStore(dataDir, () => when, { migrationWorker: inject('migrationWorker') })).rejects.toThrow(
        /already exists/
      )
      expect(pendingMigrations(file)).toEqual(before)
      const copies = fs.readdirSync(backups)
      expect(copies, copies.join(' ')).toHaveLength(1)
    }
    const [copy] = fs.readdirSync(backups)
    expect(pendingMigrations(path.join(backups, copy))).toEqual(before)
    const check = new Database(file)
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok')
    check.close()
    // Fixed by hand, the next start upgrades, and keeps one copy of the database from before.
    const fix = new Database(file)
    fix.exec('DROP INDEX items_year_date_formed')
    fix.close()
    const opened = await openStore(dataDir, () => new Date('2026-12-05T08:00:00.000Z'), {
      migrationWorker: inject('migrationWorker')
    })
    expect(pendingMigrations(file)).toEqual([])
    // (Sidecars of the copy opened above are the next test's matter.)
    expect(fs.readdirSync(backups).filter((name) => name.endsWith('.sqlite'))).toEqual([
      path.basename(opened.preMigrationBackup!)
    ])
  })

  it('a copy someone looked at (its -wal and -shm left beside it) is removed whole when the upgrade starts again', async () => {
    const dataDir = await olderDataDir()
    const file = path.join(dataDir, DATABASE_FILE)
    const backups = path.join(dataDir, 'backups')
    const poison = new Database(file)
    poison.exec('CREATE INDEX items_year_date_formed ON items (year)')
    poison.close()
    const options = { migrationWorker: inject('migrationWorker') }
    await expect(openStore(dataDir, () => new Date('2026-12-03T08:00:00.000Z'), options)).rejects.toThrow()
    const [first] = fs.readdirSync(backups)
    // As the app's own tests and any SQLite browser do: open the copy to see what it holds. It is kept in rollback
    // mode, so that leaves nothing beside it; a tool that switched it to WAL would, and those files go with it.
    expect(pendingMigrations(path.join(backups, first))).toHaveLength(3)
    expect(fs.readdirSync(backups)).toEqual([first])
    const looked = new Database(path.join(backups, first), { readonly: true })
    expect(looked.pragma('journal_mode', { simple: true })).toBe('delete')
    looked.close()
    for (const part of ['-wal', '-shm']) fs.writeFileSync(path.join(backups, `${first}${part}`), '')
    await expect(openStore(dataDir, () => new Date('2026-12-04T08:00:00.000Z'), options)).rejects.toThrow()
    expect(fs.readdirSync(backups).filter((name) => name.startsWith(first))).toEqual([])
    expect(fs.readdirSync(backups)).toHaveLength(1)
  })

  it('two upgrades in a row keep one copy each, named by where each began', async () => {
    const dataDir = await olderDataDir(5)
    const file = path.join(dataDir, DATABASE_FILE)
    const backups = path.join(dataDir, 'backups')
    const first = await openStore(dataDir, () => new Date('2026-01-01T00:00:00.000Z'))
    expect(pendingMigrations(file)).toEqual([])
    // The last migration taken back by hand (its down), as if this version came after one that stopped before it.
    const db = new Database(file)
    db.prepare('DELETE FROM migrations WHERE name = ?').run(MIGRATIONS.at(-1)!.name)
    db.exec('CREATE INDEX items_year ON items (year); DROP INDEX items_year_date_formed')
    db.close()
    const second = await openStore(dataDir, () => new Date('2026-02-01T00:00:00.000Z'))
    expect(pendingMigrations(file)).toEqual([])
    expect(path.basename(first.preMigrationBackup!)).toMatch(new RegExp(`-${MIGRATIONS.at(-6)!.name}\\.sqlite$`))
    expect(path.basename(second.preMigrationBackup!)).toMatch(new RegExp(`-${MIGRATIONS.at(-2)!.name}\\.sqlite$`))
    expect(fs.readdirSync(backups).sort()).toEqual(
      [path.basename(first.preMigrationBackup!), path.basename(second.preMigrationBackup!)].sort()
    )
    expect(pendingMigrations(first.preMigrationBackup!)).toHaveLength(5)
    expect(pendingMigrations(second.preMigrationBackup!)).toHaveLength(1)
  })

  it('calls of every kind while starting are answered, never thrown; after hand-over the real dispatcher judges them', async () => {
    const starting = startingDispatcher('1.0.0')
    const odd: unknown[] = [null, undefined, 'x', 42, [], { __proto__: { admin: true } }, 'a'.repeat(1 << 20)]
    for (const channel of ['app.status', '__proto__', 'constructor', 'toString', '', 'APP.STATUS', 'auth.setupAdmin'])
      for (const input of odd) {
        const answer = await starting.dispatch(channel, input, 'tab')
        if (channel === 'app.status')
          expect(answer).toMatchObject({ ok: true, data: { startup: { stage: 'opening' } } })
        else expect(answer).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'errors.starting' } })
      }
    const app = await makeApp()
    try {
      starting.handOver(app.dispatch)
      expect(await starting.dispatch('app.status', {}, 'tab')).toMatchObject({ ok: true, data: { startup: null } })
      expect(await starting.dispatch('no.such', {}, 'tab')).toMatchObject({ ok: false })
      expect(await starting.dispatch('auth.setupAdmin', null, 'tab')).toMatchObject({ ok: false })
    } finally {
      await app.close()
    }
  })
})
