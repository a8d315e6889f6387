import { countDue, coveringHolds, duePage, openBatchOf, retentionAndRegisterLine } from '../db/disposal'
import type { DueRecord, Page, ParsedInput, RecordDisposal, RecordRef } from '@preload/contract'
import { notFound } from '../errors'
import { localDay } from '../policy/calendar'
import { nameOfCode } from '../policy/codes'
import { appraisalReportHtml, destructionRegisterHtml, dueListingHtml } from '../reports/disposal-printables'
import { listWorkbook } from '../reports/xlsx'
import type { Actor, Store } from '../store'
import type { AppraisalService } from './appraisal'
import { recordSummaries } from './records'
import type { SettingsService } from './settings'
import type { AuditEntity } from '@preload/audit-vocabulary'
import { destroyedFilesOf } from '../db/electronic-holdings'
import { filesToDestroy } from './electronic-destruction'

type DueFilter = Omit<ParsedInput<'disposal.due'>, 'page' | 'pageSize'>

/** Every row of the listing, not only the page on screen. */
const ALL_ROWS = 1_000_000

/** R-DISP-2, R-DISP-4: what is due for appraisal, the listing that starts one, and where each record stands. */
export class DisposalService {
  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService,
    private readonly appraisal: AppraisalService
  ) {}

  async due(query: ParsedInput<'disposal.due'>): Promise<Page<DueRecord>> {
    const today = localDay(this.store.clock())
    const db = this.store.db
    const total = await countDue(db, query, today)
    const rows = await duePage(db, query, today)
    const summaries = await recordSummaries(db, rows)
    const result: DueRecord[] = []
    for (const [index, row] of rows.entries()) {
      result.push({
        ...summaries[index],
        expiresOn: row.expiresOn,
        retentionYears: row.retentionYears,
        holds: await coveringHolds(db, row),
        openBatchId: await openBatchOf(db, row, 0)
      })
    }
    return { rows: result, total, page: query.page, pageSize: query.pageSize }
  }

  async record(ref: RecordRef): Promise<RecordDisposal> {
    const db = this.store.db
    await recordSummaries(db, [ref])
    const row = await retentionAndRegisterLine(db, ref)
    return {
      retentionYears: row.retentionYears,
      expiresOn: row.expiresOn,
      holds: await coveringHolds(db, ref),
      register:
        row.registerId === null
          ? null
          : { registerId: row.registerId, lineNo: row.lineNo, destroyedOn: row.destroyedOn }
    }
  }

  private async listing(filter: DueFilter) {
    const policy = (await this.settings.filing()).data
    const due = await this.due({ ...filter, page: 1, pageSize: ALL_ROWS })
    return due.rows.map((row) => ({
      archivalCode: row.archivalCode ?? '',
      title: row.title,
      documentNumber: row.documentNumber,
      responsibleParty: row.responsibleParty,
      dateFormed: row.dateFormed,
      year: row.year,
      category: nameOfCode(policy.categories, row.categoryCode),
      department: nameOfCode(policy.departments, row.departmentCode),
      retentionName: nameOfCode(policy.retentionPeriods, row.retentionCode),
      expiresOn: row.expiresOn,
      remarks: [
        ...row.holds.map((name) => `保留：${name}`),
        ...(row.openBatchId ? [`已列入鉴定批次 #${row.openBatchId}`] : [])
      ].join('；')
    }))
  }

  private logOutput(
    actor: Actor,
    entity: AuditEntity,
    entityId: string | number,
    action: 'print' | 'export',
    after: Record<string, unknown>
  ): Promise<void> {
    return this.store.write(actor, ({ audit }) => audit({ entity, entityId, action, after }))
  }

  async exportDue(actor: Actor, filter: DueFilter): Promise<{ fileName: string; base64: string; rows: number }> {
    const rows = await this.listing(filter)
    const buffer = await listWorkbook(
      '到期档案',
      [
        { key: 'archivalCode', title: '档号' },
        { key: 'title', title: '题名' },
        { key: 'documentNumber', title: '文号' },
        { key: 'responsibleParty', title: '责任者' },
        { key: 'dateFormed', title: '形成时间' },
        { key: 'year', title: '年度' },
        { key: 'category', title: '门类' },
        { key: 'department', title: '机构' },
        { key: 'retentionName', title: '保管期限' },
        { key: 'expiresOn', title: '到期日期' },
        { key: 'remarks', title: '备注' }
      ],
      rows
    )
    const fileName = `到期档案登记造册-${localDay(this.store.clock())}.xlsx`
    await this.logOutput(actor, 'disposal', fileName, 'export', { rows: rows.length, filter })
    return { fileName, base64: buffer.toString('base64'), rows: rows.length }
  }

  async print(actor: Actor, input: ParsedInput<'print.disposal'>): Promise<{ html: string }> {
    const html = await this.printHtml(input)
    await this.logOutput(actor, 'disposal', input.document === 'dueListing' ? 'due' : input.id, 'print', {
      document: input.document
    })
    return { html }
  }

  private async printHtml(input: ParsedInput<'print.disposal'>): Promise<string> {
    const policy = (await this.settings.filing()).data
    switch (input.document) {
      case 'dueListing': {
        const { document: _document, ...filter } = input
        const scope = [
          filter.year?.length ? `年度 ${filter.year.join('、')}` : '',
          filter.categoryCode?.length
            ? `门类 ${filter.categoryCode.map((c) => nameOfCode(policy.categories, c)).join('、')}`
            : '',
          filter.departmentCode?.length
            ? `机构 ${filter.departmentCode.map((c) => nameOfCode(policy.departments, c)).join('、')}`
            : '',
          filter.subject ? (filter.subject === 'item' ? '文件' : '案卷') : ''
        ].filter(Boolean)
        return dueListingHtml(
          localDay(this.store.clock()),
          scope.join('，') || '全部到期档案',
          await this.listing(filter)
        )
      }
      case 'appraisalReport': {
        const batch = await this.appraisal.get(input.id)
        if (!batch.appraisedOn) throw notFound('errors.nothingToPrint')
        return appraisalReportHtml(
          {
            batchId: batch.id,
            title: batch.title,
            appraisedOn: batch.appraisedOn,
            managerName: batch.managerName,
            departmentLeaderName: batch.departmentLeaderName,
            holdUntil: batch.holdUntil ?? ''
          },
          batch.entriesDetail.map((entry) => ({
            archivalCode: entry.record.archivalCode ?? '',
            title: entry.record.title,
            dateFormed: entry.record.dateFormed,
            retentionName: nameOfCode(policy.retentionPeriods, entry.record.retentionCode),
            expiresOn: entry.expiresOn,
            decision: entry.decision === 'destroy' ? '销毁' : '继续保存',
            newRetentionName: entry.newRetentionCode ? nameOfCode(policy.retentionPeriods, entry.newRetentionCode) : '',
            reason: entry.reason
          }))
        )
      }
      case 'destructionRegister': {
        const register = await this.appraisal.getRegister(input.id)
        // R-ELEC-7: a signed register lists the files it destroyed; a draft, those it will destroy.
        const files = register.signedOn
          ? await destroyedFilesOf(this.store.db, register.id)
          : await filesToDestroy(this.store.db, register.id)
        return destructionRegisterHtml(
          { ...register, registerId: register.id, signedOn: register.signedOn ?? '' },
          register.lines,
          files
        )
      }
    }
  }
}
