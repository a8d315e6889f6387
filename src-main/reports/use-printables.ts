/**
 * Printables of consultation and loans (R-USE-2, R-USE-7, R-USE-8, R-USE-10): the request form the signers sign,
 * out-cards (代替卡), the overdue reminder (催还单) and the two registers. Pure: data in, one HTML document out.
 */
import type { BarcodeRenderer } from './barcode'
import { daysBetween } from '../policy/calendar'
import type { Approver, UseKind, UseRequest } from '@preload/contract'
import { html, type SafeHtml } from './html'
import { colgroup, gridTable, NBSP, printDocument, signatureDate } from './printables'
import { zh } from './zh'

/** One record of one request in a register. Dates are `YYYY-MM-DD`. */
export interface RegisterRow {
  requestId: number
  /** The request's register number (JY-2026-0001). */
  requestNumber: string
  kind: UseKind
  outOn: string
  borrower: string
  /** The department's name, or an outside person's unit. */
  unit: string
  archivalCode: string
  title: string
  copies: number
  purpose: string
  reason: string
  dueOn: string | null
  returnedOn: string | null
  /** 注销: returned and cancelled, still out, or out past its due date. */
  state: 'cancelled' | 'out' | 'overdue'
}

const KIND_TITLES: Record<UseKind, string> = {
  consultation: '档案查阅申请单',
  loan: '档案借阅申请单',
  excerpt: '档案复制（摘录）申请单'
}
const STATE_NAMES: Record<RegisterRow['state'], string> = { cancelled: '已注销', out: '未归还', overdue: '逾期未还' }

function registerTable(
  title: string,
  from: string,
  to: string,
  columns: readonly string[],
  widths: readonly (number | null)[],
  cells: SafeHtml[][]
): string {
  const caption = html`
<div class="doc-title">${title}</div>
<div class="meta"><span>起止日期：${from} 至 ${to}</span><span class="meta-code">共 ${cells.length} 条</span></div>
`
  const rows = cells.map((row) => html`<tr>${row}</tr>`)
  const body = gridTable('use-register', columns, widths, caption, rows, '此期间没有登记')
  return printDocument(`${title} ${from}—${to}`, body, 'landscape', { css: 'td.sign { height: 9mm; }' })
}

const cell = (value: string | number | null, cls = '') =>
  cls ? html`<td class="${cls}">${value}</td>` : html`<td>${value}</td>`
const signCell = html`<td class="sign"></td>`
const copiesCell = (row: RegisterRow) => cell(row.kind === 'excerpt' ? `${row.copies}（复制件）` : row.copies, 'c')

const LOAN_COLUMNS = [
  '编号',
  '借阅日期',
  '借阅人',
  '部门',
  '档号',
  '题名',
  '份数',
  '借阅理由',
  '应还日期',
  '归还日期',
  '注销',
  '借阅人签字'
] as const
/** A4 landscape is 262 mm wide; 题名 takes what is left (≈ 33 mm). */
const LOAN_WIDTHS = [24, 20, 16, 18, 32, null, 12, 26, 20, 20, 17, 22] as const

/** Both registers open with the request's number, when, who, from where, and what. */
const leadingCells = (row: RegisterRow) => [
  cell(row.requestNumber, 'c nowrap'),
  cell(row.outOn, 'c nowrap'),
  cell(row.borrower),
  cell(row.unit),
  cell(row.archivalCode, 'code'),
  cell(row.title)
]

/** 借阅登记簿 (R-USE-2, R-USE-10): loans and copies that went out in the range; the borrower signs in the last column. */
export function loanRegisterHtml(from: string, to: string, rows: RegisterRow[]): string {
  const cells = rows.map((row) => [
    ...leadingCells(row),
    copiesCell(row),
    cell(row.reason),
    cell(row.dueOn, 'c nowrap'),
    cell(row.returnedOn, 'c nowrap'),
    cell(STATE_NAMES[row.state], 'c'),
    signCell
  ])
  return registerTable('借阅登记簿', from, to, LOAN_COLUMNS, LOAN_WIDTHS, cells)
}

const CONSULTATION_COLUMNS = [
  '编号',
  '查阅日期',
  '查阅人',
  '单位/部门',
  '档号',
  '题名',
  '目的',
  '结束日期',
  '签字'
] as const
const CONSULTATION_WIDTHS = [24, 20, 18, 24, 34, null, 36, 20, 22] as const

/** 查阅登记簿 (R-USE-1, R-USE-10): reading in the room, by the day it happened. */
export function consultationRegisterHtml(from: string, to: string, rows: RegisterRow[]): string {
  const cells = rows.map((row) => [...leadingCells(row), cell(row.purpose), cell(row.returnedOn, 'c nowrap'), signCell])
  return registerTable('查阅登记簿', from, to, CONSULTATION_COLUMNS, CONSULTATION_WIDTHS, cells)
}

const FORM_CSS = `
table.form { width: 100%; table-layout: fixed; border-collapse: collapse; margin-bottom: 4mm; }
table.form th, table.form td { border: 0.3mm solid #000; padding: 2mm; vertical-align: top; overflow-wrap: anywhere; }
table.form th { width: 28mm; text-align: left; font-weight: bold; }
.step { border: 0.3mm solid #000; padding: 3mm; margin-top: -0.3mm; break-inside: avoid; }
.step .step-title { font-weight: bold; }
.step .step-rules { font-size: 9pt; margin: 1mm 0 4mm 0; }
.step .sign-line { display: flex; justify-content: space-between; }
h2.section { font-size: 11pt; margin: 4mm 0 2mm 0; }
`

/**
 * 申请单 (R-USE-1, R-USE-2): the applicant, what and why, the records, and one signature block for each step of the
 * request's chain with the rules that require it; steps already entered print who signed and when.
 */
export function useFormHtml(request: UseRequest, unit: string, stepNames: Record<Approver, string>): string {
  const applicant =
    request.applicantKind === 'external'
      ? html`<tr><th>申请人</th><td>${request.applicantName}（外单位）</td><th>单位</th><td>${unit}</td></tr>
<tr><th>介绍信编号</th><td colspan="3">${request.introductionLetter}</td></tr>`
      : html`<tr><th>申请人</th><td>${request.applicantName}</td><th>部门</th><td>${unit}</td></tr>`
  const loanRows =
    request.kind === 'consultation'
      ? html`<tr><th>查阅日期</th><td colspan="3">${request.startOn}（在档案阅览室查阅）</td></tr>`
      : html`<tr><th>份数</th><td>${request.copies}</td><th>${request.kind === 'loan' ? '借期' : '日期'}</th><td>${request.startOn}${request.dueOn ? html` 至 ${request.dueOn}` : html.empty}${request.offSite ? '（带出办公楼）' : ''}</td></tr>`
  const excerpt =
    request.excerptAnswer === null
      ? html.empty
      : html`<tr><th>摘录/复制能否满足</th><td colspan="3">${request.excerptAnswer === 'excerpt_suffices' ? '能，复制/摘录' : '不能，须借原件'}</td></tr>`
  const records = request.records.map(
    (r, i) =>
      html`<tr><td class="c">${i + 1}</td><td class="code">${r.archivalCode}</td><td>${r.title}</td><td class="c">${r.pageCount}</td></tr>`
  )
  const steps = request.chain.map(({ step, reasons }) => {
    const signed = request.approvals.find((a) => a.step === step)
    // The signer reads why the step is needed; rule ids mean nothing on paper.
    const grounds = [...new Set(reasons.map((r) => zh(r.reason, r.params)))].join('')
    const decision = signed ? (signed.decision === 'approved' ? '同意' : `不同意：${signed.reason}`) : ''
    return html`<div class="step"><div class="step-title">${stepNames[step]}意见：${decision}</div>
<div class="step-rules">依据：${grounds}</div>
<div class="sign-line"><span>签字：<span class="blank">${signed ? signed.signerName : NBSP}</span></span><span>日期：${signatureDate(signed?.signedOn ?? '')}</span></div></div>`
  })
  const body = html`<div class="doc-title">${KIND_TITLES[request.kind]}</div>
<div class="meta"><span>申请编号：${request.number}</span><span class="meta-code">登记日期：${request.createdAt.slice(0, 10)}</span></div>
<table class="form">
${applicant}
<tr><th>目的</th><td colspan="3">${request.purpose}</td></tr>
<tr><th>理由</th><td colspan="3">${request.reason}</td></tr>
${loanRows}
${excerpt}
</table>
<h2 class="section">所需档案</h2>
<table class="grid">${colgroup([12, 50, null, 16])}
<thead><tr><th>序号</th><th>档号</th><th>题名</th><th>页数</th></tr></thead>
<tbody>${html.join(records, '\n')}</tbody></table>
<h2 class="section">审批</h2>
${html.join(steps, '\n')}
<div class="step"><div class="sign-line"><span>申请人签字：<span class="blank">&nbsp;</span></span><span>日期：${signatureDate('')}</span></div></div>`
  return printDocument(`${KIND_TITLES[request.kind]} ${request.number}`, body, 'portrait', {
    pageNumbers: false,
    css: FORM_CSS
  })
}

const CARD_CSS = `
.cards { display: flex; flex-wrap: wrap; gap: 6mm; }
.card { width: 84mm; min-height: 60mm; border: 0.4mm dashed #000; padding: 4mm; break-inside: avoid; page-break-inside: avoid; }
.card .card-title { text-align: center; font-size: 14pt; font-weight: bold; letter-spacing: 0.3em; margin-bottom: 2mm; }
.card table { width: 100%; table-layout: fixed; }
.card th { width: 20mm; text-align: left; font-weight: bold; vertical-align: top; padding: 0.8mm 0; }
.card td { overflow-wrap: anywhere; padding: 0.8mm 0; }
.card .barcode-linear { display: block; width: 100%; height: 9mm; margin-top: 2mm; }
`

/**
 * 代替卡 (R-USE-7): one card per record, to stand in its place while it is out — code, title, borrower, dates, and
 * the code's barcode, so the card itself can be scanned at the return.
 */
export function outCardsHtml(request: UseRequest, unit: string, barcodes: BarcodeRenderer): string {
  const cards = request.records.map(
    (record) => html`<div class="card"><div class="card-title">代替卡</div><table>
<tr><th>档号</th><td>${record.archivalCode ?? '（未编号）'}</td></tr>
<tr><th>题名</th><td>${record.title}</td></tr>
<tr><th>${request.kind === 'consultation' ? '查阅人' : '借阅人'}</th><td>${request.applicantName}（${unit}）</td></tr>
<tr><th>取出日期</th><td>${request.outOn}</td></tr>
<tr><th>应还日期</th><td>${request.dueOn ?? request.outOn}</td></tr>
<tr><th>申请编号</th><td>${request.number}</td></tr>
</table>${record.archivalCode ? barcodes(record.archivalCode).linear : ''}</div>`
  )
  return printDocument(
    `代替卡 ${request.number}`,
    html`<div class="cards">${html.join(cards, '\n')}</div>`,
    'portrait',
    {
      pageNumbers: false,
      css: CARD_CSS
    }
  )
}

/** 催还单 (R-USE-8): the borrower is asked to bring back what is overdue. */
export function reminderHtml(request: UseRequest, unit: string, today: string): string {
  const late = request.dueOn && request.dueOn < today ? daysBetween(request.dueOn, today) : 0
  const rows = request.records.map(
    (r, i) => html`<tr><td class="c">${i + 1}</td><td class="code">${r.archivalCode}</td><td>${r.title}</td></tr>`
  )
  const body = html`<div class="doc-title">档案催还通知单</div>
<p>${unit} ${request.applicantName}：</p>
<p style="text-indent:2em">您于 ${request.outOn} 借阅的下列档案应于 ${request.dueOn} 归还，${late > 0 ? `已逾期 ${late} 天，` : ''}请于收到本通知后尽快归还档案室，或办理续借手续。</p>
<table class="grid">${colgroup([12, 55, null])}
<thead><tr><th>序号</th><th>档号</th><th>题名</th></tr></thead>
<tbody>${html.join(rows, '\n')}</tbody></table>
<div class="meta" style="margin-top:12mm"><span>申请编号：${request.number}</span><span class="meta-code">档案室（签章）　${signatureDate(today)}</span></div>`
  return printDocument(`催还单 ${request.number}`, body, 'portrait', { pageNumbers: false })
}
