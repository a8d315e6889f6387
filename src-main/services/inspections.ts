import type { Db } from '../db/connection'
import type { ChecklistAnswer, CustodyState, FieldError, Inspection, InspectionFinding, InspectionRow, Page, ParsedInput, RecordRef } from '../../src-preload/contract'
import { AppFailure, conflict, notFound, policyDenied } from '../errors'
import { localDay } from '../policy/calendar'
import { inspectionReportHtml } from '../reports/custody-printables'
import { judgeReading, refuseOutsideScope, refuseUnconfirmedMissing } from '../policy/custody'
import type { Refusal } from '../policy/filing'
import type { Actor, Store, WriteContext } from '../store'
import { openIncident } from './incidents'
import { recordSummaries } from './records'
import type { SettingsService } from './settings'

type CreateInput = ParsedInput<'inspections.create'>
type UpdateInput = ParsedInput<'inspections.update'>
type MarkInput = ParsedInput<'inspections.mark'>
type CompleteInput = ParsedInput<'inspections.complete'>
type ListQuery = ParsedInput<'inspections.list'>

const deny = (refusal: Refusal): AppFailure => policyDenied(refusal.ruleId, refusal.reason, refusal.params)
const fieldError = (path: string, message: string) => new AppFailure('VALIDATION', 'errors.validation', { details: [{ path, message } satisfies FieldError] })

/** Per-inspection counts of what was found; joined to lists and details alike. */
const FINDING_COUNTS = `SELECT inspection_id, COUNT(*) AS records, SUM(state = 'found') AS found, SUM(state = 'missing') AS missing,
    SUM(state = 'damaged') AS damaged, SUM(state = 'unchecked') AS unchecked
  FROM inspection_findings GROUP BY inspection_id`

const SCOPE_PATHS = `(SELECT group_concat(l.path, '、') FROM inspection_locations il JOIN locations l ON l.id = il.location_id WHERE il.inspection_id = s.id)`

const ROW_COLUMNS = `s.id, s.kind, s.reason, s.inspected_on AS inspectedOn, s.inspectors, COALESCE(${SCOPE_PATHS}, '') AS scope, s.status,
  COALESCE(c.records, 0) AS records, COALESCE(c.found, 0) AS found, COALESCE(c.missing, 0) AS missing, COALESCE(c.damaged, 0) AS damaged,
  COALESCE(c.unchecked, 0) AS unchecked, s.temperature, s.humidity`
const ROW_FROM = `FROM inspections s LEFT JOIN (${FINDING_COUNTS}) c ON c.inspection_id = s.id`

interface DetailRecord extends Omit<InspectionRow, 'outOfRange'> {
  roomId: number | null
  roomPath: string | null
  checklist: string
  notes: string
  policyVersion: number
  createdBy: string
  completedAt: string | null
  completedBy: string | null
  version: number
}

const OUT_WITH_A_REGISTER_ENTRY: readonly CustodyState[] = ['on_loan', 'reading_room']
/** Kept in the finding's note, in the language of the printed report. */
const OUT_NOTE: Partial<Record<CustodyState, string>> = { on_loan: '借出（见借阅登记簿和代替卡）', reading_room: '阅览中（见查阅登记簿）' }

/** Everything kept at a location or below it: volumes, and items not filed in a volume (those travel with it). */
const HOMED_BELOW = (subject: 'volume' | 'item') =>
  `SELECT '${subject}' AS subject, s.id FROM ${subject === 'volume' ? 'volumes' : 'items'} s
   WHERE s.custody <> 'destroyed' ${subject === 'item' ? 'AND s.volume_id IS NULL' : ''}
     AND s.home_location_id IN (SELECT d.id FROM locations d, locations top WHERE top.id = ? AND (d.id = top.id OR d.path LIKE top.path || '-%'))`

/**
 * R-KEEP-2..4: periodic and ad-hoc inspections. A draft lists what should be there (the stock check); the person ticks
 * records off or marks them missing or damaged; completing turns what was not ticked into missing records and opens an
 * incident for every missing or damaged one, so the record stays flagged until a follow-up resolves it.
 */
export class InspectionsService {
  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService
  ) {}

  async list(query: ListQuery): Promise<Page<InspectionRow>> {
    const where: string[] = []
    const params: unknown[] = []
    if (query.status) {
      where.push('s.status = ?')
      params.push(query.status)
    }
    if (query.year) {
      where.push('s.inspected_on BETWEEN ? AND ?')
      params.push(`${query.year}-01-01`, `${query.year}-12-31`)
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
    const db = this.store.db
    const [{ total }] = await db.query(`SELECT COUNT(*) AS total FROM inspections s ${clause}`, params)
    const rows: Omit<InspectionRow, 'outOfRange'>[] = await db.query(
      `SELECT ${ROW_COLUMNS} ${ROW_FROM} ${clause} ORDER BY s.inspected_on DESC, s.id DESC LIMIT ? OFFSET ?`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize]
    )
    const band = (await this.settings.custody()).data
    return { rows: rows.map((row) => ({ ...row, outOfRange: judgeReading(row, band).outOfRange })), total, page: query.page, pageSize: query.pageSize }
  }

  get(id: number): Promise<Inspection> {
    return this.load(this.store.db, id)
  }

  /** The printed inspection report; printing is logged like every other print. */
  async print(actor: Actor, id: number): Promise<{ html: string }> {
    const html = inspectionReportHtml(await this.get(id))
    await this.store.write(actor, ({ audit }) => audit({ entity: 'inspection', entityId: id, action: 'print', after: { document: 'inspectionReport' } }))
    return { html }
  }

  async load(db: Db, id: number): Promise<Inspection> {
    const rows: DetailRecord[] = await db.query(
      `SELECT ${ROW_COLUMNS}, s.room_id AS roomId, r.path AS roomPath, s.checklist, s.notes, s.policy_version AS policyVersion,
              cu.username AS createdBy, s.completed_at AS completedAt, pu.username AS completedBy, s.version
       ${ROW_FROM} LEFT JOIN locations r ON r.id = s.room_id JOIN users cu ON cu.id = s.created_by LEFT JOIN users pu ON pu.id = s.completed_by
       WHERE s.id = ?`,
      [id]
    )
    if (rows.length === 0) throw notFound('errors.inspectionNotFound')
    const row = rows[0]
    const findings: InspectionFinding[] = await db.query(
      `SELECT f.subject, f.subject_id AS id, COALESCE(i.archival_code, v.archival_code) AS archivalCode, COALESCE(i.title, v.title) AS title,
              COALESCE(ih.path, vh.path) AS homePath, f.state, f.note, f.incident_id AS incidentId
       FROM inspection_findings f
         LEFT JOIN items i ON f.subject = 'item' AND i.id = f.subject_id
         LEFT JOIN volumes v ON v.id = CASE WHEN f.subject = 'volume' THEN f.subject_id ELSE i.volume_id END
         LEFT JOIN locations ih ON ih.id = i.home_location_id LEFT JOIN locations vh ON vh.id = v.home_location_id
       WHERE f.inspection_id = ? ORDER BY homePath IS NULL, homePath, archivalCode IS NULL, archivalCode, f.id`,
      [id]
    )
    const paths: { path: string }[] = await db.query(
      `SELECT l.path FROM inspection_locations il JOIN locations l ON l.id = il.location_id WHERE il.inspection_id = ? ORDER BY l.path`,
      [id]
    )
    const band = (await this.settings.custody(db)).data
    const judged = judgeReading(row, band)
    return {
      ...row,
      checklist: JSON.parse(row.checklist) as ChecklistAnswer[],
      locationPaths: paths.map((p) => p.path),
      environment: { temperature: judged.temperature, humidity: judged.humidity },
      outOfRange: judged.outOfRange,
      findings
    }
  }

  private async draft(db: Db, id: number, version?: number): Promise<Inspection> {
    const inspection = await this.load(db, id)
    if (inspection.status === 'completed') throw conflict('errors.inspectionCompleted')
    if (version !== undefined && inspection.version !== version) throw conflict('errors.staleVersion')
    return inspection
  }

  /** The checks every header shares: not in the future, and the reading taken in a room. */
  private async checkHeader(db: Db, now: Date, input: Pick<CreateInput, 'inspectedOn' | 'roomId'>): Promise<void> {
    if (input.inspectedOn > localDay(now)) throw fieldError('inspectedOn', 'validation.notInFuture')
    if (input.roomId === null) return
    const [room] = await db.query('SELECT kind FROM locations WHERE id = ?', [input.roomId])
    if (!room) throw notFound('errors.locationNotFound')
    if (room.kind !== 'room') throw policyDenied('R-KEEP-3', 'policy.custody.readingInRoom')
  }

  async create(actor: Actor, input: CreateInput): Promise<Inspection> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      await this.checkHeader(db, now, input)
      const expected = await this.expectedRecords(db, input.locationIds, input.records)
      if (expected.length === 0) throw policyDenied('R-KEEP-3', 'policy.custody.emptyScope')
      const policy = await this.settings.custody(db)
      const stamp = now.toISOString()
      const [created] = await db.query(
        `INSERT INTO inspections (kind, reason, inspected_on, inspectors, room_id, temperature, humidity, checklist, notes, policy_version,
           created_at, updated_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        [
          input.kind,
          input.kind === 'adhoc' ? input.reason : null,
          input.inspectedOn,
          input.inspectors,
          input.roomId,
          input.temperature,
          input.humidity,
          JSON.stringify(input.checklist),
          input.notes,
          policy.version,
          stamp,
          stamp,
          actor.userId
        ]
      )
      const id = Number(created.id)
      for (const locationId of new Set(input.locationIds)) {
        await db.query('INSERT INTO inspection_locations (inspection_id, location_id) VALUES (?, ?)', [id, locationId])
      }
      for (let from = 0; from < expected.length; from += 400) {
        const chunk = expected.slice(from, from + 400)
        await db.query(
          `INSERT INTO inspection_findings (inspection_id, subject, subject_id) VALUES ${chunk.map(() => '(?, ?, ?)').join(', ')}`,
          chunk.flatMap((ref) => [id, ref.subject, ref.id])
        )
      }
      await audit({ entity: 'inspection', entityId: id, action: 'create', after: { ...input, records: expected.length } })
      return this.load(db, id)
    })
  }

  /** What the inspection should find: the records named, and everything homed at the locations chosen or below them. */
  private async expectedRecords(db: Db, locationIds: number[], records: RecordRef[]): Promise<RecordRef[]> {
    await recordSummaries(db, records)
    const found = new Map(records.map((ref) => [`${ref.subject}:${ref.id}`, ref]))
    for (const locationId of locationIds) {
      if ((await db.query('SELECT id FROM locations WHERE id = ?', [locationId])).length === 0) throw notFound('errors.locationNotFound')
      const rows: RecordRef[] = await db.query(`${HOMED_BELOW('volume')} UNION ALL ${HOMED_BELOW('item')}`, [locationId, locationId])
      for (const row of rows) found.set(`${row.subject}:${row.id}`, { subject: row.subject, id: Number(row.id) })
    }
    return [...found.values()]
  }

  async update(actor: Actor, input: UpdateInput): Promise<Inspection> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const before = await this.draft(db, input.id, input.version)
      await this.checkHeader(db, now, input)
      await db.query(
        `UPDATE inspections SET inspected_on = ?, inspectors = ?, room_id = ?, temperature = ?, humidity = ?, checklist = ?, notes = ?,
           version = version + 1, updated_at = ? WHERE id = ?`,
        [input.inspectedOn, input.inspectors, input.roomId, input.temperature, input.humidity, JSON.stringify(input.checklist), input.notes, now.toISOString(), input.id]
      )
      const { id: _id, version: _version, ...after } = input
      await audit({
        entity: 'inspection',
        entityId: input.id,
        action: 'update',
        before: { inspectedOn: before.inspectedOn, inspectors: before.inspectors, roomId: before.roomId, temperature: before.temperature, humidity: before.humidity, checklist: before.checklist, notes: before.notes },
        after
      })
      return this.load(db, input.id)
    })
  }

  /** Stock check: each record ticked off as found, or marked missing or damaged with a note. */
  async mark(actor: Actor, input: MarkInput): Promise<Inspection> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const inspection = await this.draft(db, input.id)
      const inScope = new Map(inspection.findings.map((finding) => [`${finding.subject}:${finding.id}`, finding]))
      for (const change of input.findings) {
        if (inScope.has(`${change.subject}:${change.id}`)) continue
        const [record] = await recordSummaries(db, [change])
        throw deny(refuseOutsideScope(false, record.archivalCode ?? record.title)!)
      }
      const before = input.findings.map((change) => {
        const finding = inScope.get(`${change.subject}:${change.id}`)!
        return { subject: change.subject, id: change.id, state: finding.state, note: finding.note }
      })
      for (const change of input.findings) {
        await db.query('UPDATE inspection_findings SET state = ?, note = ? WHERE inspection_id = ? AND subject = ? AND subject_id = ?', [
          change.state,
          change.note,
          input.id,
          change.subject,
          change.id
        ])
      }
      await db.query('UPDATE inspections SET version = version + 1, updated_at = ? WHERE id = ?', [now.toISOString(), input.id])
      await audit({ entity: 'inspection', entityId: input.id, action: 'mark', before, after: input.findings })
      return this.load(db, input.id)
    })
  }

  async complete(actor: Actor, input: CompleteInput): Promise<Inspection> {
    return this.store.write(actor, async (ctx) => {
      const { db, now, audit } = ctx
      const inspection = await this.draft(db, input.id, input.version)
      // R-USE-7: a record out on loan or in the reading room is accounted for by its register entry and out-card.
      const unchecked = inspection.findings.filter((f) => f.state === 'unchecked')
      const summaries = await recordSummaries(db, unchecked)
      const lent = new Set(summaries.filter((r) => OUT_WITH_A_REGISTER_ENTRY.includes(r.effectiveCustody)).map((r) => `${r.subject}:${r.id}`))
      const refusal = refuseUnconfirmedMissing(unchecked.length - lent.size, input.confirmMissing)
      if (refusal) throw deny(refusal)
      for (const record of summaries.filter((r) => lent.has(`${r.subject}:${r.id}`))) {
        await db.query(`UPDATE inspection_findings SET state = 'found', note = ? WHERE inspection_id = ? AND subject = ? AND subject_id = ?`, [
          OUT_NOTE[record.effectiveCustody],
          input.id,
          record.subject,
          record.id
        ])
      }
      await db.query(`UPDATE inspection_findings SET state = 'missing' WHERE inspection_id = ? AND state = 'unchecked'`, [input.id])
      const problems = inspection.findings
        .map((f) => (f.state === 'unchecked' && !lent.has(`${f.subject}:${f.id}`) ? { ...f, state: 'missing' as const } : f))
        .filter((f) => f.state === 'missing' || f.state === 'damaged')
      for (const finding of problems) {
        const incidentId = await this.incidentFor(ctx, actor, inspection.id, finding)
        await db.query('UPDATE inspection_findings SET incident_id = ? WHERE inspection_id = ? AND subject = ? AND subject_id = ?', [
          incidentId,
          input.id,
          finding.subject,
          finding.id
        ])
      }
      const stamp = now.toISOString()
      await db.query(`UPDATE inspections SET status = 'completed', completed_at = ?, completed_by = ?, version = version + 1, updated_at = ? WHERE id = ?`, [
        stamp,
        actor.userId,
        stamp,
        input.id
      ])
      if (inspection.roomId !== null && inspection.temperature !== null && inspection.humidity !== null) {
        // The inspection's reading is that day's entry in the environment log, unless the room already has one.
        await db.query(
          `INSERT INTO environment_readings (room_id, read_on, temperature, humidity, source, inspection_id, recorded_at, recorded_by)
           VALUES (?, ?, ?, ?, 'inspection', ?, ?, ?) ON CONFLICT (room_id, read_on) DO NOTHING`,
          [inspection.roomId, inspection.inspectedOn, inspection.temperature, inspection.humidity, input.id, stamp, actor.userId]
        )
      }
      await audit({
        entity: 'inspection',
        entityId: input.id,
        action: 'complete',
        before: { status: 'draft' },
        after: { status: 'completed', missing: problems.filter((f) => f.state === 'missing').length, damaged: problems.filter((f) => f.state === 'damaged').length }
      })
      return this.load(db, input.id)
    })
  }

  /** A record already flagged for the same problem keeps its one open incident instead of gaining a second. */
  private async incidentFor(ctx: WriteContext, actor: Actor, inspectionId: number, finding: InspectionFinding): Promise<number> {
    const kind = finding.state as 'missing' | 'damaged'
    const [open] = await ctx.db.query(
      'SELECT id FROM incidents WHERE subject = ? AND subject_id = ? AND kind = ? AND resolved_at IS NULL ORDER BY id LIMIT 1',
      [finding.subject, finding.id, kind]
    )
    if (open) return Number(open.id)
    return openIncident(ctx, actor, { subject: finding.subject, id: finding.id, kind, source: 'inspection', sourceId: inspectionId, note: finding.note })
  }
}
