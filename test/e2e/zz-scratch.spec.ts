import type { Page } from '@playwright/test'
import type { Channel, ChannelInput, ChannelOutput } from '../../src-preload/contract'
import { test } from './server'
import { startAsArchivist } from './steps'

async function rpc<C extends Channel>(page: Page, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await page.evaluate(
    async ([name, body]) => (await fetch(`/rpc/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ input: body }) })).json(),
    [channel, input] as const
  )
  if (!envelope.ok) throw new Error(`${channel}: ${JSON.stringify(envelope.error)}`)
  return envelope.data
}

test('screens', async ({ page, server }) => {
  await startAsArchivist(page, server)
  const room = await rpc(page, 'locations.create', { parentId: null, kind: 'room', code: 'A', name: '一号库房' })
  const rack = await rpc(page, 'locations.create', { parentId: room.id, kind: 'rack', code: '01', name: '密集架' })
  const shelf = await rpc(page, 'locations.create', { parentId: rack.id, kind: 'shelf', code: '1', name: '第1层', capacity: 20 })
  const base = { fondsCode: 'J001', categoryCode: 'KH', retentionCode: 'D30', departmentCode: 'ZS', responsibleParty: '招商运营部', dateFormed: '2025-03-10', pageCount: 4, classification: 'none', openStatus: 'restricted', receivedOn: '2025-03-11' } as const
  for (const [i, title] of ['仓储服务合同', '入驻合作意向书', '年度经营报告', '资信证明'].entries()) {
    const created = await rpc(page, 'items.create', { ...base, title, categoryCode: i % 2 ? 'WS' : 'KH', retentionCode: i % 2 ? 'Y' : 'D30', departmentCode: i % 2 ? 'BGS' : 'ZS' })
    await rpc(page, 'items.catalogue', { id: created.id })
    await rpc(page, 'locations.place', { subject: 'item', id: created.id, locationId: shelf.id, home: true })
  }
  for (let d = 1; d <= 20; d += 1) {
    const day = new Date(Date.now() - (21 - d) * 86400000).toISOString().slice(0, 10)
    await rpc(page, 'environment.record', { roomId: room.id, readOn: day, temperature: 18 + Math.sin(d) * 5, humidity: 50 + Math.cos(d) * 12 })
  }
  const draft = await rpc(page, 'inspections.create', { kind: 'periodic', inspectedOn: new Date().toISOString().slice(0, 10), inspectors: '李文、王芳', locationIds: [rack.id], roomId: room.id, temperature: 25.5, humidity: 52, checklist: [{ item: '防火设施完好', ok: true, note: '' }, { item: '离开时已上锁', ok: false, note: '门锁松动' }] })
  await rpc(page, 'inspections.mark', { id: draft.id, findings: draft.findings.slice(0, 2).map((f) => ({ subject: f.subject, id: f.id, state: 'found' as const, note: '' })) })
  await page.getByRole('menuitem', { name: '工作台' }).click()
  await page.waitForTimeout(1500)
  await page.screenshot({ path: '/tmp/shots/dashboard.png', fullPage: true })
  await page.getByRole('menuitem', { name: '库房' }).click()
  await page.getByRole('tab', { name: '检查' }).click()
  await page.getByRole('button', { name: draft.inspectedOn }).click()
  await page.waitForTimeout(1000)
  await page.screenshot({ path: '/tmp/shots/inspection.png' })
  await page.keyboard.press('Escape')
  await page.getByRole('tab', { name: '温湿度' }).click()
  await page.waitForTimeout(1000)
  await page.screenshot({ path: '/tmp/shots/environment.png', fullPage: true })
  await page.getByRole('menuitem', { name: '统计' }).click()
  await page.waitForTimeout(1500)
  await page.screenshot({ path: '/tmp/shots/statistics.png', fullPage: true })
  const html = (await rpc(page, 'print.inspection', { id: draft.id })).html
  require('node:fs').writeFileSync('/tmp/shots/inspection.html', html)
})
