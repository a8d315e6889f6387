import { expect, test } from './server'
import { codedItem, enterAllSignatures, rpc, startAsArchivistWithSigners } from './steps'

test('R-STAT-1, R-USE-8: a loan due today shows on the workbench, in the chart of use and in the year statistics', async ({
  page,
  server
}) => {
  await startAsArchivistWithSigners(page, server)
  const today = await page.evaluate(() => new Date().toLocaleDateString('sv'))
  // The lending itself is use.spec.ts's story; here it is entered through the same RPC the pages use.
  const item = await codedItem(page, { title: '仓储合同', pageCount: 6 })
  let request = await rpc(page, 'use.create', {
    kind: 'loan',
    applicantKind: 'internal',
    applicantName: '张三',
    departmentCode: 'ZS',
    purpose: '核对合同条款',
    reason: '续签前核对原合同',
    records: [{ subject: 'item', id: item.id }],
    startOn: today,
    dueOn: today,
    excerptAnswer: 'original_needed'
  })
  request = await enterAllSignatures(page, request, today)
  await rpc(page, 'use.checkout', { id: request.id, version: request.version })

  await page.reload()
  await expect(page.locator('.todo-card')).toContainText('今日到期的借阅')
  await expect(page.locator('.todo-card')).toContainText('1 笔借阅今天到期')
  const chart = page.locator('.use-chart')
  await expect(chart.locator('canvas')).toBeVisible()
  // The chart is a picture; its figures are in the sentence ECharts gives screen readers.
  await expect(chart.locator('.echarts-for-react')).toHaveAttribute(
    'aria-label',
    new RegExp(`借阅：[^；]*${today.slice(0, 7)} 1(，|；|$)`)
  )
  const download = page.waitForEvent('download')
  await chart.getByRole('button', { name: '将“近 12 个月的利用（按月，档案调出次数）”保存为图片' }).click()
  expect((await download).suggestedFilename()).toBe('近 12 个月的利用（按月，档案调出次数）.png')
  await chart.screenshot({ path: test.info().outputPath('use-chart.png') })

  await page.getByRole('menuitem', { name: '统计' }).click()
  await page.getByRole('tab', { name: '利用' }).click()
  const byKind = page.locator('.ant-card').filter({ hasText: '本年利用（按方式）' })
  await expect(byKind.getByRole('row', { name: /^借阅/ })).toContainText('1')
  await expect(page.locator('.ant-card').filter({ hasText: '本年利用（按利用目的）' })).toContainText('核对合同条款')
  await expect(byKind.locator('canvas')).toBeVisible()
  await page.screenshot({ path: test.info().outputPath('statistics-use.png'), fullPage: true })
})
