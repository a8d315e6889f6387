import type { Db } from '../db/connection'
import {
  useSettingsSchema,
  type Applicant,
  type Approver,
  type ChainPreview,
  type ChainStep,
  type HeldRecord,
  type OverdueLoan,
  type Page,
  type ParsedInput,
  type PolicyVersion,
  type RecordRef,
  type RecordSummary,
  type UseApproval,
  type UseRecord,
  type UseRenewal,
  type UseRequest,
  type UseRequestRow,
  type UseSettings
} from '../../src-preload/contract'
import { AppFailure, conflict, invalid, notFound, policyDenied } from '../errors'
import type { Refusal } from '../policy/filing'
import { addDays, daysBetween, localDay } from '../policy/calendar'
import {
  approvalChain,
  DEFAULT_USE_SETTINGS,
  refuseRenewal,
  refuseReturnCount,
  refuseSignature,
  refuseUnavailable,
  type UseFacts
} from '../policy/use'
import { consultationRegisterHtml, loanRegisterHtml, outCardsHtml, reminderHtml, useFormHtml, type RegisterRow } from '../reports/use-printables'
import { listWorkbook, type SheetColumn } from '../reports/xlsx'
import type { Actor, Store, WriteContext } from '../store'
import { openIncident } from './incidents'
import { containsPattern } from './item-search'
import { recordSummaries } from './records'
import { VersionedSettings, type SettingsService } from './settings'

type CreateInput = ParsedInput<'use.create'>
type PreviewInput = ParsedInput<'use.preview'>
type ListQuery = ParsedInput<'use.list'>
type ApproveInput = ParsedInput<'use.approve'>
type ReturnInput = ParsedInput<'use.return'>
type PrintInput = ParsedInput<'print.use'>
type RegisterInput = ParsedInput<'export.useRegister'>

/** Requests that hold their records until they end; an excerpt's original stays on the shelf (R-USE-3). */
const HOLDING_KINDS = `('consultation', 'loan')`
const ACTIVE_STATUSES = `('pending', 'approved', 'out')`
const CUSTODY_WHILE_OUT = { consultation: 'reading_room', loan: 'on_loan' } as const

const ROW_COLUMNS = `u.id, u.kind, u.status, u.applicant_kind AS applicantKind, u.applicant_name AS applicantName, u.department_code AS departmentCode,
  u.external_unit AS externalUnit, u.purpose, u.start_on AS startOn, u.due_on AS dueOn, u.out_on AS outOn, u.returned_on AS returnedOn,
  u.created_at AS createdAt, u.chain`
const SORT_COLUMNS: Record<ListQuery['sortBy'], string> = { createdAt: 'u.created_at', startOn: 'u.start_on', dueOn: 'u.due_on', outOn: 'u.out_on' }
const OVERDUE = `u.status = 'out' AND u.kind = 'loan' AND u.due_on < ?`
const RECORD_LABELS = `SELECT r.request_id AS requestId, COALESCE(i.archival_code, v.archival_code, i.title, v.title) AS label,
    COALESCE(i.archival_code, v.archival_code) AS archivalCode, COALESCE(i.title, v.title) AS title
  FROM use_request_records r LEFT JOIN items i ON r.subject = 'item' AND i.id = r.subject_id
    LEFT JOIN volumes v ON r.subject = 'volume' AND v.id = r.subject_id`

const STEP_NAMES: Record<Approver, string> = { department_head: '部门负责人', archive_manager: '档案部门负责人', deputy_gm: '副总经理', gm: '总经理' }

const label = (record: Pick<RecordSummary, 'archivalCode' | 'title'>) => record.archivalCode ?? record.title
const refuse = (refusal: Refusal) => policyDenied(refusal.ruleId, refusal.reason, refusal.params)
const fieldError = (path: string, message: string, params?: Record<string, string | number>) => invalid([{ path, message, ...(params ? { params } : {}) }])

interface StoredRow extends Omit<UseRequestRow, 'recordsText' | 'recordCount' | 'nextStep' | 'overdue' | 'daysLate'> {
  chain: string
}

/** R-CUST-6: the records a person still has out (in the reading room, on loan, or copies not yet closed). */
export async function heldBy(db: Db, userId: number): Promise<HeldRecord[]> {
  return db.query(
    `SELECT u.id AS requestId, u.kind, u.status, l.archivalCode, l.title, u.due_on AS dueOn
     FROM use_requests u JOIN (${RECORD_LABELS}) l ON l.requestId = u.id
     WHERE u.applicant_user_id = ? AND u.status = 'out' ORDER BY u.id`,
    [userId]
  )
}

/** Consultation (查阅), loans (借阅) and copies (复制/摘录): requests, signatures, checkout, return, renewal and registers. */
export class UseService {
  readonly settings: VersionedSettings<UseSettings>

  constructor(
    private readonly store: Store,
    private readonly filing: SettingsService
  ) {
    this.settings = new VersionedSettings(store, 'use', useSettingsSchema, DEFAULT_USE_SETTINGS)
  }

  private today(): string {
    return localDay(this.store.clock())
  }

  saveSettings(actor: Actor, data: UseSettings): Promise<PolicyVersion<UseSettings>> {
    return this.settings.save(actor, data)
  }

  /** People with an account, to link a staff applicant to (R-ROLE-7 compares signers by account as well as by name). */
  applicants(): Promise<Applicant[]> {
    return this.store.db.query(`SELECT id, display_name AS displayName, department FROM users WHERE active = 1 ORDER BY display_name`)
  }

  private async otherRequests(db: Db, records: RecordSummary[], exceptId: number): Promise<(number | null)[]> {
    return Promise.all(
      records.map(async (record) => {
        const related =
          record.subject === 'item'
            ? { sql: `(r.subject = 'volume' AND r.subject_id = ?)`, param: record.volumeId ?? 0 }
            : { sql: `(r.subject = 'item' AND r.subject_id IN (SELECT id FROM items WHERE volume_id = ?))`, param: record.id }
        const rows: { id: number }[] = await db.query(
          `SELECT u.id FROM use_request_records r JOIN use_requests u ON u.id = r.request_id
           WHERE u.status IN ${ACTIVE_STATUSES} AND u.kind IN ${HOLDING_KINDS} AND u.id <> ?
             AND ((r.subject = ? AND r.subject_id = ?) OR ${related.sql}) LIMIT 1`,
          [exceptId, record.subject, record.id, related.param]
        )
        return rows[0]?.id ?? null
      })
    )
  }

  /** R-USE-2, R-DISP-8, R-KEEP-3: refused when a record is out, destroyed, flagged or promised to another request. */
  private async availability(db: Db, kind: UseFacts['kind'], records: RecordSummary[], exceptId = 0): Promise<Refusal | null> {
    const others = kind === 'excerpt' ? records.map(() => null) : await this.otherRequests(db, records, exceptId)
    return refuseUnavailable(
      records.map((record, index) => ({ label: label(record), effectiveCustody: record.effectiveCustody, openIncidents: record.openIncidents, otherRequestId: others[index] }))
    )
  }

  private async decide(db: Db, input: PreviewInput & Partial<CreateInput>, forCreate: boolean) {
    const settings = await this.settings.current(db)
    const departments = (await this.filing.filing(db)).data.departments.map((d) => d.code)
    const records = await recordSummaries(db, input.records)
    const facts: UseFacts = {
      kind: input.kind,
      external: input.applicantKind === 'external',
      departmentCode: input.departmentCode,
      knownDepartments: departments,
      externalUnit: input.externalUnit,
      introductionLetter: input.introductionLetter,
      excerptAnswer: forCreate ? input.excerptAnswer : undefined,
      records: records.map((r) => ({ label: label(r), departmentCode: r.departmentCode, classification: r.classification, sealedOriginal: r.sealedOriginal })),
      startOn: input.startOn,
      dueOn: input.kind === 'loan' ? input.dueOn : null,
      offSite: input.kind === 'loan' && input.offSite
    }
    const decision = approvalChain(facts, settings.data)
    const refusal = decision.ok ? await this.availability(db, input.kind, records) : decision.refusal
    return { decision, refusal, records, policyVersion: settings.version }
  }

  /** The chain a draft would need, shown live in the form before it is submitted. */
  async preview(input: PreviewInput): Promise<ChainPreview> {
    const { decision, refusal, policyVersion } = await this.decide(this.store.db, input, false)
    return {
      steps: decision.ok ? decision.steps : [],
      refusal: refusal ? { ruleId: refusal.ruleId, reason: refusal.reason, ...(refusal.params ? { params: refusal.params } : {}) } : null,
      loanDays: decision.ok ? decision.loanDays : null,
      policyVersion
    }
  }

  create(actor: Actor, input: CreateInput): Promise<UseRequest> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      if (input.kind === 'loan' && input.dueOn === null) throw fieldError('dueOn', 'validation.required')
      if (input.applicantUserId !== null) {
        const [user] = await db.query(`SELECT active FROM users WHERE id = ?`, [input.applicantUserId])
        if (!user || !user.active) throw fieldError('applicantUserId', 'validation.invalidValue')
      }
      const { decision, refusal, records, policyVersion } = await this.decide(db, input, true)
      if (refusal) throw refuse(refusal)
      if (!decision.ok) throw refuse(decision.refusal)
      const external = input.applicantKind === 'external'
      const [row] = await db.query(
        `INSERT INTO use_requests (kind, status, applicant_kind, applicant_user_id, applicant_name, department_code, external_unit,
           introduction_letter, purpose, reason, copies, start_on, due_on, loan_days, off_site, excerpt_answer, chain, policy_version,
           created_at, created_by, updated_at)
         VALUES (?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        [
          input.kind,
          input.applicantKind,
          input.applicantUserId,
          input.applicantName,
          external ? '' : input.departmentCode,
          external ? input.externalUnit : '',
          external ? input.introductionLetter : '',
          input.purpose,
          input.reason,
          input.kind === 'consultation' ? 1 : input.copies,
          input.startOn,
          input.kind === 'loan' ? input.dueOn : null,
          decision.loanDays,
          input.kind === 'loan' && input.offSite ? 1 : 0,
          input.kind === 'loan' ? input.excerptAnswer : input.kind === 'excerpt' ? 'excerpt_suffices' : null,
          JSON.stringify(decision.steps),
          policyVersion,
          now.toISOString(),
          actor.userId,
          now.toISOString()
        ]
      )
      const id = Number(row.id)
      for (const [position, record] of records.entries()) {
        await db.query(`INSERT INTO use_request_records (request_id, position, subject, subject_id) VALUES (?, ?, ?, ?)`, [id, position + 1, record.subject, record.id])
      }
      const created = await this.load(db, id)
      await audit({ entity: 'use_request', entityId: id, action: 'create', after: { ...input, chain: decision.steps, policyVersion } })
      return created
    })
  }

  private async rows(db: Db, stored: StoredRow[]): Promise<UseRequestRow[]> {
    if (stored.length === 0) return []
    const ids = stored.map((row) => row.id)
    const marks = ids.map(() => '?').join(',')
    const labels: { requestId: number; label: string }[] = await db.query(
      `${RECORD_LABELS} WHERE r.request_id IN (${marks}) ORDER BY r.request_id, r.position`,
      ids
    )
    const signed: { requestId: number; step: Approver }[] = await db.query(
      `SELECT request_id AS requestId, step FROM use_approvals WHERE request_id IN (${marks})`,
      ids
    )
    const today = this.today()
    return stored.map(({ chain, ...row }) => {
      const mine = labels.filter((l) => l.requestId === row.id).map((l) => l.label)
      const done = new Set(signed.filter((s) => s.requestId === row.id).map((s) => s.step))
      const steps: ChainStep[] = JSON.parse(chain)
      const overdue = row.status === 'out' && row.kind === 'loan' && row.dueOn !== null && row.dueOn < today
      return {
        ...row,
        recordsText: mine.join('、'),
        recordCount: mine.length,
        nextStep: row.status === 'pending' ? (steps.find((s) => !done.has(s.step))?.step ?? null) : null,
        overdue,
        daysLate: overdue ? daysBetween(row.dueOn!, today) : 0
      }
    })
  }

  async list(query: ListQuery): Promise<Page<UseRequestRow>> {
    const where: string[] = []
    const params: unknown[] = []
    const inList = (column: string, values: readonly string[] | undefined) => {
      if (!values || values.length === 0) return
      where.push(`${column} IN (${values.map(() => '?').join(',')})`)
      params.push(...values)
    }
    inList('u.kind', query.kind)
    inList('u.status', query.status)
    if (query.overdue) {
      where.push(OVERDUE)
      params.push(this.today())
    }
    if (query.from) {
      where.push('COALESCE(u.out_on, u.start_on) >= ?')
      params.push(query.from)
    }
    if (query.to) {
      where.push('COALESCE(u.out_on, u.start_on) <= ?')
      params.push(query.to)
    }
    if (query.search) {
      const like = containsPattern(query.search)
      where.push(`(u.applicant_name LIKE ? ESCAPE '\\' OR u.external_unit LIKE ? ESCAPE '\\' OR u.purpose LIKE ? ESCAPE '\\'
        OR EXISTS (SELECT 1 FROM (${RECORD_LABELS}) l WHERE l.requestId = u.id AND (l.archivalCode LIKE ? ESCAPE '\\' OR l.title LIKE ? ESCAPE '\\')))`)
      params.push(like, like, like, like, like)
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
    const [{ total }] = await this.store.db.query(`SELECT COUNT(*) AS total FROM use_requests u ${clause}`, params)
    const direction = query.sortOrder === 'ascend' ? 'ASC' : 'DESC'
    const stored: StoredRow[] = await this.store.db.query(
      `SELECT ${ROW_COLUMNS} FROM use_requests u ${clause} ORDER BY ${SORT_COLUMNS[query.sortBy]} IS NULL, ${SORT_COLUMNS[query.sortBy]} ${direction}, u.id ${direction} LIMIT ? OFFSET ?`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize]
    )
    return { rows: await this.rows(this.store.db, stored), total, page: query.page, pageSize: query.pageSize }
  }

  get(id: number): Promise<UseRequest> {
    return this.load(this.store.db, id)
  }

  private async load(db: Db, id: number): Promise<UseRequest> {
    const stored = await db.query(
      `SELECT ${ROW_COLUMNS}, u.applicant_user_id AS applicantUserId, u.introduction_letter AS introductionLetter, u.reason, u.copies,
              u.off_site AS offSite, u.excerpt_answer AS excerptAnswer, u.policy_version AS policyVersion, u.effect, u.effect_note AS effectNote,
              u.closing_note AS closingNote, u.version
       FROM use_requests u WHERE u.id = ?`,
      [id]
    )
    if (stored.length === 0) throw notFound('errors.useRequestNotFound')
    const [row] = await this.rows(db, stored)
    const refs: (RecordRef & { condition: UseRecord['condition']; pagesChecked: number | null; returnNote: string })[] = await db.query(
      `SELECT subject, subject_id AS id, condition, pages_checked AS pagesChecked, return_note AS returnNote FROM use_request_records WHERE request_id = ? ORDER BY position`,
      [id]
    )
    const summaries = await recordSummaries(db, refs)
    const approvals: UseApproval[] = await db.query(
      `SELECT a.step, a.signer_name AS signerName, a.signed_on AS signedOn, a.decision, a.reason, e.username AS enteredBy, a.entered_at AS enteredAt
       FROM use_approvals a JOIN users e ON e.id = a.entered_by WHERE a.request_id = ?`,
      [id]
    )
    const renewals: UseRenewal[] = await db.query(
      `SELECT n.previous_due_on AS previousDueOn, n.new_due_on AS newDueOn, n.renewed_on AS renewedOn, e.username AS enteredBy
       FROM use_renewals n JOIN users e ON e.id = n.entered_by WHERE n.request_id = ? ORDER BY n.id`,
      [id]
    )
    const chain: ChainStep[] = JSON.parse(stored[0].chain)
    const order = chain.map((s) => s.step)
    return {
      ...row,
      applicantUserId: stored[0].applicantUserId,
      introductionLetter: stored[0].introductionLetter,
      reason: stored[0].reason,
      copies: stored[0].copies,
      offSite: Boolean(stored[0].offSite),
      excerptAnswer: stored[0].excerptAnswer,
      chain,
      policyVersion: stored[0].policyVersion,
      approvals: approvals.sort((a, b) => order.indexOf(a.step) - order.indexOf(b.step)),
      records: summaries.map((summary, index) => ({ ...summary, condition: refs[index].condition, pagesChecked: refs[index].pagesChecked, returnNote: refs[index].returnNote })),
      renewals,
      effect: stored[0].effect,
      effectNote: stored[0].effectNote,
      closingNote: stored[0].closingNote,
      version: stored[0].version
    }
  }

  /** Loads the request for a change: it must still be at the version the person saw, in one of the given states. */
  private async forChange(db: Db, id: number, version: number, statuses: UseRequest['status'][]): Promise<UseRequest> {
    const request = await this.load(db, id)
    if (request.version !== version) throw conflict('errors.staleVersion')
    if (!statuses.includes(request.status)) throw new AppFailure('CONFLICT', 'errors.useWrongStatus', { params: { status: request.status } })
    return request
  }

  private async change(ctx: WriteContext, before: UseRequest, action: string, sets: Record<string, unknown>, details: unknown): Promise<UseRequest> {
    const columns = Object.keys(sets)
    await ctx.db.query(
      `UPDATE use_requests SET ${columns.map((c) => `${c} = ?`).join(', ')}${columns.length ? ', ' : ''}updated_at = ?, version = version + 1 WHERE id = ?`,
      [...Object.values(sets), ctx.now.toISOString(), before.id]
    )
    const after = await this.load(ctx.db, before.id)
    await ctx.audit({ entity: 'use_request', entityId: before.id, action, before: { status: before.status, ...pick(before, columns) }, after: details })
    return after
  }

  /** R-USE-1, R-ROLE-7: a signature from the paper form, entered by the archivist, in chain order; a refusal ends the request. */
  approve(actor: Actor, input: ApproveInput): Promise<UseRequest> {
    return this.store.write(actor, async (ctx) => {
      const request = await this.forChange(ctx.db, input.id, input.version, ['pending'])
      if (input.signedOn > localDay(ctx.now)) throw fieldError('signedOn', 'validation.notInFuture')
      if (input.decision === 'refused' && input.reason === '') throw fieldError('reason', 'validation.required')
      const [enteredBy] = await ctx.db.query(`SELECT display_name AS name FROM users WHERE id = ?`, [actor.userId])
      const refusal = refuseSignature({
        chain: request.chain.map((s) => s.step),
        signed: request.approvals.map((a) => a.step),
        step: input.step,
        signerName: input.signerName,
        signerUserId: input.signerUserId,
        applicantName: request.applicantName,
        applicantUserId: request.applicantUserId,
        enteredByUserId: actor.userId,
        enteredByName: enteredBy?.name ?? actor.username
      })
      if (refusal) throw refuse(refusal)
      await ctx.db.query(
        `INSERT INTO use_approvals (request_id, step, signer_name, signer_user_id, signed_on, decision, reason, entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [request.id, input.step, input.signerName, input.signerUserId, input.signedOn, input.decision, input.reason, actor.userId, ctx.now.toISOString()]
      )
      const last = request.approvals.length + 1 === request.chain.length
      const status = input.decision === 'refused' ? 'refused' : last ? 'approved' : 'pending'
      const { id: _id, version: _version, ...signature } = input
      return this.change(ctx, request, 'sign', { status }, { status, ...signature })
    })
  }

  /** R-USE-2, R-USE-7: the records leave their place; due date = day out + the approved days. */
  checkout(actor: Actor, input: { id: number; version: number }): Promise<UseRequest> {
    return this.store.write(actor, async (ctx) => {
      const request = await this.forChange(ctx.db, input.id, input.version, ['approved'])
      const refusal = await this.availability(ctx.db, request.kind, request.records, request.id)
      if (refusal) throw refuse(refusal)
      const outOn = localDay(ctx.now)
      const [{ loanDays }] = await ctx.db.query(`SELECT loan_days AS loanDays FROM use_requests WHERE id = ?`, [request.id])
      const dueOn = request.kind === 'loan' ? addDays(outOn, loanDays ?? 0) : null
      if (request.kind !== 'excerpt') await this.setCustody(ctx, request, CUSTODY_WHILE_OUT[request.kind], 'checkout')
      return this.change(ctx, request, 'checkout', { status: 'out', out_on: outOn, due_on: dueOn }, { status: 'out', outOn, dueOn })
    })
  }

  private async setCustody(ctx: WriteContext, request: UseRequest, custody: string, action: string): Promise<void> {
    for (const record of request.records) {
      await ctx.db.query(`UPDATE ${record.subject === 'item' ? 'items' : 'volumes'} SET custody = ? WHERE id = ?`, [custody, record.id])
      await ctx.audit({ entity: record.subject, entityId: record.id, action: 'custody', before: { custody: record.custody }, after: { custody, useRequest: request.id, step: action } })
    }
  }

  /** R-USE-2, R-USE-8, S89: 注销 — each record checked (pages, damage); damage or loss opens an incident on it. */
  returnRecords(actor: Actor, input: ReturnInput): Promise<UseRequest> {
    return this.store.write(actor, async (ctx) => {
      const request = await this.forChange(ctx.db, input.id, input.version, ['out'])
      const given = new Map(input.records.map((r) => [`${r.subject}:${r.id}`, r]))
      const missing = request.records.filter((r) => !given.has(`${r.subject}:${r.id}`))
      if (missing.length > 0 || given.size !== request.records.length || input.records.length !== given.size) {
        throw fieldError('records', 'validation.returnEveryRecord', { count: request.records.length })
      }
      for (const record of request.records) {
        const check = given.get(`${record.subject}:${record.id}`)!
        const refusal = refuseReturnCount(label(record), check.condition, record.pageCount, check.pagesChecked)
        if (refusal) throw refuse(refusal)
      }
      for (const record of request.records) {
        const check = given.get(`${record.subject}:${record.id}`)!
        await ctx.db.query(
          `UPDATE use_request_records SET condition = ?, pages_checked = ?, return_note = ? WHERE request_id = ? AND subject = ? AND subject_id = ?`,
          [check.condition, check.pagesChecked, check.note, request.id, record.subject, record.id]
        )
        if (check.condition !== 'complete') {
          await openIncident(ctx, actor, {
            subject: record.subject,
            id: record.id,
            kind: check.condition === 'lost' ? 'missing' : 'damaged',
            source: 'loan',
            sourceId: request.id,
            note: check.note || `归还清点发现（申请 #${request.id}）`
          })
        }
      }
      if (request.kind !== 'excerpt') await this.setCustody(ctx, request, 'in_store', 'return')
      const returnedOn = localDay(ctx.now)
      return this.change(ctx, request, 'return', { status: 'returned', returned_on: returnedOn, closing_note: input.note }, { status: 'returned', returnedOn, records: input.records, note: input.note })
    })
  }

  /** R-USE-4, R-USE-8: a renewal within the limits of the current settings. */
  renew(actor: Actor, input: { id: number; version: number; newDueOn: string }): Promise<UseRequest> {
    return this.store.write(actor, async (ctx) => {
      const request = await this.forChange(ctx.db, input.id, input.version, ['out'])
      if (request.kind !== 'loan' || request.dueOn === null) throw new AppFailure('CONFLICT', 'errors.useNotLoan')
      const settings = (await this.settings.current(ctx.db)).data
      const refusal = refuseRenewal(request.dueOn, input.newDueOn, request.renewals.length, settings)
      if (refusal) throw refuse(refusal)
      await ctx.db.query(
        `INSERT INTO use_renewals (request_id, previous_due_on, new_due_on, renewed_on, entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?)`,
        [request.id, request.dueOn, input.newDueOn, localDay(ctx.now), actor.userId, ctx.now.toISOString()]
      )
      return this.change(ctx, request, 'renew', { due_on: input.newDueOn }, { dueOn: input.newDueOn })
    })
  }

  /** R-USE-9 利用效果: recorded on any request, and changed when more is learnt. */
  feedback(actor: Actor, input: ParsedInput<'use.feedback'>): Promise<UseRequest> {
    return this.store.write(actor, async (ctx) => {
      const request = await this.forChange(ctx.db, input.id, input.version, ['pending', 'approved', 'out', 'returned', 'refused', 'cancelled'])
      return this.change(ctx, request, 'feedback', { effect: input.effect, effect_note: input.note }, { effect: input.effect, effectNote: input.note })
    })
  }

  /** Withdrawn before the records went out; the reason stays with it. */
  cancel(actor: Actor, input: ParsedInput<'use.cancel'>): Promise<UseRequest> {
    return this.store.write(actor, async (ctx) => {
      const request = await this.forChange(ctx.db, input.id, input.version, ['pending', 'approved'])
      return this.change(ctx, request, 'cancel', { status: 'cancelled', closing_note: input.reason }, { status: 'cancelled', reason: input.reason })
    })
  }

  /** R-USE-8: loans out past their due date, longest overdue first, shown every day on the dashboard. */
  async overdue(): Promise<OverdueLoan[]> {
    const stored: StoredRow[] = await this.store.db.query(`SELECT ${ROW_COLUMNS} FROM use_requests u WHERE ${OVERDUE} ORDER BY u.due_on, u.id`, [this.today()])
    return (await this.rows(this.store.db, stored)).map((row) => ({
      id: row.id,
      applicantName: row.applicantName,
      departmentCode: row.departmentCode,
      externalUnit: row.externalUnit,
      recordsText: row.recordsText,
      outOn: row.outOn!,
      dueOn: row.dueOn!,
      daysLate: row.daysLate
    }))
  }

  outstanding(userId: number): Promise<HeldRecord[]> {
    return heldBy(this.store.db, userId)
  }

  private async departmentName(code: string): Promise<string> {
    const departments = (await this.filing.filing()).data.departments
    return departments.find((d) => d.code === code)?.name ?? code
  }

  private async who(request: Pick<UseRequest, 'applicantKind' | 'externalUnit' | 'departmentCode'>): Promise<string> {
    return request.applicantKind === 'external' ? request.externalUnit : this.departmentName(request.departmentCode)
  }

  /** R-USE-10: one row per record taken out in the date range (by the day it went out), in the order they went out. */
  async registerRows(input: RegisterInput): Promise<RegisterRow[]> {
    if (input.from > input.to) throw fieldError('to', 'validation.dateOrder')
    const kinds = input.register === 'loan' ? `('loan', 'excerpt')` : `('consultation')`
    const rows: { id: number }[] = await this.store.db.query(
      `SELECT id FROM use_requests WHERE kind IN ${kinds} AND out_on BETWEEN ? AND ? ORDER BY out_on, id`,
      [input.from, input.to]
    )
    const today = this.today()
    const result: RegisterRow[] = []
    for (const { id } of rows) {
      const request = await this.get(id)
      const unit = await this.who(request)
      for (const record of request.records) {
        result.push({
          requestId: request.id,
          kind: request.kind,
          outOn: request.outOn!,
          borrower: request.applicantName,
          unit,
          archivalCode: record.archivalCode ?? '',
          title: record.title,
          copies: request.copies,
          purpose: request.purpose,
          reason: request.reason,
          dueOn: request.dueOn,
          returnedOn: request.returnedOn,
          state: request.status === 'returned' ? 'cancelled' : request.kind === 'loan' && request.dueOn !== null && request.dueOn < today ? 'overdue' : 'out'
        })
      }
    }
    return result
  }

  async print(actor: Actor, input: PrintInput): Promise<{ html: string }> {
    const html = await this.printHtml(input)
    const entityId = input.document === 'register' ? `${input.register}:${input.from}..${input.to}` : input.id
    await this.store.write(actor, ({ audit }) => audit({ entity: 'use_request', entityId, action: 'print', after: { document: input.document } }))
    return { html }
  }

  private async printHtml(input: PrintInput): Promise<string> {
    if (input.document === 'register') {
      const rows = await this.registerRows(input)
      return input.register === 'loan' ? loanRegisterHtml(input.from, input.to, rows) : consultationRegisterHtml(input.from, input.to, rows)
    }
    const request = await this.get(input.id)
    const unit = await this.who(request)
    const today = this.today()
    switch (input.document) {
      case 'form':
        return useFormHtml(request, unit, STEP_NAMES)
      case 'outCards':
        if (request.outOn === null) throw new AppFailure('CONFLICT', 'errors.useNotOut')
        return outCardsHtml(request, unit)
      case 'reminder':
        if (request.status !== 'out' || request.kind !== 'loan') throw new AppFailure('CONFLICT', 'errors.useNotOut')
        return reminderHtml(request, unit, today)
    }
  }

  /** R-USE-10: the register as .xlsx, with real dates; every export is logged. */
  async exportRegister(actor: Actor, input: RegisterInput): Promise<{ fileName: string; base64: string; rows: number }> {
    const rows = await this.registerRows(input)
    const stateNames = { cancelled: '已注销', overdue: '逾期未还', out: '未归还' }
    const columns: SheetColumn[] =
      input.register === 'loan'
        ? [
            { key: 'outOn', title: '借阅日期' },
            { key: 'borrower', title: '借阅人' },
            { key: 'unit', title: '部门' },
            { key: 'archivalCode', title: '档号' },
            { key: 'title', title: '题名' },
            { key: 'copies', title: '份数' },
            { key: 'reason', title: '借阅理由' },
            { key: 'dueOn', title: '应还日期' },
            { key: 'returnedOn', title: '归还日期' },
            { key: 'state', title: '注销', labels: stateNames }
          ]
        : [
            { key: 'outOn', title: '查阅日期' },
            { key: 'borrower', title: '查阅人' },
            { key: 'unit', title: '单位/部门' },
            { key: 'archivalCode', title: '档号' },
            { key: 'title', title: '题名' },
            { key: 'purpose', title: '目的' },
            { key: 'returnedOn', title: '结束日期' },
            { key: 'state', title: '注销', labels: stateNames }
          ]
    const name = input.register === 'loan' ? '借阅登记簿' : '查阅登记簿'
    const buffer = await listWorkbook(name, columns, rows as unknown as Record<string, unknown>[])
    const fileName = `${name}-${input.from}-${input.to}.xlsx`
    await this.store.write(actor, ({ audit }) => audit({ entity: 'use_request', entityId: fileName, action: 'export', after: { rows: rows.length, ...input } }))
    return { fileName, base64: buffer.toString('base64'), rows: rows.length }
  }
}

function pick(request: UseRequest, columns: string[]): Record<string, unknown> {
  const camel = (column: string) => column.replace(/_([a-z])/g, (_m, ch: string) => ch.toUpperCase())
  return Object.fromEntries(columns.map((column) => [camel(column), (request as unknown as Record<string, unknown>)[camel(column)]]))
}
