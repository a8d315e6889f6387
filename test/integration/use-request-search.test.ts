import Database from 'better-sqlite3'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SqliteDb } from '@main/db/connection'
import { containsPattern } from '@main/db/full-text'
import { MIGRATIONS } from '@main/db/migrations'
import { UseRequestSearch1765410000000 } from '@main/db/migrations/1765410000000-UseRequestSearch'
import { migrate } from '@main/db/data-source'
import { sql } from '@main/db/sql'
import { requestIdsMatching } from '@main/db/use'
import { tempDir } from '../support/app'

const BEFORE = MIGRATIONS.slice(0, MIGRATIONS.indexOf(UseRequestSearch1765410000000))

/** What the list's search meant before the index, field by field with LIKE: the yardstick the index must equal. */
const BY_LIKE = `SELECT u.id FROM use_requests u WHERE u.number LIKE :l ESCAPE '\\' OR u.applicant_name LIKE :l ESCAPE '\\'
  OR u.external_unit LIKE :l ESCAPE '\\' OR u.purpose LIKE :l ESCAPE '\\'
  OR EXISTS (SELECT 1 FROM use_request_records r LEFT JOIN items i ON r.subject = 'item' AND i.id = r.subject_id
    LEFT JOIN volumes v ON r.subject = 'volume' AND v.id = r.subject_id
    WHERE r.request_id = u.id AND (COALESCE(i.archival_code, v.archival_code) LIKE :l ESCAPE '\\'
      OR COALESCE(i.title, v.title) LIKE :l ESCAPE '\\'))
  ORDER BY u.id`

const WORDS = ['合同', '续签', '档案', '会议纪要', '核对', 'AB', 'ab', 'Loan', '50%', 'x_y', '绿化养护', '审计']

/** A small deterministic generator, so a failure repeats. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    return state / 2 ** 31
  }
}

let db: Database.Database | undefined
afterEach(() => db?.close())

describe('issue 19: the use-request search reads an index and finds what a LIKE over every field found', () => {
  it('after the migration fills it, and after random changes to requests, their records, items and volumes', async () => {
    const file = path.join(tempDir(), 'archive-room.sqlite')
    await migrate(file, BEFORE)
    db = new Database(file)
    const rnd = random(19)
    const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]
    const text = () => `${pick(WORDS)}${pick(['', '的', ' '])}${pick(WORDS)}`
    db.exec(`INSERT INTO users (id, username, display_name, role, department, password_hash, created_at, updated_at)
      VALUES (1, 'liwen', '李文', 'archivist', '', 'x', '2010-01-01', '2010-01-01')`)
    const volume = db.prepare(
      `INSERT INTO volumes (id, fonds_code, catalogue_code, category_code, year, retention_code, department_code, series_key,
         volume_number, archival_code, title, status, policy_version, created_at, updated_at, created_by)
       VALUES (?, 'J001', '1', 'WS', 2010, 'D10', 'BGS', 'J001-1-', ?, ?, ?, 'open', 0, '2011-01-10', '2011-01-10', 1)`
    )
    const item = db.prepare(
      `INSERT INTO items (id, fonds_code, category_code, year, year_reason, retention_code, department_code, archival_code,
         title, responsible_party, document_number, date_formed, page_count, classification, open_status, remarks,
         document_kind, received_on, status, policy_version, created_at, updated_at, created_by)
       VALUES (?, 'J001', 'WS', 2010, '', 'D10', 'BGS', ?, ?, '办公室', '', '2010-05-06', 3, 'none', 'restricted', '',
         'ordinary', '2011-01-10', 'catalogued', 0, '2011-01-10', '2011-01-10', 1)`
    )
    const request = db.prepare(
      `INSERT INTO use_requests (id, number, kind, status, applicant_kind, applicant_name, external_unit, purpose, reason,
         start_on, chain, policy_version, created_at, created_by, updated_at)
       VALUES (?, ?, 'consultation', 'pending', 'external', ?, ?, ?, '', '2025-02-06', '[]', 1, '2025-02-06', 1, '2025-02-06')`
    )
    const record = db.prepare(
      `INSERT OR IGNORE INTO use_request_records (request_id, position, subject, subject_id) VALUES (?, ?, ?, ?)`
    )
    for (let id = 1; id <= 6; id += 1) volume.run(id, id, `J001-1-${id}`, text())
    for (let id = 1; id <= 40; id += 1) item.run(id, id % 4 === 0 ? null : `J001-WS·2010-D10-BGS-${id}`, text())
    let requests = 0
    const addRequest = () => {
      requests += 1
      request.run(requests, `CY-2025-${requests}`, pick(['张三', '李四', 'Wang AB']), pick(['', text()]), text())
      const records = Math.floor(rnd() * 3)
      for (let position = 1; position <= records; position += 1)
        record.run(
          requests,
          position,
          ...(rnd() < 0.7 ? ['item', 1 + Math.floor(rnd() * 40)] : ['volume', 1 + Math.floor(rnd() * 6)])
        )
    }
    for (let n = 0; n < 30; n += 1) addRequest()

    const searches = [
      '合',
      '%',
      '_',
      'a',
      'AB',
      'ab',
      '合同',
      '同的',
      '纪要',
      '会议纪要',
      'x_y',
      '50%',
      'bgs-1',
      'CY-2025-1',
      'loan'
    ]
    const agree = async (when: string) => {
      const app = new SqliteDb(db!)
      for (const search of searches) {
        const indexed = await app.query<{ rowid: number }>(sql`${requestIdsMatching(search)} ORDER BY 1`)
        const scanned = db!.prepare(BY_LIKE).all({ l: containsPattern(search) }) as { id: number }[]
        expect(
          indexed.map((row) => row.rowid),
          `${when}: ${search}`
        ).toEqual(scanned.map((row) => row.id))
      }
    }

    await migrate(file)
    await agree('filled by the migration')
    expect((db.prepare(BY_LIKE).all({ l: containsPattern('合同') }) as unknown[]).length).toBeGreaterThan(0)

    for (let step = 0; step < 60; step += 1) {
      const id = 1 + Math.floor(rnd() * requests)
      const change = pick([
        () => db!.prepare('UPDATE items SET title = ? WHERE id = ?').run(text(), 1 + Math.floor(rnd() * 40)),
        () => {
          const target = 1 + Math.floor(rnd() * 40)
          db!
            .prepare('UPDATE items SET archival_code = ? WHERE id = ?')
            .run(rnd() < 0.2 ? null : `AB-${target}-${step}`, target)
        },
        () => db!.prepare('UPDATE volumes SET title = ? WHERE id = ?').run(text(), 1 + Math.floor(rnd() * 6)),
        () =>
          db!.prepare('UPDATE use_requests SET purpose = ?, external_unit = ? WHERE id = ?').run(text(), text(), id),
        () => db!.prepare('UPDATE use_requests SET number = ? WHERE id = ?').run(`JY-2025-${step}`, id),
        () => db!.prepare('DELETE FROM use_request_records WHERE request_id = ?').run(id),
        () => record.run(id, 10 + step, 'item', 1 + Math.floor(rnd() * 40)),
        addRequest
      ])
      change()
      await agree(`after change ${step}`)
    }
  })
})
