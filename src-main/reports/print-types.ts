/**
 * Input data for the printable documents (src-main/reports/printables.ts).
 * Plain data only: the services load and order it, the builders only lay it out.
 * Dates are ISO `YYYY-MM-DD` strings; the builders format them per standard.
 */

/** One row of a 卷内文件目录 (GB/T 9705, R-FILE-8), in volume order (R-FILE-5). */
export interface VolumeCatalogueRow {
  sequence: number
  documentNumber: string
  responsibleParty: string
  title: string
  /** YYYY-MM-DD, printed as YYYYMMDD */
  dateFormed: string
  startPage: number
  endPage: number
  remarks: string
}

/** A volume (案卷) as shown on its cover, catalogue and note sheet. */
export interface VolumeHeader {
  /** 档号, e.g. `J001-WS-2024-0012` (全宗号-目录号-案卷号) */
  archivalCode: string
  /** 案卷题名 */
  title: string
  /** 全宗名称 */
  fondsName: string
  /** 全宗号 */
  fondsCode: string
  year: number
  /** 保管期限, e.g. 永久 / 30年 */
  retentionName: string
  /** 密级, e.g. 内部 / 秘密; empty when none */
  classificationName: string
  /** 起止时间, free text as it should print, e.g. `20240105—20241220` */
  dateRange: string
  itemCount: number
  pageCount: number
  /** 类目名称 */
  categoryName: string
}

/** 卷内备考表 contents. Dates are YYYY-MM-DD or empty (then a blank is left to fill in by hand). */
export interface VolumeNote {
  /** 本卷情况说明 (缺损、修改、补充、移出、销毁等); may contain line breaks */
  notes: string
  compiledBy: string
  compiledOn: string
  checkedBy: string
  checkedOn: string
}

/** Box spine label (卷盒脊背). */
export interface BoxSpine {
  /** the volume's 档号, carried in the QR code */
  code: string
  fondsCode: string
  year: number
  retentionName: string
  /** first item number in the box, e.g. `0001` (the last part of its code) */
  firstNumber: string
  /** last item number in the box, e.g. `0025` */
  lastNumber: string
  /** the volume's own number within its series, e.g. `0012` */
  boxNumber: string
  categoryName: string
}

/** One row of an item-level 归档文件目录 (DA/T 22). */
export interface FilingCatalogueRow {
  sequence: number
  /** 档号, e.g. `J001-KH·2024-D30-ZS-0007` */
  archivalCode: string
  documentNumber: string
  responsibleParty: string
  title: string
  /** YYYY-MM-DD, printed as YYYYMMDD */
  dateFormed: string
  /** 密级 */
  classificationName: string
  pageCount: number
  remarks: string
}

/** Header of an item-level 归档文件目录: one series (全宗·年度·保管期限·机构). */
export interface FilingCatalogueHeader {
  fondsCode: string
  fondsName: string
  year: number
  retentionName: string
  departmentName: string
}

export type PrintOrientation = 'portrait' | 'landscape'

/** One label (档案标签): the code it carries in barcodes and print, and the lines a person reads beside it. */
export interface LabelContent {
  /** 档号, or a box's location path */
  code: string
  /** 题名, or the box's name; shortened on the label when long */
  title: string
  /** short facts, e.g. `2024 · 永久`, `盒内 J001-WS·2024-D10-BGS-0001 至 0025` */
  lines: string[]
}

/**
 * Where labels go: an A4 sheet of `columns` × `rows` labels, starting at label `start` (1-based, row by row) so a
 * half-used sheet can go through the printer again; or a label printer's roll, one label of `widthMm` × `heightMm`
 * per page.
 */
export type LabelLayout =
  { kind: 'sheet'; columns: number; rows: number; start: number } | { kind: 'roll'; widthMm: number; heightMm: number }
