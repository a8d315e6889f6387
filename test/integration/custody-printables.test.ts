/** The inspection report rendered to PDF in Chromium and read back (R-KEEP-3, R-STAT-2). */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeApp, type TestApp } from '../support/app'
import { compact, launchChromium, renderPdf } from '../support/pdf'
import { itemInput as item } from '../support/records'

let browser: Browser
let app: TestApp
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await app?.close()
})

describe('R-STAT-2 printed inspection report', () => {
  it('prints the scope, the out-of-range temperature, the checklist, every finding and the signature lines on A4, and logs the print', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist', 'liwen')
    const auditor = await app.signInAs('auditor')
    const room = await app.call('locations.create', { parentId: null, kind: 'room', code: 'A', name: '一号库房' }, key)
    const rack = await app.call(
      'locations.create',
      { parentId: room.id, kind: 'rack', code: '01', name: '密集架' },
      key
    )
    const shelf = await app.call(
      'locations.create',
      { parentId: rack.id, kind: 'shelf', code: '1', name: '第1层' },
      key
    )
    const titles = ['上海顺达物流有限公司仓储服务合同', '入驻合作意向书']
    for (const title of titles) {
      const created = await app.call('items.create', item({ title }), key)
      await app.call('items.catalogue', { id: created.id }, key)
      await app.call('locations.place', { subject: 'item', id: created.id, locationId: shelf.id, home: true }, key)
    }
    const draft = await app.call(
      'inspections.create',
      {
        kind: 'adhoc',
        reason: 'fire',
        inspectedOn: '2026-03-02',
        inspectors: '李文、王芳',
        locationIds: [rack.id],
        roomId: room.id,
        temperature: 25.5,
        humidity: 52,
        checklist: [
          { item: '防火设施完好', ok: false, note: '灭火器过期' },
          { item: '离开时已上锁', ok: true, note: '' }
        ]
      },
      key
    )
    const [first, second] = draft.findings
    await app.call(
      'inspections.mark',
      {
        id: draft.id,
        findings: [
          { subject: first.subject, id: first.id, state: 'found' },
          { subject: second.subject, id: second.id, state: 'damaged', note: '烟熏' }
        ]
      },
      key
    )
    const { html } = await app.call('print.inspection', { id: draft.id }, key)
    const pdf = await renderPdf(browser, html, 'inspection')
    expect(pdf.pages).toBe(1)
    expect(Math.round(pdf.widthPt)).toBe(595)
    const text = compact(pdf.raw)
    for (const expected of [
      '档案库房检查记录',
      '临时检查（火灾）',
      '2026年3月2日',
      '李文、王芳',
      'A-01',
      '【超出范围】温度25.5℃高于上限24℃',
      '相对湿度52%，在允许范围45–60%之内',
      '防火设施完好不符合灭火器过期',
      '应查2件（卷），在位1，缺失0，损坏1',
      '损坏烟熏',
      '检查人（签字）',
      '档案部门负责人（签字）',
      '第1页共1页'
    ]) {
      expect(text).toContain(compact(expected))
    }
    for (const title of titles) expect(text).toContain(compact(title))
    const printed = await app.call('audit.list', { action: 'print', entity: 'inspection' }, auditor)
    expect(printed.rows[0]).toMatchObject({ username: 'liwen', entityId: String(draft.id) })
  }, 60_000)
})
