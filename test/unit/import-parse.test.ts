import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { IMPORT_LIMITS, ImportLimitExceeded, type ImportLimits } from '@main/import/limits'
import {
  IMPORT_FIELDS,
  layoutKey,
  normaliseDate,
  normaliseEnum,
  proposeMapping,
  type Encoding
} from '@main/import/parse'
import { CsvParser, readTable, Unreadable } from '@main/import/read'
import { gb18030 as gbk } from '../support/imports'

const utf8 = (text: string) => new TextEncoder().encode(text)
const withBom = (bytes: Uint8Array) => Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes])

/** The streamed parts gathered into one table, rows padded to its width as the preview shows them. */
async function read(bytes: Uint8Array, fileName: string, encoding?: Encoding, limits: ImportLimits = IMPORT_LIMITS) {
  let headers: string[] = []
  let width = 0
  let detected: Encoding | null = null
  const rows: string[][] = []
  for await (const part of readTable({ bytes, fileName, encoding, limits })) {
    if (part.kind === 'start') ({ headers, encoding: detected } = part)
    else if (part.kind === 'rows') rows.push(...part.rows)
    else width = part.width
  }
  const fit = (cells: string[]) => Array.from({ length: width }, (_, i) => cells[i] ?? '')
  return { headers: fit(headers), rows: rows.map(fit), encoding: detected }
}
/** The sheet row number of each data row, as the import reports problems by. */
async function rowNumbers(bytes: Uint8Array, fileName: string) {
  const numbers: number[] = []
  for await (const part of readTable({ bytes, fileName, limits: IMPORT_LIMITS }))
    if (part.kind === 'rows') numbers.push(...part.numbers)
  return numbers
}
const readCsv = (bytes: Uint8Array, encoding?: Encoding, limits?: ImportLimits) =>
  read(bytes, 'list.csv', encoding, limits)
const readWorkbook = (bytes: Uint8Array, limits?: ImportLimits) => read(bytes, 'list.xlsx', undefined, limits)

/** A one-line file read back: its cells joined as they were written, and the encoding used. */
async function decodeText(bytes: Uint8Array, override?: Encoding) {
  const table = await readCsv(bytes, override)
  return { text: table.headers.join(','), encoding: table.encoding }
}

/** The parser fed the whole text at once, and again one character at a time: both must give the same records. */
function parseCsv(text: string, limits: ImportLimits = IMPORT_LIMITS): string[][] {
  const whole = new CsvParser(limits)
  const records = [...whole.push(text), ...whole.end()]
  const piecewise = new CsvParser(limits)
  const pieces = [...text].flatMap((ch) => piecewise.push(ch))
  expect([...pieces, ...piecewise.end()]).toEqual(records)
  return records
}

describe('decodeText', async () => {
  it('reads UTF-8 without a BOM', async () => {
    expect(await decodeText(utf8('题名,上海'))).toEqual({ text: '题名,上海', encoding: 'utf-8' })
  })

  it('reads UTF-8 with a BOM and drops the BOM', async () => {
    expect(await decodeText(withBom(utf8('题名,上海')))).toEqual({ text: '题名,上海', encoding: 'utf-8' })
  })

  it('takes plain ASCII as UTF-8', async () => {
    expect(await decodeText(utf8('title,date'))).toEqual({ text: 'title,date', encoding: 'utf-8' })
  })

  it.each([
    ['题名', [0xcc, 0xe2, 0xc3, 0xfb]],
    ['上海', [0xc9, 0xcf, 0xba, 0xa3]]
  ])('detects GBK bytes of %s as GB18030', async (text, bytes) => {
    expect(await decodeText(Uint8Array.from(bytes))).toEqual({ text, encoding: 'gb18030' })
  })

  it('the test encoder agrees with the known GBK bytes', async () => {
    expect([...gbk('题名上海')]).toEqual([0xcc, 0xe2, 0xc3, 0xfb, 0xc9, 0xcf, 0xba, 0xa3])
  })

  it('an override forces GB18030 on bytes that would pass as UTF-8', async () => {
    const bytes = utf8('题名')
    const forced = await decodeText(bytes, 'gb18030')
    expect(forced.encoding).toBe('gb18030')
    expect(forced.text).not.toBe('题名')
  })

  it('an override forces UTF-8 on GBK bytes (with replacement characters, not an error)', async () => {
    const forced = await decodeText(gbk('题名'), 'utf-8')
    expect(forced.encoding).toBe('utf-8')
    expect(forced.text).toContain('\uFFFD')
  })

  it('an override of the detected encoding changes nothing', async () => {
    expect(await decodeText(gbk('上海'), 'gb18030')).toEqual({ text: '上海', encoding: 'gb18030' })
    expect(await decodeText(withBom(utf8('上海')), 'utf-8')).toEqual({ text: '上海', encoding: 'utf-8' })
  })
})

describe('parseCsv', () => {
  it.each<[string, string, string[][]]>([
    [
      'simple',
      'a,b,c\n1,2,3',
      [
        ['a', 'b', 'c'],
        ['1', '2', '3']
      ]
    ],
    [
      'CRLF',
      'a,b\r\n1,2\r\n',
      [
        ['a', 'b'],
        ['1', '2']
      ]
    ],
    [
      'LF with a final newline',
      'a,b\n1,2\n',
      [
        ['a', 'b'],
        ['1', '2']
      ]
    ],
    [
      'trailing empty lines',
      'a,b\r\n1,2\r\n\r\n\r\n',
      [
        ['a', 'b'],
        ['1', '2']
      ]
    ],
    [
      'blank lines in between',
      'a,b\n\n1,2',
      [
        ['a', 'b'],
        ['1', '2']
      ]
    ],
    [
      'quoted comma',
      'a,b\n"x,y",2',
      [
        ['a', 'b'],
        ['x,y', '2']
      ]
    ],
    ['doubled quotes', 'a\n"say ""hi"""', [['a'], ['say "hi"']]],
    [
      'newline inside quotes',
      'a,b\n"line 1\nline 2",2',
      [
        ['a', 'b'],
        ['line 1\nline 2', '2']
      ]
    ],
    [
      'CRLF inside quotes kept',
      'a,b\r\n"x\r\ny",2\r\n',
      [
        ['a', 'b'],
        ['x\r\ny', '2']
      ]
    ],
    [
      'empty fields',
      'a,b,c\n,,\n1,,3',
      [
        ['a', 'b', 'c'],
        ['', '', ''],
        ['1', '', '3']
      ]
    ],
    [
      'quoted empty field',
      'a,b\n"",2',
      [
        ['a', 'b'],
        ['', '2']
      ]
    ],
    [
      'trailing comma',
      'a,b,\n1,2,',
      [
        ['a', 'b', ''],
        ['1', '2', '']
      ]
    ],
    ['quote inside an unquoted field is text', 'a\n5"3', [['a'], ['5"3']]],
    ['text after a closing quote is kept', 'a\n"ab"c', [['a'], ['abc']]],
    [
      'no final newline, quoted last field',
      'a,b\n1,"2"',
      [
        ['a', 'b'],
        ['1', '2']
      ]
    ],
    [
      'lone CR line endings',
      'a,b\r1,2',
      [
        ['a', 'b'],
        ['1', '2']
      ]
    ],
    [
      'Chinese text',
      '题名,日期\n关于上海分公司的通知,2023.5.6',
      [
        ['题名', '日期'],
        ['关于上海分公司的通知', '2023.5.6']
      ]
    ],
    ['empty input', '', []]
  ])('%s', (_name, text, records) => {
    expect(parseCsv(text)).toEqual(records)
  })

  it.each<[string, string, string[][]]>([
    [
      'tab-separated',
      '题名\t日期\n通知, 第1号\t2023-05-06',
      [
        ['题名', '日期'],
        ['通知, 第1号', '2023-05-06']
      ]
    ],
    [
      'semicolon-separated',
      'a;b;c\n1,5;2;3',
      [
        ['a', 'b', 'c'],
        ['1,5', '2', '3']
      ]
    ],
    [
      'commas win a tie',
      'a,b;c\n1,2;3',
      [
        ['a', 'b;c'],
        ['1', '2;3']
      ]
    ],
    [
      'quoted commas in the header do not count',
      '"a,b,c"\tx\ty\n1\t2\t3',
      [
        ['a,b,c', 'x', 'y'],
        ['1', '2', '3']
      ]
    ],
    [
      'quoted tabs in the header do not count',
      '"a\tb\tc",x\n1,2',
      [
        ['a\tb\tc', 'x'],
        ['1', '2']
      ]
    ]
  ])('%s', (_name, text, records) => {
    expect(parseCsv(text)).toEqual(records)
  })
})

describe('readCsv', async () => {
  const csv = '题名,责任者,文号,日期\r\n关于上海分公司的通知,上海分公司,上海文号1,2023.5.6\r\n\r\n'

  it('reads a GBK CSV, detecting the encoding', async () => {
    expect(await readCsv(gbk(csv))).toEqual({
      headers: ['题名', '责任者', '文号', '日期'],
      rows: [['关于上海分公司的通知', '上海分公司', '上海文号1', '2023.5.6']],
      encoding: 'gb18030'
    })
  })

  it.each([
    ['UTF-8', utf8(csv)],
    ['UTF-8 with BOM', withBom(utf8(csv))]
  ])('reads the same CSV as %s', async (_name, bytes) => {
    const table = await readCsv(bytes)
    expect(table.encoding).toBe('utf-8')
    expect(table.headers).toEqual(['题名', '责任者', '文号', '日期'])
    expect(table.rows).toEqual([['关于上海分公司的通知', '上海分公司', '上海文号1', '2023.5.6']])
  })

  it('the BOM does not stick to the first header', async () => {
    expect((await readCsv(withBom(utf8('题名,日期\n1,2')))).headers[0]).toBe('题名')
  })

  it('passes the override through', async () => {
    expect((await readCsv(utf8(csv), 'gb18030')).encoding).toBe('gb18030')
  })

  it('trims cells, drops fully empty rows and pads short rows', async () => {
    const table = await readCsv(utf8(' 题名 , 日期 \n  通知 ,\n , \n,,\n报告'))
    expect(table.headers).toEqual(['题名', '日期'])
    expect(table.rows).toEqual([
      ['通知', ''],
      ['报告', '']
    ])
  })

  it('drops trailing empty columns but keeps a data cell beyond the headers', async () => {
    expect((await readCsv(utf8('a,b,,\n1,2,,\n'))).headers).toEqual(['a', 'b'])
    const wide = await readCsv(utf8('a,b\n1,2,3'))
    expect(wide.headers).toEqual(['a', 'b', ''])
    expect(wide.rows).toEqual([['1', '2', '3']])
  })

  it('skips a title line above the header row', async () => {
    const table = await readCsv(utf8('归档文件目录,,,\n\n档号,题名,日期\nA-1,通知,2023-05-06'))
    expect(table.headers).toEqual(['档号', '题名', '日期'])
    expect(table.rows).toEqual([['A-1', '通知', '2023-05-06']])
  })

  it('numbers each data row as the sheet does: title line, blank lines and a cell over two lines counted', async () => {
    const text =
      '归档文件目录,,,\n\n档号,题名,日期\nA-1,通知,2023-05-06\n\n\nA-2,"两行\n题名",2023-05-07\r\nA-3,报告,2023-05-08'
    expect(await rowNumbers(utf8(text), 'list.csv')).toEqual([4, 7, 8])
  })

  it('a one-column file keeps its first row as the header', async () => {
    expect(await readCsv(utf8('题名\n通知\n报告'))).toEqual({
      headers: ['题名'],
      rows: [['通知'], ['报告']],
      encoding: 'utf-8'
    })
  })

  it('an empty file gives an empty table', async () => {
    expect(await readCsv(new Uint8Array())).toEqual({ headers: [], rows: [], encoding: 'utf-8' })
  })
})

async function xlsx(build: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  build(workbook)
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

describe('readWorkbook', () => {
  it('reads the first sheet with a header row below empty rows and turns every cell into text', async () => {
    const bytes = await xlsx((workbook) => {
      const sheet = workbook.addWorksheet('目录')
      sheet.getCell('A3').value = '档号'
      sheet.getCell('B3').value = '题名'
      sheet.getCell('C3').value = '日期'
      sheet.getCell('D3').value = '页数'
      sheet.getCell('E3').value = '金额'
      sheet.getCell('F3').value = '合计'
      sheet.getCell('G3').value = '已封存'
      sheet.getRow(4).values = [
        20230001,
        { richText: [{ text: '关于', font: { bold: true } }, { text: '上海分公司的通知' }] },
        new Date(Date.UTC(2023, 4, 6)),
        12,
        12.5,
        { formula: 'D4*2', result: 24 },
        true
      ]
      // Row 5 left empty: it must not become a data row.
      sheet.getRow(6).values = [
        '20230002',
        '报告',
        new Date(Date.UTC(2024, 1, 29, 15, 30)),
        3,
        0.1 + 0.2,
        { formula: 'D6*2', result: 6 },
        false
      ]
      workbook.addWorksheet('其他').getCell('A1').value = '不读'
    })
    expect(await readWorkbook(bytes)).toEqual({
      headers: ['档号', '题名', '日期', '页数', '金额', '合计', '已封存'],
      rows: [
        ['20230001', '关于上海分公司的通知', '2023-05-06', '12', '12.5', '24', '是'],
        ['20230002', '报告', '2024-02-29', '3', '0.3', '6', '否']
      ],
      encoding: null
    })
  })

  it.each<[string, ExcelJS.CellValue, string | undefined, string]>([
    ['integer code', 20230001, undefined, '20230001'],
    ['large integer without exponent', 1e21, undefined, '1000000000000000000000'],
    ['small decimal without exponent', 1.5e-7, undefined, '0.00000015'],
    ['negative decimal', -3.25, undefined, '-3.25'],
    ['floating-point noise', 1.1 * 3, undefined, '3.3'],
    ['zero-padded code format', 1, '0000', '0001'],
    ['zero-padded format on a longer number', 12345, '000', '12345'],
    ['string of digits', '0001', undefined, '0001'],
    ['padded string', '  文号  ', undefined, '文号'],
    ['hyperlink', { text: '链接文字', hyperlink: 'https://example.com' }, undefined, '链接文字'],
    ['formula result as text', { formula: 'A1&"号"', result: '1号' }, undefined, '1号'],
    ['formula result as date', { formula: 'TODAY()', result: new Date(Date.UTC(2023, 4, 6)) }, undefined, '2023-05-06'],
    ['formula without a cached result', { formula: 'A1' }, undefined, ''],
    ['error value', { error: '#N/A' }, undefined, '#N/A']
  ])('cell: %s', async (_name, value, numFmt, text) => {
    const bytes = await xlsx((workbook) => {
      const sheet = workbook.addWorksheet('s')
      sheet.getRow(1).values = ['值', '标记']
      sheet.getCell('A2').value = value
      if (numFmt) sheet.getCell('A2').numFmt = numFmt
      sheet.getCell('B2').value = 'x'
    })
    expect((await readWorkbook(bytes)).rows).toEqual([[text, 'x']])
  })

  it('skips a merged title row and gives a vertically merged value to every row it spans', async () => {
    const bytes = await xlsx((workbook) => {
      const sheet = workbook.addWorksheet('归档文件目录')
      sheet.getCell('A1').value = '归档文件目录'
      sheet.mergeCells('A1:C1')
      sheet.getRow(2).values = ['责任者', '题名', '备注']
      sheet.getRow(3).values = ['上海分公司', '通知']
      sheet.getRow(4).values = [null, '报告']
      sheet.mergeCells('A3:A4')
      sheet.getCell('B5').value = '合并说明'
      sheet.mergeCells('B5:C5')
    })
    expect(await readWorkbook(bytes)).toEqual({
      headers: ['责任者', '题名', '备注'],
      rows: [
        ['上海分公司', '通知', ''],
        ['上海分公司', '报告', ''],
        ['', '合并说明', '']
      ],
      encoding: null
    })
  })

  it('numbers each data row by its row in the sheet, under a title row and across empty rows', async () => {
    const bytes = await xlsx((workbook) => {
      const sheet = workbook.addWorksheet('归档文件目录')
      sheet.getCell('A1').value = '归档文件目录'
      sheet.mergeCells('A1:C1')
      sheet.getRow(2).values = ['档号', '题名', '日期']
      sheet.getRow(3).values = ['A-1', '通知', '2023-05-06']
      sheet.getRow(6).values = ['A-2', '报告', '2023-05-07']
    })
    expect(await rowNumbers(bytes, 'list.xlsx')).toEqual([3, 6])
  })

  it('an empty sheet gives an empty table', async () => {
    const bytes = await xlsx((workbook) => workbook.addWorksheet('空'))
    expect(await readWorkbook(bytes)).toEqual({ headers: [], rows: [], encoding: null })
  })
})

describe('limits', () => {
  const small = (over: Partial<ImportLimits>): ImportLimits => ({ ...IMPORT_LIMITS, ...over })
  const refusal = async (work: Promise<unknown>) => {
    const error = await work.then(
      () => null,
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(ImportLimitExceeded)
    return { message: (error as ImportLimitExceeded).message, params: (error as ImportLimitExceeded).params }
  }

  it('refuses a CSV with more data rows than the limit, the header not counted', async () => {
    const text = ['a,b', '1,2', '3,4', '5,6'].join('\n')
    expect((await readCsv(utf8(text), undefined, small({ rows: 3 }))).rows).toHaveLength(3)
    expect(await refusal(readCsv(utf8(`${text}\n7,8`), undefined, small({ rows: 3 })))).toEqual({
      message: 'errors.importTooManyRows',
      params: { limit: 3 }
    })
  })

  it('refuses a filled column past the limit, but not empty ones', async () => {
    expect((await readCsv(utf8('a,b,c,,,,\n1,2,3,,,,'), undefined, small({ columns: 3 }))).headers).toEqual([
      'a',
      'b',
      'c'
    ])
    expect(await refusal(readCsv(utf8('a,b,c\n1,2,3,,4'), undefined, small({ columns: 3 })))).toEqual({
      message: 'errors.importTooManyColumns',
      params: { limit: 3 }
    })
  })

  it('refuses a CSV cell longer than the limit, quoted or not', async () => {
    const limits = small({ cellLength: 10 })
    expect((await readCsv(utf8(`a,b\n${'x'.repeat(10)},"${'y'.repeat(10)}"`), undefined, limits)).rows).toHaveLength(1)
    expect((await refusal(readCsv(utf8(`a,b\n1,"${'y'.repeat(11)}`), undefined, limits))).message).toBe(
      'errors.importCellTooLong'
    )
    expect((await refusal(readCsv(utf8(`a,b\n${'x'.repeat(11)},2`), undefined, limits))).params).toEqual({
      limit: 10,
      column: 1
    })
  })

  it('detects GB18030 and UTF-8 when a character straddles the 1 MiB decoding slice', async () => {
    // Lines of 100 bytes and one shorter make 1 MiB less one byte, so the next character straddles the boundary.
    let filler = 'a,b\n' + `${'x'.repeat(97)},1\n`.repeat(10485)
    filler += `${'x'.repeat(1024 * 1024 - 1 - filler.length - 3)},1\n`
    expect(utf8(filler).length).toBe(1024 * 1024 - 1)
    const gbkTable = await readCsv(Uint8Array.from([...utf8(filler), ...gbk('题名,上海')]))
    expect(gbkTable.encoding).toBe('gb18030')
    expect(gbkTable.rows.at(-1)).toEqual(['题名', '上海'])
    const utf8Table = await readCsv(utf8(filler + '题名,上海'))
    expect(utf8Table.encoding).toBe('utf-8')
    expect(utf8Table.rows.at(-1)).toEqual(['题名', '上海'])
  })

  it('streams a large CSV with quoted newlines, commas and quotes in batches, each row intact', async () => {
    const lines = ['题名,备注']
    for (let i = 0; i < 5000; i++) lines.push(`"第${i}号,通知","行一\r\n行二 ""引"""`)
    const batches: string[][][] = []
    for await (const part of readTable({
      bytes: utf8(lines.join('\r\n')),
      fileName: 'big.csv',
      limits: IMPORT_LIMITS
    })) {
      if (part.kind === 'rows') batches.push(part.rows)
    }
    expect(batches.map((rows) => rows.length)).toEqual([2000, 2000, 1000])
    expect(batches.flat()).toEqual(Array.from({ length: 5000 }, (_, i) => [`第${i}号,通知`, '行一\r\n行二 "引"']))
  })

  it('refuses an xlsx cell longer than the limit: a huge one before parsing, one just over it once read', async () => {
    const workbook = (cell: string) =>
      xlsx((book) =>
        book.addWorksheet('s').addRows([
          ['题名', '备注'],
          ['通知', cell]
        ])
      )
    const limits = small({ cellLength: 100 })
    expect((await readWorkbook(await workbook('y'.repeat(100)), limits)).rows).toEqual([['通知', 'y'.repeat(100)]])
    expect(await refusal(readWorkbook(await workbook('y'.repeat(101)), limits))).toEqual({
      message: 'errors.importCellTooLong',
      params: { limit: 100, row: 2, column: 2 }
    })
    expect(await refusal(readWorkbook(await workbook('y'.repeat(50_000)), limits))).toEqual({
      message: 'errors.importCellTooLong',
      params: { limit: 100 }
    })
  })

  it('refuses an xlsx with a filled column past the limit', async () => {
    const bytes = await xlsx((book) =>
      book.addWorksheet('s').addRows([
        ['a', 'b', 'c', 'd'],
        ['1', '2', '3', '4']
      ])
    )
    expect((await refusal(readWorkbook(bytes, small({ columns: 3 })))).message).toBe('errors.importTooManyColumns')
  })

  /** Rewrites the uncompressed size every central directory entry claims. */
  function claimSizes(bytes: Uint8Array, size: number): Uint8Array {
    const copy = Buffer.from(bytes)
    for (let at = 0; at < copy.length - 4; at++)
      if (copy.readUInt32LE(at) === 0x02014b50) copy.writeUInt32LE(size, at + 24)
    return copy
  }

  it('refuses an xlsx whose parts claim more than the unzipped limit, before inflating anything', async () => {
    const bytes = await xlsx((book) =>
      book.addWorksheet('s').addRows([
        ['a', 'b'],
        ['1', '2']
      ])
    )
    expect((await readWorkbook(bytes, small({ uncompressedBytes: 1024 * 1024 }))).rows).toEqual([['1', '2']])
    // Claims of 1 GiB per part over data that is small: only the directory can have said so.
    expect(
      await refusal(readWorkbook(claimSizes(bytes, 1024 ** 3), small({ uncompressedBytes: 1024 * 1024 })))
    ).toEqual({
      message: 'errors.importTooLargeUnzipped',
      params: { limit: 1 }
    })
  })

  it('refuses an xlsx that inflates to more than its parts claim (a zip bomb that lies)', async () => {
    const bytes = await xlsx((book) => {
      const sheet = book.addWorksheet('s')
      sheet.addRow(['a', 'b'])
      for (let i = 0; i < 20_000; i++) sheet.addRow(['同一行', '同一行'])
    })
    expect((await refusal(readWorkbook(claimSizes(bytes, 1), small({ uncompressedBytes: 1024 * 1024 })))).message).toBe(
      'errors.importTooLargeUnzipped'
    )
  })

  it('a file that is not a workbook is unreadable, not a crash', async () => {
    await expect(readWorkbook(utf8('题名,日期'))).rejects.toBeInstanceOf(Unreadable)
  })
})

describe('IMPORT_FIELDS', () => {
  it('lists the importable item fields, archivalCode included', () => {
    expect([...IMPORT_FIELDS.items].sort()).toEqual(
      [
        'archivalCode',
        'categoryCode',
        'classification',
        'dateFormed',
        'departmentCode',
        'documentNumber',
        'fondsCode',
        'openStatus',
        'pageCount',
        'receivedOn',
        'remarks',
        'responsibleParty',
        'retentionCode',
        'title'
      ].sort()
    )
  })

  it('lists the customer fields with the first contact as contactName and contactPhone', () => {
    expect(IMPORT_FIELDS.customers).toContain('contactName')
    expect(IMPORT_FIELDS.customers).toContain('contactPhone')
    expect(IMPORT_FIELDS.customers).not.toContain('contacts')
    for (const field of ['name', 'legalRepresentative', 'grade', 'dateOpened', 'registeredCapital'])
      expect(IMPORT_FIELDS.customers).toContain(field)
  })

  it.each(['items', 'customers'] as const)('a %s sheet headed with the field names maps to them', (target) => {
    expect(proposeMapping(target, [...IMPORT_FIELDS[target]])).toEqual([...IMPORT_FIELDS[target]])
  })
})

describe('proposeMapping', () => {
  it('归档文件目录 headers', () => {
    expect(proposeMapping('items', ['序号', '档号', '文号', '责任者', '题名', '日期', '密级', '页数', '备注'])).toEqual(
      [
        null,
        'archivalCode',
        'documentNumber',
        'responsibleParty',
        'title',
        'dateFormed',
        'classification',
        'pageCount',
        'remarks'
      ]
    )
  })

  it('卷内文件目录 headers: 页号 is a start page, not a page count', () => {
    expect(proposeMapping('items', ['序号', '文号', '责任者', '题名', '日期', '页号', '备注'])).toEqual([
      null,
      'documentNumber',
      'responsibleParty',
      'title',
      'dateFormed',
      null,
      'remarks'
    ])
  })

  it.each<[string, string | null]>([
    ['题名', 'title'],
    ['标题', 'title'],
    ['文件题名', 'title'],
    ['文件标题', 'title'],
    ['Title', 'title'],
    ['责任者', 'responsibleParty'],
    ['责任单位', 'responsibleParty'],
    ['发文单位', 'responsibleParty'],
    ['Author', 'responsibleParty'],
    ['responsible', 'responsibleParty'],
    ['文号', 'documentNumber'],
    ['发文字号', 'documentNumber'],
    ['文件编号', 'documentNumber'],
    ['Doc No.', 'documentNumber'],
    ['document number', 'documentNumber'],
    ['日期', 'dateFormed'],
    ['形成时间', 'dateFormed'],
    ['形成日期', 'dateFormed'],
    ['成文日期', 'dateFormed'],
    ['DATE', 'dateFormed'],
    ['页数', 'pageCount'],
    ['页', 'pageCount'],
    ['Pages', 'pageCount'],
    ['档号', 'archivalCode'],
    ['Archival code', 'archivalCode'],
    ['Reference Code', 'archivalCode'],
    ['密级', 'classification'],
    ['保管期限', 'retentionCode'],
    ['期限', 'retentionCode'],
    ['Retention', 'retentionCode'],
    ['备注', 'remarks'],
    ['Remarks', 'remarks'],
    ['Notes', 'remarks'],
    ['门类', 'categoryCode'],
    ['门类代码', 'categoryCode'],
    ['Category', 'categoryCode'],
    ['全宗号', 'fondsCode'],
    ['全宗', 'fondsCode'],
    ['Fonds', 'fondsCode'],
    ['机构', 'departmentCode'],
    ['机构代码', 'departmentCode'],
    ['机构（问题）', 'departmentCode'],
    ['机构(问题)', 'departmentCode'],
    ['部门', 'departmentCode'],
    ['Department', 'departmentCode'],
    ['开放标识', 'openStatus'],
    ['开放状态', 'openStatus'],
    ['Access', 'openStatus'],
    ['接收日期', 'receivedOn'],
    ['归档日期', 'receivedOn'],
    ['Received', 'receivedOn'],
    ['Received on', 'receivedOn'],
    ['序号', null],
    ['页号', null],
    ['件号', null],
    ['年度', null],
    ['', null]
  ])('item header %j → %s', (header, field) => {
    expect(proposeMapping('items', [header])).toEqual([field])
  })

  it.each<[string, string | null]>([
    ['客户名称', 'name'],
    ['单位名称', 'name'],
    ['公司名称', 'name'],
    ['名称', 'name'],
    ['Customer', 'name'],
    ['Name', 'name'],
    ['法定代表人', 'legalRepresentative'],
    ['法人', 'legalRepresentative'],
    ['法人代表', 'legalRepresentative'],
    ['地址', 'address'],
    ['通讯地址', 'address'],
    ['邮编', 'postcode'],
    ['邮政编码', 'postcode'],
    ['电话', 'phone'],
    ['联系电话', 'phone'],
    ['Phone', 'phone'],
    ['Tel.', 'phone'],
    ['传真', 'fax'],
    ['FAX', 'fax'],
    ['注册资本', 'registeredCapital'],
    ['注册资金', 'registeredCapital'],
    ['注册资本（万元）', 'registeredCapital'],
    ['Registered capital (10k CNY)', 'registeredCapital'],
    ['行业', 'industry'],
    ['所属行业', 'industry'],
    ['地区', 'region'],
    ['区域', 'region'],
    ['所在地区', 'region'],
    ['等级', 'grade'],
    ['客户等级', 'grade'],
    ['级别', 'grade'],
    ['建档日期', 'dateOpened'],
    ['开户日期', 'dateOpened'],
    ['登记日期', 'dateOpened'],
    ['经营范围', 'businessScope'],
    ['经营规模', 'businessScale'],
    ['规模', 'businessScale'],
    ['信用', 'creditStanding'],
    ['信用状况', 'creditStanding'],
    ['信用等级', 'creditStanding'],
    ['联系人', 'contactName'],
    ['主要联系人', 'contactName'],
    ['联系人电话', 'contactPhone'],
    ['联系人手机', 'contactPhone'],
    ['Contact phone', 'contactPhone'],
    ['联系人职务', null],
    ['已取得客户同意', null],
    ['备注', null]
  ])('customer header %j → %s', (header, field) => {
    expect(proposeMapping('customers', [header])).toEqual([field])
  })

  it('English item headers', () => {
    expect(
      proposeMapping('items', [
        'No.',
        'Reference code',
        'Doc no',
        'Author',
        'Title',
        'Date',
        'Pages',
        'Retention Period',
        'Notes'
      ])
    ).toEqual([
      null,
      'archivalCode',
      'documentNumber',
      'responsibleParty',
      'title',
      'dateFormed',
      'pageCount',
      'retentionCode',
      'remarks'
    ])
  })

  it('customer headers, with phone and contact phone kept apart', () => {
    expect(
      proposeMapping('customers', [
        '客户名称',
        '法定代表人',
        '客户等级',
        '建档日期',
        '联系电话',
        '联系人',
        '联系人电话',
        '经营范围',
        '地址'
      ])
    ).toEqual([
      'name',
      'legalRepresentative',
      'grade',
      'dateOpened',
      'phone',
      'contactName',
      'contactPhone',
      'businessScope',
      'address'
    ])
  })

  it('ignores case, spaces, full-width forms and punctuation', () => {
    expect(proposeMapping('items', [' 题 名 ', 'ＴＩＴＬＥ'])).toEqual(['title', null])
    expect(proposeMapping('items', ['DOC_NO', 'document-number'])).toEqual(['documentNumber', null])
    expect(proposeMapping('items', ['Received-On:'])).toEqual(['receivedOn'])
  })

  it('uses each field at most once, the first column winning', () => {
    expect(proposeMapping('items', ['题名', '标题', '日期', '形成日期'])).toEqual(['title', null, 'dateFormed', null])
  })

  it('matches a header with a bracketed note, but a whole-header match comes first', () => {
    expect(proposeMapping('items', ['形成时间(年月日)', '页数【页】'])).toEqual(['dateFormed', 'pageCount'])
    expect(proposeMapping('items', ['日期（收文）', '日期'])).toEqual([null, 'dateFormed'])
  })

  it('does not match by substring', () => {
    expect(proposeMapping('items', ['题名（含副题名）说明', '文件日期表'])).toEqual([null, null])
  })

  it('the same header means different fields for different targets', () => {
    expect(proposeMapping('items', ['名称', '日期'])).toEqual([null, 'dateFormed'])
    expect(proposeMapping('customers', ['名称', '日期'])).toEqual(['name', null])
  })

  it('an empty header list gives an empty mapping', () => {
    expect(proposeMapping('items', [])).toEqual([])
  })
})

describe('layoutKey', () => {
  const headers = ['序号', '档号', '题名', 'Doc No', '日期']

  it.each([
    ['spacing', ['序号 ', ' 档号', '题 名', 'DocNo', '日期']],
    ['case and punctuation', ['序号', '档号', '题名', 'doc. no.', '日期']],
    ['full-width letters', ['序号', '档号', '题名', 'ＤＯＣ ＮＯ', '日期']],
    ['trailing blank headers', [...headers, '', ' ']]
  ])('is the same despite %s', (_name, other) => {
    expect(layoutKey('items', other)).toBe(layoutKey('items', headers))
  })

  it.each([
    ['another target', () => layoutKey('customers', headers)],
    ['another order', () => layoutKey('items', ['档号', '序号', '题名', 'Doc No', '日期'])],
    ['another column', () => layoutKey('items', [...headers, '备注'])],
    ['a blank column in between', () => layoutKey('items', ['序号', '', '档号', '题名', 'Doc No', '日期'])],
    ['headers split differently', () => layoutKey('items', ['序号档号', '题名', 'Doc No', '日期'])]
  ])('differs for %s', (_name, key) => {
    expect(key()).not.toBe(layoutKey('items', headers))
  })

  it('is stable', () => {
    expect(layoutKey('items', ['题名', '日期'])).toBe('items:题名|日期')
  })
})

describe('normaliseDate', () => {
  it.each<[string, string | null]>([
    ['2023-05-06', '2023-05-06'],
    ['2023-5-6', '2023-05-06'],
    ['2023.5.6', '2023-05-06'],
    ['2023.05.06', '2023-05-06'],
    ['2023/5/6', '2023-05-06'],
    ['2023/5/6 0:00', '2023-05-06'],
    ['2023-05-06 14:30:00', '2023-05-06'],
    ['2023-05-06T14:30', '2023-05-06'],
    ['20230506', '2023-05-06'],
    ['2023年5月6日', '2023-05-06'],
    ['2023年05月06日', '2023-05-06'],
    [' 2023.5.6 ', '2023-05-06'],
    ['２０２３．５．６', '2023-05-06'],
    ['2024-02-29', '2024-02-29'],
    ['2000-02-29', '2000-02-29'],
    ['45052', '2023-05-06'],
    ['45052.75', '2023-05-06'],
    ['20000', '1954-10-03'],
    ['80000', '2119-01-11'],
    ['43831', '2020-01-01'],
    ['2023-02-30', null],
    ['2023-02-29', null],
    ['1900-02-29', null],
    ['2023-13-01', null],
    ['2023-00-10', null],
    ['2023-04-31', null],
    ['2023-04-00', null],
    ['20230230', null],
    ['2023年2月30日', null],
    ['2023.5-6', null],
    ['23.5.6', null],
    ['2023-05', null],
    ['2023年5月', null],
    ['19999', null],
    ['80001', null],
    ['123', null],
    ['2023', null],
    ['0000-01-01', null],
    ['abc', null],
    ['', null]
  ])('%j → %s', (value, date) => {
    expect(normaliseDate(value)).toBe(date)
  })
})

describe('normaliseEnum', () => {
  const retention = { 永久: 'Y', 定期30年: 'D30', '30年': 'D30', 定期10年: 'D10' }

  it.each<[string, string, string]>([
    ['classification', '普通', 'none'],
    ['classification', '无', 'none'],
    ['classification', '公开', 'none'],
    ['classification', '内部', 'internal'],
    ['classification', '秘密', 'secret'],
    ['classification', '机密', 'confidential'],
    ['classification', '绝密', 'top_secret'],
    ['classification', ' 绝密 ', 'top_secret'],
    ['classification', 'top_secret', 'top_secret'],
    ['classification', 'Top secret', 'top_secret'],
    ['classification', 'SECRET', 'secret'],
    ['classification', 'none', 'none'],
    ['classification', '核心商密', '核心商密'],
    ['classification', '', ''],
    ['openStatus', '开放', 'open'],
    ['openStatus', '控制', 'restricted'],
    ['openStatus', '控制使用', 'restricted'],
    ['openStatus', '限制', 'restricted'],
    ['openStatus', '不开放', 'closed'],
    ['openStatus', '封闭', 'closed'],
    ['openStatus', 'restricted', 'restricted'],
    ['openStatus', 'Open', 'open'],
    ['openStatus', '半开放', '半开放'],
    ['grade', '重要', 'important'],
    ['grade', '紧要', 'important'],
    ['grade', 'A', 'important'],
    ['grade', 'a', 'important'],
    ['grade', '特殊', 'special'],
    ['grade', 'B', 'special'],
    ['grade', '一般', 'general'],
    ['grade', 'C', 'general'],
    ['grade', 'general', 'general'],
    ['grade', 'D', 'D'],
    ['retentionCode', '永久', 'Y'],
    ['retentionCode', '定期30年', 'D30'],
    ['retentionCode', '定期 30 年', 'D30'],
    ['retentionCode', '30年', 'D30'],
    ['retentionCode', 'D10', 'D10'],
    ['retentionCode', 'd10', 'D10'],
    ['retentionCode', 'Y', 'Y'],
    ['retentionCode', '长期', '长期'],
    ['title', '绝密', '绝密'],
    ['remarks', ' 开放 ', '开放'],
    ['constructor', '开放', '开放']
  ])('%s %j → %j', (field, value, code) => {
    expect(normaliseEnum(field, value, retention)).toBe(code)
  })

  it('a retention name is looked up only in the map given', () => {
    expect(normaliseEnum('retentionCode', '永久', {})).toBe('永久')
    expect(normaliseEnum('retentionCode', '永久', { 永久: 'P' })).toBe('P')
  })
})
