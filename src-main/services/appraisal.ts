import {
  batchById,
  batchesPage,
  batchHandlers,
  bumpBatchVersion,
  completeBatch,
  countBatches,
  countSignedRegisters,
  deleteRegister,
  entriesOf,
  hasSignedRegister,
  insertBatch,
  insertEntry,
  insertRegister,
  insertRegisterLine,
  lineSubjects,
  markDestroyed,
  markVolumeItemsDestroyed,
  recordDecision,
  recordVerification,
  registerById,
  registerIdsOfBatch,
  registerLines,
  registerOfBatch,
  setBatchState,
  setRecordCustody,
  setRetention,
  signedRegisterIdsPage,
  signRegister,
  unverifiedCount,
  verificationTally,
  type BatchRecord,
  type EntryRecord,
  type StoredRegister
} from '../db/appraisal'
import type { Db } from '../db/connection'
import type {
  AppraisalBatch,
  AppraisalBatchRow,
  BatchState,
  DestructionRegister,
  Page,
  ParsedInput,
  RecordRef
} from '@preload/contract'
import { AppFailure, enforce, notFound, refuseStale } from '../errors'
import { localDay } from '../policy/calendar'
import { expiryDate } from '../policy/deadlines'
import {
  holdPeriodEnd,
  refuseAppraisers,
  refuseBatchStep,
  refuseBeforeHoldEnd,
  refuseCount,
  refuseDestruction,
  refuseKeep,
  refuseListing,
  refuseRegister,
  refuseSigning,
  refuseSupervisors,
  refuseUndecided,
  refuseVerification,
  yearsKept
} from '../policy/disposal'
import type { Actor, Store, WriteContext } from '../store'
import { disposalFacts } from './disposal-facts'
import { destroyFilesOfRegister, removeDestroyedContents } from './electronic-destruction'
import type { FileStore } from './file-store'
import type { Log } from '../log'
import { recordSummaries } from './records'
import type { SettingsService } from './settings'

const OPEN_STATES: BatchState[] = ['listed', 'awaiting', 'verified']
const STATE_NAMES: Record<BatchState, string> = {
  listed: '待鉴定',
  awaiting: '封存中',
  verified: '已复核',
  destroyed: '已销毁',
  kept: '已结束（全部保存）'
}

const notInFuture = (path: string) =>
  new AppFailure('VALIDATION', 'errors.validation', { details: [{ path, message: 'validation.notInFuture' }] })

/**
 * Joint appraisal and supervised destruction (R-DISP-4..8): a batch lists expired records, the archive manager and the
 * department leader decide each, those to go wait out the hold period, are verified once more, and are destroyed
 * before supervisors who sign a register that is then kept for ever.
 */
export class AppraisalService {
  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService,
    /** R-ELEC-7: the stored electronic files, whose bytes go once their items' destruction is signed. */
    private readonly files: FileStore,
    private readonly log: Log
  ) {}

  async list(query: ParsedInput<'appraisal.list'>): Promise<Page<AppraisalBatchRow>> {
    const states =
      query.state === 'open' ? OPEN_STATES : query.state === 'closed' ? (['destroyed', 'kept'] as BatchState[]) : null
    const total = await countBatches(this.store.db, states)
    const rows = await batchesPage(this.store.db, states, query.page, query.pageSize)
    return { rows, total, page: query.page, pageSize: query.pageSize }
  }

  private async batch(db: Db, id: number): Promise<BatchRecord> {
    const row = await batchById(db, id)
    if (!row) throw notFound('errors.batchNotFound')
    return row
  }

  /** The register with its lines and the supervisors' names as a list. */
  private async register(db: Db, stored: StoredRegister | undefined): Promise<DestructionRegister | null> {
    if (!stored) return null
    const lines = await registerLines(db, stored.id)
    return { ...stored, supervisors: JSON.parse(stored.supervisors) as string[], lines }
  }

  async load(db: Db, id: number): Promise<AppraisalBatch> {
    const { createdByName: _name, ...batch } = await this.batch(db, id)
    const entries = await entriesOf(db, id)
    const summaries = await recordSummaries(
      db,
      entries.map((entry) => ({ subject: entry.subject, id: entry.subjectId }))
    )
    const register = await this.register(db, await registerOfBatch(db, id))
    const lineOf = new Map(
      register?.signedOn ? register.lines.map((line) => [`${line.subject}:${line.subjectId}`, line.lineNo]) : []
    )
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
  private step<T>(
    actor: Actor,
    input: { batchId: number; version: number },
    states: BatchState[],
    work: (ctx: WriteContext, batch: BatchRecord, today: string) => Promise<T>
  ) {
    return this.store
      .write(actor, async (ctx) => {
        const batch = await this.batch(ctx.db, input.batchId)
        refuseStale(batch.version, input.version)
        const registerSigned = await hasSignedRegister(ctx.db, batch.id)
        enforce(refuseBatchStep({ state: batch.state, stateName: STATE_NAMES[batch.state], registerSigned }, states))
        const result = await work(ctx, batch, localDay(ctx.now))
        await bumpBatchVersion(ctx.db, batch.id)
        return result
      })
      .then(() => this.get(input.batchId))
  }

  private async entry(db: Db, batchId: number, entryId: number): Promise<EntryRecord> {
    const found = (await entriesOf(db, batchId)).find((entry) => entry.id === entryId)
    if (!found) throw notFound('errors.entryNotFound')
    return found
  }

  /** R-DISP-4: the archivist lists expired records (登记造册) that are free to be appraised. */
  create(actor: Actor, input: ParsedInput<'appraisal.create'>): Promise<AppraisalBatch> {
    return this.store
      .write(actor, async ({ db, now, audit }) => {
        const today = localDay(now)
        const records = await disposalFacts(db, input.records)
        for (const record of records) enforce(refuseListing(record.facts, today))
        const id = await insertBatch(db, input.title, now.toISOString(), actor.userId)
        for (const { summary, facts } of records) await insertEntry(db, id, summary, facts.expiresOn)
        await audit({
          entity: 'appraisal',
          entityId: id,
          action: 'create',
          after: { title: input.title, records: input.records }
        })
        return id
      })
      .then((id) => this.get(id))
  }

  /** R-DISP-5: destroy, or keep with a new period that still runs and the reason why. */
  decide(actor: Actor, input: ParsedInput<'appraisal.decide'>): Promise<AppraisalBatch> {
    return this.step(actor, input, ['listed'], async ({ db, now, audit }, batch, today) => {
      const entry = await this.entry(db, batch.id, input.entryId)
      const [record] = await disposalFacts(db, [{ subject: entry.subject, id: entry.subjectId }], batch.id)
      let kept: { code: string; years: number | null; expiresOn: string | null } | null = null
      if (input.decision === 'keep') {
        const periods = (await this.settings.filing(db)).data.retentionPeriods
        const period =
          input.newRetentionCode === null ? undefined : periods.find((p) => p.code === input.newRetentionCode)
        if (input.newRetentionCode !== null && !period) {
          throw new AppFailure('VALIDATION', 'errors.validation', {
            details: [
              { path: 'newRetentionCode', message: 'validation.unknownCode', params: { code: input.newRetentionCode } }
            ]
          })
        }
        enforce(refuseKeep(record.summary.year, period?.years, input.reason, today))
        kept = { code: period!.code, years: period!.years, expiresOn: expiryDate(record.summary.year, period!.years) }
      } else {
        enforce(refuseDestruction(record.facts))
      }
      await recordDecision(db, entry.id, {
        decision: input.decision,
        newRetentionCode: kept?.code ?? null,
        newRetentionYears: kept?.years ?? null,
        newExpiresOn: kept?.expiresOn ?? null,
        reason: input.reason,
        decidedAt: now.toISOString(),
        decidedBy: actor.userId
      })
      await audit({
        entity: 'appraisal',
        entityId: batch.id,
        action: 'decide',
        before: { entryId: entry.id, decision: entry.decision },
        after: {
          entryId: entry.id,
          record: record.facts.code,
          decision: input.decision,
          newRetentionCode: kept?.code ?? null,
          reason: input.reason
        }
      })
    })
  }

  /**
   * R-DISP-5, R-DISP-6: both appraisers named, every record decided. Records kept get their new expiry; records to go
   * are set apart (awaiting destruction) until the hold period ends.
   */
  complete(actor: Actor, input: ParsedInput<'appraisal.complete'>): Promise<AppraisalBatch> {
    return this.step(actor, input, ['listed'], async ({ db, now, audit }, batch, today) => {
      enforce(refuseAppraisers(input.managerName, input.departmentLeaderName))
      if (input.appraisedOn > today) throw notInFuture('appraisedOn')
      const entries = await entriesOf(db, batch.id)
      const undecided = entries.filter((entry) => entry.decision === null).length
      enforce(refuseUndecided(undecided))
      const toDestroy = entries.filter((entry) => entry.decision === 'destroy')
      const records = await disposalFacts(
        db,
        toDestroy.map((entry) => ({ subject: entry.subject, id: entry.subjectId })),
        batch.id
      )
      for (const record of records) enforce(refuseDestruction(record.facts))
      const policy = await this.settings.disposalSettings.current(db)
      const holdUntil = holdPeriodEnd(input.appraisedOn, policy.data.holdMonths)
      for (const entry of entries) {
        const ref = { subject: entry.subject, id: entry.subjectId }
        if (entry.decision === 'keep') {
          await setRetention(db, ref, entry.newRetentionYears, entry.newExpiresOn, now.toISOString())
          await audit({
            entity: entry.subject,
            entityId: entry.subjectId,
            action: 'reappraise',
            before: { expiresOn: entry.expiresOn },
            after: {
              retentionCode: entry.newRetentionCode,
              expiresOn: entry.newExpiresOn,
              reason: entry.reason,
              batchId: batch.id
            }
          })
        } else {
          await setRecordCustody(db, ref, 'awaiting_destruction', now.toISOString())
          await audit({
            entity: entry.subject,
            entityId: entry.subjectId,
            action: 'set_apart',
            before: { custody: 'in_store' },
            after: { custody: 'awaiting_destruction', batchId: batch.id, holdUntil }
          })
        }
      }
      const state: BatchState = toDestroy.length > 0 ? 'awaiting' : 'kept'
      await completeBatch(db, batch.id, {
        state,
        managerName: input.managerName,
        departmentLeaderName: input.departmentLeaderName,
        appraisedOn: input.appraisedOn,
        holdUntil,
        disposalPolicyVersion: policy.version,
        completedAt: now.toISOString(),
        completedBy: actor.userId
      })
      await audit({
        entity: 'appraisal',
        entityId: batch.id,
        action: 'complete',
        before: { state: batch.state },
        after: {
          state,
          managerName: input.managerName,
          departmentLeaderName: input.departmentLeaderName,
          appraisedOn: input.appraisedOn,
          holdUntil,
          disposalPolicyVersion: policy.version
        }
      })
    })
  }

  /** R-DISP-6: after the hold period each record is confirmed still to go, or pulled back to the store with a reason. */
  verify(actor: Actor, input: ParsedInput<'appraisal.verify'>): Promise<AppraisalBatch> {
    return this.step(actor, input, ['awaiting'], async ({ db, now, audit }, batch, today) => {
      enforce(refuseBeforeHoldEnd(batch.holdUntil!, today))
      const entry = await this.entry(db, batch.id, input.entryId)
      enforce(refuseVerification(entry.decision, STATE_NAMES[batch.state]))
      const ref = { subject: entry.subject, id: entry.subjectId }
      if (input.stillToGo) {
        const [record] = await disposalFacts(db, [ref], batch.id)
        enforce(refuseDestruction(record.facts))
      } else {
        if (input.note === '')
          throw new AppFailure('VALIDATION', 'errors.validation', {
            details: [{ path: 'note', message: 'validation.required' }]
          })
        await setRecordCustody(db, ref, 'in_store', now.toISOString())
      }
      const verification = input.stillToGo ? 'confirmed' : 'pulled'
      await recordVerification(db, entry.id, {
        verification,
        note: input.note,
        verifiedAt: now.toISOString(),
        verifiedBy: actor.userId
      })
      const { open, confirmed } = await verificationTally(db, batch.id)
      const state: BatchState = open > 0 ? 'awaiting' : confirmed > 0 ? 'verified' : 'kept'
      await setBatchState(db, batch.id, state)
      await audit({
        entity: 'appraisal',
        entityId: batch.id,
        action: 'verify',
        before: { entryId: entry.id, verification: entry.verification },
        after: { entryId: entry.id, record: ref, verification, note: input.note, state }
      })
    })
  }

  private async confirmedEntries(db: Db, batchId: number): Promise<EntryRecord[]> {
    return (await entriesOf(db, batchId)).filter(
      (entry) => entry.decision === 'destroy' && entry.verification === 'confirmed'
    )
  }

  private async checkStillDestroyable(db: Db, batchId: number, entries: EntryRecord[]): Promise<void> {
    const refs: RecordRef[] = entries.map((entry) => ({ subject: entry.subject, id: entry.subjectId }))
    for (const record of await disposalFacts(db, refs, batchId)) enforce(refuseDestruction(record.facts))
  }

  /**
   * R-DISP-7: where, when and how, with at least the set number of supervisors, none of them an appraiser or a handler
   * of the batch, who have counted the records against the register. An unsigned register may be drawn up again.
   */
  createRegister(actor: Actor, input: ParsedInput<'destruction.create'>): Promise<AppraisalBatch> {
    return this.step(actor, input, ['awaiting', 'verified'], async ({ db, now, audit }, batch, today) => {
      const unverified = await unverifiedCount(db, batch.id)
      enforce(refuseRegister({ holdUntil: batch.holdUntil!, today, unverified, destroyedOn: input.destroyedOn }))
      const policy = await this.settings.disposalSettings.current(db)
      const handlers = await batchHandlers(db, batch.id, actor.userId)
      const excluded = [
        batch.managerName,
        batch.departmentLeaderName,
        ...handlers.flatMap((user) => [user.username, user.displayName])
      ]
      enforce(refuseSupervisors(input.supervisors, policy.data.minSupervisors, excluded))
      const entries = await this.confirmedEntries(db, batch.id)
      enforce(refuseCount(input.countConfirmed, entries.length))
      await this.checkStillDestroyable(db, batch.id, entries)
      const draft = await registerIdsOfBatch(db, batch.id)
      for (const id of draft) await deleteRegister(db, id)
      const supervisors = input.supervisors.map((name) => name.trim()).filter((name) => name !== '')
      const registerId = await insertRegister(db, {
        batchId: batch.id,
        place: input.place,
        destroyedOn: input.destroyedOn,
        method: input.method,
        approvedBy: input.approvedBy,
        supervisors: JSON.stringify(supervisors),
        countConfirmed: input.countConfirmed,
        disposalPolicyVersion: policy.version,
        createdAt: now.toISOString(),
        createdBy: actor.userId
      })
      const periods = (await this.settings.filing(db)).data.retentionPeriods
      const summaries = await recordSummaries(
        db,
        entries.map((entry) => ({ subject: entry.subject, id: entry.subjectId }))
      )
      for (const [index, summary] of summaries.entries()) {
        await insertRegisterLine(db, {
          registerId,
          lineNo: index + 1,
          entryId: entries[index].id,
          subject: summary.subject,
          subjectId: summary.id,
          archivalCode: summary.archivalCode ?? '',
          documentNumber: summary.documentNumber,
          responsibleParty: summary.responsibleParty,
          title: summary.title,
          dateFormed: summary.dateFormed,
          retentionName: periods.find((period) => period.code === summary.retentionCode)?.name ?? summary.retentionCode,
          yearsKept: yearsKept(summary.year, input.destroyedOn),
          destroyedOn: input.destroyedOn
        })
      }
      await audit({
        entity: 'destruction',
        entityId: registerId,
        action: 'create',
        before: draft.length > 0 ? { replaced: draft } : null,
        after: {
          batchId: batch.id,
          place: input.place,
          destroyedOn: input.destroyedOn,
          method: input.method,
          supervisors,
          countConfirmed: input.countConfirmed,
          lines: summaries.length
        }
      })
    })
  }

  /**
   * R-DISP-7, R-DISP-8: the supervisors signed after destruction; the records become 已销毁 and the register permanent.
   * R-ELEC-7: their electronic files are destroyed in the same write, and their bytes removed once it has committed.
   */
  async sign(actor: Actor, input: ParsedInput<'destruction.sign'>): Promise<AppraisalBatch> {
    let contents: string[] = []
    const signed = await this.step(actor, input, ['verified'], async (ctx, batch, today) => {
      const { db, now, audit } = ctx
      const register = await this.register(db, await registerOfBatch(db, batch.id))
      if (!register) throw notFound('errors.registerNotFound')
      if (input.signedOn > today) throw notInFuture('signedOn')
      enforce(refuseSigning(input.signedOn, register.destroyedOn))
      const entries = await this.confirmedEntries(db, batch.id)
      await this.checkStillDestroyable(db, batch.id, entries)
      const lines = await lineSubjects(db, register.id)
      const stamp = now.toISOString()
      for (const line of lines) {
        await markDestroyed(db, { subject: line.subject, id: line.subjectId }, line.id, stamp)
        // A destroyed volume's items went with it; they keep their catalogue entries and point at the same line.
        if (line.subject === 'volume') await markVolumeItemsDestroyed(db, line.subjectId, line.id, stamp)
        await audit({
          entity: line.subject,
          entityId: line.subjectId,
          action: 'destroy',
          before: { custody: 'awaiting_destruction' },
          after: { custody: 'destroyed', registerId: register.id }
        })
      }
      contents = await destroyFilesOfRegister(ctx, actor, register.id)
      await signRegister(db, register.id, input.signedOn, stamp, actor.userId)
      await setBatchState(db, batch.id, 'destroyed')
      await audit({
        entity: 'destruction',
        entityId: register.id,
        action: 'sign',
        before: { signed: false },
        after: { signed: true, signedOn: input.signedOn, lines: lines.length }
      })
    })
    await removeDestroyedContents(this.store.db, this.files, this.log, contents)
    return signed
  }

  async registers(query: ParsedInput<'destruction.list'>): Promise<Page<DestructionRegister>> {
    const db = this.store.db
    const total = await countSignedRegisters(db)
    const ids = await signedRegisterIdsPage(db, query.page, query.pageSize)
    const rows: DestructionRegister[] = []
    for (const id of ids) rows.push((await this.register(db, await registerById(db, id)))!)
    return { rows, total, page: query.page, pageSize: query.pageSize }
  }

  async getRegister(id: number): Promise<DestructionRegister> {
    const register = await this.register(this.store.db, await registerById(this.store.db, id))
    if (!register) throw notFound('errors.registerNotFound')
    return register
  }
}
