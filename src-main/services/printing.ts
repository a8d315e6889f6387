import { boxLabelRows, filingCatalogueRows, labelSubjects } from '../db/printing'
import type { ParsedInput } from '@preload/contract'
import { conflict, invalid, notFound } from '../errors'
import { nameOfCode } from '../policy/codes'
import { barcodeRenderer } from '../reports/barcode'
import { labelsHtml } from '../reports/labels'
import {
  boxSpineHtml,
  filingCatalogueHtml,
  volumeCatalogueHtml,
  volumeCoverHtml,
  volumeNoteSheetHtml
} from '../reports/printables'
import type { LabelContent, VolumeHeader } from '../reports/print-types'
import type { Actor, Store } from '../store'
import type { SettingsService } from './settings'
import type { VolumesService } from './volumes'
import type { AuditEntity } from '@preload/audit-vocabulary'

const CLASSIFICATION_NAMES: Record<string, string> = {
  none: '普通',
  internal: '内部',
  secret: '秘密',
  confidential: '机密',
  top_secret: '绝密'
}
/** The audit log names each labelled thing as it names it everywhere else. */
const LABELLED_ENTITY = { items: 'item', volumes: 'volume', boxes: 'location' } as const

/** R-FILE-8, R-STAT-2: builds the printed forms from the records; the HTML is shown in a print preview. */
export class PrintingService {
  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService,
    private readonly volumes: VolumesService
  ) {}

  /** R-CUST-5: every print is logged, with what was printed. */
  private logPrint(actor: Actor, entity: AuditEntity, entityId: string | number, document: string): Promise<void> {
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
      fondsName: nameOfCode(policy.fonds, volume.fondsCode),
      fondsCode: volume.fondsCode,
      year: volume.year,
      retentionName: nameOfCode(policy.retentionPeriods, volume.retentionCode),
      classificationName: CLASSIFICATION_NAMES[volume.classification],
      dateRange: dates.length ? `${dates[0].replace(/-/g, '')}—${dates[dates.length - 1].replace(/-/g, '')}` : '',
      itemCount: volume.itemCount,
      pageCount: volume.pageCount,
      categoryName: nameOfCode(policy.categories, volume.categoryCode)
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
        return volumeCoverHtml(header, await barcodeRenderer())
      case 'spine': {
        const numbers = items.flatMap((i) => (i.archivalCode ? [lastPart(i.archivalCode)] : []))
        return boxSpineHtml(
          {
            code: volume.archivalCode,
            fondsCode: volume.fondsCode,
            year: volume.year,
            retentionName: header.retentionName,
            firstNumber: numbers[0] ?? '',
            lastNumber: numbers[numbers.length - 1] ?? '',
            boxNumber: lastPart(volume.archivalCode),
            categoryName: header.categoryName
          },
          await barcodeRenderer()
        )
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
          fondsName: nameOfCode(policy.fonds, input.fondsCode),
          year: input.year,
          retentionName: nameOfCode(policy.retentionPeriods, input.retentionCode),
          departmentName: input.departmentCode ? nameOfCode(policy.departments, input.departmentCode) : ''
        },
        rows.map((row, index) => ({
          ...row,
          sequence: index + 1,
          classificationName: CLASSIFICATION_NAMES[row.classification]
        }))
      )
    }
  }

  /**
   * 档案标签 for records, volumes or boxes, in the order asked. A record without an archival code has nothing to
   * scan, so the request is refused and names how many lack one.
   */
  async labels(actor: Actor, input: ParsedInput<'print.labels'>): Promise<{ html: string }> {
    const { layout } = input
    if (layout.kind === 'sheet' && layout.start > layout.columns * layout.rows) {
      throw invalid([{ path: 'layout.start', message: 'validation.range' }])
    }
    const ids = [...new Set(input.ids)]
    const labels = input.subject === 'boxes' ? await this.boxLabels(ids) : await this.recordLabels(input.subject, ids)
    const html = labelsHtml(labels, layout, await barcodeRenderer())
    const entity = LABELLED_ENTITY[input.subject]
    await this.store.write(actor, async ({ audit }) => {
      for (const id of ids) await audit({ entity, entityId: id, action: 'print', after: { document: 'labels' } })
    })
    return { html }
  }

  private async recordLabels(subject: 'items' | 'volumes', ids: number[]): Promise<LabelContent[]> {
    const policy = (await this.settings.filing()).data
    const rows = inOrder(ids, await labelSubjects(this.store.db, subject, ids))
    const uncoded = rows.filter((row) => row.code === null).length
    if (uncoded > 0) throw conflict('errors.labelsNeedCode', { count: uncoded })
    return rows.map((row) => ({
      code: row.code ?? '',
      title: row.title,
      lines: [`${row.year} · ${nameOfCode(policy.retentionPeriods, row.retentionCode)}`]
    }))
  }

  private async boxLabels(ids: number[]): Promise<LabelContent[]> {
    return inOrder(ids, await boxLabelRows(this.store.db, ids)).map((box) => {
      const range = box.firstCode === null || box.lastCode === null ? '空盒' : codeRange(box.firstCode, box.lastCode)
      return { code: box.path, title: box.name, lines: [`共 ${box.holdings} 件/卷`, range] }
    })
  }
}

/** Rows in the order their ids were asked for; an id that names nothing makes the whole request not found. */
function inOrder<Row extends { id: number }>(ids: readonly number[], rows: Row[]): Row[] {
  const byId = new Map(rows.map((row) => [row.id, row]))
  const ordered = ids.flatMap((id) => byId.get(id) ?? [])
  if (ordered.length < ids.length) throw notFound()
  return ordered
}

/** The running number at the end of an archival code (…-0025 → 0025): what a spine or a range shows. */
function lastPart(code: string): string {
  return code.slice(code.lastIndexOf('-') + 1)
}

/** 起止档号 as people write them: the last code shortened to what differs after the shared part (…-0001 至 0025). */
function codeRange(first: string, last: string): string {
  if (first === last) return first
  const shared = first.slice(0, first.lastIndexOf('-') + 1)
  return shared !== '' && last.startsWith(shared) ? `${first} 至 ${lastPart(last)}` : `${first} 至 ${last}`
}
