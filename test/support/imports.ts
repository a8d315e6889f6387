import ExcelJS from 'exceljs'
import type { ChannelInput, ImportProgress } from '@preload/contract'
import type { TestApp } from './app'

/*
 * Files and values the import tests share: the defaults the wizard shows for an item catalogue, an old 归档文件目录
 * as archive rooms keep them, a customer list saved by a Chinese Excel (GB18030, no 建档日期), and following an
 * import job to its end. No test framework here, so the end-to-end stories use it too.
 */

/** What the wizard sends for fields an item catalogue lacks, as a fresh installation offers them. */
export const ITEM_IMPORT_DEFAULTS = {
  fondsCode: 'J001',
  categoryCode: 'WS',
  retentionCode: 'Y',
  departmentCode: 'BGS',
  classification: 'none',
  openStatus: 'restricted',
  receivedOn: '2024-01-10'
} as const

/** Starts an import job and follows it to its end, as the wizard's progress bar does. */
export async function runImport(
  app: TestApp,
  input: ChannelInput<'import.start'>,
  key: string
): Promise<ImportProgress> {
  const { jobId } = await app.call('import.start', input, key)
  for (;;) {
    const progress = await app.call('import.progress', { jobId }, key)
    if (progress.state !== 'running') return progress
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/** Excel's day 0 (1899-12-30), so a serial number in a test means the date it names. */
export const excelSerial = (iso: string) => (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000

/** The legacy catalogue's series under the defaults above: the 2019 documents of 办公室 kept permanently. */
export const LEGACY_SERIES = 'J001-WS·2019-Y-BGS-'

/**
 * One row of the legacy catalogue and what the import must make of it: `imported` with the date it is read as, or
 * the message key (zh-CN wording checked by the stories) and field of the problem it is listed with.
 */
export interface LegacyRow {
  cells: ExcelJS.CellValue[]
  outcome: { imported: string } | { problem: string; field: string }
}

const code = (n: number, width = 4) => `${LEGACY_SERIES}${String(n).padStart(width, '0')}`

/**
 * An old 归档文件目录 (DA/T 22 columns: 序号, 档号, 文号, 责任者, 题名, 日期, 密级, 页数, 备注) under a title line, as
 * it comes out of years of hand entry: dates as 2019.03.05, 20190412, a real date cell and a bare serial number, a
 * code Excel turned into a number, the same code twice, a row without 责任者 and a month 13.
 */
export const LEGACY_ROWS: LegacyRow[] = [
  {
    cells: [1, code(1), '办〔2019〕1号', '办公室', '关于印发档案管理办法的通知', '2019.03.05', '普通', 4, ''],
    outcome: { imported: '2019-03-05' }
  },
  {
    cells: [2, code(2), '办〔2019〕2号', '办公室', '关于调整档案工作领导小组的通知', '20190412', '内部', 2, ''],
    outcome: { imported: '2019-04-12' }
  },
  {
    cells: [3, code(3), '', '财务部', '2019年第一季度财务报告', new Date(Date.UTC(2019, 4, 20)), '普通', 12, ''],
    outcome: { imported: '2019-05-20' }
  },
  {
    cells: [4, code(4), '', '办公室', '年中工作会议纪要', excelSerial('2019-06-24'), '普通', 3, ''],
    outcome: { imported: '2019-06-24' }
  },
  {
    cells: [5, 20190005, '', '人事部', '2019年招聘计划', '2019-07-01', '普通', 5, '旧档号'],
    outcome: { imported: '2019-07-01' }
  },
  {
    cells: [6, code(2), '', '办公室', '关于采购办公设备的请示', '2019.08.15', '普通', 1, ''],
    outcome: { problem: 'import.codeTakenInFile', field: 'archivalCode' }
  },
  {
    cells: [7, code(7), '', '', '无责任者的会议通知', '2019.09.02', '普通', 1, ''],
    outcome: { problem: 'validation.required', field: 'responsibleParty' }
  },
  {
    cells: [8, code(8), '', '办公室', '月份写错的通知', '2019.13.01', '普通', 2, ''],
    outcome: { problem: 'validation.date', field: 'dateFormed' }
  }
]

/** The catalogue as an .xlsx: the code stays a number cell, the date a date cell and the serial a plain number. */
export async function legacyCatalogue(rows: LegacyRow[] = LEGACY_ROWS): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('归档文件目录')
  sheet.addRow(['归档文件目录'])
  sheet.mergeCells('A1:I1')
  sheet.addRow(['序号', '档号', '文号', '责任者', '题名', '日期', '密级', '页数', '备注'])
  for (const row of rows) sheet.addRow(row.cells)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** Codes padded wider than the series (six digits where the room writes four) and one for another document. */
export const WIDER_CODES: LegacyRow[] = [
  {
    cells: [
      1,
      code(1, 6),
      '办〔2019〕1号',
      '办公室',
      '关于印发档案管理办法的通知（重录）',
      '2019.03.06',
      '普通',
      4,
      ''
    ],
    outcome: { problem: 'import.numberTaken', field: 'archivalCode' }
  },
  {
    cells: [2, code(3), '', '办公室', '另一份文件用了已有档号', '2019.10.10', '普通', 2, ''],
    outcome: { problem: 'import.codeTaken', field: 'archivalCode' }
  },
  {
    cells: [3, code(9, 6), '', '办公室', '第九件（六位件号）', '2019.11.11', '普通', 2, ''],
    outcome: { imported: '2019-11-11' }
  },
  {
    cells: [4, code(9), '', '办公室', '第九件（四位件号）', '2019.11.12', '普通', 2, ''],
    outcome: { problem: 'import.numberTakenInFile', field: 'archivalCode' }
  }
]

let gbTable: Map<string, number[]> | null = null

/**
 * Text as GB18030 bytes, for the two-byte (GBK) characters a Chinese Excel writes: the table is the import's own
 * decoder (TextDecoder 'gb18030') read backwards, since TextEncoder only writes UTF-8.
 */
export function gb18030(text: string): Uint8Array {
  if (gbTable === null) {
    gbTable = new Map()
    const decoder = new TextDecoder('gb18030')
    for (let lead = 0x81; lead <= 0xfe; lead++)
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue
        const ch = decoder.decode(Uint8Array.of(lead, trail))
        if (ch.length === 1 && ch !== '\uFFFD' && !gbTable.has(ch)) gbTable.set(ch, [lead, trail])
      }
  }
  const bytes: number[] = []
  for (const ch of text) {
    const point = ch.codePointAt(0)!
    const pair = gbTable.get(ch)
    if (point < 0x80) bytes.push(point)
    else if (pair) bytes.push(...pair)
    else throw new Error(`${ch} has no two-byte GB18030 form`)
  }
  return Uint8Array.from(bytes)
}

/**
 * A customer list as a Chinese Excel saves it as CSV (GB18030, CRLF): no 建档日期 and no 客户等级 column, one row
 * without 法定代表人, one with a five-digit postcode and one name twice.
 */
export const CUSTOMER_LIST_CSV = [
  '客户名称,法定代表人,地址,邮编,联系人,联系人电话',
  '上海顺达物流有限公司,王建国,上海市浦东新区张江路88号,201203,李娜,13812345678',
  '北京华信贸易公司,,北京市朝阳区建国路1号,100000,赵敏,13900001111',
  '广州南方物流集团,陈志强,广州市天河区体育西路2号,51000,黄磊,13700002222',
  '杭州西湖软件有限公司,周琳,杭州市西湖区文三路3号,310000,吴迪,13600003333',
  '上海顺达物流有限公司,王建国,上海市浦东新区张江路88号,201203,李娜,13812345678'
].join('\r\n')
