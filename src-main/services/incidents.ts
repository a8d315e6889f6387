import type { Db } from '../db/connection'
import type { Incident, Page, ParsedInput, RecordRef } from '@preload/contract'
import { findIncident, insertIncident, listIncidents, resolveIncident } from '../db/incidents'
import { AppFailure, notFound } from '../errors'
import { localDay } from '../policy/calendar'
import type { Actor, Store, WriteContext } from '../store'
import { recordSummaries } from './records'

export interface IncidentDraft extends RecordRef {
  kind: Incident['kind']
  source: Incident['source']
  sourceId: number | null
  note: string
}

/**
 * R-KEEP-3, R-USE-8: opens an incident inside a write that is already running (a loan's return, an inspection), so
 * the finding and the record of it commit together. The record stays flagged until the incident is resolved.
 */
export async function openIncident(ctx: WriteContext, actor: Actor, draft: IncidentDraft): Promise<number> {
  await recordSummaries(ctx.db, [{ subject: draft.subject, id: draft.id }])
  const incidentId = await insertIncident(ctx.db, {
    subject: draft.subject,
    subjectId: draft.id,
    kind: draft.kind,
    source: draft.source,
    sourceId: draft.sourceId,
    note: draft.note,
    openedOn: localDay(ctx.now),
    openedAt: ctx.now.toISOString(),
    openedBy: actor.userId
  })
  await ctx.audit({ entity: 'incident', entityId: incidentId, action: 'open', after: { ...draft } })
  return incidentId
}

/** Missing and damaged records: who found them, where, and how each was followed up (found, repaired, written off). */
export class IncidentsService {
  constructor(private readonly store: Store) {}

  async list(query: ParsedInput<'incidents.list'>): Promise<Page<Incident>> {
    const { rows, total } = await listIncidents(
      this.store.db,
      { state: query.state, source: query.source, subject: query.subject },
      { limit: query.pageSize, offset: (query.page - 1) * query.pageSize }
    )
    return { rows, total, page: query.page, pageSize: query.pageSize }
  }

  private async load(db: Db, id: number): Promise<Incident> {
    const incident = await findIncident(db, id)
    if (!incident) throw notFound('errors.incidentNotFound')
    return incident
  }

  /** A record found missing or damaged outside an inspection or a loan, e.g. noticed while fetching it. */
  report(actor: Actor, input: ParsedInput<'incidents.report'>): Promise<Incident> {
    return this.store.write(actor, async (ctx) => {
      const id = await openIncident(ctx, actor, {
        ...input.record,
        kind: input.kind,
        source: 'manual',
        sourceId: null,
        note: input.note
      })
      return this.load(ctx.db, id)
    })
  }

  resolve(actor: Actor, input: ParsedInput<'incidents.resolve'>): Promise<Incident> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const incident = await this.load(db, input.id)
      if (incident.resolution !== null) throw new AppFailure('CONFLICT', 'errors.incidentResolved')
      if (input.resolvedOn > localDay(now)) {
        throw new AppFailure('VALIDATION', 'errors.validation', {
          details: [{ path: 'resolvedOn', message: 'validation.notInFuture' }]
        })
      }
      await resolveIncident(db, input.id, {
        resolution: input.resolution,
        note: input.note,
        resolvedOn: input.resolvedOn,
        resolvedAt: now.toISOString(),
        resolvedBy: actor.userId
      })
      await audit({
        entity: 'incident',
        entityId: input.id,
        action: 'resolve',
        before: { resolution: null },
        after: { resolution: input.resolution, note: input.note, resolvedOn: input.resolvedOn }
      })
      return this.load(db, input.id)
    })
  }
}
