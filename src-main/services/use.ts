import type { Db } from '../db/connection'
import {
  activeAccountsIn,
  activeUsers,
  approvalsOf,
  countOverdueLoans,
  countRequests,
  heldBy,
  insertApproval,
  insertRenewal,
  insertRequest,
  insertRequestRecord,
  loanDaysOf,
  nextRequestNumber,
  otherHoldingRequest,
  pendingRequests,
  openRequestsOf,
  overdueLoansPage,
  recordLabels,
  recordReturnCheck,
  registerRequestIds,
  renewalsOf,
  requestById,
  requestRecords,
  requestsPage,
  setCustody,
  signedSteps,
  signerAccount,
  updateRequest,
  userDisplayName,
  userIsActive,
  withdrawApproval,
  withdrawnSignaturesOf,
  type StoredRequestRow
} from '../db/use'
import { pageTotal } from '../db/paging'
import {
  type Applicant,
  type Approver,
  type ChainPreview,
  type ChainStep,
  type HeldRecord,
  type OverdueLoan,
  type Page,
  type ParsedInput,
  type PolicyVersion,
  type RecordSummary,
  SIGNER_ROLES,
  type StepSigners,
  type UseRequest,
  type UseRequestRow,
  type UseSettings
} from '@preload/contract'
import { AppFailure, enforce, forbidden, invalid, notFound, refused, refuseStale } from '../errors'
import { addDays, daysBetween, localDay } from '../policy/calendar'
import { nameOfCode } from '../policy/codes'
import {
  approvalChain,
  DEFAULT_USE_SETTINGS,
  refuseRenewal,
  refuseReturnCount,
  refuseSignature,
  refuseSigner,
  refuseUnavailable,
  refuseWithdrawal,
  stepOfRole,
  type Department,
  type SignerAccount,
  type UseFacts
} from '../policy/use'
import type { Decision } from '../policy/decision'
import {
  consultationRegisterHtml,
  loanRegisterHtml,
  outCardsHtml,
  reminderHtml,
  useFormHtml,
  type RegisterRow
} from '../reports/use-printables'
import { barcodeRenderer } from '../reports/barcode'
import { listWorkbook, type SheetColumn } from '../reports/xlsx'
import type { Actor, Store, WriteContext } from '../store'
import { openIncident } from './incidents'
import { recordSummaries } from './records'
import { SETTINGS_SCHEMAS, VersionedSettings, type SettingsService } from './settings'
import type { AuditAction } from '@preload/audit-vocabulary'

type Signature = Pick<ParsedInput<'use.approve'>, 'id' | 'version' | 'step' | 'signedOn' | 'decision' | 'reason'>

const CUSTODY_WHILE_OUT = { consultation: 'reading_room', loan: 'on_loan' } as const

/** Register numbers: 借阅 JY, 查阅 CY, 复制/摘录 FZ, then the year and a running number of four digits. */
const NUMBER_PREFIXES = { loan: 'JY', consultation: 'CY', excerpt: 'FZ' } as const

const STEP_NAMES: Record<Approver, string> = {
  department_head: '部门负责人',
  archive_manager: '档案部门负责人',
  deputy_gm: '副总经理',
  gm: '总经理'
}

const label = (record: Pick<RecordSummary, 'archivalCode' | 'title'>) => record.archivalCode ?? record.title
const fieldError = (path: string, message: string, params?: Record<string, string | number>) =>
  invalid([{ path, message, ...(params ? { params } : {}) }])

/** Both register sheets open with the number, when, who, from where, and what; three are named for the register. */
const leadingColumns = (outOn: string, borrower: string, unit: string): SheetColumn[] => [
  { key: 'requestNumber', title: '编号' },
  { key: 'outOn', title: outOn },
  { key: 'borrower', title: borrower },
  { key: 'unit', title: unit },
  { key: 'archivalCode', title: '档号' },
  { key: 'title', title: '题名' }
]

/** Rows of several requests, each request's in their order. */
function byRequest<T extends { requestId: number }>(rows: T[]): Map<number, T[]> {
  const grouped = new Map<number, T[]>()
  for (const row of rows) {
    const group = grouped.get(row.requestId)
    if (group) group.push(row)
    else grouped.set(row.requestId, [row])
  }
  return grouped
}

/** Consultation (查阅), loans (借阅) and copies (复制/摘录): requests, signatures, checkout, return, renewal and registers. */
export class UseService {
  readonly settings: VersionedSettings<UseSettings>

  constructor(
    private readonly store: Store,
    private readonly filing: SettingsService
  ) {
    this.settings = new VersionedSettings(store, 'use', SETTINGS_SCHEMAS.use, DEFAULT_USE_SETTINGS)
  }

  private today(): string {
    return localDay(this.store.clock())
  }

  saveSettings(actor: Actor, data: UseSettings): Promise<PolicyVersion<UseSettings>> {
    return this.settings.save(actor, data)
  }

  /** People with an account, to link a staff applicant to (R-ROLE-7 compares signers by account as well as by name). */
  applicants(): Promise<Applicant[]> {
    return activeUsers(this.store.db)
  }

  private async otherRequests(db: Db, records: RecordSummary[], exceptId: number): Promise<(string | null)[]> {
    return Promise.all(records.map((record) => otherHoldingRequest(db, record, exceptId)))
  }

  /** R-USE-2, R-DISP-8, R-KEEP-3: refused when a record is out, destroyed, flagged or promised to another request. */
  private async availability(
    db: Db,
    kind: UseFacts['kind'],
    records: RecordSummary[],
    exceptId = 0
  ): Promise<Decision> {
    const others = kind === 'excerpt' ? records.map(() => null) : await this.otherRequests(db, records, exceptId)
    return refuseUnavailable(
      records.map((record, index) => ({
        label: label(record),
        effectiveCustody: record.effectiveCustody,
        openIncidents: record.openIncidents,
        otherRequest: others[index]
      }))
    )
  }

  /** The one answer for a draft: the preview shows it and the save enforces it (R-USE-1..6, S86). */
  private async decide(db: Db, input: ParsedInput<'use.preview'>) {
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
      excerptAnswer: input.excerptAnswer,
      records: records.map((r) => ({
        label: label(r),
        departmentCode: r.departmentCode,
        classification: r.classification,
        sealedOriginal: r.sealedOriginal
      })),
      startOn: input.startOn,
      dueOn: input.kind === 'loan' ? input.dueOn : null,
      offSite: input.kind === 'loan' && input.offSite
    }
    const chain = approvalChain(facts, settings.data)
    const available = chain.ok ? await this.availability(db, input.kind, records) : chain
    return { chain, refusal: available.ok ? null : available.refusal, records, policyVersion: settings.version }
  }

  /** The chain a draft would need, shown live in the form before it is submitted. */
  async preview(input: ParsedInput<'use.preview'>): Promise<ChainPreview> {
    const { chain, refusal, policyVersion } = await this.decide(this.store.db, input)
    return {
      steps: chain.ok ? chain.value.steps : [],
      refusal: refusal
        ? { ruleId: refusal.ruleId, reason: refusal.reason, ...(refusal.params ? { params: refusal.params } : {}) }
        : null,
      loanDays: chain.ok ? chain.value.loanDays : null,
      policyVersion
    }
  }

  create(actor: Actor, input: ParsedInput<'use.create'>): Promise<UseRequest> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      if (input.applicantUserId !== null) {
        if (!(await userIsActive(db, input.applicantUserId)))
          throw fieldError('applicantUserId', 'validation.invalidValue')
      }
      const { chain, refusal, records, policyVersion } = await this.decide(db, input)
      if (refusal) throw refused(refusal)
      const decision = enforce(chain)
      const external = input.applicantKind === 'external'
      const prefix = NUMBER_PREFIXES[input.kind]
      const year = Number(localDay(now).slice(0, 4))
      const running = await nextRequestNumber(db, prefix, year)
      const id = await insertRequest(db, {
        number: `${prefix}-${year}-${String(running).padStart(4, '0')}`,
        kind: input.kind,
        applicantKind: input.applicantKind,
        applicantUserId: input.applicantUserId,
        applicantName: input.applicantName,
        departmentCode: external ? '' : input.departmentCode,
        externalUnit: external ? input.externalUnit : '',
        introductionLetter: external ? input.introductionLetter : '',
        purpose: input.purpose,
        reason: input.reason,
        copies: input.kind === 'consultation' ? 1 : input.copies,
        startOn: input.startOn,
        dueOn: input.kind === 'loan' ? input.dueOn : null,
        loanDays: decision.loanDays,
        offSite: input.kind === 'loan' && input.offSite,
        excerptAnswer:
          input.kind === 'loan' ? input.excerptAnswer : input.kind === 'excerpt' ? 'excerpt_suffices' : null,
        chain: JSON.stringify(decision.steps),
        policyVersion,
        createdAt: now.toISOString(),
        createdBy: actor.userId
      })
      for (const [position, record] of records.entries()) await insertRequestRecord(db, id, position + 1, record)
      const created = await this.load(db, id)
      await audit({
        entity: 'use_request',
        entityId: id,
        action: 'create',
        after: { ...input, number: created.number, chain: decision.steps, policyVersion }
      })
      return created
    })
  }

  private async rows(db: Db, stored: StoredRequestRow[]): Promise<UseRequestRow[]> {
    if (stored.length === 0) return []
    const ids = stored.map((row) => row.id)
    // Grouped once rather than filtered whole for each row: a page may hold up to 200 rows.
    const labels = byRequest(await recordLabels(db, ids))
    // Only a pending request has a next step to sign; the others need no signatures read.
    const pending = stored.filter((row) => row.status === 'pending').map((row) => row.id)
    const signed = byRequest(await signedSteps(db, pending))
    const today = this.today()
    return stored.map(({ chain, ...row }) => {
      const mine = (labels.get(row.id) ?? []).map((l) => l.label)
      const done = new Set((signed.get(row.id) ?? []).map((s) => s.step))
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

  async list(query: ParsedInput<'use.list'>): Promise<Page<UseRequestRow>> {
    const today = this.today()
    const count = await countRequests(this.store.db, query, today)
    const stored = await requestsPage(this.store.db, query, today)
    return {
      rows: await this.rows(this.store.db, stored),
      ...pageTotal(count),
      page: query.page,
      pageSize: query.pageSize
    }
  }

  get(id: number): Promise<UseRequest> {
    return this.load(this.store.db, id)
  }

  private async load(db: Db, id: number): Promise<UseRequest> {
    const stored = await requestById(db, id)
    if (!stored) throw notFound('errors.useRequestNotFound')
    const [row] = await this.rows(db, [stored])
    const refs = await requestRecords(db, id)
    const summaries = await recordSummaries(db, refs)
    const approvals = await approvalsOf(db, id)
    const renewals = await renewalsOf(db, id)
    const chain: ChainStep[] = JSON.parse(stored.chain)
    const order = chain.map((s) => s.step)
    return {
      ...row,
      applicantUserId: stored.applicantUserId,
      introductionLetter: stored.introductionLetter,
      reason: stored.reason,
      copies: stored.copies,
      offSite: Boolean(stored.offSite),
      excerptAnswer: stored.excerptAnswer,
      chain,
      policyVersion: stored.policyVersion,
      approvals: approvals.sort((a, b) => order.indexOf(a.step) - order.indexOf(b.step)),
      withdrawnSignatures: await withdrawnSignaturesOf(db, id),
      records: summaries.map((summary, index) => ({
        ...summary,
        condition: refs[index].condition,
        pagesChecked: refs[index].pagesChecked,
        returnNote: refs[index].returnNote
      })),
      renewals,
      effect: stored.effect,
      effectNote: stored.effectNote,
      closingNote: stored.closingNote,
      version: stored.version
    }
  }

  /** Loads the request for a change: it must still be at the version the person saw, in one of the given states. */
  private async forChange(db: Db, id: number, version: number, statuses: UseRequest['status'][]): Promise<UseRequest> {
    const request = await this.load(db, id)
    refuseStale(request.version, version)
    if (!statuses.includes(request.status))
      throw new AppFailure('CONFLICT', 'errors.useWrongStatus', { params: { status: request.status } })
    return request
  }

  private async change(
    ctx: WriteContext,
    before: UseRequest,
    action: AuditAction,
    sets: Record<string, unknown>,
    details: unknown
  ): Promise<UseRequest> {
    const columns = Object.keys(sets)
    await updateRequest(ctx.db, before.id, sets, ctx.now.toISOString())
    const after = await this.load(ctx.db, before.id)
    await ctx.audit({
      entity: 'use_request',
      entityId: before.id,
      action,
      before: { status: before.status, ...pick(before, columns) },
      after: details
    })
    return after
  }

  /**
   * R-USE-1, R-ROLE-3..5, R-ROLE-7: a signature from the signed paper form, entered by the archivist on behalf of the
   * account chosen from those that hold the step; who entered it is kept and shown. A refusal ends the request.
   */
  approve(actor: Actor, input: ParsedInput<'use.approve'>): Promise<UseRequest> {
    return this.store.write(actor, async (ctx) => {
      const signer = await signerAccount(ctx.db, input.signerUserId)
      if (!signer) throw fieldError('signerUserId', 'validation.invalidValue')
      return this.signAs(ctx, actor, signer, input)
    })
  }

  /** R-USE-1, R-ROLE-3..5: the signed-in signer signs their own step, today; the step comes from their account. */
  sign(actor: Actor, input: ParsedInput<'use.sign'>): Promise<UseRequest> {
    return this.store.write(actor, async (ctx) => {
      const signer = actor.userId === null ? undefined : await signerAccount(ctx.db, actor.userId)
      const step = signer && stepOfRole(signer.role)
      if (!signer || !step) throw forbidden()
      return this.signAs(ctx, actor, signer, { ...input, step, signedOn: localDay(ctx.now) })
    })
  }

  private async signAs(ctx: WriteContext, actor: Actor, signer: SignerAccount, input: Signature): Promise<UseRequest> {
    const request = await this.forChange(ctx.db, input.id, input.version, ['pending'])
    if (input.signedOn > localDay(ctx.now)) throw fieldError('signedOn', 'validation.notInFuture')
    if (input.decision === 'refused' && input.reason === '') throw fieldError('reason', 'validation.required')
    const enteredByName = await userDisplayName(ctx.db, actor.userId)
    enforce(
      refuseSignature({
        ...(await this.signatureFacts(ctx.db, request)),
        step: input.step,
        signer,
        enteredByUserId: actor.userId,
        enteredByName: enteredByName ?? actor.username
      })
    )
    await insertApproval(ctx.db, {
      requestId: request.id,
      step: input.step,
      signerName: signer.name,
      signerUserId: signer.userId,
      signedOn: input.signedOn,
      decision: input.decision,
      reason: input.reason,
      enteredBy: actor.userId,
      enteredAt: ctx.now.toISOString()
    })
    const last = request.approvals.length + 1 === request.chain.length
    const status = input.decision === 'refused' ? 'refused' : last ? 'approved' : 'pending'
    const { id: _id, version: _version, ...signature } = input
    return this.change(
      ctx,
      request,
      'sign',
      { status },
      {
        status,
        ...signature,
        signerUserId: signer.userId,
        signerName: signer.name,
        onBehalf: signer.userId !== actor.userId
      }
    )
  }

  private async department(db: Db, code: string): Promise<Department> {
    const departments = (await this.filing.filing(db)).data.departments
    return { code, name: departments.find((d) => d.code === code)?.name ?? '' }
  }

  private async signatureFacts(db: Db, request: UseRequest) {
    return {
      chain: request.chain.map((s) => s.step),
      signed: request.approvals.map((a) => ({ step: a.step, signerUserId: a.signerUserId })),
      department: await this.department(db, request.departmentCode),
      applicantName: request.applicantName,
      applicantUserId: request.applicantUserId
    }
  }

  /**
   * R-USE-1: a signature entered wrongly is taken back with a reason, the last one first; the request is not
   * cancelled but awaits that step again, and the withdrawn signature stays on it.
   */
  withdrawSignature(actor: Actor, input: ParsedInput<'use.withdrawSignature'>): Promise<UseRequest> {
    return this.store.write(actor, async (ctx) => {
      const request = await this.forChange(ctx.db, input.id, input.version, ['pending', 'approved', 'refused'])
      enforce(
        refuseWithdrawal({
          chain: request.chain.map((s) => s.step),
          signed: request.approvals.map((a) => ({ step: a.step, onBehalf: a.onBehalf })),
          step: input.step
        })
      )
      const withdrawn = request.approvals.find((a) => a.step === input.step)!
      await withdrawApproval(ctx.db, request.id, input.step, actor.userId, ctx.now.toISOString(), input.reason)
      return this.change(
        ctx,
        request,
        'withdraw_signature',
        { status: 'pending' },
        { status: 'pending', step: input.step, signerName: withdrawn.signerName, reason: input.reason }
      )
    })
  }

  /** R-ROLE-3..5: the pending requests whose next signature the signed-in person may give, oldest first. */
  async awaiting(actor: Actor): Promise<UseRequestRow[]> {
    const signer = actor.userId === null ? undefined : await signerAccount(this.store.db, actor.userId)
    const step = signer && stepOfRole(signer.role)
    if (!signer || !step) return []
    const rows = await this.rows(this.store.db, await pendingRequests(this.store.db))
    const mine: UseRequestRow[] = []
    for (const row of rows.filter((r) => r.nextStep === step)) {
      const request = await this.get(row.id)
      const facts = {
        ...(await this.signatureFacts(this.store.db, request)),
        step,
        signer,
        enteredByUserId: signer.userId
      }
      if (refuseSignature({ ...facts, enteredByName: signer.name }).ok) mine.push(row)
    }
    return mine
  }

  /** For each step of the chain, the active accounts that may sign it (R-ROLE-3..5), the applicant left out (R-ROLE-7). */
  async signers(id: number): Promise<StepSigners[]> {
    const request = await this.get(id)
    const accounts = await activeAccountsIn(this.store.db, SIGNER_ROLES)
    const department = await this.department(this.store.db, request.departmentCode)
    return request.chain.map(({ step }) => ({
      step,
      signers: accounts
        .filter((account) => refuseSigner(account, step, department).ok)
        .filter((account) => account.userId !== request.applicantUserId)
        .map((account) => ({ id: account.userId, displayName: account.name, department: account.department }))
    }))
  }

  /** R-USE-2, R-USE-7: the records leave their place; due date = day out + the approved days. */
  checkout(actor: Actor, input: { id: number; version: number }): Promise<UseRequest> {
    return this.store.write(actor, async (ctx) => {
      const request = await this.forChange(ctx.db, input.id, input.version, ['approved'])
      enforce(await this.availability(ctx.db, request.kind, request.records, request.id))
      const outOn = localDay(ctx.now)
      const loanDays = await loanDaysOf(ctx.db, request.id)
      const dueOn = request.kind === 'loan' ? addDays(outOn, loanDays ?? 0) : null
      if (request.kind !== 'excerpt') await this.setCustody(ctx, request, CUSTODY_WHILE_OUT[request.kind], 'checkout')
      return this.change(
        ctx,
        request,
        'checkout',
        { status: 'out', out_on: outOn, due_on: dueOn },
        { status: 'out', outOn, dueOn }
      )
    })
  }

  private async setCustody(ctx: WriteContext, request: UseRequest, custody: string, action: string): Promise<void> {
    for (const record of request.records) {
      await setCustody(ctx.db, record, custody)
      await ctx.audit({
        entity: record.subject,
        entityId: record.id,
        action: 'custody',
        before: { custody: record.custody },
        after: { custody, useRequest: request.id, step: action }
      })
    }
  }

  /** R-USE-2, R-USE-8, S89: 注销 — each record checked (pages, damage); damage or loss opens an incident on it. */
  returnRecords(actor: Actor, input: ParsedInput<'use.return'>): Promise<UseRequest> {
    return this.store.write(actor, async (ctx) => {
      const request = await this.forChange(ctx.db, input.id, input.version, ['out'])
      const given = new Map(input.records.map((r) => [`${r.subject}:${r.id}`, r]))
      const missing = request.records.filter((r) => !given.has(`${r.subject}:${r.id}`))
      if (missing.length > 0 || given.size !== request.records.length || input.records.length !== given.size) {
        throw fieldError('records', 'validation.returnEveryRecord', { count: request.records.length })
      }
      for (const record of request.records) {
        const check = given.get(`${record.subject}:${record.id}`)!
        enforce(refuseReturnCount(label(record), check.condition, record.pageCount, check.pagesChecked))
      }
      for (const record of request.records) {
        const check = given.get(`${record.subject}:${record.id}`)!
        await recordReturnCheck(ctx.db, request.id, record, check)
        if (check.condition !== 'complete') {
          await openIncident(ctx, actor, {
            subject: record.subject,
            id: record.id,
            kind: check.condition === 'lost' ? 'missing' : 'damaged',
            source: 'loan',
            sourceId: request.id,
            note: check.note || `归还清点发现（申请 ${request.number}）`
          })
        }
      }
      if (request.kind !== 'excerpt') await this.setCustody(ctx, request, 'in_store', 'return')
      const returnedOn = localDay(ctx.now)
      return this.change(
        ctx,
        request,
        'return',
        { status: 'returned', returned_on: returnedOn, closing_note: input.note },
        { status: 'returned', returnedOn, records: input.records, note: input.note }
      )
    })
  }

  /** R-USE-4, R-USE-8: a renewal within the limits of the current settings. */
  renew(actor: Actor, input: { id: number; version: number; newDueOn: string }): Promise<UseRequest> {
    return this.store.write(actor, async (ctx) => {
      const request = await this.forChange(ctx.db, input.id, input.version, ['out'])
      if (request.kind !== 'loan' || request.dueOn === null) throw new AppFailure('CONFLICT', 'errors.useNotLoan')
      const settings = (await this.settings.current(ctx.db)).data
      enforce(refuseRenewal(request.dueOn, input.newDueOn, request.renewals.length, settings))
      await insertRenewal(ctx.db, {
        requestId: request.id,
        previousDueOn: request.dueOn,
        newDueOn: input.newDueOn,
        renewedOn: localDay(ctx.now),
        enteredBy: actor.userId,
        enteredAt: ctx.now.toISOString()
      })
      return this.change(ctx, request, 'renew', { due_on: input.newDueOn }, { dueOn: input.newDueOn })
    })
  }

  /** R-USE-9 利用效果: recorded on any request, and changed when more is learnt. */
  feedback(actor: Actor, input: ParsedInput<'use.feedback'>): Promise<UseRequest> {
    return this.store.write(actor, async (ctx) => {
      const request = await this.forChange(ctx.db, input.id, input.version, [
        'pending',
        'approved',
        'out',
        'returned',
        'refused',
        'cancelled'
      ])
      return this.change(
        ctx,
        request,
        'feedback',
        { effect: input.effect, effect_note: input.note },
        { effect: input.effect, effectNote: input.note }
      )
    })
  }

  /** Withdrawn before the records went out; the reason stays with it. */
  cancel(actor: Actor, input: ParsedInput<'use.cancel'>): Promise<UseRequest> {
    return this.store.write(actor, async (ctx) => {
      const request = await this.forChange(ctx.db, input.id, input.version, ['pending', 'approved'])
      return this.change(
        ctx,
        request,
        'cancel',
        { status: 'cancelled', closing_note: input.reason },
        { status: 'cancelled', reason: input.reason }
      )
    })
  }

  /** The signed-in person's own requests and loans under way, for their workbench (at most 50, newest first). */
  async mine(userId: number): Promise<UseRequestRow[]> {
    return this.rows(this.store.db, await openRequestsOf(this.store.db, userId, 50))
  }

  /** R-USE-8: loans out past their due date, longest overdue first, a page at a time, shown every day on the dashboard. */
  async overdue(paging: ParsedInput<'use.overdue'>): Promise<Page<OverdueLoan>> {
    const today = this.today()
    const count = await countOverdueLoans(this.store.db, today)
    const stored = await overdueLoansPage(this.store.db, today, paging)
    const rows = (await this.rows(this.store.db, stored)).map((row) => ({
      id: row.id,
      number: row.number,
      applicantName: row.applicantName,
      departmentCode: row.departmentCode,
      externalUnit: row.externalUnit,
      recordsText: row.recordsText,
      outOn: row.outOn!,
      dueOn: row.dueOn!,
      daysLate: row.daysLate
    }))
    return { rows, ...pageTotal(count), page: paging.page, pageSize: paging.pageSize }
  }

  outstanding(userId: number): Promise<HeldRecord[]> {
    return heldBy(this.store.db, userId)
  }

  private async departmentName(code: string): Promise<string> {
    const departments = (await this.filing.filing()).data.departments
    return nameOfCode(departments, code)
  }

  private async who(request: Pick<UseRequest, 'applicantKind' | 'externalUnit' | 'departmentCode'>): Promise<string> {
    return request.applicantKind === 'external' ? request.externalUnit : this.departmentName(request.departmentCode)
  }

  /** R-USE-10: one row per record taken out in the date range (by the day it went out), in the order they went out. */
  async registerRows(input: ParsedInput<'export.useRegister'>): Promise<RegisterRow[]> {
    if (input.from > input.to) throw fieldError('to', 'validation.dateOrder')
    const ids = await registerRequestIds(this.store.db, input.register, input.from, input.to)
    const today = this.today()
    const result: RegisterRow[] = []
    for (const id of ids) {
      const request = await this.get(id)
      const unit = await this.who(request)
      for (const record of request.records) {
        result.push({
          requestId: request.id,
          requestNumber: request.number,
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
          state:
            request.status === 'returned'
              ? 'cancelled'
              : request.kind === 'loan' && request.dueOn !== null && request.dueOn < today
                ? 'overdue'
                : 'out'
        })
      }
    }
    return result
  }

  async print(actor: Actor, input: ParsedInput<'print.use'>): Promise<{ html: string }> {
    const html = await this.printHtml(input)
    const entityId = input.document === 'register' ? `${input.register}:${input.from}..${input.to}` : input.id
    await this.store.write(actor, ({ audit }) =>
      audit({ entity: 'use_request', entityId, action: 'print', after: { document: input.document } })
    )
    return { html }
  }

  private async printHtml(input: ParsedInput<'print.use'>): Promise<string> {
    if (input.document === 'register') {
      const rows = await this.registerRows(input)
      return input.register === 'loan'
        ? loanRegisterHtml(input.from, input.to, rows)
        : consultationRegisterHtml(input.from, input.to, rows)
    }
    const request = await this.get(input.id)
    const unit = await this.who(request)
    const today = this.today()
    switch (input.document) {
      case 'form':
        return useFormHtml(request, unit, STEP_NAMES)
      case 'outCards':
        if (request.outOn === null) throw new AppFailure('CONFLICT', 'errors.useNotOut')
        return outCardsHtml(request, unit, await barcodeRenderer())
      case 'reminder':
        if (request.status !== 'out' || request.kind !== 'loan') throw new AppFailure('CONFLICT', 'errors.useNotOut')
        return reminderHtml(request, unit, today)
    }
  }

  /** R-USE-10: the register as .xlsx, with real dates; every export is logged. */
  async exportRegister(
    actor: Actor,
    input: ParsedInput<'export.useRegister'>
  ): Promise<{ fileName: string; base64: string; rows: number }> {
    const rows = await this.registerRows(input)
    const stateNames = { cancelled: '已注销', overdue: '逾期未还', out: '未归还' }
    const state: SheetColumn = { key: 'state', title: '注销', labels: stateNames }
    const columns: SheetColumn[] =
      input.register === 'loan'
        ? [
            ...leadingColumns('借阅日期', '借阅人', '部门'),
            { key: 'copies', title: '份数' },
            { key: 'reason', title: '借阅理由' },
            { key: 'dueOn', title: '应还日期' },
            { key: 'returnedOn', title: '归还日期' },
            state
          ]
        : [
            ...leadingColumns('查阅日期', '查阅人', '单位/部门'),
            { key: 'purpose', title: '目的' },
            { key: 'returnedOn', title: '结束日期' },
            state
          ]
    const name = input.register === 'loan' ? '借阅登记簿' : '查阅登记簿'
    const buffer = await listWorkbook(name, columns, rows as unknown as Record<string, unknown>[])
    const fileName = `${name}-${input.from}-${input.to}.xlsx`
    await this.store.write(actor, ({ audit }) =>
      audit({ entity: 'use_request', entityId: fileName, action: 'export', after: { rows: rows.length, ...input } })
    )
    return { fileName, base64: buffer.toString('base64'), rows: rows.length }
  }
}

function pick(request: UseRequest, columns: string[]): Record<string, unknown> {
  const camel = (column: string) => column.replace(/_([a-z])/g, (_m, ch: string) => ch.toUpperCase())
  return Object.fromEntries(
    columns.map((column) => [camel(column), (request as unknown as Record<string, unknown>)[camel(column)]])
  )
}
