import { filingCatalogueRows } from '../db/printing'
import type { ParsedInput } from '../../src-preload/contract'
import { notFound } from '../errors'
import {
  boxSpineHtml,
  filingCatalogueHtml,
  volumeCatalogueHtml,
  volumeCoverHtml,
  volumeNoteSheetHtml
} from '../reports/printables'
import type { VolumeHeader } from '../reports/print-types'
import type { Actor, Store } from '../store'
import type { SettingsService } from './settings'
import type { VolumesService } from './volumes'

const CLASSIFICATION_NAMES: Record<string, string> = {
  none: '普通',
  internal: '内部',
  secret: '秘密',
  confidential: '机密',
  top_secret: '绝密'
}
const nameOf = (entries: { code: string; name: string }[], code: string) =>
  entries.find((e) => e.code === code)?.name ?? code

/** R-FILE-8, R-STAT-2: builds the printed forms from the records; the HTML is shown in a print preview. */
export class PrintingService {
  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService,
    private readonly volumes: VolumesService
  ) {}

  /** R-CUST-5: every print is logged, with what was printed. */
  private logPrint(actor: Actor, entity: string, entityId: string | number, document: string): Promise<void> {
    return this.store.write(actor, ({ audit }) => audit({ entity, entityId, action: 'print', after: { document } }))
  }

  async volume(actor: Actor, input: ParsedInput<'print.volume'>): Promise<{ html: string }> {
    const html = await this.volumeHtml(input)
    await this.logPrint(actor, 'volume', input.id, input.document)
    return { html }
  }

  private async volumeHtml(input: ParsedInput<'print.volume'>): Promise<string> {
    const { volume, items } = await this.volumes.get(input.id)
    const policy = (await this.settings.filing()).data
    const dates = items.map((i) => i.dateFormed).sort()
    const header: VolumeHeader = {
      archivalCode: volume.archivalCode,
      title: volume.title,
      fondsName: nameOf(policy.fonds, volume.fondsCode),
      fondsCode: volume.fondsCode,
      year: volume.year,
      retentionName: nameOf(policy.retentionPeriods, volume.retentionCode),
      classificationName: CLASSIFICATION_NAMES[volume.classification],
      dateRange: dates.length ? `${dates[0].replace(/-/g, '')}—${dates[dates.length - 1].replace(/-/g, '')}` : '',
      itemCount: volume.itemCount,
      pageCount: volume.pageCount,
      categoryName: nameOf(policy.categories, volume.categoryCode)
    }
    switch (input.document) {
      case 'catalogue':
        return volumeCatalogueHtml(
          header,
          items.map((item) => ({
            sequence: item.position,
            documentNumber: item.documentNumber,
            responsibleParty: item.responsibleParty,
            title: item.title,
            dateFormed: item.dateFormed,
            startPage: item.startPage,
            endPage: item.endPage,
            remarks: item.remarks
          }))
        )
      case 'note':
        return volumeNoteSheetHtml(header, {
          notes: volume.notes,
          compiledBy: volume.compiledBy,
          compiledOn: volume.compiledOn,
          checkedBy: volume.checkedBy,
          checkedOn: volume.checkedOn
        })
      case 'cover':
        return volumeCoverHtml(header)
      case 'spine': {
        const codes = items.map((i) => i.archivalCode ?? '').filter(Boolean)
        return boxSpineHtml({
          fondsCode: volume.fondsCode,
          year: volume.year,
          retentionName: header.retentionName,
          firstNumber: codes[0] ?? '',
          lastNumber: codes[codes.length - 1] ?? '',
          boxNumber: volume.archivalCode,
          categoryName: header.categoryName
        })
      }
    }
  }

  /** DA/T 22 归档文件目录 of one year, category and retention period, in code order. */
  async filingCatalogue(actor: Actor, input: ParsedInput<'print.filingCatalogue'>): Promise<{ html: string }> {
    const policy = (await this.settings.filing()).data
    const rows = await filingCatalogueRows(this.store.db, input)
    if (rows.length === 0) throw notFound('errors.nothingToPrint')
    await this.logPrint(
      actor,
      'catalogue',
      `${input.fondsCode}-${input.categoryCode}·${input.year}-${input.retentionCode}`,
      'filingCatalogue'
    )
    return {
      html: filingCatalogueHtml(
        {
          fondsCode: input.fondsCode,
          fondsName: nameOf(policy.fonds, input.fondsCode),
          year: input.year,
          retentionName: nameOf(policy.retentionPeriods, input.retentionCode),
          departmentName: input.departmentCode ? nameOf(policy.departments, input.departmentCode) : ''
        },
        rows.map((row, index) => ({
          ...row,
          sequence: index + 1,
          classificationName: CLASSIFICATION_NAMES[row.classification]
        }))
      )
    }
  }
}
