import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { afterEach, describe, expect, it } from 'vitest'
import { makeApp, type TestApp } from '../support/app'

let app: TestApp
afterEach(async () => app?.close())

async function workbook(): Promise<JSZip> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('客户')
  sheet.addRow(['名称', '法定代表人'])
  sheet.addRow(['甲公司', '张三'])
  return JSZip.loadAsync(Buffer.from(await book.xlsx.writeBuffer()))
}

async function sheetXml(zip: JSZip): Promise<string> {
  return zip.file('xl/worksheets/sheet1.xml')!.async('string')
}

const crafted: [string, () => Promise<Buffer>][] = [
  [
    'a sheet that is not well-formed XML',
    async () => {
      const zip = await workbook()
      zip.file(
        'xl/worksheets/sheet1.xml',
        (await sheetXml(zip)).replace('</sheetData>', '<row r="9"><c r="A9"><v>1</c></row></sheetData>')
      )
      return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
    }
  ],
  [
    'a cell nested 200 000 elements deep',
    async () => {
      const zip = await workbook()
      const deep = `${'<x>'.repeat(200_000)}${'</x>'.repeat(200_000)}`
      zip.file(
        'xl/worksheets/sheet1.xml',
        (await sheetXml(zip)).replace(
          '</sheetData>',
          `<row r="9"><c r="A9" t="inlineStr"><is>${deep}<t>深</t></is></c></row></sheetData>`
        )
      )
      return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
    }
  ],
  [
    'a shared-string index far past the table',
    async () => {
      const zip = await workbook()
      zip.file(
        'xl/worksheets/sheet1.xml',
        (await sheetXml(zip)).replace(
          '</sheetData>',
          '<row r="9"><c r="A9" t="s"><v>99999999</v></c><c r="B9" t="s"><v>-1</v></c></row></sheetData>'
        )
      )
      return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
    }
  ],
  [
    'a workbook without its workbook.xml',
    async () => {
      const zip = await workbook()
      zip.remove('xl/workbook.xml')
      return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
    }
  ],
  [
    'a cell reference of column XFD and row 1 048 577',
    async () => {
      const zip = await workbook()
      zip.file(
        'xl/worksheets/sheet1.xml',
        (await sheetXml(zip)).replace(
          '</sheetData>',
          '<row r="1048577"><c r="XFD1048577" t="inlineStr"><is><t>远</t></is></c></row></sheetData>'
        )
      )
      return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
    }
  ],
  [
    'a 50 MB CSV line without a comma or newline',
    async () => Buffer.from(`名称,法定代表人\r\n${'长'.repeat(17_000_000)}`, 'utf8')
  ],
  [
    'a CSV with NULs and a lone surrogate',
    async () => Buffer.from(`名称,法定代表人\r\n甲\u0000公司,张\uD800三\r\n`, 'utf8')
  ]
]

describe('crafted import files: refused or read, in words, never an internal error, and the app keeps answering', () => {
  for (const [name, make] of crafted) {
    it(
      name,
      async () => {
        app = await makeApp()
        const key = await app.signInAs('archivist', 'keeper')
        const bytes = await make()
        const fileName = name.includes('CSV') ? 'crafted.csv' : 'crafted.xlsx'
        const file = { target: 'customers' as const, fileName, base64: bytes.toString('base64') }
        const pending = app.dispatch('import.preview', file, key)
        const list = await app.dispatch('customers.list', { pageSize: 5 }, key)
        const preview = await pending
        const dry = await app.dispatch(
          'import.dryRun',
          { ...file, mapping: ['name', 'legalRepresentative'], defaults: {} },
          key
        )
        const outcome = (r: typeof preview | typeof dry) => (r.ok ? 'ok' : `${r.error.code} ${r.error.message}`)
        console.log(
          name,
          '→ preview',
          outcome(preview),
          '| dryRun',
          outcome(dry),
          '| rss MB',
          Math.round(process.memoryUsage().rss / 1e6)
        )
        expect(list.ok).toBe(true)
        expect(outcome(preview)).not.toMatch(/INTERNAL/)
        expect(outcome(dry)).not.toMatch(/INTERNAL/)
      },
      60_000
    )
  }
})
