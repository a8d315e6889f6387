import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HoldingsCharts } from '@preload/contract'
import { makeApp, seedInTransaction, type TestApp } from '../support/app'
import { ITEM_IMPORT_DEFAULTS, runImport } from '../support/imports'

/**
 * Issue 19, property-style: the workbench's holdings come from counts kept by triggers (migration 1765800000000).
 * After rounds of random changes made straight in the database — records made, moved to another category or year,
 * paged anew, destroyed and brought back, deleted, and a round rolled back — the charts equal a recount of every row.
 */

/** A small seeded generator (mulberry32), so a failing round can be replayed. */
function random(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const between = (low: number, high: number) => low + Math.floor(next() * (high - low + 1))
  const pick = <T>(values: readonly T[]) => values[between(0, values.length - 1)]
  return { next, between, pick }
}

const SEED = 20_261_202
const YEARS = [2019, 2020, 2021, 2022]
/** Two of the default categories and one the settings do not name. */
const CATEGORIES = ['WS', 'KJ', 'ZZ']
const CUSTODIES = ['in_store', 'reading_room', 'on_loan', 'awaiting_destruction', 'destroyed']

type Rng = ReturnType<typeof random>
type Table = 'items' | 'volumes'

let app: TestApp
let key: string
let userId: number
let made = 0

async function ids(table: Table): Promise<number[]> {
  return (await app.database.query<{ id: number }>(`SELECT id FROM ${table}`)).map((row) => row.id)
}

/** One round of changes to items and volumes, every column the counts depend on and some they do not. */
async function changeAtRandom(rng: Rng): Promise<void> {
  const db = app.database
  for (let v = 0; v < rng.between(1, 4); v += 1) {
    made += 1
    await db.query(
      `INSERT INTO volumes (fonds_code, catalogue_code, category_code, year, retention_code, department_code, series_key,
         volume_number, archival_code, title, status, policy_version, created_at, updated_at, created_by, custody)
       VALUES ('J001', '1', ?, ?, 'D30', 'BGS', 'J001-1-', ?, ?, '卷', 'open', 0, '2022-01-01', '2022-01-01', ?, ?)`,
      [rng.pick(CATEGORIES), rng.pick(YEARS), made, `J001-1-${made}`, userId, rng.pick(CUSTODIES)]
    )
  }
  for (let i = 0; i < rng.between(5, 20); i += 1)
    await db.query(
      `INSERT INTO items (fonds_code, category_code, year, year_reason, retention_code, department_code, title,
         responsible_party, document_number, date_formed, page_count, classification, open_status, remarks, document_kind,
         received_on, status, policy_version, created_at, updated_at, created_by, custody)
       VALUES ('J001', ?, ?, '', 'D30', 'BGS', '文件', '办公室', '', '2020-01-01', ?, 'none', 'restricted', '', 'ordinary',
         '2022-01-01', 'received', 0, '2022-01-01', '2022-01-01', ?, ?)`,
      [rng.pick(CATEGORIES), rng.pick(YEARS), rng.between(0, 40), userId, rng.pick(CUSTODIES)]
    )
  for (const table of ['items', 'volumes'] as const) {
    const all = await ids(table)
    for (let n = 0; n < rng.between(3, 10); n += 1) {
      const id = rng.pick(all)
      const change = rng.between(0, 5)
      if (change === 0) await db.query(`UPDATE ${table} SET category_code = ? WHERE id = ?`, [rng.pick(CATEGORIES), id])
      else if (change === 1) await db.query(`UPDATE ${table} SET year = ? WHERE id = ?`, [rng.pick(YEARS), id])
      else if (change === 2) await db.query(`UPDATE ${table} SET custody = ? WHERE id = ?`, [rng.pick(CUSTODIES), id])
      else if (change === 3 && table === 'items')
        await db.query(`UPDATE items SET page_count = ?, title = '改' WHERE id = ?`, [rng.between(0, 40), id])
      else if (change === 4)
        await db.query(`UPDATE ${table} SET category_code = ?, year = ?, custody = ? WHERE id = ?`, [
          rng.pick(CATEGORIES),
          rng.pick(YEARS),
          rng.pick(CUSTODIES),
          id
        ])
      // Unchanged values set again, and columns the counts do not read.
      else await db.query(`UPDATE ${table} SET custody = custody, title = title || '·' WHERE id = ?`, [id])
    }
  }
  const items = await ids('items')
  for (let n = 0; n < rng.between(0, 4); n += 1) await db.query('DELETE FROM items WHERE id = ?', [rng.pick(items)])
  const volumes = await ids('volumes')
  for (let n = 0; n < rng.between(0, 2); n += 1) await db.query('DELETE FROM volumes WHERE id = ?', [rng.pick(volumes)])
}

/** The charts from every row, read whole and counted one by one. */
async function recount(): Promise<HoldingsCharts> {
  type Row = { category_code: string; year: number; custody: string; page_count?: number }
  const byCategory = new Map<string, { items: number; pages: number; volumes: number }>()
  const byYear = new Map<number, { items: number; volumes: number }>()
  for (const table of ['items', 'volumes'] as const) {
    const kind = table === 'items' ? 'items' : 'volumes'
    for (const row of await app.database.query<Row>(`SELECT * FROM ${table}`)) {
      if (row.custody === 'destroyed') continue
      const category = byCategory.get(row.category_code) ?? { items: 0, pages: 0, volumes: 0 }
      category[kind] += 1
      if (kind === 'items') category.pages += row.page_count!
      byCategory.set(row.category_code, category)
      const year = byYear.get(row.year) ?? { items: 0, volumes: 0 }
      year[kind] += 1
      byYear.set(row.year, year)
    }
  }
  return {
    byCategory: [...byCategory].map(([code, figures]) => ({ code, label: '', ...figures })),
    byYear: [...byYear].map(([year, figures]) => ({ year, ...figures }))
  }
}

const sorted = (charts: HoldingsCharts) => ({
  byCategory: charts.byCategory.map((row) => ({ ...row, label: '' })).sort((a, b) => a.code.localeCompare(b.code)),
  byYear: [...charts.byYear].sort((a, b) => a.year - b.year)
})

describe('the workbench holdings against a recount of every row (issue 19)', () => {
  beforeAll(async () => {
    app = await makeApp()
    key = await app.signInAs('archivist', 'liwen')
    ;[{ id: userId }] = await app.database.query<{ id: number }>(`SELECT id FROM users WHERE username = 'liwen'`)
  }, 60_000)
  afterAll(async () => app.close())

  it('equals the recount after each of ten random rounds, and a round rolled back leaves the counts as they were', async () => {
    const rng = random(SEED)
    for (let round = 0; round < 10; round += 1) {
      await seedInTransaction(app, () => changeAtRandom(rng))
      const charts = await app.call('dashboard.holdings', {}, key)
      expect(sorted(charts), `round ${round}`).toEqual(sorted(await recount()))
      expect(charts.byCategory.find((row) => row.code === 'WS')?.label).toBe('文书')
    }
    const before = await app.call('dashboard.holdings', {}, key)
    await expect(
      seedInTransaction(app, async () => {
        await changeAtRandom(rng)
        throw new Error('cut off')
      })
    ).rejects.toThrow('cut off')
    expect(await app.call('dashboard.holdings', {}, key)).toEqual(before)
    expect(sorted(before)).toEqual(sorted(await recount()))
  })

  it('is kept by triggers on every way items and volumes change, after every migration (a rebuilt table loses them)', async () => {
    // SQLite drops a table's triggers with it: a later migration that rebuilds items or volumes must make them again.
    const triggers = await app.database.query<{ name: string; table: string; sql: string }>(
      `SELECT name, tbl_name AS "table", sql FROM sqlite_master
       WHERE type = 'trigger' AND sql LIKE '%holdings_counts%' ORDER BY tbl_name, name`
    )
    expect(triggers.map(({ table, name }) => `${table}.${name}`)).toEqual([
      'items.items_holdings_delete',
      'items.items_holdings_insert',
      'items.items_holdings_update',
      'volumes.volumes_holdings_delete',
      'volumes.volumes_holdings_insert',
      'volumes.volumes_holdings_update'
    ])
    const watched = (name: string) =>
      /AFTER UPDATE OF ([\w, ]+) ON/
        .exec(triggers.find((trigger) => trigger.name === name)!.sql)![1]
        .split(/,\s*/)
        .sort()
    expect(watched('items_holdings_update')).toEqual(['category_code', 'custody', 'page_count', 'year'])
    expect(watched('volumes_holdings_update')).toEqual(['category_code', 'custody', 'year'])
  })

  it('stays equal to the recount when the disk is found full in the middle of a round (R-SEC-2)', async () => {
    const rng = random(SEED + 1)
    const before = await app.call('dashboard.holdings', {}, key)
    const [{ page_count: used }] = await app.database.query<{ page_count: number }>('PRAGMA page_count')
    await app.database.query(`PRAGMA max_page_count = ${used + 1}`)
    try {
      await expect(
        seedInTransaction(app, async () => {
          for (let round = 0; round < 200; round += 1) await changeAtRandom(rng)
        })
      ).rejects.toThrow(/full/)
    } finally {
      await app.database.query('PRAGMA max_page_count = 1073741823')
    }
    const after = await app.call('dashboard.holdings', {}, key)
    expect(after).toEqual(before)
    expect(sorted(after)).toEqual(sorted(await recount()))
  })

  it('counts what an import writes through its prepared statements, and nothing of an import refused whole', async () => {
    const csv = [
      '档号,责任者,题名,日期,页数',
      'J001-WS·2023-Y-BGS-0101,办公室,关于印发档案管理制度的通知,2023-05-06,4',
      'J001-WS·2023-Y-BGS-0102,办公室,年度预算的请示,2023-06-12,6',
      'J001-WS·2023-Y-BGS-0103,,无责任者的文件,2023-07-01,3'
    ].join('\r\n')
    const plan = {
      target: 'items' as const,
      fileName: '2023年归档文件目录.csv',
      base64: Buffer.from(csv, 'utf8').toString('base64'),
      mapping: ['archivalCode', 'responsibleParty', 'title', 'dateFormed', 'pageCount'],
      defaults: ITEM_IMPORT_DEFAULTS
    }
    const documents = (charts: HoldingsCharts) => charts.byCategory.find((row) => row.code === 'WS')
    const before = await app.call('dashboard.holdings', {}, key)
    expect(await runImport(app, { ...plan, mode: 'allOrNothing' }, key)).toMatchObject({ state: 'failed' })
    expect(await app.call('dashboard.holdings', {}, key)).toEqual(before)
    expect(await runImport(app, { ...plan, mode: 'validOnly' }, key)).toMatchObject({ result: { imported: 2 } })
    const after = await app.call('dashboard.holdings', {}, key)
    expect(sorted(after)).toEqual(sorted(await recount()))
    expect(documents(after)).toMatchObject({
      items: documents(before)!.items + 2,
      pages: documents(before)!.pages + 10
    })
  })
})
