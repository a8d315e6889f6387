import type ExcelJS from 'exceljs'
import type { StatTable, YearStatistics } from '@preload/contract'
import { zh } from './zh'

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8DDD3' } }
const TOTAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3EEE9' } }
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF000000' } }
const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN }
/** Row of the first table's header on each sheet: title, year, a blank line and the caption come before it. */
export const FIRST_HEADER_ROW = 5

const columnLetter = (index: number) => String.fromCharCode(64 + index)

function styleRow(row: ExcelJS.Row, width: number, extra: Partial<ExcelJS.Style> = {}): void {
  for (let column = 1; column <= width; column += 1) {
    const cell = row.getCell(column)
    cell.border = BOX
    if (extra.font) cell.font = extra.font
    if (extra.fill) cell.fill = extra.fill
  }
}

/** Caption, header, one row per line and a totals row whose SUM formulas carry their results, so any reader sees them. */
function writeTable(sheet: ExcelJS.Worksheet, topic: string, table: StatTable): void {
  const width = table.columns.length + 1
  sheet.addRow([zh(`statistics.tables.${topic}.${table.key}`)]).font = { bold: true, size: 12 }
  const header = sheet.addRow([
    zh('statistics.label'),
    ...table.columns.map((column) => zh(`statistics.columns.${column.key}`))
  ])
  styleRow(header, width, { font: { bold: true }, fill: HEADER_FILL })
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true }
  if (table.rows.length === 0) {
    styleRow(sheet.addRow([zh('statistics.noData')]), width)
    return
  }
  const first = sheet.rowCount + 1
  for (const row of table.rows) {
    const added = sheet.addRow([
      row.labelKey ? zh(row.labelKey) : row.label,
      ...table.columns.map((column) => row.values[column.key] ?? null)
    ])
    styleRow(added, width)
    table.columns.forEach((column, index) => {
      const value = row.values[column.key]
      if (typeof value === 'number') added.getCell(index + 2).numFmt = Number.isInteger(value) ? '#,##0' : '0.0'
    })
  }
  const last = sheet.rowCount
  if (!table.totals) return
  const totals = sheet.addRow([
    zh('statistics.total'),
    ...table.columns.map((column, index) =>
      column.sum
        ? {
            formula: `SUM(${columnLetter(index + 2)}${first}:${columnLetter(index + 2)}${last})`,
            result: table.totals![column.key]
          }
        : null
    )
  ])
  styleRow(totals, width, { font: { bold: true }, fill: TOTAL_FILL })
  table.columns.forEach((_column, index) => (totals.getCell(index + 2).numFmt = '#,##0'))
}

/** R-STAT-1: one sheet per topic with a title row, the year, styled headers, frozen panes, totals rows and real numbers. */
export async function statisticsWorkbook(statistics: YearStatistics): Promise<Buffer> {
  // Loaded when a workbook is first written, not when the app starts: exceljs is a large part of start-up.
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Archive Room'
  for (const topic of statistics.topics) {
    const topicName = zh(`statistics.topics.${topic.key}`)
    const sheet = workbook.addWorksheet(topicName, {
      views: [{ state: 'frozen', ySplit: FIRST_HEADER_ROW, xSplit: 1 }]
    })
    const width = Math.max(2, ...topic.tables.map((t) => t.columns.length + 1))
    sheet.addRow([zh('statistics.sheetTitle', { year: statistics.year, topic: topicName })]).font = {
      bold: true,
      size: 14
    }
    sheet.mergeCells(1, 1, 1, width)
    sheet.addRow([zh('statistics.yearLabel'), statistics.year])
    sheet.getRow(2).getCell(1).font = { bold: true }
    for (const table of topic.tables) {
      sheet.addRow([])
      writeTable(sheet, topic.key, table)
    }
    sheet.getColumn(1).width = 26
    for (let column = 2; column <= width; column += 1) sheet.getColumn(column).width = 14
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
