import type { Db } from '../db/connection'
import type { Incident, Page, ParsedInput, RecordRef } from '../../src-preload/contract'
import { AppFailure, notFound } from '../errors'
import { localDay } from '../policy/calendar'
import type { Actor, Store, WriteContext } from '../store'
import { recordSummaries } from './records'

type IncidentQuery = ParsedInput<'incidents.list'>
type ResolveInput = ParsedInput<'incidents.resolve'>
type ReportInput = ParsedInput<'incidents.report'>

export interface IncidentDraft extends RecordRef {
  kind: Incident['kind']
  source: Incident['source']
  sourceId: number | null
  note: string
}

const INCIDENT_COLUMNS = `n.id, n.subject, n.subject_id AS subjectId, COALESCE(i.archival_code, v.archival_code) AS archivalCode,
  COALESCE(i.title, v.title) AS title, n.kind, n.source, n.source_id AS sourceId, n.note, n.opened_on AS openedOn,
  ou.username AS openedBy, n.resolution, n.resolution_note AS resolutionNote, n.resolved_on AS resolvedOn, ru.username AS resolvedBy`
const INCIDENT_FROM = `FROM incidents n
  LEFT JOIN items i ON n.subject = 'item' AND i.id = n.subject_id
  LEFT JOIN volumes v ON n.subject = 'volume' AND v.id = n.subject_id
  JOIN users ou ON ou.id = n.opened_by LEFT JOIN users ru ON ru.id = n.resolved_by`

/**
 * R-KEEP-3, R-USE-8: opens an incident inside a write that is already running (a loan's return, an inspection), so
 * the finding and the record of it commit together. The record stays flagged until the incident is resolved.
 */
export async function openIncident(ctx: WriteContext, actor: Actor, draft: IncidentDraft): Promise<number> {
  await recordSummaries(ctx.db, [{ subject: draft.subject, id: draft.id }])
  const [row] = await ctx.db.query(
    `INSERT INTO incidents (subject, subject_id, kind, source, source_id, note, opened_on, opened_at, opened_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    [draft.subject, draft.id, draft.kind, draft.source, draft.sourceId, draft.note, localDay(ctx.now), ctx.now.toISOString(), actor.userId]
  )
  const incidentId = Number(row.id)
  await ctx.audit({ entity: 'incident', entityId: incidentId, action: 'open', after: { ...draft } })
  return incidentId
}

/** Missing and damaged records: who found them, where, and how each was followed up (found, repaired, written off). */
export class IncidentsService {
  constructor(private readonly store: Store) {}

  async list(query: IncidentQuery): Promise<Page<Incident>> {
    const where: string[] = []
    const params: unknown[] = []
    if (query.state === 'open') where.push('n.resolved_at IS NULL')
    if (query.state === 'resolved') where.push('n.resolved_at IS NOT NULL')
    if (query.subject) {
      where.push('n.subject = ? AND n.subject_id = ?')
      params.push(query.subject.subject, query.subject.id)
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
    const [{ total }] = await this.store.db.query(`SELECT COUNT(*) AS total FROM incidents n ${clause}`, params)
    const rows: Incident[] = await this.store.db.query(
      `SELECT ${INCIDENT_COLUMNS} ${INCIDENT_FROM} ${clause} ORDER BY n.opened_at DESC, n.id DESC LIMIT ? OFFSET ?`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize]
    )
    return { rows, total, page: query.page, pageSize: query.pageSize }
  }

  private async load(db: Db, id: number): Promise<Incident> {
    const rows: Incident[] = await db.query(`SELECT ${INCIDENT_COLUMNS} ${INCIDENT_FROM} WHERE n.id = ?`, [id])
    if (rows.length === 0) throw notFound('errors.incidentNotFound')
    return rows[0]
  }

  /** A record found missing or damaged outside an inspection or a loan, e.g. noticed while fetching it. */
  report(actor: Actor, input: ReportInput): Promise<Incident> {
    return this.store.write(actor, async (ctx) => {
      const id = await openIncident(ctx, actor, { ...input.record, kind: input.kind, source: 'manual', sourceId: null, note: input.note })
      return this.load(ctx.db, id)
    })
  }

  resolve(actor: Actor, input: ResolveInput): Promise<Incident> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const incident = await this.load(db, input.id)
      if (incident.resolution !== null) throw new AppFailure('CONFLICT', 'errors.incidentResolved')
      if (input.resolvedOn > localDay(now)) {
        throw new AppFailure('VALIDATION', 'errors.validation', { details: [{ path: 'resolvedOn', message: 'validation.notInFuture' }] })
      }
      await db.query(
        `UPDATE incidents SET resolution = ?, resolution_note = ?, resolved_on = ?, resolved_at = ?, resolved_by = ? WHERE id = ?`,
        [input.resolution, input.note, input.resolvedOn, now.toISOString(), actor.userId, input.id]
      )
      await audit({ entity: 'incident', entityId: input.id, action: 'resolve', before: { resolution: null }, after: { resolution: input.resolution, note: input.note, resolvedOn: input.resolvedOn } })
      return this.load(db, input.id)
    })
  }
}
