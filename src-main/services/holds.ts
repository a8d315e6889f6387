import type { Db } from '../db/connection'
import type { Hold, HoldSubject, Page, ParsedInput } from '@preload/contract'
import { customerExists } from '../db/customers'
import {
  findHold,
  holdSubjects,
  insertHold,
  insertHoldSubject,
  listHolds,
  releaseHold,
  type HoldRecord
} from '../db/holds'
import { AppFailure, notFound } from '../errors'
import type { Actor, Store } from '../store'
import { recordSummaries } from './records'

/** R-DISP-3: named holds (a dispute, unsettled accounts…) that keep records from appraisal and destruction until released. */
export class HoldsService {
  constructor(private readonly store: Store) {}

  private async withSubjects(db: Db, rows: HoldRecord[]): Promise<Hold[]> {
    const holds: Hold[] = []
    for (const row of rows) holds.push({ ...row, subjects: await holdSubjects(db, row.id) })
    return holds
  }

  async list(query: ParsedInput<'holds.list'>): Promise<Page<Hold>> {
    const { rows, total } = await listHolds(this.store.db, query.state, {
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize
    })
    return { rows: await this.withSubjects(this.store.db, rows), total, page: query.page, pageSize: query.pageSize }
  }

  private async load(db: Db, id: number): Promise<Hold> {
    const row = await findHold(db, id)
    if (!row) throw notFound('errors.holdNotFound')
    return (await this.withSubjects(db, [row]))[0]
  }

  place(actor: Actor, input: ParsedInput<'holds.place'>): Promise<Hold> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      if (input.records.length === 0 && input.customerIds.length === 0) {
        throw new AppFailure('VALIDATION', 'errors.validation', {
          details: [{ path: 'records', message: 'validation.atLeastOne' }]
        })
      }
      await recordSummaries(db, input.records)
      for (const customerId of input.customerIds) {
        if (!(await customerExists(db, customerId))) throw notFound('errors.customerNotFound')
      }
      const id = await insertHold(db, {
        name: input.name,
        reason: input.reason,
        placedAt: now.toISOString(),
        placedBy: actor.userId
      })
      const subjects: { subject: HoldSubject; id: number }[] = [
        ...input.records.map((record) => ({ subject: record.subject, id: record.id })),
        ...input.customerIds.map((customerId) => ({ subject: 'customer' as const, id: customerId }))
      ]
      for (const subject of subjects) {
        await insertHoldSubject(db, id, subject.subject, subject.id)
      }
      await audit({
        entity: 'hold',
        entityId: id,
        action: 'place',
        after: { name: input.name, reason: input.reason, subjects }
      })
      return this.load(db, id)
    })
  }

  release(actor: Actor, id: number, reason: string): Promise<Hold> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const hold = await this.load(db, id)
      if (hold.releasedAt !== null) throw new AppFailure('CONFLICT', 'errors.holdReleased')
      await releaseHold(db, id, { releasedAt: now.toISOString(), releasedBy: actor.userId, reason })
      await audit({
        entity: 'hold',
        entityId: id,
        action: 'release',
        before: { released: false },
        after: { released: true, reason }
      })
      return this.load(db, id)
    })
  }
}
