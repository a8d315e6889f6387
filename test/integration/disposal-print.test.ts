import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeApp, type TestApp } from '../support/app'
import { archiveOf2014, destroyed, ref } from '../support/disposal'
import { compact, launchChromium, renderPdf } from '../support/pdf'

let browser: Browser
let app: TestApp
const outDir = process.env.PRINTABLES_OUT_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'disposal-print-'))

beforeAll(async () => {
  fs.mkdirSync(outDir, { recursive: true })
  browser = await launchChromium()
  app = await makeApp()
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await app?.close()
  if (!process.env.PRINTABLES_OUT_DIR) fs.rmSync(outDir, { recursive: true, force: true })
})

describe('R-DISP-4, 5, 7 printed on A4 and read back', () => {
  it('the listing, the appraisal report and the destruction register carry their columns, records and signatures', async () => {
    const archive = await archiveOf2014(app)
    const listing = await app.call(
      'print.disposal',
      { document: 'dueListing', categoryCode: ['KH'] },
      archive.archivist
    )
    const listed = await renderPdf(browser, listing.html, 'due-listing', outDir)
    expect(compact(listed.raw)).toContain('到期档案登记造册')
    for (const code of [archive.contract.archivalCode!, archive.letter.archivalCode!, archive.volume.archivalCode])
      expect(compact(listed.raw)).toContain(compact(code))
    expect(compact(listed.raw)).not.toContain('公司章程')

    const batch = await destroyed(app, archive, [ref('item', archive.contract.id), ref('volume', archive.volume.id)])
    const report = await renderPdf(
      browser,
      (await app.call('print.disposal', { document: 'appraisalReport', id: batch.id }, archive.manager)).html,
      'appraisal-report',
      outDir
    )
    const reportText = compact(report.raw)
    for (const text of [
      '档案鉴定报告',
      '档案部门负责人',
      '王经理',
      '形成部门负责人',
      '李主任',
      '拟销毁2份',
      '封存期满：2026-09-02',
      '顺达物流仓储合同'
    ])
      expect(reportText).toContain(text)

    const register = await renderPdf(
      browser,
      (await app.call('print.disposal', { document: 'destructionRegister', id: batch.register!.id }, archive.archivist))
        .html,
      'destruction-register',
      outDir
    )
    expect([register.widthPt, register.heightPt].map(Math.round)).toEqual([842, 595])
    const text = compact(register.raw)
    for (const column of ['档号', '文号', '责任者', '题名', '形成时间', '应保管期限', '已保管时间', '销毁时间'])
      expect(text).toContain(column)
    for (const value of [
      compact(archive.contract.archivalCode!),
      '招合〔2014〕7号',
      '顺达物流仓储合同',
      '20140510',
      '定期10年',
      '11年',
      '20261008',
      '公司碎纸间',
      '碎纸机粉碎',
      '批准领导',
      '刘副总',
      '监销人',
      '张监销',
      '赵监销',
      '经办人',
      '清点2份',
      '第1页共1页'
    ]) {
      expect(text, value).toContain(value)
    }
  })
})
