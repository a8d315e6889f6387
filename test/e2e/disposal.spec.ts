import path from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './server'
import {
  ARCHIVIST,
  closeDrawer,
  codedItem,
  confirmIrreversible,
  createAccount,
  setUpAdministrator,
  signIn,
  signOut,
  type Person
} from './steps'

const MANAGER: Person = {
  username: 'wangjl',
  name: '王经理',
  password: 'Manager-2024x',
  role: '档案部门负责人',
  department: '招商运营部'
}

/** Seeds as the signed-in archivist: the story under test starts after filing. */
async function fileItemOf2014(page: Page, title: string) {
  await codedItem(page, {
    title,
    retentionCode: 'D10',
    dateFormed: '2014-05-10',
    receivedOn: '2014-05-12',
    pageCount: 3
  })
}

async function pickDate(scope: ReturnType<Page['locator']>, label: string, value: string) {
  const input = scope.getByLabel(label, { exact: true })
  await input.click()
  await input.fill(value)
  // Tab commits the typed date without submitting the form, as Enter would.
  await input.press('Tab')
  await expect(input).toHaveValue(value)
}

async function openBatch(page: Page) {
  await page.getByRole('menuitem', { name: '鉴定销毁' }).click()
  await page.getByRole('tab', { name: '鉴定批次' }).click()
  await page.getByRole('button', { name: '2014年到期档案鉴定' }).click()
  return page.locator('.batch-detail')
}

test('an expired record is listed, appraised jointly, kept apart six months, verified and destroyed before two supervisors', async ({
  page,
  server
}) => {
  test.setTimeout(240_000)
  server.setClock('2026-03-02T09:00:00+08:00')
  await setUpAdministrator(page, server)
  await createAccount(page, ARCHIVIST)
  await createAccount(page, MANAGER)
  await signOut(page)
  await signIn(page, ARCHIVIST)
  await fileItemOf2014(page, '顺达物流仓储合同')
  await fileItemOf2014(page, '顺达物流合作意向书')

  // The archivist lists what is due and starts a batch.
  await page.getByRole('menuitem', { name: '鉴定销毁' }).click()
  const due = page.getByRole('tabpanel', { name: '到期档案' })
  await expect(due.getByRole('row').filter({ hasText: '顺达物流仓储合同' })).toContainText('2025-01-01')
  await due.getByRole('row').filter({ hasText: '顺达物流仓储合同' }).getByRole('checkbox').check()
  await due.getByRole('row').filter({ hasText: '顺达物流合作意向书' }).getByRole('checkbox').check()
  await page.getByRole('button', { name: '新建鉴定批次' }).click()
  const naming = page.getByRole('dialog', { name: '新建鉴定批次' })
  await naming.getByLabel('批次名称').fill('2014年到期档案鉴定')
  await naming.getByRole('button', { name: /确\s*定|OK/ }).click()
  await expect(page.getByText('鉴定批次已建立').last()).toBeVisible()
  await expect(page.locator('.batch-detail')).toContainText('鉴定结论由档案部门负责人录入')
  await closeDrawer(page)
  await signOut(page)

  // The archive manager records the decisions and, with the department leader, completes the appraisal.
  await signIn(page, MANAGER)
  let batch = await openBatch(page)
  for (const title of ['顺达物流仓储合同', '顺达物流合作意向书']) {
    const row = batch.getByRole('row').filter({ hasText: title })
    await row.getByLabel('鉴定结论').click()
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '销毁' }).click()
    await row.getByRole('button', { name: '确定结论' }).click()
    await expect(page.getByText('已记录鉴定结论').last()).toBeVisible()
    await expect(row.locator('.ant-tag').filter({ hasText: '销毁' })).toBeVisible()
  }
  const appraisers = batch.locator('form#appraisal-complete')
  await appraisers.getByRole('button', { name: '完成鉴定' }).click()
  await expect(page.getByText(/两位鉴定人都必须填写.*R-DISP-5/).last()).toBeVisible()
  await appraisers.getByLabel('形成部门负责人').fill('李主任')
  await pickDate(appraisers, '鉴定日期', '2026-03-02')
  await appraisers.getByRole('button', { name: '完成鉴定' }).click()
  await expect(batch.getByText('封存期满：2026-09-02').first()).toBeVisible()
  await batch.getByRole('button', { name: '打印鉴定报告' }).click()
  await expect(page.frameLocator('iframe[title="打印鉴定报告"]').getByText('档案鉴定报告')).toBeVisible()
  await page.getByRole('button', { name: '关闭', exact: true }).last().click()
  await closeDrawer(page)
  await signOut(page)

  // Before the hold period ends main refuses the verification.
  server.setClock('2026-06-01T09:00:00+08:00')
  await signIn(page, ARCHIVIST)
  batch = await openBatch(page)
  await batch.getByRole('row').filter({ hasText: '顺达物流仓储合同' }).getByRole('button', { name: '确认销毁' }).click()
  await expect(page.getByText(/2026-09-02 起才能复核和销毁.*R-DISP-6/).last()).toBeVisible()
  await closeDrawer(page)
  await signOut(page)

  // After it: verified, then destroyed with two supervisors (one is refused).
  server.setClock('2026-09-03T09:00:00+08:00')
  await signIn(page, ARCHIVIST)
  batch = await openBatch(page)
  for (const title of ['顺达物流仓储合同', '顺达物流合作意向书']) {
    await batch.getByRole('row').filter({ hasText: title }).getByRole('button', { name: '确认销毁' }).click()
    await expect(page.getByText('已复核').last()).toBeVisible()
  }
  const register = batch.locator('form#destruction-register')
  await register.getByLabel('销毁地点').fill('公司碎纸间')
  await register.getByLabel('销毁方式').click()
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '碎纸机粉碎' }).click()
  await register.getByLabel('批准领导').fill('刘副总')
  await pickDate(register, '销毁日期', '2026-09-03')
  await register.getByLabel('销毁前清点数量').fill('2')
  await register.getByLabel('监销人 1').fill('张监销')
  await register.getByRole('button', { name: '生成销毁清册' }).click()
  await confirmIrreversible(page, /^生成销毁清册$/)
  await expect(page.getByText(/至少 2 名监销人.*R-DISP-7/).last()).toBeVisible()
  await register.getByLabel('监销人 2').fill('赵监销')
  await register.getByRole('button', { name: '生成销毁清册' }).click()
  await confirmIrreversible(page, /^生成销毁清册$/)
  await expect(page.getByText('销毁清册已生成').last()).toBeVisible()
  await pickDate(batch.locator('form#destruction-sign'), '签字日期', '2026-09-03')
  await batch.locator('form#destruction-sign').getByRole('button', { name: '监销人已签字，确认销毁' }).click()
  await confirmIrreversible(page, /^确认销毁$/, 'XH-0001')
  await expect(batch.getByText('已销毁，销毁清册已永久保存')).toBeVisible()
  await expect(batch.getByText('清册第 1 行')).toBeVisible()
  await closeDrawer(page)

  // The signed register is listed read-only and prints with its columns.
  await page.getByRole('tab', { name: '销毁清册' }).click()
  await expect(page.getByRole('cell', { name: 'XH-0001' })).toBeVisible()
  await page.getByRole('button', { name: '打印销毁清册' }).click()
  const printed = page.frameLocator('iframe[title="XH-0001"]')
  await expect(printed.getByText('档案销毁清册')).toBeVisible()
  await expect(printed.getByText('已保管时间')).toBeVisible()
  await page.screenshot({ path: path.join('test-results', 'destruction-register.png') })
  await page.getByRole('button', { name: '关闭', exact: true }).last().click()

  // Destroyed records leave the everyday item list.
  await page.getByRole('menuitem', { name: '档案' }).click()
  await expect(page.getByRole('button', { name: '顺达物流仓储合同' })).toHaveCount(0)
  await page.getByText('含已销毁').click()
  await expect(page.getByRole('button', { name: '顺达物流仓储合同' })).toBeVisible()
})
