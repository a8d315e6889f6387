/**
 * Printables of electronic files (R-ELEC-1): the 归档电子文件登记表 a handover prints for both parties to sign, A4
 * landscape so a full SHA-256 fits. Pure: data in, one HTML document out, every value escaped (html`…`, ./html).
 */
import type { ElectronicFile, FixityRun, LedgerEntry } from '@preload/contract'
import { html, type SafeHtml } from './html'
import { colgroup, columnHeads, printDocument, signatureDate } from './printables'
import { zh } from './zh'

export interface RegisterRow extends ElectronicFile {
  archivalCode: string | null
  title: string
}

const REGISTER_CSS = `
td.r { text-align: right; }
td.sha { font-family: monospace; font-size: 8pt; word-break: break-all; }
.summary { margin: 3mm 0; }
table.signatures { width: 100%; margin-top: 10mm; table-layout: fixed; }
table.signatures td { padding: 2mm 0; white-space: nowrap; }
table.signatures .blank { min-width: 30mm; }
`

/** A register's grid, a row a file (or 无), and under it the two who sign, each with a line and a date. */
function signedGrid(
  cssClass: string,
  columns: readonly string[],
  widths: readonly (number | null)[],
  rows: readonly SafeHtml[],
  signers: readonly [string, string]
): SafeHtml {
  return html`<table class="grid ${cssClass}">
${colgroup(widths)}
<thead><tr class="columns">${columnHeads(columns)}</tr></thead>
<tbody>
${rows.length > 0 ? html.join(rows, '\n') : html`<tr><td class="c" colspan="${columns.length}">无</td></tr>`}
</tbody>
</table>
<table class="signatures"><tr><td>${signers[0]}（签字）：<span class="blank">&nbsp;</span></td><td>${signers[1]}（签字）：<span class="blank">&nbsp;</span></td></tr>
<tr><td>日期：${signatureDate('')}</td><td>日期：${signatureDate('')}</td></tr></table>`
}

const COLUMNS = ['序号', '档号', '题名', '文件名', '类别', '格式', '大小（字节）', '页数', 'SHA-256 校验值'] as const
/** A4 landscape printable width is 262 mm; 题名 takes what the other columns leave. */
const WIDTHS = [10, 38, null, 40, 16, 12, 22, 10, 62] as const

/** 归档电子文件登记表 (GB/T 18894, R-ELEC-1): every file with size and checksum, the counts, both parties' signatures. */
export function electronicRegisterHtml(rows: readonly RegisterRow[], printedOn: string): string {
  const bytes = rows.reduce((sum, row) => sum + row.size, 0)
  const items = new Set(rows.map((row) => row.itemId)).size
  const lines = rows.map(
    (row, index) =>
      html`<tr><td class="c">${index + 1}</td><td class="code">${row.archivalCode ?? zh('recordPicker.uncoded')}</td><td>${row.title}</td><td>${row.originalName}</td><td class="c">${zh(`electronic.roles.${row.role}`)}</td><td class="c">${zh(`electronic.types.${row.type}`)}</td><td class="r">${row.size}</td><td class="c">${row.pages ?? ''}</td><td class="sha">${row.sha256}</td></tr>`
  )
  const body = html`<div class="doc-title">归档电子文件登记表</div>
<div class="summary">共 ${items} 件档案，电子文件 ${rows.length} 个，总计 ${bytes} 字节。校验算法 SHA-256。本表一式两份，移交、接收双方各执一份。</div>
${signedGrid('register', COLUMNS, WIDTHS, lines, ['移交人', '接收人'])}`
  return printDocument(`归档电子文件登记表 ${printedOn}`, body, 'landscape', { css: REGISTER_CSS })
}

/** The record a ledger or a report line belongs to. */
export interface RecordHeading {
  archivalCode: string | null
  title: string
}

const LEDGER_COLUMNS = [
  '序号',
  '修改时间',
  '修改人',
  '原文件（版本）',
  '新文件（版本）',
  '修改原因',
  '校验值（SHA-256）'
] as const
/** A4 landscape printable width is 262 mm; 修改原因 takes what the other columns leave. */
const LEDGER_WIDTHS = [10, 26, 20, 38, 38, null, 70] as const

/**
 * 电子文件修改台帐 (R-ELEC-4): every change of the record's electronic files, who made it, when (local time, as the
 * caller wrote it) and why, with the old and new checksum, for the person who changed them and the one who checks to sign.
 */
export function electronicLedgerHtml(
  record: RecordHeading,
  entries: readonly LedgerEntry[],
  printedOn: string
): string {
  const code = record.archivalCode ?? zh('recordPicker.uncoded')
  const lines = entries.map(
    (entry, index) =>
      html`<tr><td class="c">${index + 1}</td><td class="c">${entry.changedAt}</td><td class="c">${entry.changedBy}</td><td>${entry.oldName}（第 ${entry.oldVersion} 版）</td><td>${entry.newName}（第 ${entry.newVersion} 版）</td><td>${entry.reason}</td><td class="sha">原：${entry.oldSha256}<br>新：${entry.newSha256}</td></tr>`
  )
  const body = html`<div class="doc-title">电子文件修改台帐</div>
<div class="summary">档号：${code}　题名：${record.title}　共修改 ${entries.length} 次。旧版本均保留在存储中，可按校验值核对。</div>
${signedGrid('ledger', LEDGER_COLUMNS, LEDGER_WIDTHS, lines, ['填表人', '审核人'])}`
  return printDocument(`电子文件修改台帐 ${code} ${printedOn}`, body, 'landscape', { css: REGISTER_CSS })
}

/** One file a fixity run found changed or missing, with its record. */
export interface FixityReportLine extends RecordHeading {
  outcome: 'mismatch' | 'missing'
  originalName: string
  version: number
  expected: string
  actual: string | null
}

const FIXITY_COLUMNS = ['序号', '档号', '题名', '文件名（版本）', '结果', '登记校验值 / 读出校验值（SHA-256）'] as const
/** A4 landscape printable width is 262 mm; 题名 takes what the other columns leave. */
const FIXITY_WIDTHS = [10, 38, null, 44, 16, 76] as const

/**
 * 电子文件机读检查报告 (R-ELEC-3): one run's scope, times, who started it, how many files were read and how each
 * problem stands, with the checksum registered and the one read back, for the checker and a reviewer to sign. The
 * caller gives the times in local time.
 */
export function fixityReportHtml(run: FixityRun, lines: readonly FixityReportLine[], printedOn: string): string {
  const ok = run.checked - run.mismatched - run.missing
  const scope = run.scope === 'all' ? '全部电子文件' : `随机抽查 ${run.total} 个电子文件`
  const rows = lines.map(
    (line, index) =>
      html`<tr><td class="c">${index + 1}</td><td class="code">${line.archivalCode ?? zh('recordPicker.uncoded')}</td><td>${line.title}</td><td>${line.originalName}（第 ${line.version} 版）</td><td class="c">${line.outcome === 'missing' ? '文件缺失' : '校验值不符'}</td><td class="sha">登记：${line.expected}<br>读出：${line.actual ?? '（无法读取）'}</td></tr>`
  )
  const body = html`<div class="doc-title">电子文件机读检查报告</div>
<table class="facts"><tr><td>检查范围：${scope}</td><td>发起人：${run.startedBy}</td></tr>
<tr><td>开始时间：${run.startedAt}</td><td>完成时间：${run.finishedAt ?? '尚未完成'}</td></tr></table>
<div class="summary">应检查 ${run.total} 个，已检查 ${run.checked} 个：正常 ${ok} 个，校验值不符 ${run.mismatched} 个，缺失 ${run.missing} 个。校验算法 SHA-256。${lines.length > 0 ? '下列文件已登记为档案异常，须立即补救。' : '未发现问题。'}</div>
${signedGrid('fixity', FIXITY_COLUMNS, FIXITY_WIDTHS, rows, ['检查人', '审核人'])}`
  return printDocument(`电子文件机读检查报告 ${printedOn}`, body, 'landscape', { css: REGISTER_CSS + FIXITY_CSS })
}

const FIXITY_CSS = `
table.facts { width: 100%; margin: 2mm 0; }
table.facts td { padding: 1mm 0; }
`

const WATERMARK_CSS = `
.viewed { position: relative; }
.viewed img { display: block; max-width: 100%; max-height: 255mm; margin: 0 auto; }
.viewed .watermark { position: absolute; inset: 0; display: flex; flex-wrap: wrap; align-content: space-around;
  justify-content: space-around; overflow: hidden; }
.viewed .watermark span { transform: rotate(-30deg); color: rgba(200, 0, 0, 0.35); font-size: 14pt; padding: 10mm 6mm;
  white-space: nowrap; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.printed-by { margin-top: 2mm; font-size: 9pt; color: #555; }
`

/** Enough copies of the watermark to cover an A4 page at the size it is printed. */
const WATERMARK_COPIES = 24

/**
 * R-ELEC-8: an image printed from the viewer, the printer's name and the time laid over it across the page (and said
 * once under it), so a copy on paper tells who took it and when. The image comes in as a data: URL, the one kind of
 * source the printables' CSP lets in.
 */
export function viewedImageHtml(image: { name: string; dataUrl: string; watermark: string }): string {
  const marks = Array.from({ length: WATERMARK_COPIES }, () => html`<span>${image.watermark}</span>`)
  const body = html`<div class="viewed"><img alt="${image.name}" src="${image.dataUrl}"><div class="watermark">${marks}</div></div>
<div class="printed-by">${image.name}　打印：${image.watermark}</div>`
  return printDocument(`电子文件打印件 ${image.name}`, body, 'portrait', {
    css: WATERMARK_CSS,
    pageNumbers: false
  })
}
