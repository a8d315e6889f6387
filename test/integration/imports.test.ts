import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import type { ChannelInput } from '@preload/contract'
import { IMPORT_LIMITS } from '@main/import/limits'
import { makeApp, type TestApp } from '../support/app'
import { ITEM_IMPORT_DEFAULTS, runImport as follow } from '../support/imports'

let app: TestApp
afterEach(async () => app?.close())

const CATALOGUE_CSV = [
  '序号,档号,文号,责任者,题名,日期,密级,页数,备注',
  '1,J001-WS·2023-Y-BGS-0001,办〔2023〕1号,办公室,关于印发档案管理制度的通知,2023.5.6,普通,4,',
  '2,J001-WS·2023-Y-BGS-0002,办〔2023〕2号,办公室,"关于成立档案工作领导小组的通知",20230612,内部,2,',
  '3,J001-WS·2023-Y-BGS-0003,,办公室,2023年工作总结,2023-12-28,普通,0,页数缺失',
  '4,J001-WS·2023-Y-BGS-0004,,,无责任者的文件,2023-02-30,普通,3,日期错误',
  '5,J001-WS·2023-Y-BGS-0005,办〔2023〕9号,办公室,年度预算的请示,45052,普通,6,'
].join('\r\n')

const base64 = (text: string) => Buffer.from(`\uFEFF${text}`, 'utf8').toString('base64')

const runImport = (input: ChannelInput<'import.start'>, key: string) => follow(app, input, key)

async function setUp() {
  app = await makeApp()
  return app.signInAs('archivist', 'liwen')
}

const plan = (text: string, mapping: (string | null)[]) => ({
  target: 'items' as const,
  fileName: '2023年归档文件目录.csv',
  base64: base64(text),
  mapping,
  defaults: ITEM_IMPORT_DEFAULTS
})

describe('import', () => {
  it('proposes the mapping from the headers, reports bad rows by row number, imports the good ones once', async () => {
    const key = await setUp()
    const preview = await app.call(
      'import.preview',
      { target: 'items', fileName: '2023年归档文件目录.csv', base64: base64(CATALOGUE_CSV) },
      key
    )
    expect(preview.encoding).toBe('utf-8')
    expect(preview.totalRows).toBe(5)
    expect(preview.mapping).toEqual([
      null,
      'archivalCode',
      'documentNumber',
      'responsibleParty',
      'title',
      'dateFormed',
      'classification',
      'pageCount',
      'remarks'
    ])

    const report = await app.call('import.dryRun', plan(CATALOGUE_CSV, preview.mapping), key)
    expect(report).toMatchObject({ total: 5, valid: 3, duplicates: 0 })
    expect(report.errors.map((e) => [e.row, e.field])).toEqual(
      expect.arrayContaining([
        [4, 'pageCount'],
        [5, 'responsibleParty'],
        [5, 'dateFormed']
      ])
    )
    expect(report.reportBase64).not.toBeNull()
    expect((await app.call('items.list', {}, key)).total).toBe(0)

    const refused = await runImport({ ...plan(CATALOGUE_CSV, preview.mapping), mode: 'allOrNothing' }, key)
    expect(refused).toMatchObject({ state: 'failed', error: { code: 'POLICY_DENIED', message: 'import.hasErrors' } })
    expect((await app.call('items.list', {}, key)).total).toBe(0)

    const result = await runImport({ ...plan(CATALOGUE_CSV, preview.mapping), mode: 'validOnly' }, key)
    expect(result).toMatchObject({
      state: 'done',
      done: 3,
      total: 3,
      result: { imported: 3, skippedDuplicates: 0, skippedInvalid: 2 }
    })
    const items = await app.call('items.list', { sortBy: 'archivalCode', sortOrder: 'ascend' }, key)
    expect(items.rows.map((r) => [r.archivalCode, r.dateFormed, r.classification, r.status])).toEqual([
      ['J001-WS·2023-Y-BGS-0001', '2023-05-06', 'none', 'catalogued'],
      ['J001-WS·2023-Y-BGS-0002', '2023-06-12', 'internal', 'catalogued'],
      ['J001-WS·2023-Y-BGS-0005', '2023-05-06', 'none', 'catalogued']
    ])
    expect((await app.call('items.list', { search: '档案管理制度' }, key)).total).toBe(1)

    const again = await runImport({ ...plan(CATALOGUE_CSV, preview.mapping), mode: 'validOnly' }, key)
    expect(again.result).toMatchObject({ imported: 0, skippedDuplicates: 3 })
    expect((await app.call('items.list', {}, key)).total).toBe(3)

    const auditor = await app.signInAs('auditor', 'shenji')
    const logged = await app.call('audit.list', { action: 'import' }, auditor)
    expect(logged.total).toBe(3)
    expect(logged.rows.map((r) => (r.after as { source: unknown }).source)).toContainEqual({
      file: '2023年归档文件目录.csv',
      row: 6
    })
    expect((await app.call('audit.verify', {}, auditor)).ok).toBe(true)

    const next = await app.call(
      'items.create',
      {
        fondsCode: 'J001',
        categoryCode: 'WS',
        retentionCode: 'Y',
        departmentCode: 'BGS',
        title: '新文件',
        responsibleParty: '办公室',
        dateFormed: '2023-08-01',
        pageCount: 1,
        classification: 'none',
        openStatus: 'open',
        receivedOn: '2024-01-10'
      },
      key
    )
    expect((await app.call('items.catalogue', { id: next.id }, key)).archivalCode).toBe('J001-WS·2023-Y-BGS-0006')
  })

  it('a cancelled import writes nothing at all', async () => {
    const key = await setUp()
    const lines = ['档号,责任者,题名,日期,页数']
    for (let i = 1; i <= 9000; i += 1)
      lines.push(`J001-WS·2023-Y-BGS-${String(i).padStart(4, '0')},办公室,文件${i},2023-05-06,2`)
    const planned = plan(lines.join('\n'), ['archivalCode', 'responsibleParty', 'title', 'dateFormed', 'pageCount'])
    // The import reads the file once, writing as it goes; the dry run before it told how many rows it will write.
    await app.call('import.dryRun', planned, key)
    const input = { ...planned, mode: 'validOnly' as const }
    const { jobId } = await app.call('import.start', input, key)
    let progress = await app.call('import.progress', { jobId }, key)
    while (progress.state === 'running' && progress.done === 0) {
      await new Promise((resolve) => setImmediate(resolve))
      progress = await app.call('import.progress', { jobId }, key)
    }
    expect(progress).toMatchObject({ state: 'running', total: 9000 })
    expect(progress.done).toBeLessThan(9000)
    await app.call('import.cancel', { jobId }, key)
    while (progress.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 5))
      progress = await app.call('import.progress', { jobId }, key)
    }
    expect(progress).toMatchObject({ state: 'cancelled', error: { message: 'import.cancelled' } })
    expect((await app.call('items.list', {}, key)).total).toBe(0)
    expect((await app.database.query("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'import'"))[0].n).toBe(0)
  })

  it('remembers the mapping for files of the same layout', async () => {
    const key = await setUp()
    const mapping = [
      null,
      'archivalCode',
      'documentNumber',
      'responsibleParty',
      'title',
      'dateFormed',
      'classification',
      'pageCount',
      null
    ]
    await runImport({ ...plan(CATALOGUE_CSV, mapping), mode: 'validOnly' }, key)
    const preview = await app.call(
      'import.preview',
      { target: 'items', fileName: '另一个文件.csv', base64: base64(CATALOGUE_CSV) },
      key
    )
    expect(preview).toMatchObject({ remembered: true, mapping })
  })

  it('refuses a mapping without the required fields, and a file it cannot read', async () => {
    const key = await setUp()
    const missing = await app.dispatch(
      'import.dryRun',
      plan(CATALOGUE_CSV, [null, null, null, null, 'title', null, null, null, null]),
      key
    )
    expect(missing).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        details: expect.arrayContaining([
          { path: 'mapping', message: 'validation.mappingMissing', params: { field: 'dateFormed' } }
        ])
      }
    })
    const junk = await app.dispatch(
      'import.preview',
      { target: 'items', fileName: 'x.xlsx', base64: Buffer.from('not a workbook').toString('base64') },
      key
    )
    expect(junk).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: [{ path: 'fileName', message: 'validation.importUnreadable' }] }
    })
  })

  it('imports customers from .xlsx, with Excel dates and the first contact', async () => {
    const key = await setUp()
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('客户')
    sheet.addRow(['客户名称', '法定代表人', '邮编', '客户等级', '建档日期', '联系人', '联系人电话'])
    sheet.addRow([
      '上海顺达物流有限公司',
      '王建国',
      201203,
      '重要',
      new Date(Date.UTC(2024, 2, 1)),
      '李娜',
      '13812345678'
    ])
    sheet.addRow(['北京华信贸易公司', '赵敏', '1000', '一般', '2024-04-01', '', ''])
    const file = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64')
    const preview = await app.call(
      'import.preview',
      { target: 'customers', fileName: '客户名单.xlsx', base64: file },
      key
    )
    expect(preview.mapping).toEqual([
      'name',
      'legalRepresentative',
      'postcode',
      'grade',
      'dateOpened',
      'contactName',
      'contactPhone'
    ])
    const report = await app.call(
      'import.dryRun',
      { target: 'customers', fileName: '客户名单.xlsx', base64: file, mapping: preview.mapping, defaults: {} },
      key
    )
    expect(report.errors).toEqual([{ row: 3, field: 'postcode', message: 'validation.postcode' }])
    await runImport(
      {
        target: 'customers',
        fileName: '客户名单.xlsx',
        base64: file,
        mapping: preview.mapping,
        defaults: {},
        mode: 'validOnly'
      },
      key
    )
    const list = await app.call('customers.list', { search: '顺达' }, key)
    expect(list.rows[0]).toMatchObject({
      name: '上海顺达物流有限公司',
      grade: 'important',
      dateOpened: '2024-03-01',
      primaryContact: '李娜'
    })
    // S124–S125: the imported contact's phone is sealed in the audit log as in its table.
    const logged = JSON.stringify(await app.database.query("SELECT after FROM audit_log WHERE action = 'import'"))
    expect(logged).toContain('李娜')
    expect(logged).not.toContain('13812345678')
  })
})

describe('import limits', () => {
  it('a file over a limit is refused as VALIDATION with the limit named, by every step, and the app keeps answering', async () => {
    app = await makeApp(undefined, { importLimits: { ...IMPORT_LIMITS, rows: 4 } })
    const key = await app.signInAs('archivist', 'liwen')
    const input = { target: 'items' as const, fileName: '目录.csv', base64: base64(CATALOGUE_CSV) }
    const refused = {
      ok: false,
      error: { code: 'VALIDATION', message: 'errors.importTooManyRows', params: { limit: 4 } }
    }
    expect(await app.dispatch('import.preview', input, key)).toEqual(refused)
    const mapping = [
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
    expect(await app.dispatch('import.dryRun', plan(CATALOGUE_CSV, mapping), key)).toEqual(refused)
    const run = await runImport({ ...plan(CATALOGUE_CSV, mapping), mode: 'validOnly' }, key)
    expect(run).toMatchObject({ state: 'failed', error: refused.error })
    expect((await app.call('items.list', {}, key)).total).toBe(0)
  })

  it('the preview cuts a long cell to 200 characters and a mark; the file is read whole', async () => {
    const key = await setUp()
    const long = '长'.repeat(5000)
    const preview = await app.call(
      'import.preview',
      { target: 'items', fileName: 'long.csv', base64: base64(`题名,备注\n通知,${long}`) },
      key
    )
    expect(preview.sample).toEqual([['通知', `${'长'.repeat(200)}…`]])
    expect(preview.totalRows).toBe(1)
  })
})
