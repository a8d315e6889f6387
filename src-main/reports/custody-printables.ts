/**
 * Printables of custody (R-KEEP-3, R-STAT-2): the inspection report, an A4 portrait document built from the
 * inspection as the service loaded it. Pure: data in, one HTML document out, every value escaped (html`…`, ./html).
 */
import type { EnvironmentJudgement, Inspection } from '@preload/contract'
import { html, type SafeHtml } from './html'
import { colgroup, columnHeads, printDocument, signatureDate } from './printables'
import { zh } from './zh'

const REPORT_CSS = `
h2.section { font-size: 12pt; margin: 5mm 0 2mm 0; }
table.facts { width: 100%; table-layout: fixed; font-size: 10.5pt; }
table.facts th, table.facts td { border: 0.3mm solid #000; padding: 1.5mm 2mm; vertical-align: top; }
table.facts th { width: 28mm; text-align: left; font-weight: bold; }
td.flag { font-weight: bold; }
.summary { margin: 2mm 0; }
table.signatures { width: 100%; margin-top: 10mm; table-layout: fixed; }
table.signatures td { padding: 2mm 0; white-space: nowrap; }
table.signatures .blank { min-width: 28mm; }
`

const FINDING_COLUMNS = ['序号', '档号', '题名', '存放位置', '结果', '说明'] as const
/** A4 portrait printable width is 175 mm; 题名 takes what the other columns leave. */
const FINDING_WIDTHS = [10, 40, null, 28, 14, 30] as const

/** A measurement with its judgement: out-of-range values are marked in words, readable in black and white. */
function measurement(judgement: EnvironmentJudgement): SafeHtml {
  const verdict =
    judgement.value === 'out_of_range'
      ? html`<span class="flag">【${zh('inspections.outOfRange')}】</span>`
      : html.empty
  return html`${verdict}${zh(judgement.reason, judgement.params)}`
}

/** 档案库房检查记录: what was checked, the room checklist, temperature and humidity, each record's finding, signatures. */
export function inspectionReportHtml(inspection: Inspection): string {
  const kind =
    zh(`inspections.kinds.${inspection.kind}`) +
    (inspection.reason ? `（${zh(`inspections.reasons.${inspection.reason}`)}）` : '')
  const scope =
    inspection.locationPaths.length > 0
      ? inspection.locationPaths.join('、')
      : zh('inspections.recordScope', { count: inspection.records })
  const checklist = inspection.checklist.map(
    (answer, index) =>
      html`<tr><td class="c">${index + 1}</td><td>${answer.item}</td><td class="c${answer.ok ? '' : ' flag'}">${answer.ok ? '符合' : '不符合'}</td><td>${answer.note}</td></tr>`
  )
  const findings = inspection.findings.map(
    (finding, index) =>
      html`<tr><td class="c">${index + 1}</td><td class="code">${finding.archivalCode ?? zh('recordPicker.uncoded')}</td><td>${finding.title}</td><td class="code">${finding.homePath}</td><td class="c${finding.state === 'found' ? '' : ' flag'}">${zh(`inspections.states.${finding.state}`)}</td><td>${finding.note}</td></tr>`
  )
  const body = html`<div class="doc-title">档案库房检查记录</div>
<table class="facts">
<tr><th>检查类型</th><td>${kind}</td><th>检查日期</th><td>${signatureDate(inspection.inspectedOn)}</td></tr>
<tr><th>检查人</th><td>${inspection.inspectors}</td><th>状态</th><td>${zh(`inspections.statuses.${inspection.status}`)}</td></tr>
<tr><th>检查范围</th><td>${scope}</td><th>测量库房</th><td>${inspection.roomPath}</td></tr>
<tr><th>温度</th><td>${measurement(inspection.environment.temperature)}</td><th>相对湿度</th><td>${measurement(inspection.environment.humidity)}</td></tr>
</table>
<h2 class="section">库房管理检查项目</h2>
<table class="grid checklist">
${colgroup([10, null, 20, 50])}
<thead><tr><th>序号</th><th>检查项目</th><th>结果</th><th>说明</th></tr></thead>
<tbody>
${checklist.length > 0 ? html.join(checklist, '\n') : html`<tr><td class="c" colspan="4">未填写</td></tr>`}
</tbody>
</table>
<h2 class="section">档案清点情况</h2>
<div class="summary">应查 ${inspection.records} 件（卷），在位 ${inspection.found}，缺失 ${inspection.missing}，损坏 ${inspection.damaged}，未清点 ${inspection.unchecked}。</div>
<table class="grid findings">
${colgroup(FINDING_WIDTHS)}
<thead><tr class="columns">${columnHeads(FINDING_COLUMNS)}</tr></thead>
<tbody>
${html.join(findings, '\n')}
</tbody>
</table>
<h2 class="section">情况说明</h2>
<div class="pre">${inspection.notes || '无'}</div>
<table class="signatures"><tr><td>检查人（签字）：<span class="blank">&nbsp;</span></td><td>档案部门负责人（签字）：<span class="blank">&nbsp;</span></td></tr>
<tr><td></td><td>日期：${signatureDate('')}</td></tr></table>`
  return printDocument(`档案库房检查记录 ${inspection.inspectedOn}`, body, 'portrait', { css: REPORT_CSS })
}
