import path from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './server'
import {
  ARCHIVE_MANAGER,
  ARCHIVIST,
  closeDrawer,
  createAccountQuickly,
  pickDate,
  rpc,
  setUpAdministrator,
  signIn,
  signOut
} from './steps'

const NAME = '上海顺达物流有限公司'
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10)

async function openUpkeep(page: Page) {
  await page.getByRole('menuitem', { name: '客户' }).click()
  await page.getByText(NAME, { exact: true }).click()
  await page.getByRole('tab', { name: '建档与维护' }).click()
  return page.locator('.customer-upkeep')
}

test('issue 20: a customer from temporary file through a visit and a credit rating to its verification', async ({
  page,
  server
}) => {
  await page.setViewportSize({ width: 1366, height: 768 })
  // The accounts through the channels: their opening is another story's (offboarding, duties).
  await setUpAdministrator(page, server)
  await createAccountQuickly(page, ARCHIVIST, 'archivist', 'ZS')
  await createAccountQuickly(page, ARCHIVE_MANAGER, 'archive_manager')
  await signOut(page)
  await signIn(page, ARCHIVIST)
  await rpc(page, 'customers.create', {
    name: NAME,
    legalRepresentative: '王建国',
    grade: 'important',
    industry: '物流',
    region: '上海',
    dateOpened: daysAgo(40)
  })

  // S29: the file opens temporary; with the contract 20 days ago its first two return visits are due (S59–S60).
  const upkeep = await openUpkeep(page)
  await expect(upkeep).toContainText('临时档案')
  await pickDate(upkeep, '合同签订日期', daysAgo(20))
  await pickDate(upkeep, '收到竣工文档日期', daysAgo(10))
  await upkeep.getByRole('button', { name: '保存日期' }).click()
  await expect(upkeep).toContainText('已逾期')
  await expect(upkeep).toContainText('待回访')
  await page.screenshot({ path: path.join('test-results', 'customer-upkeep-temporary.png') })

  // S35, S59, S63: the day-3 visit written into the file.
  await upkeep.getByRole('button', { name: '登记联系' }).click()
  const logDialog = page.getByRole('dialog', { name: '登记联系' })
  await logDialog.getByLabel('类别').click()
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '回访' }).first().click()
  await logDialog.getByLabel('经办人').fill(ARCHIVIST.name)
  await logDialog.getByLabel('结果').fill('产品使用正常，客户满意')
  await logDialog.getByRole('button', { name: /保\s*存/ }).click()
  await expect(upkeep.locator('.ant-table-tbody').first()).toContainText('产品使用正常')

  // S21: an important customer's credit rating with its risk evaluation.
  await upkeep.getByRole('button', { name: '登记资信评定' }).click()
  const creditDialog = page.getByRole('dialog', { name: '登记资信评定' })
  await creditDialog.getByLabel('信用等级').click()
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '良' }).first().click()
  await creditDialog.getByLabel('信用额度（元）').fill('500000')
  await creditDialog.getByLabel('风险评估').fill('经营稳定，回款及时')
  await creditDialog.getByRole('button', { name: /保\s*存/ }).click()
  await expect(upkeep).toContainText('现行')
  await expect(upkeep).toContainText('500,000')
  await closeDrawer(page)

  // S59–S60, S154: the workbench names the visit still due and the important customer short of staff.
  await page.getByRole('menuitem', { name: '工作台' }).click()
  const todo = page.locator('.todo-card')
  await expect(todo).toContainText('客户回访到期')
  await expect(todo).toContainText('1 次客户回访已到期')
  await expect(todo).toContainText('临时档案逾期')
  await page.screenshot({ path: path.join('test-results', 'customer-upkeep-workbench.png'), fullPage: true })
  await signOut(page)

  // S37–S40: the archive manager verifies the file, which becomes formal with who confirmed it.
  await signIn(page, ARCHIVE_MANAGER)
  const managerView = await openUpkeep(page)
  await managerView.getByRole('button', { name: '核实并转为正式档案' }).click()
  const verify = page.getByRole('dialog', { name: '核实并转为正式档案' })
  await verify.getByLabel('核实意见').fill('与营业执照、合同原件核对无误')
  await verify.getByRole('button', { name: /保\s*存/ }).click()
  await expect(managerView).toContainText('正式档案')
  await expect(managerView).toContainText(ARCHIVE_MANAGER.name)
  await page.screenshot({ path: path.join('test-results', 'customer-upkeep-formal.png') })

  await closeDrawer(page)

  // S165, S170: the monthly report and the composition and credit analysis, as printed.
  await page.getByRole('button', { name: '客户档案报表' }).click()
  const reports = page.locator('.customer-reports')
  await expect(reports.locator('.analysis-byCredit')).toContainText('良')
  await expect(reports.locator('.analysis-byCredit')).toContainText('500,000')
  await page.screenshot({ path: path.join('test-results', 'customer-reports.png') })
})
