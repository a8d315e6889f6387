/**
 * R-USE-7, R-USE-8, R-USE-10: the loan and consultation registers, out-cards, reminder and request form rendered to
 * PDF in Chromium and read back with pdftotext; the registers' .xlsx read back with exceljs.
 */
import ExcelJS from 'exceljs'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChannelInput, UseRequest } from '@preload/contract'
import { makeApp, USER_PASSWORD, type TestApp } from '../support/app'
import { compact, launchChromium, renderPdf } from '../support/pdf'
import { itemInput } from '../support/records'
import { signerFor } from '../support/use'

let app: TestApp
let browser: Browser
let archivist: string
const requests: UseRequest[] = []

async function goOut(input: ChannelInput<'use.create'>): Promise<UseRequest> {
  let request = await app.call('use.create', input, archivist)
  for (const { step } of request.chain) {
    request = await app.call(
      'use.approve',
      {
        id: request.id,
        version: request.version,
        step,
        signerUserId: await signerFor(app, request, step),
        signedOn: '2026-03-02',
        decision: 'approved'
      },
      archivist
    )
  }
  return app.call('use.checkout', { id: request.id, version: request.version }, archivist)
}

const base = {
  applicantKind: 'internal' as const,
  departmentCode: 'ZS',
  purpose: '核对合同条款',
  startOn: '2026-03-02',
  copies: 1
}

beforeAll(async () => {
  browser = await launchChromium()
  app = await makeApp()
  archivist = await app.signInAs('archivist', 'liwen')
  const items = []
  for (let i = 1; i <= 30; i += 1) {
    const created = await app.call(
      'items.create',
      itemInput({ title: `上海顺达物流有限公司仓储合同第${i}号`, pageCount: 4 }),
      archivist
    )
    items.push(await app.call('items.catalogue', { id: created.id }, archivist))
  }
  // 28 loans of one record each make the register run over a page; one has two records, one is a consultation.
  for (let i = 0; i < 28; i += 1) {
    requests.push(
      await goOut({
        ...base,
        kind: 'loan',
        applicantName: `借阅人${i + 1}`,
        reason: `第${i + 1}次核对`,
        records: [{ subject: 'item', id: items[i].id }],
        dueOn: '2026-03-05',
        excerptAnswer: 'original_needed'
      })
    )
  }
  requests.push(
    await goOut({
      ...base,
      kind: 'consultation',
      applicantName: '李四',
      reason: '了解合作历史',
      purpose: '编写客户往来纪要',
      records: [
        { subject: 'item', id: items[28].id },
        { subject: 'item', id: items[29].id }
      ]
    })
  )
  app.clock.now = new Date('2026-03-04T10:00:00')
  await app.call('auth.unlock', { password: USER_PASSWORD }, archivist)
  const first = requests[0]
  requests[0] = await app.call(
    'use.return',
    {
      id: first.id,
      version: first.version,
      records: [{ subject: 'item', id: first.records[0].id, condition: 'complete', pagesChecked: 4 }]
    },
    archivist
  )
  app.clock.now = new Date('2026-03-09T10:00:00')
  await app.call('auth.unlock', { password: USER_PASSWORD }, archivist)
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await app?.close()
})

async function pdfOf(input: ChannelInput<'print.use'>, name: string) {
  const { html } = await app.call('print.use', input, archivist)
  return renderPdf(browser, html, name)
}

describe('R-USE-10 the loan register', () => {
  it('prints every loan of the range on A4 landscape with its columns, repeated header and page numbers', async () => {
    const pdf = await pdfOf(
      { document: 'register', register: 'loan', from: '2026-03-01', to: '2026-03-31' },
      'loan-register'
    )
    expect(pdf.widthPt).toBeGreaterThan(pdf.heightPt)
    expect(pdf.pages).toBeGreaterThan(1)
    for (const page of pdf.pageTexts) {
      for (const column of [
        '借阅日期',
        '借阅人',
        '部门',
        '档号',
        '题名',
        '份数',
        '借阅理由',
        '应还日期',
        '归还日期',
        '注销',
        '借阅人签字'
      ])
        expect(compact(page)).toContain(column)
    }
    expect(compact(pdf.pageTexts[0])).toContain('借阅登记簿')
    expect(compact(pdf.pageTexts[0])).toContain('起止日期：2026-03-01至2026-03-31')
    expect(compact(pdf.text)).toContain(`第1页共${pdf.pages}页`)
    const text = compact(pdf.raw)
    for (const request of requests.slice(0, 28)) expect(text).toContain(request.applicantName)
    expect(text).toContain(requests[0].records[0].archivalCode!.replace(/\s/g, ''))
    expect(text).toContain('2026-03-04已注销')
    expect(text).toContain('逾期未还')
    expect(text).not.toContain('李四')
  })

  it('the consultation register lists reading in the room, one row per record', async () => {
    const pdf = await pdfOf(
      { document: 'register', register: 'consultation', from: '2026-03-01', to: '2026-03-31' },
      'consultation-register'
    )
    const text = compact(pdf.raw)
    for (const column of ['查阅日期', '查阅人', '单位/部门', '档号', '题名', '目的', '结束日期', '签字'])
      expect(text).toContain(column)
    expect(text.match(/李四/g)?.length).toBe(2)
    expect(text).toContain('编写客户往来纪要')
    expect(text).toContain('招商运营部')
  })

  it('a range with nothing in it says so; a reversed range is a field error', async () => {
    const pdf = await pdfOf(
      { document: 'register', register: 'loan', from: '2025-01-01', to: '2025-01-31' },
      'empty-register'
    )
    expect(compact(pdf.text)).toContain('此期间没有登记')
    const reversed = await app.dispatch(
      'print.use',
      { document: 'register', register: 'loan', from: '2026-03-31', to: '2026-03-01' },
      archivist
    )
    expect(reversed).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: [{ path: 'to', message: 'validation.dateOrder' }] }
    })
  })
})

describe('R-USE-7 out-cards, R-USE-8 reminder, the request form', () => {
  it('prints one out-card per record with code, title, borrower, date out and due date', async () => {
    const consultation = requests[28]
    const pdf = await pdfOf({ document: 'outCards', id: consultation.id }, 'out-cards')
    const text = compact(pdf.raw)
    expect(text.match(/代替卡/g)?.length).toBe(2)
    for (const record of consultation.records) expect(text).toContain(record.archivalCode!)
    expect(text).toContain('李四（招商运营部）')
    expect(text).toContain('取出日期2026-03-02')
  })

  it('prints a reminder for an overdue loan with its days late', async () => {
    const pdf = await pdfOf({ document: 'reminder', id: requests[1].id }, 'reminder')
    const text = compact(pdf.raw)
    expect(text).toContain('档案催还通知单')
    expect(text).toContain('借阅人2')
    expect(text).toContain('应于2026-03-05归还，已逾期4天')
    expect(await app.dispatch('print.use', { document: 'reminder', id: requests[0].id }, archivist)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'errors.useNotOut' }
    })
  })

  it('prints the request form with a signature block per step, signed ones filled in', async () => {
    const pdf = await pdfOf({ document: 'form', id: requests[2].id }, 'form')
    const text = compact(pdf.raw)
    expect(text).toContain('档案借阅申请单')
    expect(text).toContain('部门负责人意见：同意')
    expect(text).toContain('档案部门负责人意见：同意')
    expect(text).toContain('王部长')
    expect(text).toContain('2026年3月2日')
    expect(text).toContain('依据：档案部门负责人审批。')
    expect(text).not.toMatch(/R-[A-Z]+-\d/)
  })
})

describe('R-USE-10 registers to Excel', () => {
  it('exports the loan register with a styled frozen header, widths, real dates and the values', async () => {
    const result = await app.call(
      'export.useRegister',
      { register: 'loan', from: '2026-03-01', to: '2026-03-31' },
      archivist
    )
    expect(result).toMatchObject({ fileName: '借阅登记簿-2026-03-01-2026-03-31.xlsx', rows: 28 })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(result.base64, 'base64') as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '编号',
      '借阅日期',
      '借阅人',
      '部门',
      '档号',
      '题名',
      '份数',
      '借阅理由',
      '应还日期',
      '归还日期',
      '注销'
    ])
    expect(sheet.getRow(1).font?.bold).toBe(true)
    expect(sheet.getRow(1).fill).toMatchObject({ type: 'pattern', pattern: 'solid' })
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(sheet.rowCount).toBe(29)
    const first = sheet.getRow(2)
    expect(first.getCell(1).value).toMatch(/^JY-2026-\d{4}$/)
    expect(first.getCell(2).value).toEqual(new Date('2026-03-02T00:00:00Z'))
    expect(first.getCell(2).numFmt).toBe('yyyy-mm-dd')
    expect(first.getCell(3).value).toBe('借阅人1')
    expect(first.getCell(4).value).toBe('招商运营部')
    expect(first.getCell(5).value).toBe(requests[0].records[0].archivalCode)
    expect(first.getCell(7).value).toBe(1)
    expect(first.getCell(10).value).toEqual(new Date('2026-03-04T00:00:00Z'))
    expect(first.getCell(11).value).toBe('已注销')
    expect(sheet.getRow(3).getCell(10).value).toBeNull()
    expect(sheet.getRow(3).getCell(11).value).toBe('逾期未还')
    expect(sheet.getColumn(6).width).toBeGreaterThan(20)
    const logged = await app.database.query(
      `SELECT action FROM audit_log WHERE entity = 'use_request' AND entity_id = ?`,
      [result.fileName]
    )
    expect(logged).toEqual([{ action: 'export' }])
  })

  it('exports the consultation register', async () => {
    const result = await app.call(
      'export.useRegister',
      { register: 'consultation', from: '2026-03-01', to: '2026-03-31' },
      archivist
    )
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(result.base64, 'base64') as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]
    expect(sheet.getRow(1).getCell(1).value).toBe('编号')
    expect(sheet.getRow(1).getCell(2).value).toBe('查阅日期')
    expect(sheet.rowCount).toBe(3)
    expect(sheet.getRow(2).getCell(1).value).toMatch(/^CY-2026-\d{4}$/)
    expect(sheet.getRow(2).getCell(7).value).toBe('编写客户往来纪要')
  })
})
