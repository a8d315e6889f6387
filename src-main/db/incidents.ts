import type { Incident, RecordRef } from '@preload/contract'
import { pageOf, type Db } from './connection'
import { sql, type SqlQuery } from './sql'

const INCIDENT_COLUMNS = sql`n.id, n.subject, n.subject_id AS subjectId, COALESCE(i.archival_code, v.archival_code) AS archivalCode,
  COALESCE(i.title, v.title) AS title, n.kind, n.source, n.source_id AS sourceId, n.note, n.opened_on AS openedOn,
  ou.username AS openedBy, n.resolution, n.resolution_note AS resolutionNote, n.resolved_on AS resolvedOn, ru.username AS resolvedBy`
const INCIDENT_FROM = sql`FROM incidents n
  LEFT JOIN items i ON n.subject = 'item' AND i.id = n.subject_id
  LEFT JOIN volumes v ON n.subject = 'volume' AND v.id = n.subject_id
  JOIN users ou ON ou.id = n.opened_by LEFT JOIN users ru ON ru.id = n.resolved_by`

export async function insertIncident(
  db: Db,
  incident: {
    subject: RecordRef['subject']
    subjectId: number
    kind: Incident['kind']
    source: Incident['source']
    sourceId: number | null
    note: string
    openedOn: string
    openedAt: string
    openedBy: number | null
  }
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    sql`INSERT INTO incidents (subject, subject_id, kind, source, source_id, note, opened_on, opened_at, opened_by)
     VALUES (${incident.subject}, ${incident.subjectId}, ${incident.kind}, ${incident.source}, ${incident.sourceId}, ${incident.note},
             ${incident.openedOn}, ${incident.openedAt}, ${incident.openedBy}) RETURNING id`
  )
  return Number(row.id)
}

/** Newest first, one page, with the number of all incidents that match. */
export async function listIncidents(
  db: Db,
  filter: { state: 'open' | 'resolved' | 'all'; source?: Incident['source']; subject?: RecordRef },
  page: { limit: number; offset: number }
): Promise<{ rows: Incident[]; total: number }> {
  const conditions: SqlQuery[] = []
  if (filter.state === 'open') conditions.push(sql`n.resolved_at IS NULL`)
  if (filter.state === 'resolved') conditions.push(sql`n.resolved_at IS NOT NULL`)
  if (filter.source) conditions.push(sql`n.source = ${filter.source}`)
  if (filter.subject)
    conditions.push(sql`n.subject = ${filter.subject.subject} AND n.subject_id = ${filter.subject.id}`)
  const where = sql.where(conditions)
  return pageOf<Incident>(
    db,
    sql`SELECT COUNT(*) AS total FROM incidents n ${where}`,
    sql`SELECT ${INCIDENT_COLUMNS} ${INCIDENT_FROM} ${where} ORDER BY n.opened_at DESC, n.id DESC LIMIT ${page.limit} OFFSET ${page.offset}`
  )
}

export async function findIncident(db: Db, id: number): Promise<Incident | undefined> {
  const [row] = await db.query<Incident>(sql`SELECT ${INCIDENT_COLUMNS} ${INCIDENT_FROM} WHERE n.id = ${id}`)
  return row
}

export async function resolveIncident(
  db: Db,
  id: number,
  resolution: {
    resolution: NonNullable<Incident['resolution']>
    note: string
    resolvedOn: string
    resolvedAt: string
    resolvedBy: number | null
  }
): Promise<void> {
  await db.query(
    sql`UPDATE incidents SET resolution = ${resolution.resolution}, resolution_note = ${resolution.note}, resolved_on = ${resolution.resolvedOn},
       resolved_at = ${resolution.resolvedAt}, resolved_by = ${resolution.resolvedBy} WHERE id = ${id}`
  )
}
