import { scanPayload } from '../../src-preload/scan'
import { expect, test } from './server'
import { codedItem, enterAllSignatures, rpc, startAsArchivistWithSigners } from './steps'

test('trial: scanning at the counter, zh and en, 1366', async ({ page, server }) => {
  test.setTimeout(600_000)
  await page.setViewportSize({ width: 1366, height: 768 })
  await startAsArchivistWithSigners(page, server)
  const a = await codedItem(page, { title: '上海顺达物流有限公司仓储合同', pageCount: 6 })
  const b = await codedItem(page, { title: '上海顺达物流有限公司仓储合同附件', pageCount: 2 })
  const c = await codedItem(page, { title: '上海顺达物流有限公司往来函件', pageCount: 3 })
  const today = await page.evaluate(() => new Date().toLocaleDateString('sv'))
  let request = await rpc(page, 'use.create', {
    kind: 'loan',
    applicantKind: 'internal',
    applicantName: '张三',
    departmentCode: 'ZS',
    purpose: '核对条款',
    reason: '续签前核对',
    records: [a, b, c].map((r) => ({ subject: 'item' as const, id: r.id })),
    startOn: today,
    dueOn: today,
    excerptAnswer: 'original_needed'
  })
  request = await enterAllSignatures(page, request, today)
  for (const lang of ['中文', 'English']) {
    await page.locator('.ant-layout-header .ant-segmented').getByText(lang, { exact: true }).click()
    await page.getByRole('menuitem').nth(3).click()
    await page.getByRole('button', { name: request.number }).click()
    const detail = page.locator('.use-request-detail')
    const box = detail.locator('.scan-checklist input')
    await box.click()
    await page.keyboard.type(`${scanPayload(a.archivalCode)}\n`, { delay: 4 })
    await box.click()
    await page.keyboard.type(`J001-WS.2024-D10-BGS-9999\n`, { delay: 4 })
    await page.screenshot({ path: `/tmp/trial-checkout-${lang}.png` })
    await detail.locator('.ant-drawer-body .ant-btn-primary').first().click()
    await page.waitForTimeout(500)
    await page.screenshot({ path: `/tmp/trial-confirm-${lang}.png` })
    await page.keyboard.press('Escape')
    await page.waitForTimeout(300)
    await detail.locator('.ant-drawer-close').click()
    await expect(page.locator('.ant-drawer-open')).toHaveCount(0)
  }
})
