import type { PrintOrientation } from './print-types'

/**
 * Shared print CSS for every printable (R-STAT-2): A4, mm units, black on white with 0.3 mm solid
 * borders (readable on a black-and-white printer), installed CJK fonts only (no remote URLs),
 * table header rows repeated on every page, rows never split across pages, and a 第 N 页 footer
 * drawn by the CSS page-margin box (supported by Chromium ≥ 131, i.e. Electron ≥ 33).
 */

export const PRINT_FONT_FAMILY = `"Noto Serif CJK SC", "Noto Sans CJK SC", "SimSun", "Songti SC", serif`

/** Page margins in mm: [top, right, bottom, left]; the left edge is the binding edge. */
export const PAGE_MARGINS_MM: Record<PrintOrientation, readonly [number, number, number, number]> = {
  portrait: [18, 15, 20, 20],
  landscape: [15, 15, 18, 20]
}

/** Width of the printable area in mm (A4 minus the left and right margins). */
export function contentWidthMm(orientation: PrintOrientation): number {
  const [, right, , left] = PAGE_MARGINS_MM[orientation]
  return (orientation === 'portrait' ? 210 : 297) - left - right
}

const pageNumberRule = `
  @bottom-center {
    content: "第 " counter(page) " 页  共 " counter(pages) " 页";
    font-family: ${PRINT_FONT_FAMILY};
    font-size: 9pt;
    color: #000;
    vertical-align: top;
    padding-top: 4mm;
  }`

/** The complete stylesheet for one document. */
export function printCss(orientation: PrintOrientation, pageNumbers = true): string {
  const [top, right, bottom, left] = PAGE_MARGINS_MM[orientation]
  return `
@page {
  size: A4 ${orientation};
  margin: ${top}mm ${right}mm ${bottom}mm ${left}mm;${pageNumbers ? pageNumberRule : ''}
}
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body {
  font-family: ${PRINT_FONT_FAMILY};
  font-size: 10.5pt;
  line-height: 1.4;
  -webkit-print-color-adjust: exact;
  print-color-adjust: exact;
}
* { box-sizing: border-box; }
.doc-title {
  margin: 0 0 3mm 0;
  text-align: center;
  font-size: 18pt;
  font-weight: bold;
  letter-spacing: 0.15em;
}
.meta {
  display: flex;
  justify-content: space-between;
  align-items: baseline;
  gap: 2mm 6mm;
  flex-wrap: wrap;
  margin: 0 0 2mm 0;
  font-size: 10.5pt;
}
.meta .meta-code { white-space: nowrap; margin-left: auto; }
table { border-collapse: collapse; }
table.grid { width: 100%; table-layout: fixed; font-size: 10pt; }
table.grid th, table.grid td {
  border: 0.3mm solid #000;
  padding: 1mm 1mm;
  vertical-align: middle;
  overflow-wrap: anywhere;
  word-break: break-word;
}
table.grid thead th { font-weight: bold; text-align: center; }
table.grid thead tr.caption th {
  border: none;
  padding: 0;
  font-weight: normal;
  text-align: left;
}
thead { display: table-header-group; }
tfoot { display: table-footer-group; }
tr, img { break-inside: avoid; page-break-inside: avoid; }
td.c { text-align: center; }
td.code { font-size: 9pt; }
td.nowrap, th.nowrap { white-space: nowrap; }
.blank {
  display: inline-block;
  min-width: 30mm;
  border-bottom: 0.3mm solid #000;
  line-height: 1.2;
}
.blank.short { min-width: 10mm; }
.blank.year { min-width: 15mm; }
.pre { white-space: pre-wrap; overflow-wrap: anywhere; }
`
}

export const PRINT_CSS: string = printCss('portrait')
export const PRINT_CSS_LANDSCAPE: string = printCss('landscape')
