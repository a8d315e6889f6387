import path from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './server'
import { choose, closeDrawer, confirmIrreversible, pickDate, startAsArchivist } from './steps'

interface NewItem {
  title: string
  date: string
  pages: number
  kind?: string
  classification?: string
  customer?: string
}

async function registerItem(page: Page, item: NewItem) {
  await page.getByRole('button', { name: '登记文件' }).click()
  const form = page.locator('.item-form')
  await form.getByLabel('题名').fill(item.title)
  await form.getByLabel('责任者').fill('招商运营部')
  await pickDate(form, '日期', item.date)
  await form.getByLabel('页数').fill(String(item.pages))
  await choose(page, form, '门类', '客户档案')
  await choose(page, form, '保管期限', '定期30年')
  if (item.kind) await choose(page, form, '文件类型', item.kind)
  if (item.classification) await choose(page, form, '密级', item.classification)
  if (item.customer) {
    await form.getByLabel('客户', { exact: true }).fill(item.customer.slice(2, 6))
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: item.customer })
      .click()
    await choose(page, form, '客户材料类别', '合同')
  }
  await form.getByRole('button', { name: '保存', exact: true }).click()
  await expect(page.getByText('文件已登记').last()).toBeVisible()
  await expect(form).toBeHidden()
}

async function openItem(page: Page, title: string) {
  await page.getByRole('button', { name: title, exact: true }).click()
  return page.locator('.item-detail')
}

async function showTab(page: Page, tab: '文件（件）' | '案卷', ready: string) {
  await page.getByRole('tab', { name: tab }).click()
  await expect(page.getByRole('button', { name: ready })).toBeVisible()
}

test('file a contract, its attachment and a request/reply pair across two years into a volume, print and find them', async ({
  page,
  server
}) => {
  await startAsArchivist(page, server)

  await page.getByRole('menuitem', { name: '客户' }).click()
  await page.getByRole('button', { name: '新建客户' }).click()
  const customerForm = page.locator('.customer-form')
  await customerForm.getByLabel('客户名称').fill('上海顺达物流有限公司')
  await customerForm.getByLabel('法定代表人').fill('王建国')
  await customerForm.getByRole('button', { name: '保存' }).click()
  await expect(page.getByText('客户已创建').last()).toBeVisible()

  await page.getByRole('menuitem', { name: '档案' }).click()
  await expect(page.getByText('还没有文件。点击“登记文件”录入收到的第一份材料。')).toBeVisible()
  await registerItem(page, { title: '仓储服务合同', date: '2025-03-10', pages: 6, customer: '上海顺达物流有限公司' })
  await registerItem(page, { title: '仓储服务合同附件库位清单', date: '2025-03-09', pages: 3 })
  await registerItem(page, { title: '关于续签仓储合同的请示', date: '2024-12-20', pages: 2, kind: '请示/来文' })
  await registerItem(page, { title: '关于续签仓储合同的批复', date: '2025-01-08', pages: 1, kind: '批复/复文' })

  let detail = await openItem(page, '仓储服务合同附件库位清单')
  await choose(page, detail, '关联关系', '正文与附件')
  await choose(page, detail, '本件在关联中的位置', '本件是后者')
  await detail.locator('#item-link_otherId').fill('仓储服务合同')
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: /^— 仓储服务合同$/ })
    .click()
  await detail.getByRole('button', { name: '建立关联' }).click()
  await expect(page.getByText('已建立关联').last()).toBeVisible()
  await closeDrawer(page)

  detail = await openItem(page, '关于续签仓储合同的请示')
  await expect(detail.getByText('归档年度 2024')).toBeVisible()
  await choose(page, detail, '关联关系', '请示与批复')
  await detail.locator('#item-link_otherId').fill('批复')
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: '关于续签仓储合同的批复' })
    .click()
  await detail.getByRole('button', { name: '建立关联' }).click()
  await expect(detail.getByText('归档年度 2025')).toBeVisible()
  await expect(detail.getByText('请示与批复跨年度，按批复')).toBeVisible()
  await closeDrawer(page)

  for (const title of [
    '仓储服务合同',
    '仓储服务合同附件库位清单',
    '关于续签仓储合同的请示',
    '关于续签仓储合同的批复'
  ]) {
    detail = await openItem(page, title)
    await detail.getByRole('button', { name: '著录完成并编号' }).click()
    await confirmIrreversible(page, /^编\s*号$/)
    await expect(detail.getByText('已编号').first()).toBeVisible()
    await closeDrawer(page)
    // The list reloads and its order changes with the new code: the next title is clicked once the rows settled.
    await expect(
      page.getByRole('row').filter({ has: page.getByRole('button', { name: title, exact: true }) })
    ).toContainText('J001-')
  }

  await showTab(page, '案卷', '新建案卷')
  await page.getByRole('button', { name: '新建案卷' }).click()
  const volumeDialog = page.getByRole('dialog', { name: '新建案卷' })
  await volumeDialog.getByLabel('案卷题名').fill('2025年上海顺达物流合同')
  await volumeDialog.getByLabel('年度').fill('2025')
  await choose(page, volumeDialog, '门类', '客户档案')
  await choose(page, volumeDialog, '保管期限', '定期30年')
  await volumeDialog.getByRole('button', { name: '保存' }).click()
  const volume = page.locator('.volume-detail')
  await expect(volume.getByText('J001-1-0001')).toBeVisible()

  for (const fragment of ['请示', '批复', '附件', '仓储服务合同']) {
    await volume.getByLabel('选择已编号的同年度文件加入本卷').fill(fragment)
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: fragment })
      .first()
      .click()
    await volume.getByRole('button', { name: '加入本卷' }).click()
    await expect(page.getByText('文件已加入案卷').last()).toBeVisible()
  }
  const rows = volume.locator('.ant-table-tbody tr.ant-table-row')
  await expect(rows).toHaveCount(4)
  await expect(rows.nth(0)).toContainText('关于续签仓储合同的批复')
  await expect(rows.nth(0)).toContainText('1–1')
  await expect(rows.nth(1)).toContainText('关于续签仓储合同的请示')
  await expect(rows.nth(1)).toContainText('2–3')
  await expect(rows.nth(2)).toContainText('仓储服务合同')
  await expect(rows.nth(2)).toContainText('4–9')
  await expect(rows.nth(3)).toContainText('仓储服务合同附件库位清单')
  await expect(rows.nth(3)).toContainText('10–12')

  await volume.getByRole('button', { name: '卷内文件目录' }).click()
  const preview = page.frameLocator('iframe[title="卷内文件目录"]')
  await expect(preview.getByText('J001-1-0001').first()).toBeVisible()
  await expect(preview.locator('tbody tr').first()).toContainText('关于续签仓储合同的批复')
  await page.screenshot({ path: path.join('test-results', 'volume-catalogue-preview.png') })
  await page.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click()
  await closeDrawer(page)

  await showTab(page, '文件（件）', '登记文件')
  await registerItem(page, { title: '绝密项目合作备忘录', date: '2025-04-01', pages: 2, classification: '绝密' })
  detail = await openItem(page, '绝密项目合作备忘录')
  await detail.getByRole('button', { name: '著录完成并编号' }).click()
  await confirmIrreversible(page, /^编\s*号$/)
  await expect(detail.getByText('已编号').first()).toBeVisible()
  await closeDrawer(page)
  await showTab(page, '案卷', '新建案卷')
  await page.getByRole('button', { name: 'J001-1-0001' }).click()
  await volume.getByLabel('选择已编号的同年度文件加入本卷').fill('绝密项目')
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: '绝密项目' })
    .first()
    .click()
  await volume.getByRole('button', { name: '加入本卷' }).click()
  await expect(page.getByText('绝密文件须单独组卷，不能放入非绝密案卷。R-FILE-7')).toBeVisible()
  await expect(rows).toHaveCount(4)
  await closeDrawer(page)

  await showTab(page, '文件（件）', '登记文件')
  const search = page.getByPlaceholder('搜索题名、文号、责任者、档号、客户名称')
  await search.fill('续签仓储')
  await search.press('Enter')
  await expect(page.getByRole('button', { name: '关于续签仓储合同的请示' })).toBeVisible()
  await expect(page.getByRole('button', { name: '关于续签仓储合同的批复' })).toBeVisible()
  await expect(page.getByRole('button', { name: '仓储服务合同', exact: true })).toHaveCount(0)
  await expect(page.getByText('共 2 条')).toBeVisible()
})
