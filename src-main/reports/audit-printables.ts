/**
 * 审计封存单 (R-SEC-1): the chain's head on paper, signed by the auditor and kept outside the computer, so that a
 * later rewrite or cut of the audit log can be shown against it even by someone who replaced every file on the PC.
 * Pure: data in, one HTML document out, every value escaped (html`…`, ./html).
 */
import { html } from './html'
import { printDocument, signatureDate } from './printables'
import { zh } from './zh'

export interface AuditSeal {
  /** When the seal was printed (UTC instant), shown in the PC's local time. */
  sealedAt: string
  count: number
  lastId: number
  lastAt: string
  hash: string
  /** The verification just before printing: intact, or the i18n key and entry of what is broken. */
  intact: boolean
  problem: string | null
  firstBrokenId: number | null
  /** The anchor outside the database that showed a cut or rewrite. */
  anchor: { source: string; lastId: number } | null
}

const SEAL_CSS = `
table.facts { width: 100%; table-layout: fixed; font-size: 11pt; margin-top: 4mm; }
table.facts th, table.facts td { border: 0.3mm solid #000; padding: 2mm; vertical-align: top; }
table.facts th { width: 40mm; text-align: left; font-weight: bold; }
td.hash { font-family: monospace; font-size: 12pt; letter-spacing: 0.3mm; }
.note { margin-top: 4mm; font-size: 10pt; }
table.signatures { width: 100%; margin-top: 14mm; table-layout: fixed; }
table.signatures td { padding: 3mm 0; white-space: nowrap; }
`

/** Local date and time to the second, as the auditor's watch reads it. */
function localTime(instant: string): string {
  const d = new Date(instant)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`
}

/** The hash in groups of eight, two lines of four, so that it is read aloud and compared without losing the place. */
function hashLines(hash: string) {
  const groups = hash.match(/.{1,8}/g) ?? []
  return html`${groups.slice(0, 4).join(' ')}<br>${groups.slice(4).join(' ')}`
}

export function auditSealHtml(seal: AuditSeal): string {
  const verdict = seal.intact
    ? '完整'
    : `不完整：${zh(seal.problem ?? 'audit.problems.entry', {
        source: seal.anchor ? zh(`audit.anchors.${seal.anchor.source}`) : '',
        lastId: seal.anchor?.lastId ?? ''
      })}（第 ${seal.firstBrokenId ?? ''} 条）`
  const body = html`<div class="doc-title">审计封存单</div>
<table class="facts">
<tr><th>封存时间</th><td>${localTime(seal.sealedAt)}</td></tr>
<tr><th>审计记录条数</th><td>${seal.count}</td></tr>
<tr><th>最后一条记录编号</th><td>${seal.lastId}</td></tr>
<tr><th>最后一条记录时间</th><td>${localTime(seal.lastAt)}</td></tr>
<tr><th>链头哈希</th><td class="hash">${hashLines(seal.hash)}</td></tr>
<tr><th>封存时校验结果</th><td>${verdict}</td></tr>
</table>
<div class="note">日后核对：在审计日志页“核对封存单”中输入本单的最后一条记录编号和链头哈希。若该条记录已不存在或哈希不同，说明此后审计日志被截断或改写。本单请审计员签字后妥善保存于档案室以外。</div>
<table class="signatures"><tr><td>审计员（签字）：<span class="blank">&nbsp;</span></td><td>日期：${signatureDate('')}</td></tr></table>`
  return printDocument(`审计封存单 ${seal.lastId}`, body, 'portrait', { css: SEAL_CSS, pageNumbers: false })
}
