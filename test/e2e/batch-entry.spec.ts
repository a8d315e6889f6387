import path from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './server'
import { sampleCustomer } from '../support/samples'
import { choose, pickDate, rpc, startAsArchivist } from './steps'

const CUSTOMER = '上海顺达物流有限公司'
const TITLES = ['仓储服务合同', '仓储服务合同补充协议', '客户基本资料表']

/** A field of the item form by its name, which shows the value chosen in it. */
const selected = (page: Page, form: Locator, field: string) =>
  form.locator('.ant-form-item', { has: page.locator(`label[for="item_${field}"]`) })

async function describeItem(form: Locator, title: string) {
  await form.getByLabel('题名').fill(title)
  await form.getByLabel('责任者').fill('招商运营部')
  await pickDate(form, '日期', '2025-03-10')
  await form.getByLabel('页数').fill('4')
}

test('register three items at the speed of a paper register, code them and box them in two batches, filed without a volume', async ({
  page,
  server
}) => {
  await startAsArchivist(page, server)
  await rpc(page, 'customers.create', sampleCustomer({ name: CUSTOMER }))
  const room = await rpc(page, 'locations.create', { kind: 'room', code: 'A', parentId: null, name: '一号库房' })
  const rack = await rpc(page, 'locations.create', { kind: 'rack', code: '01', parentId: room.id, name: '密集架' })
  const shelf = await rpc(page, 'locations.create', { kind: 'shelf', code: '3', parentId: rack.id, name: '第三层' })
  await rpc(page, 'locations.create', { kind: 'box', code: '05', parentId: shelf.id, name: '五号盒' })

  await page.getByRole('menuitem', { name: '档案' }).click()
  await page.getByRole('button', { name: '登记文件' }).click()
  const form = page.locator('.item-form')
  await describeItem(form, TITLES[0])
  // R-CUST-2: choosing the customer makes it a customer file, of the category and period the settings name.
  await form.getByLabel('客户', { exact: true }).fill('顺达物流')
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: CUSTOMER }).click()
  await expect(selected(page, form, 'categoryCode')).toContainText('KH 客户档案')
  await expect(selected(page, form, 'retentionCode')).toContainText('D30 定期30年')
  await choose(page, form, '客户材料类别', '合同')

  for (const title of TITLES.slice(1)) {
    await form.getByRole('button', { name: '保存并继续登记' }).click()
    await expect(page.getByText('文件已登记').last()).toBeVisible()
    // The form stays, keeps what the register shares, and is ready for the next title.
    await expect(form.getByLabel('题名')).toBeFocused()
    await expect(form.getByLabel('题名')).toHaveValue('')
    await expect(form.getByLabel('页数')).toHaveValue('')
    await expect(selected(page, form, 'categoryCode')).toContainText('KH 客户档案')
    await expect(selected(page, form, 'retentionCode')).toContainText('D30 定期30年')
    await expect(selected(page, form, 'departmentCode')).toContainText('ZS 招商运营部')
    await expect(selected(page, form, 'customerId')).toContainText(CUSTOMER)
    await describeItem(form, title)
  }
  await form.getByRole('button', { name: '保存', exact: true }).click()
  await expect(form).toBeHidden()

  // One title contains another: a row is the one whose title button has exactly that name.
  const rowOf = (title: string) =>
    page.getByRole('row').filter({ has: page.getByRole('button', { name: title, exact: true }) })
  for (const title of TITLES) await rowOf(title).getByRole('checkbox').check()
  const bar = page.getByRole('toolbar', { name: '批量操作' })
  await expect(bar).toContainText('已选 3 条')

  await page.setViewportSize({ width: 1366, height: 768 })
  await expect(bar.getByRole('button', { name: '导出所选' })).toBeVisible()
  await page.screenshot({ path: path.join('docs', 'screenshots', 'batch-actions-zh.png') })

  await bar.getByRole('button', { name: '编号' }).click()
  await expect(page.getByText('3 条已编号。')).toBeVisible()

  await bar.getByRole('button', { name: '装盒上架…' }).click()
  const dialog = page.getByRole('dialog', { name: '把 3 条文件放入档案盒（作为存放位置）' })
  await dialog.locator('.batch-target').click()
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'A-01-3-05' }).click()
  await dialog.locator('.ant-modal-footer .ant-btn-primary').click()
  await expect(page.getByText('3 条已装盒。')).toBeVisible()

  // R-FILE-10 (DA/T 22): coded and in their box, the items are filed with no volume.
  for (const title of TITLES) await expect(rowOf(title)).toContainText('已归档')
  const { rows } = await rpc(page, 'items.list', { status: ['filed'] })
  expect(rows.map((row) => [row.title, row.volumeCode, row.archivalCode]).sort()).toEqual(
    TITLES.map((title, index) => [title, null, `J001-KH·2025-D30-ZS-000${index + 1}`]).sort()
  )
})
