import ExcelJS from 'exceljs'
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { itemInput } from '../support/records'
import { expect, test } from './server'
import { rpc, startAsArchivist } from './steps'
import { scanPayload } from '@preload/scan'

async function searchItems(page: Page, text: string) {
  await page.getByRole('menuitem', { name: '档案' }).click()
  const search = page.getByPlaceholder('搜索题名、文号、责任者、档号、客户名称')
  await search.fill(text)
  await search.press('Enter')
  return page.getByRole('row').filter({ hasText: text })
}

test('an inspection finds a record missing: it is flagged in search until resolved, and the year’s workbook counts the inspection', async ({
  page,
  server
}) => {
  await startAsArchivist(page, server)
  const room = await rpc(page, 'locations.create', { parentId: null, kind: 'room', code: 'A', name: '一号库房' })
  const rack = await rpc(page, 'locations.create', { parentId: room.id, kind: 'rack', code: '01', name: '密集架' })
  const shelf = await rpc(page, 'locations.create', {
    parentId: rack.id,
    kind: 'shelf',
    code: '1',
    name: '第1层',
    capacity: 20
  })
  const codes: string[] = []
  for (const title of ['仓储服务合同', '入驻合作意向书']) {
    const created = await rpc(page, 'items.create', itemInput({ title }))
    const coded = await rpc(page, 'items.catalogue', { id: created.id })
    codes.push(coded.archivalCode ?? '')
    await rpc(page, 'locations.place', { subject: 'item', id: created.id, locationId: shelf.id, home: true })
  }

  await page.getByRole('menuitem', { name: '库房' }).click()
  await page.getByRole('tab', { name: '检查' }).click()
  await expect(page.getByText('还没有检查记录。点击“新建检查”开始一次定期或临时检查。')).toBeVisible()
  await page.getByRole('button', { name: '新建检查' }).click()
  const form = page.locator('.inspection-form')
  await form.getByLabel('检查位置', { exact: true }).click()
  await page.keyboard.type('A-01')
  await page.locator('.ant-select-dropdown:visible .ant-select-tree-title').filter({ hasText: 'A-01 密集架' }).click()
  await page.keyboard.press('Escape')
  await form.getByLabel('检查人').fill('李文')
  await form.getByLabel('温度（℃）').fill('26')
  await form.getByLabel('相对湿度（%）').fill('50')
  await form.getByRole('button', { name: '保存' }).click()
  await expect(page.getByText('检查已创建，请逐件清点').last()).toBeVisible()

  const detail = page.locator('.inspection-detail')
  await expect(detail.getByText('应查 2，在位 0，缺失 0，损坏 0，未清点 2')).toBeVisible()
  // Issue 16: a USB scanner types the label's code (间隔号 as ".") and Enter, a few milliseconds a key.
  const scanBox = detail.getByLabel('扫描档号')
  await scanBox.click()
  await page.keyboard.type(scanPayload(codes[0]), { delay: 4 })
  await page.keyboard.press('Enter')
  await expect(detail.getByRole('status')).toContainText(`已勾选 ${codes[0]}`)
  await expect(detail.getByText('应查 2，在位 1，缺失 0，损坏 0，未清点 1')).toBeVisible()
  await expect(scanBox).toHaveValue('')
  await page.keyboard.type('J001-WS.2024-D10-BGS-9999', { delay: 4 })
  await page.keyboard.press('Enter')
  await expect(detail.getByRole('status')).toContainText('J001-WS·2024-D10-BGS-9999 不在本次清单中')
  await expect(detail.getByText('应查 2，在位 1，缺失 0，损坏 0，未清点 1')).toBeVisible()
  await detail.getByRole('button', { name: '完成检查' }).click()
  const confirm = page.getByRole('dialog').filter({ hasText: '确认完成检查' })
  await expect(confirm).toContainText('还有 1 件（卷）未清点，完成检查将把它们登记为缺失。请确认。R-KEEP-2')
  await confirm.getByRole('button', { name: '完成检查' }).click()
  await expect(page.getByText('检查已完成').last()).toBeVisible()
  await expect(detail.getByText('检查已完成；缺失或损坏的档案已登记为异常')).toBeVisible()
  await expect(detail.getByText('温度 26 ℃ 高于上限 24 ℃（允许 14–24 ℃）。', { exact: true })).toBeVisible()
  await expect(detail.locator('.rule-tag', { hasText: 'R-KEEP-3' }).first()).toBeVisible()
  await detail.locator('.ant-drawer-close').click()
  await expect(page.locator('.ant-drawer-open')).toHaveCount(0)

  const missingRow = await searchItems(page, '入驻合作意向书')
  await expect(missingRow.getByText('异常待处理')).toBeVisible()
  await page.getByRole('checkbox', { name: '只看异常档案' }).check()
  await expect(page.getByRole('row').filter({ hasText: '入驻合作意向书' })).toBeVisible()
  await expect(page.getByRole('row').filter({ hasText: '仓储服务合同' })).toHaveCount(0)

  await page.getByRole('menuitem', { name: '库房' }).click()
  await page.getByRole('tab', { name: '异常' }).click()
  const incident = page.getByRole('row').filter({ hasText: '入驻合作意向书' })
  await expect(incident).toContainText('库房检查')
  await incident.getByText('处理', { exact: true }).click()
  const resolveDialog = page.getByRole('dialog').filter({ hasText: '处理异常' })
  await resolveDialog.getByLabel('处理结果').click()
  await page.keyboard.type('已找到')
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '已找到' }).click()
  await resolveDialog.getByLabel('处理说明').fill('在阅览室找到，已归位')
  await resolveDialog.getByRole('button', { name: '保存' }).click()
  await expect(page.getByText('异常已处理').last()).toBeVisible()
  await expect(page.getByText('没有待处理的异常。')).toBeVisible()

  const foundRow = await searchItems(page, '入驻合作意向书')
  await expect(foundRow).toBeVisible()
  await expect(foundRow.getByText('异常待处理')).toHaveCount(0)

  await page.getByRole('menuitem', { name: '统计' }).click()
  await page.getByRole('tab', { name: '保管' }).click()
  const inspections = page.locator('.ant-card').filter({ hasText: '本年检查' })
  await expect(inspections.getByRole('row').filter({ hasText: '定期检查' })).toContainText('1')
  await page.screenshot({ path: path.join('test-results', 'statistics.png'), fullPage: true })
  const downloading = page.waitForEvent('download')
  await page.getByRole('button', { name: '导出年度统计 Excel' }).click()
  const download = await downloading
  const year = new Date().getFullYear()
  expect(download.suggestedFilename()).toBe(`档案工作统计-${year}.xlsx`)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ArrayBuffer)
  const sheet = workbook.getWorksheet('保管')!
  const periodic = sheet.getRows(1, sheet.rowCount)!.find((row) => row.getCell(1).value === '定期检查')!
  expect([
    periodic.getCell(2).value,
    periodic.getCell(3).value,
    periodic.getCell(4).value,
    periodic.getCell(5).value
  ]).toEqual([1, 2, 1, 1])
})
