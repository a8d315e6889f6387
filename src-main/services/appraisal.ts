import type { Db } from '../db/connection'
import type {
  AppraisalBatch,
  AppraisalBatchRow,
  AppraisalEntry,
  BatchState,
  DestructionLine,
  DestructionRegister,
  Page,
  ParsedInput,
  RecordRef
} from '../../src-preload/contract'
import { AppFailure, notFound, policyDenied } from '../errors'
import { localDay } from '../policy/calendar'
import { expiryDate } from '../policy/deadlines'
import {
  holdPeriodEnd,
  refuseAppraisers,
  refuseBeforeHoldEnd,
  refuseCount,
  refuseDestruction,
  refuseKeep,
  refuseListing,
  refuseSupervisors,
  yearsKept
} from '../policy/disposal'
import type { Refusal } from '../policy/filing'
import type { Actor, Store, WriteContext } from '../store'
import { disposalFacts } from './disposal-facts'
import { recordSummaries } from './records'
import type { SettingsService } from './settings'

type CreateInput = ParsedInput<'appraisal.create'>
type DecideInput = ParsedInput<'appraisal.decide'>
type CompleteInput = ParsedInput<'appraisal.complete'>
type VerifyInput = ParsedInput<'appraisal.verify'>
type DestructionInput = ParsedInput<'destruction.create'>
type SignInput = ParsedInput<'destruction.sign'>

const TABLE = { item: 'items', volume: 'volumes' } as const
const OPEN_STATES: BatchState[] = ['listed', 'awaiting', 'verified']
const STATE_NAMES: Record<BatchState, string> = { listed: '待鉴定', awaiting: '封存中', verified: '已复核', destroyed: '已销毁', kept: '已结束（全部保存）' }

const deny = (refusal: Refusal) => policyDenied(refusal.ruleId, refusal.reason, refusal.params)
const refuse = (refusal: Refusal | null) => {
  if (refusal) throw deny(refusal)
}
const notInFuture = (path: string) => new AppFailure('VALIDATION', 'errors.validation', { details: [{ path, message: 'validation.notInFuture' }] })

const BATCH_COLUMNS = `b.id, b.title, b.state, cu.username AS createdBy, b.created_at AS createdAt, b.appraised_on AS appraisedOn,
  b.hold_until AS holdUntil, (SELECT COUNT(*) FROM appraisal_entries e WHERE e.batch_id = b.id) AS entries,
  (SELECT COUNT(*) FROM appraisal_entries e WHERE e.batch_id = b.id AND e.decision = 'destroy' AND COALESCE(e.verification, '') <> 'pulled') AS toDestroy`
const BATCH_FROM = `FROM appraisal_batches b JOIN users cu ON cu.id = b.created_by`

interface BatchRecord extends AppraisalBatchRow {
  managerName: string
  departmentLeaderName: string
  completedBy: string | null
  createdByName: string
  version: number
}

interface EntryRecord {
  id: number
  subject: 'item' | 'volume'
  subjectId: number
  expiresOn: string
  decision: AppraisalEntry['decision']
  newRetentionCode: string | null
  newRetentionYears: number | null
  newExpiresOn: string | null
  reason: string
  decidedBy: string | null
  verification: AppraisalEntry['verification']
  verificationNote: string
  verifiedBy: string | null
}

const ENTRY_COLUMNS = `e.id, e.subject, e.subject_id AS subjectId, e.expires_on AS expiresOn, e.decision, e.new_retention_code AS newRetentionCode,
  e.new_retention_years AS newRetentionYears, e.new_expires_on AS newExpiresOn, e.reason, du.username AS decidedBy, e.verification,
  e.verification_note AS verificationNote, vu.username AS verifiedBy`

/**
 * Joint appraisal and supervised destruction (R-DISP-4..8): a batch lists expired records, the archive manager and the
 * department leader decide each, those to go wait out the hold period, are verified once more, and are destroyed
 * before supervisors who sign a register that is then kept for ever.
 */
export class AppraisalService {
  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService
  ) {}

  async list(query: ParsedInput<'appraisal.list'>): Promise<Page<AppraisalBatchRow>> {
    const states = query.state === 'open' ? OPEN_STATES : query.state === 'closed' ? ['destroyed', 'kept'] : null
    const clause = states ? `WHERE b.state IN (${states.map(() => '?').join(',')})` : ''
    const params = states ?? []
    const [{ total }] = await this.store.db.query(`SELECT COUNT(*) AS total FROM appraisal_batches b ${clause}`, params)
    const rows: AppraisalBatchRow[] = await this.store.db.query(
      `SELECT ${BATCH_COLUMNS} ${BATCH_FROM} ${clause} ORDER BY b.id DESC LIMIT ? OFFSET ?`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize]
    )
    return { rows, total, page: query.page, pageSize: query.pageSize }
  }

  private async batch(db: Db, id: number): Promise<BatchRecord> {
    const rows: BatchRecord[] = await db.query(
      `SELECT ${BATCH_COLUMNS}, b.manager_name AS managerName, b.department_leader_name AS departmentLeaderName,
         mu.username AS completedBy, cu.display_name AS createdByName, b.version
       ${BATCH_FROM} LEFT JOIN users mu ON mu.id = b.completed_by WHERE b.id = ?`,
      [id]
    )
    if (rows.length === 0) throw notFound('errors.batchNotFound')
    return rows[0]
  }

  private entries(db: Db, batchId: number): Promise<EntryRecord[]> {
    return db.query(
      `SELECT ${ENTRY_COLUMNS} FROM appraisal_entries e LEFT JOIN users du ON du.id = e.decided_by LEFT JOIN users vu ON vu.id = e.verified_by
       WHERE e.batch_id = ? ORDER BY e.id`,
      [batchId]
    )
  }

  async register(db: Db, where: string, param: number): Promise<DestructionRegister | null> {
    const [row] = await db.query(
      `SELECT r.id, r.batch_id AS batchId, b.title AS batchTitle, r.place, r.destroyed_on AS destroyedOn, r.method, r.approved_by AS approvedBy,
         r.supervisors, r.count_confirmed AS countConfirmed, b.manager_name AS managerName, b.department_leader_name AS departmentLeaderName,
         cu.display_name AS handledBy, r.created_at AS createdAt, r.signed_on AS signedOn, su.username AS signedBy
       FROM destruction_registers r JOIN appraisal_batches b ON b.id = r.batch_id JOIN users cu ON cu.id = r.created_by
         LEFT JOIN users su ON su.id = r.signed_by WHERE ${where}`,
      [param]
    )
    if (!row) return null
    const lines: DestructionLine[] = await db.query(
      `SELECT line_no AS lineNo, subject, subject_id AS subjectId, archival_code AS archivalCode, document_number AS documentNumber,
         responsible_party AS responsibleParty, title, date_formed AS dateFormed, retention_name AS retentionName, years_kept AS yearsKept,
         destroyed_on AS destroyedOn FROM destruction_lines WHERE register_id = ? ORDER BY line_no`,
      [row.id]
    )
    return { ...row, supervisors: JSON.parse(row.supervisors) as string[], lines }
  }

  async load(db: Db, id: number): Promise<AppraisalBatch> {
    const { createdByName: _name, ...batch } = await this.batch(db, id)
    const entries = await this.entries(db, id)
    const summaries = await recordSummaries(db, entries.map((entry) => ({ subject: entry.subject, id: entry.subjectId })))
    const register = await this.register(db, 'r.batch_id = ?', id)
    const lineOf = new Map(register?.signedOn ? register.lines.map((line) => [`${line.subject}:${line.subjectId}`, line.lineNo]) : [])
    return {
      ...batch,
      register,
      entriesDetail: entries.map(({ subject, subjectId, newRetentionYears: _years, ...entry }, index) => ({
        ...entry,
        record: summaries[index],
        registerLine: lineOf.get(`${subject}:${subjectId}`) ?? null
      }))
    }
  }

  get(id: number): Promise<AppraisalBatch> {
    return this.load(this.store.db, id)
  }

  /** A write on one batch: it must exist, be the version the person saw, and be in one of the states the step needs. */
  private step<T>(actor: Actor, input: { batchId: number; version: number }, states: BatchState[], work: (ctx: WriteContext, batch: BatchRecord, today: string) => Promise<T>) {
    return this.store.write(actor, async (ctx) => {
      const batch = await this.batch(ctx.db, input.batchId)
      if (batch.version !== input.version) throw new AppFailure('CONFLICT', 'errors.staleVersion')
      const signed = await ctx.db.query('SELECT id FROM destruction_registers WHERE batch_id = ? AND signed_at IS NOT NULL', [batch.id])
      if (signed.length > 0) throw policyDenied('R-DISP-7', 'policy.disposal.registerPermanent')
      if (!states.includes(batch.state)) throw policyDenied('R-DISP-5', 'policy.disposal.batchState', { state: STATE_NAMES[batch.state] })
      const result = await work(ctx, batch, localDay(ctx.now))
      await ctx.db.query('UPDATE appraisal_batches SET version = version + 1 WHERE id = ?', [batch.id])
      return result
    }).then(() => this.get(input.batchId))
  }

  private async entry(db: Db, batchId: number, entryId: number): Promise<EntryRecord> {
    const found = (await this.entries(db, batchId)).find((entry) => entry.id === entryId)
    if (!found) throw notFound('errors.entryNotFound')
    return found
  }

  /** R-DISP-4: the archivist lists expired records (登记造册) that are free to be appraised. */
  create(actor: Actor, input: CreateInput): Promise<AppraisalBatch> {
    return this.store
      .write(actor, async ({ db, now, audit }) => {
        const today = localDay(now)
        const records = await disposalFacts(db, input.records)
        for (const record of records) refuse(refuseListing(record.facts, today))
        const [row] = await db.query('INSERT INTO appraisal_batches (title, created_at, created_by) VALUES (?, ?, ?) RETURNING id', [
          input.title,
          now.toISOString(),
          actor.userId
        ])
        const id = Number(row.id)
        for (const { summary, facts } of records) {
          await db.query('INSERT OR IGNORE INTO appraisal_entries (batch_id, subject, subject_id, expires_on) VALUES (?, ?, ?, ?)', [
            id,
            summary.subject,
            summary.id,
            facts.expiresOn
          ])
        }
        await audit({ entity: 'appraisal', entityId: id, action: 'create', after: { title: input.title, records: input.records } })
        return id
      })
      .then((id) => this.get(id))
  }

  /** R-DISP-5: destroy, or keep with a new period that still runs and the reason why. */
  decide(actor: Actor, input: DecideInput): Promise<AppraisalBatch> {
    return this.step(actor, input, ['listed'], async ({ db, now, audit }, batch, today) => {
      const entry = await this.entry(db, batch.id, input.entryId)
      const [record] = await disposalFacts(db, [{ subject: entry.subject, id: entry.subjectId }], batch.id)
      let kept: { code: string; years: number | null; expiresOn: string | null } | null = null
      if (input.decision === 'keep') {
        const periods = (await this.settings.filing(db)).data.retentionPeriods
        const period = input.newRetentionCode === null ? undefined : periods.find((p) => p.code === input.newRetentionCode)
        if (input.newRetentionCode !== null && !period) {
          throw new AppFailure('VALIDATION', 'errors.validation', {
            details: [{ path: 'newRetentionCode', message: 'validation.unknownCode', params: { code: input.newRetentionCode } }]
          })
        }
        refuse(refuseKeep(record.summary.year, period?.years, input.reason, today))
        kept = { code: period!.code, years: period!.years, expiresOn: expiryDate(record.summary.year, period!.years) }
      } else {
        refuse(refuseDestruction(record.facts))
      }
      await db.query(
        `UPDATE appraisal_entries SET decision = ?, new_retention_code = ?, new_retention_years = ?, new_expires_on = ?, reason = ?,
           decided_at = ?, decided_by = ? WHERE id = ?`,
        [input.decision, kept?.code ?? null, kept?.years ?? null, kept?.expiresOn ?? null, input.reason, now.toISOString(), actor.userId, entry.id]
      )
      await audit({
        entity: 'appraisal',
        entityId: batch.id,
        action: 'decide',
        before: { entryId: entry.id, decision: entry.decision },
        after: { entryId: entry.id, record: record.facts.code, decision: input.decision, newRetentionCode: kept?.code ?? null, reason: input.reason }
      })
    })
  }

  /**
   * R-DISP-5, R-DISP-6: both appraisers named, every record decided. Records kept get their new expiry; records to go
   * are set apart (awaiting destruction) until the hold period ends.
   */
  complete(actor: Actor, input: CompleteInput): Promise<AppraisalBatch> {
    return this.step(actor, input, ['listed'], async ({ db, now, audit }, batch, today) => {
      refuse(refuseAppraisers(input.managerName, input.departmentLeaderName))
      if (input.appraisedOn > today) throw notInFuture('appraisedOn')
      const entries = await this.entries(db, batch.id)
      const undecided = entries.filter((entry) => entry.decision === null).length
      if (undecided > 0) throw policyDenied('R-DISP-5', 'policy.disposal.undecided', { count: undecided })
      const toDestroy = entries.filter((entry) => entry.decision === 'destroy')
      const records = await disposalFacts(db, toDestroy.map((entry) => ({ subject: entry.subject, id: entry.subjectId })), batch.id)
      for (const record of records) refuse(refuseDestruction(record.facts))
      const policy = await this.settings.disposalSettings.current(db)
      const holdUntil = holdPeriodEnd(input.appraisedOn, policy.data.holdMonths)
      for (const entry of entries) {
        const table = TABLE[entry.subject]
        if (entry.decision === 'keep') {
          await db.query(`UPDATE ${table} SET retention_years = ?, expires_on = ?, version = version + 1, updated_at = ? WHERE id = ?`, [
            entry.newRetentionYears,
            entry.newExpiresOn,
            now.toISOString(),
            entry.subjectId
          ])
          await audit({ entity: entry.subject, entityId: entry.subjectId, action: 'reappraise', before: { expiresOn: entry.expiresOn }, after: { retentionCode: entry.newRetentionCode, expiresOn: entry.newExpiresOn, reason: entry.reason, batchId: batch.id } })
        } else {
          await db.query(`UPDATE ${table} SET custody = 'awaiting_destruction', version = version + 1, updated_at = ? WHERE id = ?`, [now.toISOString(), entry.subjectId])
          await audit({ entity: entry.subject, entityId: entry.subjectId, action: 'set_apart', before: { custody: 'in_store' }, after: { custody: 'awaiting_destruction', batchId: batch.id, holdUntil } })
        }
      }
      const state: BatchState = toDestroy.length > 0 ? 'awaiting' : 'kept'
      await db.query(
        `UPDATE appraisal_batches SET state = ?, manager_name = ?, department_leader_name = ?, appraised_on = ?, hold_until = ?,
           disposal_policy_version = ?, completed_at = ?, completed_by = ? WHERE id = ?`,
        [state, input.managerName, input.departmentLeaderName, input.appraisedOn, holdUntil, policy.version, now.toISOString(), actor.userId, batch.id]
      )
      await audit({
        entity: 'appraisal',
        entityId: batch.id,
        action: 'complete',
        before: { state: batch.state },
        after: { state, managerName: input.managerName, departmentLeaderName: input.departmentLeaderName, appraisedOn: input.appraisedOn, holdUntil, disposalPolicyVersion: policy.version }
      })
    })
  }

  /** R-DISP-6: after the hold period each record is confirmed still to go, or pulled back to the store with a reason. */
  verify(actor: Actor, input: VerifyInput): Promise<AppraisalBatch> {
    return this.step(actor, input, ['awaiting'], async ({ db, now, audit }, batch, today) => {
      refuse(refuseBeforeHoldEnd(batch.holdUntil!, today))
      const entry = await this.entry(db, batch.id, input.entryId)
      if (entry.decision !== 'destroy') throw policyDenied('R-DISP-5', 'policy.disposal.batchState', { state: STATE_NAMES[batch.state] })
      const ref = { subject: entry.subject, id: entry.subjectId }
      if (input.stillToGo) {
        const [record] = await disposalFacts(db, [ref], batch.id)
        refuse(refuseDestruction(record.facts))
      } else {
        if (input.note === '') throw new AppFailure('VALIDATION', 'errors.validation', { details: [{ path: 'note', message: 'validation.required' }] })
        await db.query(`UPDATE ${TABLE[entry.subject]} SET custody = 'in_store', version = version + 1, updated_at = ? WHERE id = ?`, [now.toISOString(), entry.subjectId])
      }
      const verification = input.stillToGo ? 'confirmed' : 'pulled'
      await db.query('UPDATE appraisal_entries SET verification = ?, verification_note = ?, verified_at = ?, verified_by = ? WHERE id = ?', [
        verification,
        input.note,
        now.toISOString(),
        actor.userId,
        entry.id
      ])
      const [{ open, confirmed }] = await db.query(
        `SELECT SUM(verification IS NULL) AS open, SUM(verification = 'confirmed') AS confirmed FROM appraisal_entries WHERE batch_id = ? AND decision = 'destroy'`,
        [batch.id]
      )
      const state: BatchState = Number(open) > 0 ? 'awaiting' : Number(confirmed) > 0 ? 'verified' : 'kept'
      await db.query('UPDATE appraisal_batches SET state = ? WHERE id = ?', [state, batch.id])
      await audit({ entity: 'appraisal', entityId: batch.id, action: 'verify', before: { entryId: entry.id, verification: entry.verification }, after: { entryId: entry.id, record: ref, verification, note: input.note, state } })
    })
  }

  private async confirmedEntries(db: Db, batchId: number): Promise<EntryRecord[]> {
    return (await this.entries(db, batchId)).filter((entry) => entry.decision === 'destroy' && entry.verification === 'confirmed')
  }

  private async checkStillDestroyable(db: Db, batchId: number, entries: EntryRecord[]): Promise<void> {
    const refs: RecordRef[] = entries.map((entry) => ({ subject: entry.subject, id: entry.subjectId }))
    for (const record of await disposalFacts(db, refs, batchId)) refuse(refuseDestruction(record.facts))
  }

  /**
   * R-DISP-7: where, when and how, with at least the set number of supervisors, none of them an appraiser or a handler
   * of the batch, who have counted the records against the register. An unsigned register may be drawn up again.
   */
  createRegister(actor: Actor, input: DestructionInput): Promise<AppraisalBatch> {
    return this.step(actor, input, ['awaiting', 'verified'], async ({ db, now, audit }, batch, today) => {
      refuse(refuseBeforeHoldEnd(batch.holdUntil!, today))
      if (batch.state === 'awaiting') {
        const [{ open }] = await db.query(`SELECT COUNT(*) AS open FROM appraisal_entries WHERE batch_id = ? AND decision = 'destroy' AND verification IS NULL`, [batch.id])
        throw policyDenied('R-DISP-6', 'policy.disposal.notVerified', { count: Number(open) })
      }
      if (input.destroyedOn < batch.holdUntil!) throw policyDenied('R-DISP-6', 'policy.disposal.beforeHoldEnd', { until: batch.holdUntil! })
      const policy = await this.settings.disposalSettings.current(db)
      const handlers: { username: string; displayName: string }[] = await db.query(
        `SELECT username, display_name AS displayName FROM users WHERE id IN (
           SELECT created_by FROM appraisal_batches WHERE id = ? UNION SELECT completed_by FROM appraisal_batches WHERE id = ?
           UNION SELECT decided_by FROM appraisal_entries WHERE batch_id = ? UNION SELECT verified_by FROM appraisal_entries WHERE batch_id = ?
           UNION SELECT ?)`,
        [batch.id, batch.id, batch.id, batch.id, actor.userId]
      )
      const excluded = [batch.managerName, batch.departmentLeaderName, ...handlers.flatMap((user) => [user.username, user.displayName])]
      refuse(refuseSupervisors(input.supervisors, policy.data.minSupervisors, excluded))
      const entries = await this.confirmedEntries(db, batch.id)
      refuse(refuseCount(input.countConfirmed, entries.length))
      await this.checkStillDestroyable(db, batch.id, entries)
      const draft = await db.query('SELECT id FROM destruction_registers WHERE batch_id = ?', [batch.id])
      for (const { id } of draft) {
        await db.query('DELETE FROM destruction_lines WHERE register_id = ?', [id])
        await db.query('DELETE FROM destruction_registers WHERE id = ?', [id])
      }
      const supervisors = input.supervisors.map((name) => name.trim()).filter((name) => name !== '')
      const [row] = await db.query(
        `INSERT INTO destruction_registers (batch_id, place, destroyed_on, method, approved_by, supervisors, count_confirmed,
           disposal_policy_version, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        [batch.id, input.place, input.destroyedOn, input.method, input.approvedBy, JSON.stringify(supervisors), input.countConfirmed, policy.version, now.toISOString(), actor.userId]
      )
      const registerId = Number(row.id)
      const periods = (await this.settings.filing(db)).data.retentionPeriods
      const summaries = await recordSummaries(db, entries.map((entry) => ({ subject: entry.subject, id: entry.subjectId })))
      for (const [index, summary] of summaries.entries()) {
        await db.query(
          `INSERT INTO destruction_lines (register_id, line_no, entry_id, subject, subject_id, archival_code, document_number, responsible_party,
             title, date_formed, retention_name, years_kept, destroyed_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            registerId,
            index + 1,
            entries[index].id,
            summary.subject,
            summary.id,
            summary.archivalCode ?? '',
            summary.documentNumber,
            summary.responsibleParty,
            summary.title,
            summary.dateFormed,
            periods.find((period) => period.code === summary.retentionCode)?.name ?? summary.retentionCode,
            yearsKept(summary.year, input.destroyedOn),
            input.destroyedOn
          ]
        )
      }
      await audit({
        entity: 'destruction',
        entityId: registerId,
        action: 'create',
        before: draft.length > 0 ? { replaced: draft.map((d: { id: number }) => d.id) } : null,
        after: { batchId: batch.id, place: input.place, destroyedOn: input.destroyedOn, method: input.method, supervisors, countConfirmed: input.countConfirmed, lines: summaries.length }
      })
    })
  }

  /** R-DISP-7, R-DISP-8: the supervisors signed after destruction; the records become 已销毁 and the register permanent. */
  sign(actor: Actor, input: SignInput): Promise<AppraisalBatch> {
    return this.step(actor, input, ['verified'], async ({ db, now, audit }, batch, today) => {
      const register = await this.register(db, 'r.batch_id = ?', batch.id)
      if (!register) throw notFound('errors.registerNotFound')
      if (input.signedOn > today) throw notInFuture('signedOn')
      if (input.signedOn < register.destroyedOn) throw policyDenied('R-DISP-7', 'policy.disposal.signBeforeDestroyed', { destroyedOn: register.destroyedOn })
      const entries = await this.confirmedEntries(db, batch.id)
      await this.checkStillDestroyable(db, batch.id, entries)
      const lines: { id: number; subject: 'item' | 'volume'; subjectId: number }[] = await db.query(
        'SELECT id, subject, subject_id AS subjectId FROM destruction_lines WHERE register_id = ?',
        [register.id]
      )
      const stamp = now.toISOString()
      for (const line of lines) {
        await db.query(`UPDATE ${TABLE[line.subject]} SET custody = 'destroyed', register_line_id = ?, version = version + 1, updated_at = ? WHERE id = ?`, [line.id, stamp, line.subjectId])
        // A destroyed volume's items went with it; they keep their catalogue entries and point at the same line.
        if (line.subject === 'volume') {
          await db.query(`UPDATE items SET custody = 'destroyed', register_line_id = ?, version = version + 1, updated_at = ? WHERE volume_id = ?`, [line.id, stamp, line.subjectId])
        }
        await audit({ entity: line.subject, entityId: line.subjectId, action: 'destroy', before: { custody: 'awaiting_destruction' }, after: { custody: 'destroyed', registerId: register.id } })
      }
      await db.query('UPDATE destruction_registers SET signed_on = ?, signed_at = ?, signed_by = ? WHERE id = ?', [input.signedOn, stamp, actor.userId, register.id])
      await db.query(`UPDATE appraisal_batches SET state = 'destroyed' WHERE id = ?`, [batch.id])
      await audit({ entity: 'destruction', entityId: register.id, action: 'sign', before: { signed: false }, after: { signed: true, signedOn: input.signedOn, lines: lines.length } })
    })
  }

  async registers(query: ParsedInput<'destruction.list'>): Promise<Page<DestructionRegister>> {
    const db = this.store.db
    const [{ total }] = await db.query('SELECT COUNT(*) AS total FROM destruction_registers WHERE signed_at IS NOT NULL')
    const ids: { id: number }[] = await db.query('SELECT id FROM destruction_registers WHERE signed_at IS NOT NULL ORDER BY signed_at DESC, id DESC LIMIT ? OFFSET ?', [
      query.pageSize,
      (query.page - 1) * query.pageSize
    ])
    const rows: DestructionRegister[] = []
    for (const { id } of ids) rows.push((await this.register(db, 'r.id = ?', id))!)
    return { rows, total, page: query.page, pageSize: query.pageSize }
  }

  async getRegister(id: number): Promise<DestructionRegister> {
    const register = await this.register(this.store.db, 'r.id = ?', id)
    if (!register) throw notFound('errors.registerNotFound')
    return register
  }
}
