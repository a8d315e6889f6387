import type { Db } from '../db/connection'
import type { Hold, HoldSubject, Page, ParsedInput } from '../../src-preload/contract'
import { AppFailure, notFound } from '../errors'
import type { Actor, Store } from '../store'
import { recordSummaries } from './records'

type PlaceInput = ParsedInput<'holds.place'>
type ListInput = ParsedInput<'holds.list'>

type HoldRow = Omit<Hold, 'subjects'>

const HOLD_COLUMNS = `h.id, h.name, h.reason, pu.username AS placedBy, h.placed_at AS placedAt, ru.username AS releasedBy,
  h.released_at AS releasedAt, h.release_reason AS releaseReason`
const HOLD_FROM = `FROM holds h JOIN users pu ON pu.id = h.placed_by LEFT JOIN users ru ON ru.id = h.released_by`

// How a person recognises what is held: a record by its code and title, a customer by name.
const SUBJECT_LABELS = `SELECT s.subject, s.subject_id AS id,
    CASE s.subject
      WHEN 'item' THEN (SELECT COALESCE(archival_code || ' ', '') || title FROM items WHERE id = s.subject_id)
      WHEN 'volume' THEN (SELECT archival_code || ' ' || title FROM volumes WHERE id = s.subject_id)
      ELSE (SELECT name FROM customers WHERE id = s.subject_id) END AS label
  FROM hold_subjects s WHERE s.hold_id = ? ORDER BY s.id`

/** R-DISP-3: named holds (a dispute, unsettled accounts…) that keep records from appraisal and destruction until released. */
export class HoldsService {
  constructor(private readonly store: Store) {}

  private async withSubjects(db: Db, rows: HoldRow[]): Promise<Hold[]> {
    const holds: Hold[] = []
    for (const row of rows) holds.push({ ...row, subjects: await db.query(SUBJECT_LABELS, [row.id]) })
    return holds
  }

  async list(query: ListInput): Promise<Page<Hold>> {
    const clause = { open: 'WHERE h.released_at IS NULL', released: 'WHERE h.released_at IS NOT NULL', all: '' }[query.state]
    const [{ total }] = await this.store.db.query(`SELECT COUNT(*) AS total FROM holds h ${clause}`)
    const rows: HoldRow[] = await this.store.db.query(
      `SELECT ${HOLD_COLUMNS} ${HOLD_FROM} ${clause} ORDER BY h.placed_at DESC, h.id DESC LIMIT ? OFFSET ?`,
      [query.pageSize, (query.page - 1) * query.pageSize]
    )
    return { rows: await this.withSubjects(this.store.db, rows), total, page: query.page, pageSize: query.pageSize }
  }

  private async load(db: Db, id: number): Promise<Hold> {
    const rows: HoldRow[] = await db.query(`SELECT ${HOLD_COLUMNS} ${HOLD_FROM} WHERE h.id = ?`, [id])
    if (rows.length === 0) throw notFound('errors.holdNotFound')
    return (await this.withSubjects(db, rows))[0]
  }

  place(actor: Actor, input: PlaceInput): Promise<Hold> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      if (input.records.length === 0 && input.customerIds.length === 0) {
        throw new AppFailure('VALIDATION', 'errors.validation', { details: [{ path: 'records', message: 'validation.atLeastOne' }] })
      }
      await recordSummaries(db, input.records)
      for (const customerId of input.customerIds) {
        if ((await db.query('SELECT id FROM customers WHERE id = ?', [customerId])).length === 0) throw notFound('errors.customerNotFound')
      }
      const [row] = await db.query(`INSERT INTO holds (name, reason, placed_at, placed_by) VALUES (?, ?, ?, ?) RETURNING id`, [
        input.name,
        input.reason,
        now.toISOString(),
        actor.userId
      ])
      const id = Number(row.id)
      const subjects: { subject: HoldSubject; id: number }[] = [
        ...input.records.map((record) => ({ subject: record.subject, id: record.id })),
        ...input.customerIds.map((customerId) => ({ subject: 'customer' as const, id: customerId }))
      ]
      for (const subject of subjects) {
        await db.query('INSERT OR IGNORE INTO hold_subjects (hold_id, subject, subject_id) VALUES (?, ?, ?)', [id, subject.subject, subject.id])
      }
      await audit({ entity: 'hold', entityId: id, action: 'place', after: { name: input.name, reason: input.reason, subjects } })
      return this.load(db, id)
    })
  }

  release(actor: Actor, id: number, reason: string): Promise<Hold> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const hold = await this.load(db, id)
      if (hold.releasedAt !== null) throw new AppFailure('CONFLICT', 'errors.holdReleased')
      await db.query('UPDATE holds SET released_at = ?, released_by = ?, release_reason = ? WHERE id = ?', [now.toISOString(), actor.userId, reason, id])
      await audit({ entity: 'hold', entityId: id, action: 'release', before: { released: false }, after: { released: true, reason } })
      return this.load(db, id)
    })
  }
}
