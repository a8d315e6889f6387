import crypto from 'node:crypto'
import fs from 'node:fs'
import { Readable } from 'node:stream'
import {
  ATTACH_BASE64_MAX,
  type AttachResult,
  type ElectronicSettings,
  type BatchPlanRow,
  type ElectronicFile,
  type FileRole,
  type FileType,
  type FixityOutcome,
  type FixityRun,
  type LedgerEntry,
  type ParsedInput,
  type PolicyVersion,
  type Role,
  type ViewedFile
} from '@preload/contract'
import {
  contentReferenced,
  findElectronicFile,
  findFixityRun,
  fixityProblems,
  finishFixityRun,
  fixityRunStarter,
  insertFixityRun,
  latestFixityRunId,
  pendingFixityFiles,
  recordFixityOutcome,
  unfinishedFixityRuns,
  withdrawRemovedFromFixityRun,
  insertElectronicFile,
  insertLedgerEntry,
  itemElectronicFiles,
  itemLedger,
  itemsByArchivalCode,
  registerRows,
  viewingGrants,
  liveFileWithContent
} from '../db/electronic'
import { findItemRecord } from '../db/items'
import type { Db } from '../db/connection'
import { AppFailure, conflict, enforce, notFound } from '../errors'
import {
  decideFileName,
  decideFileSize,
  decideReplacement,
  decideViewing,
  MIB,
  matchScanName,
  readScanName
} from '../policy/electronic'
import { localDay } from '../policy/calendar'
import {
  electronicLedgerHtml,
  electronicRegisterHtml,
  fixityReportHtml,
  viewedImageHtml
} from '../reports/electronic-printables'
import { zh } from '../reports/zh'
import { openIncident } from './incidents'
import type { Actor, Store } from '../store'
import type { FileStore, IngestOptions, StoredContent } from './file-store'
import type { VersionedSettings } from './settings'

type AttachInput = ParsedInput<'electronic.attach'>
type ReplaceInput = ParsedInput<'electronic.replace'>

/** A moment as the room's clock shows it, to the minute: how people read and sign times on paper and on screen. */
const localMinute = (at: Date) => `${localDay(at)} ${at.toTimeString().slice(0, 5)}`

/** The one who views or prints a file: their name goes into the watermark. */
type Viewer = { userId: number; displayName: string; role: Role }

/** The types Chromium prints as an image under a watermark laid over it. */
const PRINTABLE_IMAGES: Partial<Record<FileType, string>> = { jpeg: 'image/jpeg', png: 'image/png' }

/** What the viewer is sent in one answer; a bigger file is viewed from a copy made for the purpose. */
const MAX_VIEW_BYTES = (ATTACH_BASE64_MAX * 3) / 4

interface Target {
  itemId: number
  role: FileRole
  fileName: string
}

/** Electronic files and scans of items (R-ELEC): attach, list. */
export class ElectronicService {
  /** Fixity checks running now, by run. */
  private readonly checks = new Map<number, Promise<void>>()

  constructor(
    private readonly store: Store,
    readonly files: FileStore,
    /** R-ELEC-3: the electronic files' settings, edited by the archive manager. */
    readonly settings: VersionedSettings<ElectronicSettings>
  ) {}

  /** R-ELEC-1: the largest file taken now, as the archive manager set it. */
  private async maxFileBytes(): Promise<number> {
    return (await this.settings.current()).data.maxFileMegabytes * MIB
  }

  saveSettings(actor: Actor, data: ElectronicSettings): Promise<PolicyVersion<ElectronicSettings>> {
    return this.settings.save(actor, data)
  }

  list(itemId: number): Promise<ElectronicFile[]> {
    return itemElectronicFiles(this.store.db, itemId)
  }

  /**
   * 批量挂接 dry run: which item each scanned file's name names. Nothing is stored; the renderer then attaches the
   * matched files one call at a time, so it can show progress and stop, and a second run registers nothing twice.
   */
  async batchPlan(names: string[]): Promise<BatchPlanRow[]> {
    const read = names.map((name) => ({ name, ...readScanName(name) }))
    const codes = [...new Set(read.flatMap((one) => [one.stem, one.code]))]
    const byCode = new Map<string, { id: number; archivalCode: string; title: string }>()
    // Bound parameters are limited per statement; a folder of thousands of scans is asked in slices.
    for (let at = 0; at < codes.length; at += 500)
      for (const item of await itemsByArchivalCode(this.store.db, codes.slice(at, at + 500)))
        byCode.set(item.archivalCode, item)
    return read.map((one) => {
      const candidates = [...new Set([one.stem, one.code])].flatMap((code) => byCode.get(code) ?? [])
      const match = matchScanName(candidates)
      const item = match.status === 'matched' ? match.item : null
      return {
        name: one.name,
        status: match.status,
        sequence: item && item.archivalCode !== one.stem ? one.sequence : null,
        itemId: item?.id ?? null,
        archivalCode: item?.archivalCode ?? null,
        title: item?.title ?? null,
        candidates: match.status === 'ambiguous' ? match.items.map((candidate) => candidate.archivalCode) : []
      }
    })
  }

  /**
   * R-ELEC-8: a file shown in the app under the use rules, with the viewer's name and the time as its watermark. The
   * view is audited with the request that granted it; a refused view is not shown and says why.
   */
  async view(actor: Actor, viewer: Viewer, fileId: number): Promise<ViewedFile> {
    const seen = await this.readForViewer(viewer, fileId)
    await this.store.write(actor, ({ audit }) =>
      audit({
        entity: 'electronic_file',
        entityId: seen.file.id,
        action: 'view',
        after: { itemId: seen.file.itemId, sha256: seen.file.sha256, requestId: seen.grantedBy }
      })
    )
    return {
      id: seen.file.id,
      originalName: seen.file.originalName,
      type: seen.file.type,
      base64: seen.bytes.toString('base64'),
      watermark: seen.watermark
    }
  }

  /**
   * R-ELEC-8: a viewed image printed under the same use rules, the printer's name and the time laid over it on the
   * paper. A PDF is not printed here: Chromium prints its own PDF viewer without anything laid over it.
   */
  async printView(actor: Actor, viewer: Viewer, fileId: number): Promise<{ html: string }> {
    const seen = await this.readForViewer(viewer, fileId)
    const mime = PRINTABLE_IMAGES[seen.file.type]
    if (mime === undefined) throw conflict('electronic.errors.printOnlyImages')
    await this.logPrint(actor, seen.file.id, {
      document: 'viewedFile',
      itemId: seen.file.itemId,
      sha256: seen.file.sha256,
      requestId: seen.grantedBy,
      watermark: seen.watermark
    })
    return {
      html: viewedImageHtml({
        name: seen.file.originalName,
        dataUrl: `data:${mime};base64,${seen.bytes.toString('base64')}`,
        watermark: seen.watermark
      })
    }
  }

  /** The bytes of a file this viewer may see now (R-ELEC-8, R-USE-5), checked against their checksum. */
  private async readForViewer(viewer: Viewer, fileId: number) {
    const file = await this.load(this.store.db, fileId)
    const item = await findItemRecord(this.store.db, file.itemId)
    if (!item) throw notFound('errors.itemNotFound')
    const now = this.store.clock()
    const grantedBy = enforce(
      decideViewing({
        role: viewer.role,
        classification: item.classification,
        grants: await viewingGrants(this.store.db, viewer.userId, item.id, item.volumeId),
        today: localDay(now)
      })
    )
    if (!this.files.has(file.sha256)) throw conflict('electronic.errors.contentMissing')
    enforce(decideFileSize(file.size, MAX_VIEW_BYTES))
    const bytes = await fs.promises.readFile(this.files.pathOf(file.sha256))
    // The bytes are in memory anyway: content changed on disk since the last fixity check is not shown as the record.
    if (crypto.createHash('sha256').update(bytes).digest('hex') !== file.sha256)
      throw conflict('electronic.errors.contentAltered')
    return { file, bytes, grantedBy, watermark: `${viewer.displayName} ${localMinute(now)}` }
  }

  /**
   * R-ELEC-3: starts a machine check of all live files or a random sample. The files to read are fixed in the
   * database when it starts and each outcome is saved as it is found, so the check goes on after a restart
   * (`resumeFixity`); it runs beside the app's other work, and `fixityLatest` shows how far it is.
   */
  async startFixity(actor: Actor, sample: number | null): Promise<FixityRun> {
    const started = await this.store.write(actor, async ({ db, now, audit }) => {
      // Each run reads every file it lists; runs side by side would read the store several times over at once. Asked
      // in the write, so two clicks at once cannot both start one.
      const open = await unfinishedFixityRuns(db)
      if (open.length > 0) return { open, runId: null }
      const runId = await insertFixityRun(db, {
        scope: sample === null ? 'all' : 'sample',
        sample,
        startedAt: now.toISOString(),
        startedBy: actor.userId
      })
      await audit({ entity: 'electronic_file', entityId: `fixity-${runId}`, action: 'verify', after: { sample } })
      return { open, runId }
    })
    if (started.runId === null) {
      // A run that a failure left open goes on now rather than block every new one until the next restart.
      for (const id of started.open) this.runFixity(actor, id)
      throw conflict('electronic.errors.fixityRunning')
    }
    this.runFixity(actor, started.runId)
    return this.fixityRun(started.runId)
  }

  /**
   * Carries on the checks a restart cut off; the app calls it once it is open. Each goes on in the name of the person
   * who started it: an incident needs someone who opened it, which the app itself is not.
   */
  async resumeFixity(actor: Actor): Promise<void> {
    for (const id of await unfinishedFixityRuns(this.store.db))
      this.runFixity((await fixityRunStarter(this.store.db, id)) ?? actor, id)
  }

  /** Settles when no check is running: for tests and for closing the app. */
  async fixityIdle(): Promise<void> {
    await Promise.all([...this.checks.values()])
  }

  async fixityLatest(): Promise<FixityRun | null> {
    const id = await latestFixityRunId(this.store.db)
    return id === undefined ? null : this.fixityRun(id)
  }

  /** R-ELEC-3: a finished run's report, times in local time, each problem with both checksums; printing it is audited. */
  async printFixityReport(actor: Actor, runId: number): Promise<{ html: string }> {
    const run = await this.fixityRun(runId)
    if (run.finishedAt === null) throw conflict('electronic.errors.fixityNotFinished')
    const problems = await fixityProblems(this.store.db, runId)
    const now = this.store.clock()
    await this.logPrint(actor, `fixity-${runId}`, { document: 'fixityReport', runId, problems: problems.length })
    const local = (iso: string) => localMinute(new Date(iso))
    return {
      html: fixityReportHtml(
        { ...run, startedAt: local(run.startedAt), finishedAt: local(run.finishedAt) },
        problems,
        localDay(now)
      )
    }
  }

  private async fixityRun(id: number): Promise<FixityRun> {
    const run = await findFixityRun(this.store.db, id)
    if (!run) throw notFound()
    return run
  }

  private runFixity(actor: Actor, runId: number): void {
    if (this.checks.has(runId)) return
    // A check cut off (the app closing, the disk failing) keeps its run open with the outcomes found so far; the next
    // start carries it on, so nothing is lost by letting it stop here.
    const check = this.checkFiles(actor, runId)
      .catch(() => undefined)
      .finally(() => this.checks.delete(runId))
    this.checks.set(runId, check)
  }

  /** Reads each file back and compares its SHA-256; a mismatch or a missing file opens an incident on its item. */
  private async checkFiles(actor: Actor, runId: number): Promise<void> {
    for (;;) {
      const batch = await pendingFixityFiles(this.store.db, runId, 20)
      if (batch.length === 0) break
      for (const file of batch) {
        const actual = await this.files.checksum(file.sha256)
        const outcome: FixityOutcome = actual === null ? 'missing' : actual === file.sha256 ? 'ok' : 'mismatch'
        await this.store.write(actor, async (ctx) => {
          if (await withdrawRemovedFromFixityRun(ctx.db, runId, file.fileId)) return
          const incidentId =
            outcome === 'ok'
              ? null
              : await openIncident(ctx, actor, {
                  subject: 'item',
                  id: file.itemId,
                  kind: outcome === 'missing' ? 'missing' : 'damaged',
                  source: 'fixity',
                  sourceId: runId,
                  note: zh(`electronic.fixity.incident.${outcome}`, { name: file.originalName, sha256: file.sha256 })
                })
          await recordFixityOutcome(ctx.db, {
            runId,
            fileId: file.fileId,
            outcome,
            actual,
            checkedAt: ctx.now.toISOString(),
            incidentId
          })
        })
      }
    }
    await this.store.write(actor, async ({ db, now, audit }) => {
      await finishFixityRun(db, runId, now.toISOString())
      const run = await findFixityRun(db, runId)
      await audit({ entity: 'electronic_file', entityId: `fixity-${runId}`, action: 'complete', after: { ...run } })
    })
  }

  /** R-ELEC-1: the 归档电子文件登记表 of these items' files, for a handover; printing it is audited. */
  async printRegister(actor: Actor, itemIds: number[]): Promise<{ html: string }> {
    const rows: Awaited<ReturnType<typeof registerRows>> = []
    for (let at = 0; at < itemIds.length; at += 500)
      rows.push(...(await registerRows(this.store.db, itemIds.slice(at, at + 500))))
    rows.sort(
      (a, b) => (a.archivalCode ?? '').localeCompare(b.archivalCode ?? '') || a.itemId - b.itemId || a.id - b.id
    )
    const now = this.store.clock()
    await this.logPrint(actor, 'register', {
      document: 'electronicRegister',
      items: itemIds.length,
      files: rows.length
    })
    return { html: electronicRegisterHtml(rows, localDay(now)) }
  }

  /** One file uploaded by the renderer, its bytes in the call. */
  async attach(actor: Actor, input: AttachInput): Promise<AttachResult> {
    const bytes = Buffer.from(input.base64, 'base64')
    const maxBytes = await this.maxFileBytes()
    enforce(decideFileSize(bytes.length, maxBytes))
    return this.attachFrom(actor, input, Readable.from([bytes]), { maxBytes })
  }

  /** A file on this computer's disks, streamed: its size is checked before any of it is read. */
  async attachPath(actor: Actor, target: Target & { path: string }): Promise<AttachResult> {
    enforce(decideFileName(target.fileName))
    let size: number
    try {
      size = (await fs.promises.stat(target.path)).size
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw new AppFailure('NOT_FOUND', 'electronic.errors.sourceVanished')
      throw error
    }
    const maxBytes = await this.maxFileBytes()
    enforce(decideFileSize(size, maxBytes))
    return this.attachFrom(actor, target, fs.createReadStream(target.path, { highWaterMark: MIB }), {
      maxBytes,
      expectedSize: size
    })
  }

  /**
   * Stores the bytes first, then registers them in one write. A registration that fails (the disk filled, the item
   * went) leaves no new bytes behind that nothing names; bytes that fail to store leave no row.
   */
  private async attachFrom(
    actor: Actor,
    target: Target,
    source: AsyncIterable<Uint8Array>,
    limits: { maxBytes: number; expectedSize?: number }
  ): Promise<AttachResult> {
    enforce(decideFileName(target.fileName))
    await this.attachableItem(this.store.db, target.itemId)
    return this.storeThen(source, { name: target.fileName, ...limits }, (stored) =>
      this.register(actor, target, stored)
    )
  }

  private async storeThen<T>(
    source: AsyncIterable<Uint8Array>,
    options: IngestOptions,
    registration: (stored: StoredContent) => Promise<T>
  ): Promise<T> {
    const stored = await this.files.ingest(source, options)
    let registered: T
    try {
      registered = await registration(stored)
    } catch (error) {
      // Released first, so the bytes this ingest brought go unless another registration of them is under way.
      this.files.release(stored.sha256)
      if (stored.created && !(await contentReferenced(this.store.db, stored.sha256)))
        await this.files.remove(stored.sha256)
      throw error
    }
    this.files.release(stored.sha256)
    return registered
  }

  /**
   * R-ELEC-4: a changed file is a new version beside the old one, never written over it. The old version stays stored
   * and viewable, marked superseded; the 修改台帐 records who, when, why and both checksums, in the same write.
   */
  async replace(actor: Actor, role: Role, input: ReplaceInput): Promise<AttachResult> {
    enforce(decideFileName(input.fileName))
    await this.replaceable(this.store.db, role, input)
    const bytes = Buffer.from(input.base64, 'base64')
    const maxBytes = await this.maxFileBytes()
    enforce(decideFileSize(bytes.length, maxBytes))
    return this.storeThen(Readable.from([bytes]), { name: input.fileName, maxBytes }, (stored) =>
      this.store.write(actor, async ({ db, now, audit }) => {
        const old = await this.replaceable(db, role, input)
        if (stored.sha256 === old.sha256) throw conflict('electronic.errors.replaceSameContent')
        const reason = input.reason.trim()
        const originalName = input.fileName.trim()
        const id = await insertElectronicFile(db, {
          itemId: old.itemId,
          role: old.role,
          sha256: stored.sha256,
          size: stored.size,
          type: stored.type,
          pages: stored.pages,
          originalName,
          version: old.version + 1,
          replacesId: old.id,
          attachedAt: now.toISOString(),
          attachedBy: actor.userId
        })
        await insertLedgerEntry(db, {
          itemId: old.itemId,
          oldFileId: old.id,
          newFileId: id,
          oldSha256: old.sha256,
          newSha256: stored.sha256,
          reason,
          changedAt: now.toISOString(),
          changedBy: actor.userId
        })
        await audit({
          entity: 'electronic_file',
          entityId: id,
          action: 'replace',
          before: { fileId: old.id, version: old.version, sha256: old.sha256, originalName: old.originalName },
          after: { itemId: old.itemId, version: old.version + 1, sha256: stored.sha256, originalName, reason }
        })
        return { file: await this.load(db, id), duplicate: false }
      })
    )
  }

  /** R-ELEC-4: an item's 修改台帐. */
  ledger(itemId: number): Promise<LedgerEntry[]> {
    return itemLedger(this.store.db, itemId)
  }

  /** R-ELEC-4: the 修改台帐 printed for signing, times in local time; printing it is audited. */
  async printLedger(actor: Actor, itemId: number): Promise<{ html: string }> {
    const item = await findItemRecord(this.store.db, itemId)
    if (!item) throw notFound('errors.itemNotFound')
    const entries = await itemLedger(this.store.db, itemId)
    const now = this.store.clock()
    await this.logPrint(actor, `ledger-${itemId}`, { document: 'electronicLedger', itemId, changes: entries.length })
    const local = entries.map((entry) => ({ ...entry, changedAt: localMinute(new Date(entry.changedAt)) }))
    return { html: electronicLedgerHtml(item, local, localDay(now)) }
  }

  /** Every print of an electronic file, or of a register or report about them, is logged with what it showed. */
  private async logPrint(actor: Actor, entityId: string | number, after: Record<string, unknown>): Promise<void> {
    await this.store.write(actor, ({ audit }) => audit({ entity: 'electronic_file', entityId, action: 'print', after }))
  }

  private async replaceable(db: Db, role: Role, input: ReplaceInput): Promise<ElectronicFile> {
    const file = await this.load(db, input.fileId)
    const item = await findItemRecord(db, file.itemId)
    if (!item) throw notFound('errors.itemNotFound')
    enforce(
      decideReplacement({
        role,
        reason: input.reason,
        superseded: file.supersededBy !== null,
        itemDestroyed: item.custody === 'destroyed'
      })
    )
    return file
  }

  private register(actor: Actor, target: Target, stored: StoredContent): Promise<AttachResult> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      await this.attachableItem(db, target.itemId)
      const existing = await liveFileWithContent(db, target.itemId, stored.sha256)
      if (existing !== undefined) return { file: await this.load(db, existing), duplicate: true }
      const id = await insertElectronicFile(db, {
        itemId: target.itemId,
        role: target.role,
        sha256: stored.sha256,
        size: stored.size,
        type: stored.type,
        pages: stored.pages,
        originalName: target.fileName.trim(),
        attachedAt: now.toISOString(),
        attachedBy: actor.userId
      })
      await audit({
        entity: 'electronic_file',
        entityId: id,
        action: 'attach',
        after: {
          itemId: target.itemId,
          role: target.role,
          sha256: stored.sha256,
          size: stored.size,
          type: stored.type,
          originalName: target.fileName.trim()
        }
      })
      return { file: await this.load(db, id), duplicate: false }
    })
  }

  private async attachableItem(db: Db, itemId: number): Promise<void> {
    const item = await findItemRecord(db, itemId)
    if (!item) throw notFound('errors.itemNotFound')
    if (item.custody === 'destroyed') throw conflict('electronic.errors.itemDestroyed')
  }

  private async load(db: Db, id: number): Promise<ElectronicFile> {
    const file = await findElectronicFile(db, id)
    if (!file) throw notFound()
    return file
  }
}
