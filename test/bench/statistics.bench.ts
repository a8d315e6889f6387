import { afterAll, beforeAll, describe, it } from 'vitest'
import { makeApp, seedInTransaction, type TestApp } from '../support/app'
import { measure, report } from './measure'

const ITEMS = 200_000
const PER_VOLUME = 40
const ROOMS = 4
const RACKS_PER_ROOM = 10
const SHELVES_PER_RACK = 6
const BOXES_PER_SHELF = 8
const INSPECTIONS = 400
const INCIDENTS = 2_000
const USE_REQUESTS = 50_000
const PURPOSES = 60
const FIRST_YEAR = 2005
const YEARS = 20

let app: TestApp
let key: string

/**
 * Rows generated inside SQLite (recursive CTEs): 200 000 items over 20 years, filed 40 to a volume, boxed in 4 rooms,
 * and 50 000 consultations, loans and copies spread over the same years.
 */
async function seed(): Promise<void> {
  const [{ userId }] = await app.database.query(`SELECT id AS userId FROM users WHERE username = 'bench'`)
  await seedInTransaction(app, async (db) => {
    const q = (sql: string, params: unknown[] = []) => db.query(sql, params)
    const numbers = (count: number) =>
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count})`
    const stamp = `'2005-01-01T08:00:00.000Z'`
    await q(
      `${numbers(ROOMS)} INSERT INTO locations (kind, parent_id, code, name, path, created_at, updated_at, created_by)
       SELECT 'room', NULL, 'R' || i, '库房' || i, 'R' || i, ${stamp}, ${stamp}, ? FROM n`,
      [userId]
    )
    for (const [kind, parentKind, count, capacity] of [
      ['rack', 'room', RACKS_PER_ROOM, null],
      ['shelf', 'rack', SHELVES_PER_RACK, 120],
      ['box', 'shelf', BOXES_PER_SHELF, 15]
    ] as const) {
      await q(
        `${numbers(count)} INSERT INTO locations (kind, parent_id, code, name, path, capacity, created_at, updated_at, created_by)
         SELECT ?, p.id, printf('%02d', i), ? || i, p.path || '-' || printf('%02d', i), ?, ${stamp}, ${stamp}, ? FROM locations p, n WHERE p.kind = ?`,
        [kind, kind, capacity, userId, parentKind]
      )
    }
    const [{ boxes }] = await q(`SELECT COUNT(*) AS boxes FROM locations WHERE kind = 'box'`)
    const [{ firstBox }] = await q(`SELECT MIN(id) AS firstBox FROM locations WHERE kind = 'box'`)
    const volumes = ITEMS / PER_VOLUME
    await q(
      `${numbers(volumes)} INSERT INTO volumes (fonds_code, catalogue_code, category_code, year, retention_code, department_code, series_key, volume_number,
         archival_code, title, status, closed_at, policy_version, created_at, updated_at, created_by, home_location_id, current_location_id)
       SELECT 'J001', '1', CASE i % 3 WHEN 0 THEN 'WS' WHEN 1 THEN 'KH' ELSE 'KJ' END, ${FIRST_YEAR} + (i * ${YEARS}) / ${volumes}, CASE i % 3 WHEN 0 THEN 'Y' WHEN 1 THEN 'D30' ELSE 'D10' END,
         'ZS', 'J001-1-', i, printf('J001-1-%05d', i), '案卷' || i, 'closed', printf('%04d-06-15T09:00:00.000Z', ${FIRST_YEAR} + 1 + (i * ${YEARS}) / ${volumes}), 0,
         printf('%04d-12-20T09:00:00.000Z', ${FIRST_YEAR} + (i * ${YEARS}) / ${volumes}), ${stamp}, ?, ? + i % ?, ? + i % ?
       FROM n`,
      [userId, firstBox, boxes, firstBox, boxes]
    )
    await q(
      `${numbers(ITEMS)} INSERT INTO items (fonds_code, category_code, year, retention_code, department_code, series_key, item_number, archival_code, title,
         date_formed, page_count, classification, received_on, status, volume_id, position, policy_version, created_at, updated_at, created_by)
       SELECT 'J001', v.category_code, v.year, v.retention_code, 'ZS', 'J001-' || v.category_code || '·' || v.year || '-', i,
         'J001-' || v.category_code || '·' || v.year || '-' || printf('%06d', i), '文件' || i,
         printf('%04d-%02d-%02d', v.year, 1 + i % 12, 1 + i % 28), 1 + i % 40,
         CASE WHEN i % 50 = 0 THEN 'secret' WHEN i % 17 = 0 THEN 'internal' ELSE 'none' END,
         printf('%04d-%02d-%02d', v.year, 1 + i % 12, 1 + (i + 3) % 28), 'filed', v.id, 1 + (i - 1) % ${PER_VOLUME}, 0,
         printf('%04d-%02d-%02dT08:00:00.000Z', v.year, 1 + i % 12, 1 + (i + 3) % 28), ${stamp}, ?
       FROM n JOIN volumes v ON v.id = (i - 1) / ${PER_VOLUME} + 1`,
      [userId]
    )
    // Every item was catalogued once; the organising figures count these entries of the audit log.
    await q(
      `INSERT INTO audit_log (at, user_id, username, entity, entity_id, action, before, after, prev_hash, hash)
       SELECT created_at, ?, 'bench', 'item', CAST(id AS TEXT), 'catalogue', '{}', '{}', '', '' FROM items`,
      [userId]
    )
    await q(
      `${numbers(INSPECTIONS)} INSERT INTO inspections (kind, reason, inspected_on, inspectors, temperature, humidity, status, policy_version, created_at, updated_at,
         created_by, completed_at, completed_by)
       SELECT CASE WHEN i % 4 = 0 THEN 'adhoc' ELSE 'periodic' END, CASE WHEN i % 4 = 0 THEN 'in_doubt' END,
         printf('%04d-%02d-%02d', ${FIRST_YEAR} + i % ${YEARS}, 1 + i % 12, 1 + i % 28), '李文', 14 + i % 12, 40 + i % 25, 'completed', 0,
         ${stamp}, ${stamp}, ?, printf('%04d-%02d-%02dT16:00:00.000Z', ${FIRST_YEAR} + i % ${YEARS}, 1 + i % 12, 1 + i % 28), ? FROM n`,
      [userId, userId]
    )
    // Each inspection checked one box's worth of volumes (about 50 records).
    await q(
      `INSERT INTO inspection_findings (inspection_id, subject, subject_id, state)
       SELECT s.id, 'volume', v.id, CASE WHEN v.id % 97 = 0 THEN 'missing' WHEN v.id % 89 = 0 THEN 'damaged' ELSE 'found' END
       FROM inspections s JOIN volumes v ON v.id % ${INSPECTIONS} = s.id % ${INSPECTIONS} AND v.id <= ${INSPECTIONS * 50}`
    )
    await q(
      `${numbers(INCIDENTS)} INSERT INTO incidents (subject, subject_id, kind, source, note, opened_on, opened_at, opened_by, resolution, resolved_on, resolved_at, resolved_by)
       SELECT 'item', i * 97, CASE WHEN i % 3 = 0 THEN 'damaged' ELSE 'missing' END, 'manual', '', printf('%04d-%02d-%02d', ${FIRST_YEAR} + i % ${YEARS}, 1 + i % 12, 1 + i % 28),
         ${stamp}, ?, CASE WHEN i % 5 = 0 THEN NULL ELSE 'found' END, CASE WHEN i % 5 = 0 THEN NULL ELSE printf('%04d-12-30', ${FIRST_YEAR} + i % ${YEARS}) END,
         CASE WHEN i % 5 = 0 THEN NULL ELSE ${stamp} END, CASE WHEN i % 5 = 0 THEN NULL ELSE ? END FROM n`,
      [userId, userId]
    )
    // A reading a day for every room over the 20 years.
    await q(
      `WITH RECURSIVE d(day) AS (SELECT date('${FIRST_YEAR}-01-01') UNION ALL SELECT date(day, '+1 day') FROM d WHERE day < '${FIRST_YEAR + YEARS - 1}-12-31')
       INSERT INTO environment_readings (room_id, read_on, temperature, humidity, recorded_at, recorded_by)
       SELECT r.id, d.day, 12 + (julianday(d.day) + r.id) % 14, 40 + (julianday(d.day) * 7 + r.id) % 25, d.day || 'T09:00:00.000Z', ? FROM d, locations r WHERE r.kind = 'room'`,
      [userId]
    )
    await seedUse(q, numbers, userId)
  })
  const counts = await app.database.query(
    `SELECT (SELECT COUNT(*) FROM items) AS items, (SELECT COUNT(*) FROM volumes) AS volumes, (SELECT COUNT(*) FROM locations) AS locations,
            (SELECT COUNT(*) FROM inspection_findings) AS findings, (SELECT COUNT(*) FROM incidents) AS incidents, (SELECT COUNT(*) FROM environment_readings) AS readings,
            (SELECT COUNT(*) FROM use_requests) AS useRequests, (SELECT COUNT(*) FROM use_request_records) AS useRecords, (SELECT COUNT(*) FROM use_approvals) AS approvals,
            (SELECT COUNT(*) FROM use_renewals) AS renewals`
  )
  console.log(`seeded ${JSON.stringify(counts[0])}`)
}

/**
 * 50 000 requests, evenly over the 20 years: half consultations, 40 % loans, 10 % copies; one in seven from outside;
 * one in 23 refused, one in 97 still out (overdue loans); loans due 5 days after they went out, one in 13 back 9 days
 * after; 1–3 records each, a few damaged or lost; two signatures each; one loan in 31 renewed; 60 purposes.
 */
async function seedUse(
  q: (sql: string, params?: unknown[]) => Promise<unknown>,
  numbers: (count: number) => string,
  userId: number
): Promise<void> {
  const day = `date('${FIRST_YEAR}-01-01', '+' || (i * ${YEARS * 365} / ${USE_REQUESTS}) || ' days')`
  await q(
    `${numbers(USE_REQUESTS)}, g AS (SELECT i, ${day} AS d, CASE WHEN i % 10 < 5 THEN 'consultation' WHEN i % 10 < 9 THEN 'loan' ELSE 'excerpt' END AS kind,
       CASE WHEN i % 23 = 0 THEN 'refused' WHEN i % 97 = 0 THEN 'out' ELSE 'returned' END AS status FROM n)
     INSERT INTO use_requests (kind, status, applicant_kind, applicant_user_id, applicant_name, department_code, external_unit, introduction_letter, purpose, reason,
       start_on, due_on, loan_days, excerpt_answer, chain, policy_version, out_on, returned_on, effect, created_at, created_by, updated_at)
     SELECT kind, status, CASE WHEN i % 7 = 0 THEN 'external' ELSE 'internal' END, NULL,
       CASE WHEN i % 7 = 0 THEN '来访者' || (i % 300) ELSE '职工' || (i % 800) END,
       CASE WHEN i % 7 = 0 THEN '' WHEN i % 2 = 0 THEN 'ZS' ELSE 'BGS' END, CASE WHEN i % 7 = 0 THEN '单位' || (i % 40) ELSE '' END, CASE WHEN i % 7 = 0 THEN '介绍信' ELSE '' END,
       '用途' || (i % ${PURPOSES}), '工作需要', d, CASE WHEN kind = 'loan' THEN date(d, '+5 days') END, CASE WHEN kind = 'loan' THEN 5 END,
       CASE kind WHEN 'loan' THEN 'original_needed' WHEN 'excerpt' THEN 'excerpt_suffices' END, '[]', 0,
       CASE WHEN status <> 'refused' THEN d END, CASE WHEN status = 'returned' THEN date(d, '+' || CASE WHEN i % 13 = 0 THEN 9 ELSE i % 5 END || ' days') END,
       CASE i % 4 WHEN 0 THEN 'evidence' WHEN 1 THEN 'reference' END, d || 'T08:00:00.000Z', ?, d || 'T08:00:00.000Z' FROM g`,
    [userId]
  )
  await q(
    `WITH k(k) AS (VALUES (1), (2), (3))
     INSERT INTO use_request_records (request_id, position, subject, subject_id, condition, pages_checked)
     SELECT u.id, k.k, 'item', (u.id * 4 + k.k) % ${ITEMS} + 1,
       CASE WHEN u.status <> 'returned' THEN NULL WHEN (u.id + k.k) % 101 = 0 THEN 'damaged' WHEN (u.id + k.k) % 307 = 0 THEN 'lost' ELSE 'complete' END,
       CASE WHEN u.status = 'returned' THEN 1 + (u.id + k.k) % 40 END
     FROM use_requests u JOIN k ON k.k <= 1 + u.id % 3`
  )
  await q(
    `INSERT INTO use_approvals (request_id, step, signer_name, signed_on, decision, reason, entered_by, entered_at)
     SELECT u.id, s.step, s.name, u.start_on, CASE WHEN u.status = 'refused' AND s.step = 'department_head' THEN 'refused' ELSE 'approved' END,
       CASE WHEN u.status = 'refused' AND s.step = 'department_head' THEN '不宜借出' ELSE '' END, ?, u.created_at
     FROM use_requests u JOIN (SELECT 'department_head' AS step, '王部长' AS name UNION ALL SELECT 'archive_manager', '赵主任') s
       ON u.status <> 'refused' OR s.step = 'department_head'`,
    [userId]
  )
  await q(
    `INSERT INTO use_renewals (request_id, previous_due_on, new_due_on, renewed_on, entered_by, entered_at)
     SELECT id, date(due_on, '-5 days'), due_on, date(due_on, '-1 days'), ?, created_at FROM use_requests WHERE kind = 'loan' AND id % 31 = 0 AND status <> 'refused'`,
    [userId]
  )
}

describe(`annual statistics over ${ITEMS.toLocaleString('en')} items and ${USE_REQUESTS.toLocaleString('en')} use requests`, () => {
  beforeAll(async () => {
    app = await makeApp()
    key = await app.signInAs('archivist', 'bench')
    const started = performance.now()
    await seed()
    console.log(`seeded in ${Math.round(performance.now() - started)} ms`)
  }, 600_000)
  afterAll(async () => app.close())

  it('computes a year, exports its workbook and fills the dashboard', async () => {
    const year = FIRST_YEAR + YEARS - 2
    const holdings = (await app.call('statistics.year', { year }, key)).topics[0].tables[0].totals
    const use = (await app.call('statistics.year', { year }, key)).topics.find((topic) => topic.key === 'use')!
    console.log(
      `${year} holdings at year end: ${JSON.stringify(holdings)}; use by kind: ${JSON.stringify(use.tables[0].totals)}; returns: ${JSON.stringify(use.tables.at(-1)!.totals)}`
    )
    report(`statistics over ${ITEMS} items and ${USE_REQUESTS} use requests (through the dispatcher)`, [
      await measure(`statistics.year ${year}`, () => app.call('statistics.year', { year }, key), 10),
      await measure(`statistics.export ${year} (workbook)`, () => app.call('statistics.export', { year }, key), 10),
      await measure('dashboard.todo', () => app.call('dashboard.todo', {}, key), 10),
      await measure('dashboard.holdings', () => app.call('dashboard.holdings', {}, key), 10),
      await measure('dashboard.use', () => app.call('dashboard.use', {}, key), 10),
      await measure('items.list flagged only', () => app.call('items.list', { flagged: true }, key), 10)
    ])
  }, 600_000)
})
