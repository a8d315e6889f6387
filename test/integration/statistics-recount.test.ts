import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StatTable } from '@preload/contract'
import { yearStart } from '@main/services/statistics'
import { makeApp, seedInTransaction, type TestApp } from '../support/app'

/**
 * R-STAT-1, property-style: after rounds of random changes made straight in the database (records made, volumes
 * closed, records shelved and destroyed, refusals signed and withdrawn), the year's figures that the grouped queries
 * give equal a recount of every row in JavaScript, for a year picked at random each round.
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

const SEED = 20_260_119
const YEARS = [2021, 2022, 2023, 2024, 2025]
const CATEGORIES = ['WS', 'KJ', 'KH']
const RETENTIONS = ['Y', 'D30', 'D10']
const CLASSIFICATIONS = ['none', 'internal', 'secret']
const KINDS = ['consultation', 'loan', 'excerpt']

type Rng = ReturnType<typeof random>
const pad = (n: number) => String(n).padStart(2, '0')
const instant = (rng: Rng) =>
  `${rng.pick(YEARS)}-${pad(rng.between(1, 12))}-${pad(rng.between(1, 28))}T${pad(rng.between(0, 23))}:${pad(rng.between(0, 59))}:00.000Z`
const day = (rng: Rng) => `${rng.pick(YEARS)}-${pad(rng.between(1, 12))}-${pad(rng.between(1, 28))}`

interface Room {
  path: string
  places: number[]
}

let app: TestApp
let key: string
let userId: number
let rooms: Room[] = []
let made = 0

async function placesOf(): Promise<Room[]> {
  const all = await app.database.query<{ id: number; kind: string; path: string }>(
    'SELECT id, kind, path FROM locations'
  )
  return all
    .filter((l) => l.kind === 'room')
    .map((room) => ({
      path: room.path,
      places: all.filter((l) => l.path === room.path || l.path.startsWith(`${room.path}-`)).map((l) => l.id)
    }))
}

/** One round of changes: records made (some in volumes, some shelved), volumes closed, records destroyed, refusals. */
async function changeAtRandom(rng: Rng): Promise<void> {
  await seedInTransaction(app, async (db) => {
    const places = rooms.flatMap((room) => room.places)
    const volumes: number[] = []
    for (let v = 0; v < rng.between(2, 6); v += 1) {
      made += 1
      const created = instant(rng)
      const [{ id }] = await db.query<{ id: number }>(
        `INSERT INTO volumes (fonds_code, catalogue_code, category_code, year, retention_code, department_code, series_key,
           volume_number, archival_code, title, classification, status, closed_at, policy_version, created_at, updated_at,
           created_by, home_location_id)
         VALUES ('J001', '1', ?, ?, ?, 'BGS', 'J001-1-', ?, ?, '卷', ?, 'open', NULL, 0, ?, ?, ?, ?) RETURNING id`,
        [
          rng.pick(CATEGORIES),
          rng.pick(YEARS),
          rng.pick(RETENTIONS),
          made,
          `J001-1-${made}`,
          rng.pick(CLASSIFICATIONS),
          created,
          created,
          userId,
          rng.next() < 0.7 ? rng.pick(places) : null
        ]
      )
      volumes.push(id)
    }
    for (let i = 0; i < rng.between(20, 60); i += 1) {
      const created = instant(rng)
      const inVolume = rng.next() < 0.4 ? rng.pick(volumes) : null
      await db.query(
        `INSERT INTO items (fonds_code, category_code, year, year_reason, retention_code, department_code, title, responsible_party,
           document_number, date_formed, page_count, classification, open_status, remarks, document_kind, received_on, status,
           policy_version, volume_id, home_location_id, created_at, updated_at, created_by)
         VALUES ('J001', ?, ?, '', ?, 'BGS', '文件', '办公室', '', '2020-01-01', ?, ?, 'restricted', '', 'ordinary', ?, 'received', 0,
           ?, ?, ?, ?, ?)`,
        [
          rng.pick(CATEGORIES),
          rng.pick(YEARS),
          rng.pick(RETENTIONS),
          rng.between(1, 40),
          rng.pick(CLASSIFICATIONS),
          day(rng),
          inVolume,
          rng.next() < 0.5 ? rng.pick(places) : null,
          created,
          created,
          userId
        ]
      )
    }
    // Volumes closed some time (the closing day may even precede another year's figures), a few records destroyed.
    for (const id of volumes)
      if (rng.next() < 0.6)
        await db.query('UPDATE volumes SET status = ?, closed_at = ? WHERE id = ?', ['closed', instant(rng), id])
    await db.query(
      `UPDATE items SET custody = 'destroyed' WHERE id IN (SELECT id FROM items ORDER BY random() LIMIT ?)`,
      [rng.between(0, 3)]
    )
    for (let r = 0; r < rng.between(3, 8); r += 1) {
      made += 1
      const signed = day(rng)
      const [{ id }] = await db.query<{ id: number }>(
        `INSERT INTO use_requests (number, kind, status, applicant_kind, applicant_name, purpose, reason, start_on, due_on, chain,
           policy_version, created_at, created_by, updated_at)
         VALUES (?, ?, 'refused', 'internal', '张三', '核对', '查询', ?, ?, '[]', 1, ?, ?, ?) RETURNING id`,
        [`JY-2020-${made}`, rng.pick(KINDS), signed, signed, `${signed}T02:00:00.000Z`, userId, signed]
      )
      const withdrawn = rng.next() < 0.3
      await db.query(
        `INSERT INTO use_approvals (request_id, step, signer_name, signer_user_id, signed_on, decision, reason, entered_by, entered_at,
           withdrawn_at, withdrawn_by, withdrawn_reason)
         VALUES (?, 'department_head', '王部长', NULL, ?, 'refused', '不宜', ?, ?, ?, ?, ?)`,
        [
          id,
          signed,
          userId,
          `${signed}T03:00:00.000Z`,
          withdrawn ? `${signed}T04:00:00.000Z` : null,
          withdrawn ? userId : null,
          withdrawn ? '签错了' : ''
        ]
      )
    }
  })
}

type Figures = Map<string, Record<string, number>>

/** A table's rows by code: `名称（WS）` → WS; other labels as they are. */
function figuresOf(table: StatTable, columns: string[]): Figures {
  return new Map(
    table.rows.map((row) => [
      /（(.+)）$/.exec(row.label)?.[1] ?? row.label,
      Object.fromEntries(columns.map((column) => [column, Number(row.values[column] ?? 0)]))
    ])
  )
}

function add(figures: Figures, code: string, column: string, columns: string[], n = 1) {
  const values = figures.get(code) ?? Object.fromEntries(columns.map((c) => [c, 0]))
  values[column] += n
  figures.set(code, values)
}

/** The same figures from every row, read whole and counted one by one. */
async function recount(year: number) {
  const start = yearStart(year)
  const end = yearStart(year + 1)
  const [firstDay, lastDay] = [`${year}-01-01`, `${year}-12-31`]
  type Row = Record<string, string | number | null>
  const items = await app.database.query<Row>('SELECT * FROM items')
  const volumes = await app.database.query<Row>('SELECT * FROM volumes')
  const kept = (row: Row) => String(row.created_at) < end && row.custody !== 'destroyed'

  const holdingColumns = ['volumes', 'items', 'pages']
  const holdings: Figures = new Map()
  for (const v of volumes.filter(kept)) add(holdings, String(v.category_code), 'volumes', holdingColumns)
  for (const i of items.filter(kept)) {
    add(holdings, String(i.category_code), 'items', holdingColumns)
    add(holdings, String(i.category_code), 'pages', holdingColumns, Number(i.page_count))
  }

  const organisingColumns = ['volumesCreated', 'volumesClosed', 'itemsInClosedVolumes', 'pagesInClosedVolumes']
  const organising: Figures = new Map()
  const inYear = (at: unknown) => at !== null && String(at) >= start && String(at) < end
  for (const v of volumes) {
    if (inYear(v.created_at)) add(organising, String(v.category_code), 'volumesCreated', organisingColumns)
    if (!inYear(v.closed_at)) continue
    add(organising, String(v.category_code), 'volumesClosed', organisingColumns)
    for (const i of items.filter((item) => item.volume_id === v.id)) {
      add(organising, String(v.category_code), 'itemsInClosedVolumes', organisingColumns)
      add(organising, String(v.category_code), 'pagesInClosedVolumes', organisingColumns, Number(i.page_count))
    }
  }

  const occupied: Figures = new Map()
  for (const room of rooms) {
    const here = (row: Row) => row.home_location_id !== null && room.places.includes(Number(row.home_location_id))
    const n =
      volumes.filter((v) => here(v) && kept(v)).length +
      items.filter((i) => here(i) && i.volume_id === null && kept(i)).length
    occupied.set(room.path, { occupied: n })
  }

  const refused: Figures = new Map(KINDS.map((kind) => [kind, { refused: 0 }]))
  const requests = new Map(
    (await app.database.query<{ id: number; kind: string }>('SELECT id, kind FROM use_requests')).map((r) => [
      r.id,
      r.kind
    ])
  )
  for (const a of await app.database.query<Row>('SELECT * FROM use_approvals'))
    if (
      a.decision === 'refused' &&
      a.withdrawn_at === null &&
      String(a.signed_on) >= firstDay &&
      String(a.signed_on) <= lastDay
    )
      refused.get(requests.get(Number(a.request_id))!)!.refused += 1
  return { holdings, organising, occupied, refused }
}

describe('annual statistics against a recount of every row (R-STAT-1)', () => {
  beforeAll(async () => {
    app = await makeApp()
    key = await app.signInAs('archivist', 'liwen')
    ;[{ id: userId }] = await app.database.query<{ id: number }>(`SELECT id FROM users WHERE username = 'liwen'`)
    await seedInTransaction(app, async (db) => {
      const stamp = '2020-06-01T00:00:00.000Z'
      const place = async (kind: string, parent: number | null, code: string, path: string) =>
        (
          await db.query<{ id: number }>(
            `INSERT INTO locations (kind, parent_id, code, name, path, capacity, created_at, updated_at, created_by)
             VALUES (?, ?, ?, ?, ?, 100, ?, ?, ?) RETURNING id`,
            [kind, parent, code, code, path, stamp, stamp, userId]
          )
        )[0].id
      for (const room of ['A', 'B']) {
        const roomId = await place('room', null, room, room)
        const rack = await place('rack', roomId, '1', `${room}-1`)
        const shelf = await place('shelf', rack, '1', `${room}-1-1`)
        for (const box of ['1', '2']) await place('box', shelf, box, `${room}-1-1-${box}`)
      }
    })
    rooms = await placesOf()
  }, 60_000)
  afterAll(async () => app.close())

  it('holdings, organising work, storage and refusals match the recount after each of eight random rounds', async () => {
    const rng = random(SEED)
    for (let round = 0; round < 8; round += 1) {
      await changeAtRandom(rng)
      const year = rng.pick(YEARS)
      const expected = await recount(year)
      const { topics } = await app.call('statistics.year', { year }, key)
      const tableOf = (topic: string, name: string) =>
        topics.find((t) => t.key === topic)!.tables.find((t) => t.key === name)!
      const context = `round ${round}, year ${year}, seed ${SEED}`
      expect(figuresOf(tableOf('holdings', 'byCategory'), ['volumes', 'items', 'pages']), context).toEqual(
        expected.holdings
      )
      expect(
        figuresOf(tableOf('organising', 'byCategory'), [
          'volumesCreated',
          'volumesClosed',
          'itemsInClosedVolumes',
          'pagesInClosedVolumes'
        ]),
        context
      ).toEqual(expected.organising)
      expect(figuresOf(tableOf('storage', 'byRoom'), ['occupied']), context).toEqual(expected.occupied)
      expect(figuresOf(tableOf('use', 'byKind'), ['refused']), context).toEqual(expected.refused)
    }
  }, 120_000)
})
