import type { Db } from '../db/connection'
import {
  bumpInspectionVersion,
  completeInspection,
  countInspections,
  findingsOf,
  insertFindings,
  insertInspection,
  insertScopeLocation,
  inspectionById,
  inspectionsPage,
  linkIncident,
  locationKind,
  logReading,
  markUncheckedMissing,
  openIncidentOf,
  recordsHomedBelow,
  scopePathsOf,
  setFinding,
  updateHeader
} from '../db/inspections'
import type {
  ChecklistAnswer,
  CustodyState,
  FieldError,
  Inspection,
  InspectionFinding,
  InspectionRow,
  Page,
  ParsedInput,
  RecordRef
} from '@preload/contract'
import { AppFailure, conflict, enforce, notFound, refuseStale } from '../errors'
import { localDay } from '../policy/calendar'
import { inspectionReportHtml } from '../reports/custody-printables'
import {
  judgeReading,
  refuseEmptyScope,
  refuseOutsideScope,
  refuseReadingPlace,
  refuseUnconfirmedMissing
} from '../policy/custody'
import type { Actor, Store, WriteContext } from '../store'
import { openIncident } from './incidents'
import { recordSummaries } from './records'
import type { SettingsService } from './settings'

const fieldError = (path: string, message: string) =>
  new AppFailure('VALIDATION', 'errors.validation', { details: [{ path, message } satisfies FieldError] })

const OUT_WITH_A_REGISTER_ENTRY: readonly CustodyState[] = ['on_loan', 'reading_room']
/** Kept in the finding's note, in the language of the printed report. */
const OUT_NOTE: Partial<Record<CustodyState, string>> = {
  on_loan: '借出（见借阅登记簿和代替卡）',
  reading_room: '阅览中（见查阅登记簿）'
}

/** The header a person fills in, as it is stored: the checklist as JSON. */
const headerValues = (input: Omit<ParsedInput<'inspections.update'>, 'id' | 'version'>) => ({
  inspectedOn: input.inspectedOn,
  inspectors: input.inspectors,
  roomId: input.roomId,
  temperature: input.temperature,
  humidity: input.humidity,
  checklist: JSON.stringify(input.checklist),
  notes: input.notes
})

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

  async list(query: ParsedInput<'inspections.list'>): Promise<Page<InspectionRow>> {
    const db = this.store.db
    const total = await countInspections(db, query)
    const rows = await inspectionsPage(db, query)
    const band = (await this.settings.custody()).data
    return {
      rows: rows.map((row) => ({ ...row, outOfRange: judgeReading(row, band).outOfRange })),
      total,
      page: query.page,
      pageSize: query.pageSize
    }
  }

  get(id: number): Promise<Inspection> {
    return this.load(this.store.db, id)
  }

  /** The printed inspection report; printing is logged like every other print. */
  async print(actor: Actor, id: number): Promise<{ html: string }> {
    const html = inspectionReportHtml(await this.get(id))
    await this.store.write(actor, ({ audit }) =>
      audit({ entity: 'inspection', entityId: id, action: 'print', after: { document: 'inspectionReport' } })
    )
    return { html }
  }

  async load(db: Db, id: number): Promise<Inspection> {
    const row = await inspectionById(db, id)
    if (!row) throw notFound('errors.inspectionNotFound')
    const findings = await findingsOf(db, id)
    const paths = await scopePathsOf(db, id)
    const band = (await this.settings.custody(db)).data
    const judged = judgeReading(row, band)
    return {
      ...row,
      checklist: JSON.parse(row.checklist) as ChecklistAnswer[],
      locationPaths: paths,
      environment: { temperature: judged.temperature, humidity: judged.humidity },
      outOfRange: judged.outOfRange,
      findings
    }
  }

  private async draft(db: Db, id: number, version?: number): Promise<Inspection> {
    const inspection = await this.load(db, id)
    if (inspection.status === 'completed') throw conflict('errors.inspectionCompleted')
    if (version !== undefined) refuseStale(inspection.version, version)
    return inspection
  }

  /** The checks every header shares: not in the future, and the reading taken in a room. */
  private async checkHeader(
    db: Db,
    now: Date,
    input: Pick<ParsedInput<'inspections.create'>, 'inspectedOn' | 'roomId'>
  ): Promise<void> {
    if (input.inspectedOn > localDay(now)) throw fieldError('inspectedOn', 'validation.notInFuture')
    if (input.roomId === null) return
    const kind = await locationKind(db, input.roomId)
    if (kind === undefined) throw notFound('errors.locationNotFound')
    enforce(refuseReadingPlace(kind))
  }

  async create(actor: Actor, input: ParsedInput<'inspections.create'>): Promise<Inspection> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      await this.checkHeader(db, now, input)
      const expected = await this.expectedRecords(db, input.locationIds, input.records)
      enforce(refuseEmptyScope(expected.length))
      const policy = await this.settings.custody(db)
      const id = await insertInspection(db, {
        kind: input.kind,
        reason: input.kind === 'adhoc' ? input.reason : null,
        ...headerValues(input),
        policyVersion: policy.version,
        createdAt: now.toISOString(),
        createdBy: actor.userId
      })
      for (const locationId of new Set(input.locationIds)) await insertScopeLocation(db, id, locationId)
      await insertFindings(db, id, expected)
      await audit({
        entity: 'inspection',
        entityId: id,
        action: 'create',
        after: { ...input, records: expected.length }
      })
      return this.load(db, id)
    })
  }

  /** What the inspection should find: the records named, and everything homed at the locations chosen or below them. */
  private async expectedRecords(db: Db, locationIds: number[], records: RecordRef[]): Promise<RecordRef[]> {
    await recordSummaries(db, records)
    const found = new Map(records.map((ref) => [`${ref.subject}:${ref.id}`, ref]))
    for (const locationId of locationIds) {
      if ((await locationKind(db, locationId)) === undefined) throw notFound('errors.locationNotFound')
      const rows = await recordsHomedBelow(db, locationId)
      for (const row of rows) found.set(`${row.subject}:${row.id}`, { subject: row.subject, id: Number(row.id) })
    }
    return [...found.values()]
  }

  async update(actor: Actor, input: ParsedInput<'inspections.update'>): Promise<Inspection> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const before = await this.draft(db, input.id, input.version)
      await this.checkHeader(db, now, input)
      await updateHeader(db, input.id, headerValues(input), now.toISOString())
      const { id: _id, version: _version, ...after } = input
      await audit({
        entity: 'inspection',
        entityId: input.id,
        action: 'update',
        before: {
          inspectedOn: before.inspectedOn,
          inspectors: before.inspectors,
          roomId: before.roomId,
          temperature: before.temperature,
          humidity: before.humidity,
          checklist: before.checklist,
          notes: before.notes
        },
        after
      })
      return this.load(db, input.id)
    })
  }

  /** Stock check: each record ticked off as found, or marked missing or damaged with a note. */
  async mark(actor: Actor, input: ParsedInput<'inspections.mark'>): Promise<Inspection> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const inspection = await this.draft(db, input.id)
      const inScope = new Map(inspection.findings.map((finding) => [`${finding.subject}:${finding.id}`, finding]))
      for (const change of input.findings) {
        if (inScope.has(`${change.subject}:${change.id}`)) continue
        const [record] = await recordSummaries(db, [change])
        enforce(refuseOutsideScope(false, record.archivalCode ?? record.title))
      }
      const before = input.findings.map((change) => {
        const finding = inScope.get(`${change.subject}:${change.id}`)!
        return { subject: change.subject, id: change.id, state: finding.state, note: finding.note }
      })
      for (const change of input.findings) await setFinding(db, input.id, change, change.state, change.note)
      await bumpInspectionVersion(db, input.id, now.toISOString())
      await audit({ entity: 'inspection', entityId: input.id, action: 'mark', before, after: input.findings })
      return this.load(db, input.id)
    })
  }

  async complete(actor: Actor, input: ParsedInput<'inspections.complete'>): Promise<Inspection> {
    return this.store.write(actor, async (ctx) => {
      const { db, now, audit } = ctx
      const inspection = await this.draft(db, input.id, input.version)
      // R-USE-7: a record out on loan or in the reading room is accounted for by its register entry and out-card.
      const unchecked = inspection.findings.filter((f) => f.state === 'unchecked')
      const summaries = await recordSummaries(db, unchecked)
      const lent = new Set(
        summaries
          .filter((r) => OUT_WITH_A_REGISTER_ENTRY.includes(r.effectiveCustody))
          .map((r) => `${r.subject}:${r.id}`)
      )
      enforce(refuseUnconfirmedMissing(unchecked.length - lent.size, input.confirmMissing))
      for (const record of summaries.filter((r) => lent.has(`${r.subject}:${r.id}`))) {
        await setFinding(db, input.id, record, 'found', OUT_NOTE[record.effectiveCustody]!)
      }
      await markUncheckedMissing(db, input.id)
      const problems = inspection.findings
        .map((f) =>
          f.state === 'unchecked' && !lent.has(`${f.subject}:${f.id}`) ? { ...f, state: 'missing' as const } : f
        )
        .filter((f) => f.state === 'missing' || f.state === 'damaged')
      for (const finding of problems) {
        const incidentId = await this.incidentFor(ctx, actor, inspection.id, finding)
        await linkIncident(db, input.id, finding, incidentId)
      }
      const stamp = now.toISOString()
      await completeInspection(db, input.id, actor.userId, stamp)
      if (inspection.roomId !== null && inspection.temperature !== null && inspection.humidity !== null) {
        await logReading(db, {
          roomId: inspection.roomId,
          readOn: inspection.inspectedOn,
          temperature: inspection.temperature,
          humidity: inspection.humidity,
          inspectionId: input.id,
          recordedAt: stamp,
          recordedBy: actor.userId
        })
      }
      await audit({
        entity: 'inspection',
        entityId: input.id,
        action: 'complete',
        before: { status: 'draft' },
        after: {
          status: 'completed',
          missing: problems.filter((f) => f.state === 'missing').length,
          damaged: problems.filter((f) => f.state === 'damaged').length
        }
      })
      return this.load(db, input.id)
    })
  }

  /** A record already flagged for the same problem keeps its one open incident instead of gaining a second. */
  private async incidentFor(
    ctx: WriteContext,
    actor: Actor,
    inspectionId: number,
    finding: InspectionFinding
  ): Promise<number> {
    const kind = finding.state as 'missing' | 'damaged'
    const open = await openIncidentOf(ctx.db, finding, kind)
    if (open !== null) return open
    return openIncident(ctx, actor, {
      subject: finding.subject,
      id: finding.id,
      kind,
      source: 'inspection',
      sourceId: inspectionId,
      note: finding.note
    })
  }
}
