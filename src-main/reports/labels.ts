import type { BarcodeRenderer } from './barcode'
import { html } from './html'
import type { LabelContent, LabelLayout } from './print-types'
import { PRINT_FONT_FAMILY } from './print-css'
import { printDocument } from './printables'

const A4_MM = { width: 210, height: 297 } as const

interface Cell {
  widthMm: number
  heightMm: number
}

function cellOf(layout: LabelLayout): Cell {
  return layout.kind === 'roll'
    ? { widthMm: layout.widthMm, heightMm: layout.heightMm }
    : { widthMm: A4_MM.width / layout.columns, heightMm: A4_MM.height / layout.rows }
}

/**
 * The page is the sheet itself (no margins), so each label lands on its die-cut place; the label keeps 3 mm inside
 * its edge, which printers cannot reach. The code never wraps; a long title ends in an ellipsis after two lines.
 */
function labelCss(layout: LabelLayout): string {
  const cell = cellOf(layout)
  const matrixMm = Math.max(8, Math.min(24, cell.heightMm * 0.45, cell.widthMm * 0.3))
  const codePt = Math.max(9, Math.min(14, cell.heightMm / 4))
  const textPt = Math.max(7, Math.min(11, cell.heightMm / 5))
  const page =
    layout.kind === 'roll'
      ? `@page { size: ${layout.widthMm}mm ${layout.heightMm}mm; margin: 0; }`
      : '@page { size: A4 portrait; margin: 0; }'
  return `
${page}
body { margin: 0; font-family: ${PRINT_FONT_FAMILY}; }
.sheet { display: grid; grid-template-columns: repeat(${layout.kind === 'sheet' ? layout.columns : 1}, ${cell.widthMm}mm);
  grid-auto-rows: ${cell.heightMm}mm; break-after: page; }
.sheet:last-child { break-after: auto; }
.label { box-sizing: border-box; padding: 3mm; overflow: hidden; display: grid; gap: 1mm;
  grid-template-columns: 1fr ${matrixMm}mm; grid-template-rows: auto 1fr auto; }
.label .code { grid-column: 1 / 3; font-size: ${codePt}pt; font-weight: bold; white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; font-family: "Noto Sans Mono CJK SC", "Noto Sans CJK SC", monospace; }
.label .text { font-size: ${textPt}pt; line-height: 1.3; overflow: hidden; }
.label .title { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
.label .line { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.label .barcode-matrix { width: ${matrixMm}mm; height: ${matrixMm}mm; align-self: start; }
.label .barcode-linear { grid-column: 1 / 3; width: 100%; height: ${Math.min(12, Math.max(6, cell.heightMm * 0.25))}mm; }
`
}

/** 档案标签: archival code in print, Code 128 and QR, with title and short facts; on A4 sheets or a label roll. */
export function labelsHtml(labels: LabelContent[], layout: LabelLayout, barcodes: BarcodeRenderer): string {
  const perSheet = layout.kind === 'sheet' ? layout.columns * layout.rows : 1
  const skipped = layout.kind === 'sheet' ? layout.start - 1 : 0
  const cells = [
    ...Array.from({ length: skipped }, () => html`<div class="label unused"></div>`),
    ...labels.map((label) => {
      const { linear, matrix } = barcodes(label.code)
      return html`<div class="label">
<div class="code">${label.code}</div>
<div class="text"><div class="title">${label.title}</div>${label.lines.map((line) => html`<div class="line">${line}</div>`)}</div>
${matrix}
${linear}
</div>`
    })
  ]
  const sheets = []
  for (let first = 0; first < cells.length; first += perSheet) {
    sheets.push(html`<div class="sheet">${cells.slice(first, first + perSheet)}</div>`)
  }
  return printDocument(`档案标签（${labels.length} 张）`, html.join(sheets, '\n'), 'portrait', {
    pageNumbers: false,
    css: labelCss(layout),
    ...(layout.kind === 'roll' ? { paperMm: { width: layout.widthMm, height: layout.heightMm } } : {})
  })
}
