/**
 * Printables of appraisal and destruction (R-DISP-4, 5, 7; R-STAT-2): the listing of expired records (登记造册), the
 * appraisal report (鉴定报告) and the destruction register (销毁清册). Pure: plain data in, one A4 HTML document out.
 */
import { html, type SafeHtml } from './html'
import { compactDate, gridTable, printDocument, signatureDate } from './printables'

export interface DueListingRow {
  archivalCode: string
  title: string
  documentNumber: string
  responsibleParty: string
  dateFormed: string
  retentionName: string
  expiresOn: string
  /** Holds or an open batch, printed in 备注. */
  remarks: string
}

export interface AppraisalReportRow {
  archivalCode: string
  title: string
  dateFormed: string
  retentionName: string
  expiresOn: string
  /** 销毁 / 继续保存 */
  decision: string
  newRetentionName: string
  reason: string
}

export interface AppraisalReportHeader {
  batchId: number
  title: string
  appraisedOn: string
  managerName: string
  departmentLeaderName: string
  holdUntil: string
}

export interface DestructionRegisterRow {
  lineNo: number
  archivalCode: string
  documentNumber: string
  responsibleParty: string
  title: string
  dateFormed: string
  retentionName: string
  yearsKept: number
  destroyedOn: string
}

/** R-ELEC-7: an electronic file destroyed with its item. */
export interface DestructionRegisterFile {
  archivalCode: string
  originalName: string
  sha256: string
  size: number
  /** Classified: its carrier destroyed with it, before the supervisors; otherwise deleted logically. */
  carrierDestroyed: boolean
}

export interface DestructionRegisterHeader {
  registerId: number
  batchTitle: string
  place: string
  method: string
  destroyedOn: string
  approvedBy: string
  managerName: string
  departmentLeaderName: string
  handledBy: string
  supervisors: string[]
  countConfirmed: number
  signedOn: string
}

const SIGN_CSS = `
.signatures { margin-top: 8mm; display: grid; grid-template-columns: 1fr 1fr; gap: 6mm 12mm; break-inside: avoid; page-break-inside: avoid; }
.signatures .role { font-weight: bold; }
.signatures .line { display: flex; justify-content: space-between; gap: 4mm; align-items: baseline; }
.summary { margin: 3mm 0; }
`

/** A signature block: who signs (printed when known), a line to sign on by hand, and the date. */
function signatureBlock(role: string, name: string, date: string): SafeHtml {
  return html`<div class="sign"><div class="role">${role}</div><div class="line"><span>${name}</span><span>签字：<span class="blank">&nbsp;</span></span><span>${signatureDate(date)}</span></div></div>`
}

const cell = (value: string | number, cls = '') =>
  cls ? html`<td class="${cls}">${value}</td>` : html`<td>${value}</td>`

// ─── 到期档案登记造册 (R-DISP-4) ────────────────────────────────────────────────────────────────────

const DUE_COLUMNS = ['序号', '档号', '题名', '文号', '责任者', '形成时间', '保管期限', '到期日期', '备注'] as const
/** A4 landscape printable width is 262 mm; 题名 takes what the others leave. */
const DUE_WIDTHS = [10, 44, null, 30, 26, 18, 18, 20, 30] as const

/** The listing the archivist draws up of records whose retention period has ended, to start an appraisal. */
export function dueListingHtml(listedOn: string, filter: string, rows: DueListingRow[]): string {
  const caption = html`<div class="doc-title">到期档案登记造册</div>
<div class="meta"><span>范围：${filter}</span><span>共 ${rows.length} 份</span><span class="meta-code">登记日期：${listedOn}</span></div>`
  const body = rows.map(
    (row, index) =>
      html`<tr>${cell(index + 1, 'c')}${cell(row.archivalCode, 'code')}${cell(row.title)}${cell(row.documentNumber)}${cell(row.responsibleParty)}${cell(compactDate(row.dateFormed), 'c nowrap')}${cell(row.retentionName, 'c')}${cell(row.expiresOn, 'c nowrap')}${cell(row.remarks)}</tr>`
  )
  const table = gridTable('due-listing', DUE_COLUMNS, DUE_WIDTHS, caption, body, '没有到期档案')
  return printDocument(
    `到期档案登记造册 ${listedOn}`,
    html`${table}<div class="signatures">${signatureBlock('登记人', '', '')}</div>`,
    'landscape',
    { css: SIGN_CSS }
  )
}

// ─── 档案鉴定报告 (R-DISP-5) ───────────────────────────────────────────────────────────────────────

const REPORT_COLUMNS = [
  '序号',
  '档号',
  '题名',
  '形成时间',
  '原保管期限',
  '到期日期',
  '鉴定结论',
  '新保管期限',
  '理由'
] as const
const REPORT_WIDTHS = [10, 44, null, 18, 20, 20, 20, 20, 40] as const

/** The joint appraisal's report: every record with its decision, signed by both appraisers. */
export function appraisalReportHtml(header: AppraisalReportHeader, rows: AppraisalReportRow[]): string {
  const toDestroy = rows.filter((row) => row.decision === '销毁').length
  const caption = html`<div class="doc-title">档案鉴定报告</div>
<div class="meta"><span>批次：#${header.batchId} ${header.title}</span><span>鉴定日期：${header.appraisedOn}</span><span class="meta-code">封存期满：${header.holdUntil}</span></div>`
  const body = rows.map(
    (row, index) =>
      html`<tr>${cell(index + 1, 'c')}${cell(row.archivalCode, 'code')}${cell(row.title)}${cell(compactDate(row.dateFormed), 'c nowrap')}${cell(row.retentionName, 'c')}${cell(row.expiresOn, 'c nowrap')}${cell(row.decision, 'c')}${cell(row.newRetentionName, 'c')}${cell(row.reason)}</tr>`
  )
  const summary = html`<p class="summary">本批共鉴定 ${rows.length} 份，拟销毁 ${toDestroy} 份，继续保存 ${rows.length - toDestroy} 份。拟销毁的档案单独存放至封存期满，复核后方可销毁。</p>`
  const signatures = html`<div class="signatures">${signatureBlock('档案部门负责人', header.managerName, header.appraisedOn)}${signatureBlock('形成部门负责人', header.departmentLeaderName, header.appraisedOn)}</div>`
  const table = gridTable('appraisal-report', REPORT_COLUMNS, REPORT_WIDTHS, caption, body, '本批次没有档案')
  return printDocument(`档案鉴定报告 #${header.batchId}`, html`${table}${summary}${signatures}`, 'landscape', {
    css: SIGN_CSS
  })
}

// ─── 档案销毁清册 (R-DISP-7) ───────────────────────────────────────────────────────────────────────

const REGISTER_COLUMNS = [
  '序号',
  '档号',
  '文号',
  '责任者',
  '题名',
  '形成时间',
  '应保管期限',
  '已保管时间',
  '销毁时间'
] as const
const REGISTER_WIDTHS = [10, 44, 30, 26, null, 18, 20, 20, 20] as const

const FILE_COLUMNS = ['序号', '档号', '电子文件名', '大小（字节）', 'SHA-256 校验值', '销毁方式'] as const
const FILE_WIDTHS = [10, 44, null, 24, 100, 50] as const

/**
 * R-ELEC-7: the electronic files destroyed with the records, each with its checksum; a classified one's carrier is
 * recorded as destroyed with it, before the supervisors who sign the register.
 */
function destroyedFilesGrid(files: DestructionRegisterFile[], supervisors: string[]): SafeHtml {
  const caption = html`<div class="meta"><span>随档案销毁的电子文件：共 ${files.length} 个</span></div>`
  const witnessed = supervisors.join('、')
  const body = files.map(
    (file, index) =>
      html`<tr>${cell(index + 1, 'c')}${cell(file.archivalCode, 'code')}${cell(file.originalName)}${cell(file.size, 'c')}${cell(file.sha256, 'code')}${cell(file.carrierDestroyed ? `涉密：存储载体随同销毁，系统中彻底删除（监销人：${witnessed}）` : '逻辑删除')}</tr>`
  )
  return gridTable('destruction-files', FILE_COLUMNS, FILE_WIDTHS, caption, body, '')
}

/** The destruction register, kept permanently: the records destroyed, where, how, and every signature. */
export function destructionRegisterHtml(
  header: DestructionRegisterHeader,
  rows: DestructionRegisterRow[],
  files: DestructionRegisterFile[] = []
): string {
  const caption = html`<div class="doc-title">档案销毁清册</div>
<div class="meta"><span>销毁地点：${header.place}</span><span>销毁方式：${header.method}</span><span>销毁时间：${header.destroyedOn}</span><span class="meta-code">清册编号：XH-${String(header.registerId).padStart(4, '0')}</span></div>`
  const body = rows.map(
    (row) =>
      html`<tr>${cell(row.lineNo, 'c')}${cell(row.archivalCode, 'code')}${cell(row.documentNumber)}${cell(row.responsibleParty)}${cell(row.title)}${cell(compactDate(row.dateFormed), 'c nowrap')}${cell(row.retentionName, 'c')}${cell(`${row.yearsKept}年`, 'c')}${cell(compactDate(row.destroyedOn), 'c nowrap')}</tr>`
  )
  const summary = html`<p class="summary">本清册共列 ${rows.length} 份（鉴定批次：${header.batchTitle}）。销毁前监销人清点 ${header.countConfirmed} 份，与清册相符；销毁后监销人签字确认。</p>`
  const signatures = [
    signatureBlock('批准领导', header.approvedBy, header.signedOn),
    signatureBlock('档案部门负责人', header.managerName, header.signedOn),
    signatureBlock('部门负责人', header.departmentLeaderName, header.signedOn),
    signatureBlock('经办人', header.handledBy, header.signedOn),
    ...header.supervisors.map((name) => signatureBlock('监销人', name, header.signedOn))
  ]
  const table = gridTable('destruction-register', REGISTER_COLUMNS, REGISTER_WIDTHS, caption, body, '清册无内容')
  return printDocument(
    `档案销毁清册 XH-${String(header.registerId).padStart(4, '0')}`,
    html`${table}${files.length > 0 ? destroyedFilesGrid(files, header.supervisors) : ''}${summary}<div class="signatures">${signatures}</div>`,
    'landscape',
    { css: SIGN_CSS }
  )
}
