import type ExcelJS from 'exceljs'

export interface SheetColumn {
  key: string
  title: string
  labels?: Record<string, string>
}

const DAY = /^\d{4}-\d{2}-\d{2}$/
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/

/** Dates become real Excel dates (sortable, filterable), coded values their labels, numbers stay numbers. */
function cellValue(value: unknown, column: SheetColumn): ExcelJS.CellValue {
  if (value === null || value === undefined) return null
  // Own entries only: a value such as "toString" must not find the label map's inherited method.
  if (column.labels && typeof value === 'string' && Object.hasOwn(column.labels, value)) return column.labels[value]
  if (typeof value === 'boolean') return column.labels?.[String(value)] ?? (value ? '是' : '否')
  if (typeof value === 'string' && DAY.test(value)) return new Date(`${value}T00:00:00Z`)
  if (typeof value === 'string' && TIMESTAMP.test(value)) return new Date(value)
  if (typeof value === 'number' || typeof value === 'string') return value
  return String(value)
}

/** A sheet more in the same workbook, after the list (e.g. an analysis of the rows listed). */
export interface ExtraSheet {
  name: string
  columns: SheetColumn[]
  rows: Record<string, unknown>[]
}

/**
 * One sheet with a styled, frozen header row, widths fitted to the content and dates formatted as dates; the extra
 * sheets follow it, laid out the same way.
 */
export async function listWorkbook(
  sheetName: string,
  columns: SheetColumn[],
  rows: Record<string, unknown>[],
  extra: ExtraSheet[] = []
): Promise<Buffer> {
  // Loaded when a workbook is first written, not when the app starts: exceljs is a large part of start-up.
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Archive Room'
  for (const sheet of [{ name: sheetName, columns, rows }, ...extra]) addSheet(workbook, sheet)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

function addSheet(workbook: ExcelJS.Workbook, { name, columns, rows }: ExtraSheet): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = columns.map((column) => ({ header: column.title, key: column.key }))
  for (const row of rows)
    sheet.addRow(Object.fromEntries(columns.map((column) => [column.key, cellValue(row[column.key], column)])))
  const header = sheet.getRow(1)
  header.font = { bold: true }
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8DDD3' } }
  header.alignment = { vertical: 'middle' }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } }
  columns.forEach((column, index) => {
    const excelColumn = sheet.getColumn(index + 1)
    let width = [...column.title].reduce((sum, ch) => sum + (ch.charCodeAt(0) > 255 ? 2 : 1), 0)
    excelColumn.eachCell({ includeEmpty: false }, (cell, rowNumber) => {
      if (rowNumber === 1) return
      if (cell.value instanceof Date) {
        cell.numFmt = TIMESTAMP.test(String(rows[rowNumber - 2]?.[column.key] ?? ''))
          ? 'yyyy-mm-dd hh:mm'
          : 'yyyy-mm-dd'
        width = Math.max(width, 16)
      } else {
        width = Math.max(
          width,
          [...String(cell.value ?? '')].reduce((sum, ch) => sum + (ch.charCodeAt(0) > 255 ? 2 : 1), 0)
        )
      }
    })
    excelColumn.width = Math.min(Math.max(width + 2, 8), 60)
  })
}
