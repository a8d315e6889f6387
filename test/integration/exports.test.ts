import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { makeApp, sampleCustomer, type TestApp } from '../support/app'
import { itemInput } from '../support/records'

let app: TestApp
afterEach(async () => app?.close())

async function readBack(base64: string) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer)
  return workbook.worksheets[0]
}

const CUSTOMER_COLUMNS = [
  { key: 'name', title: '客户名称' },
  { key: 'grade', title: '客户等级', labels: { important: '重要', special: '特殊', general: '一般' } },
  { key: 'dateOpened', title: '建档日期' },
  { key: 'primaryContactPhone', title: '联系人电话' }
]

describe('export to Excel', () => {
  it('exports every row the list shows, with the columns and labels the user sees, real dates and a frozen styled header', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist', 'liwen')
    for (let i = 0; i < 25; i += 1) {
      await app.call(
        'customers.create',
        sampleCustomer({ name: `物流客户${String(i).padStart(2, '0')}`, grade: i % 2 ? 'important' : 'general' }),
        key
      )
    }
    await app.call('customers.create', sampleCustomer({ name: '北京华信贸易公司', industry: '贸易' }), key)
    const result = await app.call(
      'export.list',
      { view: 'customers', query: { search: '物流', sortBy: 'name', sortOrder: 'ascend' }, columns: CUSTOMER_COLUMNS },
      key
    )
    expect(result.rows).toBe(25)
    expect(result.fileName).toBe('客户-2026-03-02.xlsx')
    const sheet = await readBack(result.base64)
    expect(sheet.getRow(1).values).toEqual([undefined, '客户名称', '客户等级', '建档日期', '联系人电话'])
    expect(sheet.getRow(1).font?.bold).toBe(true)
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(sheet.rowCount).toBe(26)
    expect(sheet.getRow(2).getCell(1).value).toBe('物流客户00')
    expect(sheet.getRow(2).getCell(2).value).toBe('一般')
    expect(sheet.getRow(3).getCell(2).value).toBe('重要')
    const opened = sheet.getRow(2).getCell(3)
    expect(opened.value).toEqual(new Date('2026-03-01T00:00:00Z'))
    expect(opened.numFmt).toBe('yyyy-mm-dd')
    expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(12)
  })

  it('R-CUST-5 masks contact phones for roles that may not see them, and logs the export', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist', 'liwen')
    const viewer = await app.signInAs('staff_viewer', 'chakan')
    const auditor = await app.signInAs('auditor', 'shenji')
    await app.call('customers.create', sampleCustomer(), key)
    const sheet = await readBack(
      (await app.call('export.list', { view: 'customers', query: {}, columns: CUSTOMER_COLUMNS }, viewer)).base64
    )
    expect(sheet.getRow(2).getCell(4).value).toBe('138******78')
    const logged = await app.call('audit.list', { action: 'export' }, auditor)
    expect(logged.rows[0]).toMatchObject({ username: 'chakan', entity: 'customer', after: { rows: 1 } })
  })

  it('exports items with numbers as numbers, and refuses a column the list does not have', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist', 'liwen')
    await app.call('items.create', itemInput({ pageCount: 12 }), key)
    const columns = [
      { key: 'title', title: '题名' },
      { key: 'pageCount', title: '页数' },
      { key: 'year', title: '年度' }
    ]
    const sheet = await readBack((await app.call('export.list', { view: 'items', query: {}, columns }, key)).base64)
    expect(sheet.getRow(2).values).toEqual([undefined, '上海顺达物流有限公司仓储合同', 12, 2025])
    const refused = await app.dispatch(
      'export.list',
      { view: 'items', query: {}, columns: [{ key: 'passwordHash', title: 'x' }] },
      key
    )
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: [{ path: 'columns', message: 'validation.unknownColumn' }] }
    })
  })

  it('a label map is a plain lookup: keys such as constructor, toString or __proto__ neither crash it nor borrow from JavaScript', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist', 'liwen')
    await app.call(
      'customers.create',
      sampleCustomer({ name: 'toString', industry: 'constructor', region: '__proto__' }),
      key
    )
    // JSON, as the renderer sends it, where "__proto__" is an ordinary key rather than an object literal's prototype.
    const input: unknown = JSON.parse(`{"view": "customers", "query": {}, "columns": [
      {"key": "name", "title": "客户名称", "labels": {"constructor": "构造"}},
      {"key": "industry", "title": "行业", "labels": {"toString": "转换"}},
      {"key": "region", "title": "地区", "labels": {"__proto__": "原型", "hasOwnProperty": "自有"}},
      {"key": "grade", "title": "客户等级", "labels": {"important": "重要"}}
    ]}`)
    const reply = await app.dispatch('export.list', input, key)
    if (!reply.ok) throw new Error(JSON.stringify(reply.error))
    const sheet = await readBack((reply.data as { base64: string }).base64)
    // The contract's parser drops a "__proto__" key, so that value stays as stored rather than taking a label.
    expect(sheet.getRow(2).values).toEqual([undefined, 'toString', 'constructor', '__proto__', '重要'])
  })
})
