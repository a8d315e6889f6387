/**
 * Printable documents (R-FILE-8, R-STAT-2): pure functions, data in → one complete HTML document out.
 * No I/O, no scripts, no external resources; every value is HTML-escaped by the html`…` template (./html). The documents are meant to be
 * opened in a print-preview window and printed with Chromium (Electron `webContents.print()/printToPDF()`,
 * `window.print()` in browser mode); their layout comes from the shared A4 print CSS in ./print-css.
 */
import { PRINT_META } from '@preload/desktop'
import type { BarcodeRenderer } from './barcode'
import { html, rawHtml, type SafeHtml } from './html'
import { printCss } from './print-css'
import type {
  BoxSpine,
  FilingCatalogueHeader,
  FilingCatalogueRow,
  PrintOrientation,
  VolumeCatalogueRow,
  VolumeHeader,
  VolumeNote
} from './print-types'

export interface PrintDocumentOptions {
  /** Draw the 第 N 页 共 M 页 footer (CSS page-margin box). Default true. */
  pageNumbers?: boolean
  /** Extra CSS for this document, appended after the shared print CSS: the code's own constants only, never data. */
  css?: string
  /** The paper when it is not A4 (a label roll), so the desktop app's printer gets the same size as the CSS page. */
  paperMm?: { width: number; height: number }
}

/** The register's own name at the head of a title (`卷内文件目录 J001-…` → `卷内文件目录`): the printer is chosen per name. */
export function documentKindOf(title: string): string {
  return /^[^\s（#]+/.exec(title)?.[0] ?? title
}

/**
 * The stylesheet as the content of `<style>`. That element is raw text — entities are not decoded in it — so CSS
 * cannot be escaped like a value (the font names' quotes would break); it goes in as it is, through rawHtml. It is
 * only ever the code's own CSS (./print-css and each document's constant, with numbers), never data; a `<` is the
 * only way out of the element, and no stylesheet here needs one, so it is refused.
 */
function styleSheet(css: string): SafeHtml {
  if (css.includes('<')) throw new Error('print CSS must not contain "<"')
  return rawHtml(css)
}

/**
 * The one wrapper every printable shares: doctype, `<html lang="zh-CN">`, charset, a CSP that forbids
 * scripts and any fetch, the title and the print CSS. Returns the finished document as a string.
 */
export function printDocument(
  title: string,
  body: SafeHtml,
  orientation: PrintOrientation,
  options: PrintDocumentOptions = {}
): string {
  const pageNumbers = options.pageNumbers ?? true
  const paper =
    options.paperMm ?? (orientation === 'portrait' ? { width: 210, height: 297 } : { width: 297, height: 210 })
  return html`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="${PRINT_META.kind}" content="${documentKindOf(title)}">
<meta name="${PRINT_META.paper}" content="${`${paper.width}x${paper.height}`}">
<title>${title}</title>
<style>${styleSheet(printCss(orientation, pageNumbers) + (options.css ?? ''))}</style>
</head>
<body class="${orientation}">
${body}
</body>
</html>
`.value
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** `YYYY-MM-DD` → `YYYYMMDD` (DA/T 18, GB/T 9705 日期); anything else prints as given. */
export function compactDate(value: string): string {
  const m = ISO_DATE.exec(value.trim())
  return m ? `${m[1]}${m[2]}${m[3]}` : value.trim()
}

/** A non-breaking space: keeps an empty cell or line its height. */
export const NBSP: SafeHtml = html`&nbsp;`

/** A `YYYY-MM-DD` date as 2024年3月15日, or a blank to fill in by hand (年 月 日) when empty. */
export function signatureDate(value: string): SafeHtml {
  const trimmed = value.trim()
  if (trimmed === '') {
    return html`<span class="blank year">&nbsp;</span>年<span class="blank short">&nbsp;</span>月<span class="blank short">&nbsp;</span>日`
  }
  const m = ISO_DATE.exec(trimmed)
  if (!m) return html`<span class="blank">${trimmed}</span>`
  return html`<span class="filled">${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日</span>`
}

/** A value on a line; an empty value leaves the line blank for a hand-written entry. */
function lineValue(value: string, extraClass = ''): SafeHtml {
  const cls = extraClass ? `blank ${extraClass}` : 'blank'
  return html`<span class="${cls}">${value.trim() === '' ? NBSP : value}</span>`
}

export function colgroup(widthsMm: ReadonlyArray<number | null>): SafeHtml {
  const cols = widthsMm.map((w) => (w === null ? html`<col>` : html`<col style="width:${w}mm">`))
  return html`<colgroup>${cols}</colgroup>`
}

/** A header row of column titles. */
export function columnHeads(columns: readonly string[]): SafeHtml[] {
  return columns.map((c) => html`<th>${c}</th>`)
}

/**
 * A grid of one row per record whose caption and column heads repeat on every printed page; a line saying `empty`
 * stands in the body when there are no rows.
 */
export function gridTable(
  cssClass: string,
  columns: readonly string[],
  widths: readonly (number | null)[],
  caption: SafeHtml,
  rows: SafeHtml[],
  empty: string
): SafeHtml {
  const head = html`<thead>
<tr class="caption"><th colspan="${columns.length}">${caption}</th></tr>
<tr class="columns">${columnHeads(columns)}</tr>
</thead>`
  const body = rows.length > 0 ? rows : [html`<tr><td class="c" colspan="${columns.length}">${empty}</td></tr>`]
  return html`<table class="grid ${cssClass}">
${colgroup(widths)}
${head}
<tbody>
${html.join(body, '\n')}
</tbody>
</table>`
}

// ─── 卷内文件目录 (GB/T 9705, R-FILE-8) ─────────────────────────────────────────────────────────────

const VOLUME_CATALOGUE_COLUMNS = ['序号', '文号', '责任者', '题名', '日期', '页号', '备注'] as const
/** A4 portrait printable width is 175 mm; 题名 takes what the other columns leave (62 mm ≈ 17 characters). */
const VOLUME_CATALOGUE_WIDTHS = [10, 34, 22, null, 18, 15, 14] as const

/**
 * 卷内文件目录 (GB/T 9705, R-FILE-8): A4 portrait; the title, 档号 and 案卷题名 and the column header row
 * repeat on every page. 页号 is each item's start page; the last item prints its start and end page.
 */
export function volumeCatalogueHtml(volume: VolumeHeader, rows: VolumeCatalogueRow[]): string {
  const caption = html`
<div class="doc-title">卷内文件目录</div>
<div class="meta"><span class="meta-title">案卷题名：${volume.title}</span><span class="meta-code">档号：${volume.archivalCode}</span></div>
`
  const last = rows.length - 1
  const bodyRows = rows.map((row, i) => {
    const pages = i === last ? `${row.startPage}-${row.endPage}` : `${row.startPage}`
    return html`<tr><td class="c">${row.sequence}</td><td>${row.documentNumber}</td><td>${row.responsibleParty}</td><td>${row.title}</td><td class="c nowrap">${compactDate(row.dateFormed)}</td><td class="c nowrap">${pages}</td><td>${row.remarks}</td></tr>`
  })
  const body = gridTable(
    'volume-catalogue',
    VOLUME_CATALOGUE_COLUMNS,
    VOLUME_CATALOGUE_WIDTHS,
    caption,
    bodyRows,
    '本卷无文件'
  )
  return printDocument(`卷内文件目录 ${volume.archivalCode}`, body, 'portrait')
}

// ─── 卷内备考表 (GB/T 9705) ─────────────────────────────────────────────────────────────────────────

const NOTE_SHEET_CSS = `
table.sheet { width: 100%; table-layout: fixed; }
table.sheet td { border: 0.3mm solid #000; padding: 3mm 4mm; vertical-align: top; }
table.sheet tr.notes-row { break-inside: auto; page-break-inside: auto; }
table.sheet .label { font-weight: bold; margin-bottom: 2mm; }
table.sheet .notes { min-height: 175mm; text-indent: 2em; }
table.sheet td.sign { padding: 5mm 4mm; }
table.sheet .sign-line { display: flex; justify-content: space-between; }
`

/** 卷内备考表: 本卷情况说明, 立卷人/立卷时间, 检查人/检查时间 (blank lines to sign when empty), with the 档号. */
export function volumeNoteSheetHtml(volume: VolumeHeader, note: VolumeNote): string {
  const body = html`<div class="doc-title">卷内备考表</div>
<div class="meta" style="text-align:right"><span class="meta-code">档号：${volume.archivalCode}</span></div>
<table class="sheet">
<tr class="notes-row"><td><div class="label">本卷情况说明</div><div class="pre notes">${note.notes}</div></td></tr>
<tr><td class="sign"><div class="sign-line"><span>立卷人：${lineValue(note.compiledBy, 'name')}</span><span>立卷时间：${signatureDate(note.compiledOn)}</span></div></td></tr>
<tr><td class="sign"><div class="sign-line"><span>检查人：${lineValue(note.checkedBy, 'name')}</span><span>检查时间：${signatureDate(note.checkedOn)}</span></div></td></tr>
</table>`
  return printDocument(`卷内备考表 ${volume.archivalCode}`, body, 'portrait', {
    pageNumbers: false,
    css: NOTE_SHEET_CSS
  })
}

// ─── 案卷封面 (GB/T 9705) ───────────────────────────────────────────────────────────────────────────

const COVER_CSS = `
.cover { border: 0.6mm solid #000; min-height: 255mm; padding: 10mm 12mm; position: relative; }
.cover .code-box { margin-left: auto; border-collapse: collapse; }
.cover .code-box th, .cover .code-box td { border: 0.3mm solid #000; padding: 1.5mm 3mm; font-size: 11pt; }
.cover .code-box td { min-width: 45mm; }
.cover .doc-title { margin: 30mm 0 20mm 0; font-size: 22pt; letter-spacing: 0.3em; }
.cover table.fields { width: 140mm; margin: 0 auto; table-layout: fixed; font-size: 14pt; }
.cover table.fields th { width: 30mm; text-align: left; font-weight: bold; padding: 5mm 0 1mm 0; vertical-align: bottom; }
.cover table.fields td { border-bottom: 0.3mm solid #000; padding: 5mm 2mm 1mm 2mm; vertical-align: bottom; overflow-wrap: anywhere; }
.cover .count { width: 140mm; margin: 12mm auto 0 auto; font-size: 14pt; }
.cover .count .blank { min-width: 18mm; text-align: center; }
.cover .cover-barcode { text-align: right; margin-top: 2mm; }
.cover .cover-barcode img { width: 70mm; height: 9mm; }
`

/** 案卷封面 (GB/T 9705): 全宗名称, 类目名称, 案卷题名, 起止时间, 保管期限, 密级, 本卷共 N 件 M 页, 档号 with its barcode. */
export function volumeCoverHtml(volume: VolumeHeader, barcodes: BarcodeRenderer): string {
  const field = (label: string, value: string) =>
    html`<tr><th>${label}</th><td>${value.trim() === '' ? NBSP : value}</td></tr>`
  const body = html`<div class="cover">
<table class="code-box"><tr><th>档号</th><td>${volume.archivalCode}</td></tr></table>
<div class="cover-barcode">${barcodes(volume.archivalCode).linear}</div>
<div class="doc-title">案卷封面</div>
<table class="fields">
${field('全宗名称', volume.fondsName)}
${field('类目名称', volume.categoryName)}
${field('案卷题名', volume.title)}
${field('起止时间', volume.dateRange)}
${field('保管期限', volume.retentionName)}
${field('密级', volume.classificationName)}
</table>
<div class="count">本卷共 <span class="blank">${volume.itemCount}</span> 件 <span class="blank">${volume.pageCount}</span> 页</div>
</div>`
  return printDocument(`案卷封面 ${volume.archivalCode}`, body, 'portrait', { pageNumbers: false, css: COVER_CSS })
}

// ─── 卷盒脊背 ───────────────────────────────────────────────────────────────────────────────────────

export interface BoxSpineOptions {
  /** Label width = box thickness in mm (20, 30, 40, 50, 60 …). Default 40. */
  widthMm?: number
  /** Label height in mm (fits an A4 page). Default 250. */
  heightMm?: number
}

/**
 * Box spine label (卷盒脊背): 全宗号, 年度, 保管期限, 起止件号, 盒号 and a QR code of the volume's code, a narrow
 * mm-sized label on an A4 page.
 */
export function boxSpineHtml(box: BoxSpine, barcodes: BarcodeRenderer, options: BoxSpineOptions = {}): string {
  const width = clamp(options.widthMm ?? 40, 15, 170)
  const height = clamp(options.heightMm ?? 250, 60, 255)
  const css = `
.spine-hint { font-size: 8pt; margin: 0 0 1.5mm 0; }
.spine { width: ${width}mm; height: ${height}mm; border: 0.3mm solid #000; padding: 4mm 2mm;
  display: flex; flex-direction: column; justify-content: space-between; text-align: center; overflow: hidden; }
.spine .category { font-size: 14pt; font-weight: bold; overflow-wrap: anywhere; padding-bottom: 3mm; border-bottom: 0.3mm solid #000; }
.spine .field { overflow-wrap: anywhere; }
.spine .field .label { font-size: 9pt; }
.spine .field .value { font-size: 13pt; font-weight: bold; line-height: 1.25; }
.spine .field .value .to { display: block; font-size: 9pt; font-weight: normal; }
.spine .field.box { border-top: 0.3mm solid #000; padding-top: 3mm; }
.spine .field.box .value { font-size: 20pt; }
.spine .barcode-matrix { width: ${Math.min(24, width - 6)}mm; height: ${Math.min(24, width - 6)}mm; margin: 2mm auto 0 auto; display: block; }
`
  const field = (label: string, value: string | number | SafeHtml, cls = '') =>
    html`<div class="field${cls ? ` ${cls}` : ''}"><div class="label">${label}</div><div class="value">${value}</div></div>`
  const body = html`<div class="spine-hint">卷盒脊背（${width} mm × ${height} mm，沿边框裁下）</div>
<div class="spine">
<div class="category">${box.categoryName}</div>
${field('全宗号', box.fondsCode)}
${field('年度', box.year)}
${field('保管期限', box.retentionName)}
${field('起止件号', html`${box.firstNumber}<span class="to">至</span>${box.lastNumber}`)}
${field('盒号', box.boxNumber, 'box')}
${barcodes(box.code).matrix}
</div>`
  return printDocument(`卷盒脊背 ${box.fondsCode} ${box.year} 第${box.boxNumber}盒`, body, 'portrait', {
    pageNumbers: false,
    css
  })
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min
}

// ─── 归档文件目录 (DA/T 22) ─────────────────────────────────────────────────────────────────────────

const FILING_CATALOGUE_COLUMNS = ['序号', '档号', '文号', '责任者', '题名', '日期', '密级', '页数', '备注'] as const
/** A4 landscape printable width is 262 mm; 题名 takes what the other columns leave (88 mm ≈ 25 characters). */
const FILING_CATALOGUE_WIDTHS = [10, 44, 34, 24, null, 18, 13, 11, 20] as const

/**
 * Item-level 归档文件目录 (DA/T 22): A4 landscape; title and 全宗号/全宗名称, 年度, 保管期限, 机构 and the
 * column header row repeat on every page; 日期 prints as YYYYMMDD.
 */
export function filingCatalogueHtml(header: FilingCatalogueHeader, rows: FilingCatalogueRow[]): string {
  const caption = html`
<div class="doc-title">归档文件目录</div>
<div class="meta"><span>全宗号：${header.fondsCode}</span><span>全宗名称：${header.fondsName}</span><span>年度：${header.year}</span><span>保管期限：${header.retentionName}</span><span>机构：${header.departmentName}</span></div>
`
  const bodyRows = rows.map(
    (row) =>
      html`<tr><td class="c">${row.sequence}</td><td class="code">${row.archivalCode}</td><td>${row.documentNumber}</td><td>${row.responsibleParty}</td><td>${row.title}</td><td class="c nowrap">${compactDate(row.dateFormed)}</td><td class="c">${row.classificationName}</td><td class="c">${row.pageCount}</td><td>${row.remarks}</td></tr>`
  )
  const body = gridTable(
    'filing-catalogue',
    FILING_CATALOGUE_COLUMNS,
    FILING_CATALOGUE_WIDTHS,
    caption,
    bodyRows,
    '无归档文件'
  )
  return printDocument(`归档文件目录 ${header.fondsCode} ${header.year} ${header.retentionName}`, body, 'landscape')
}
