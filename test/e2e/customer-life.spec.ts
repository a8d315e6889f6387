import path from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './server'
import {
  ARCHIVE_MANAGER,
  ARCHIVIST,
  closeDrawer,
  createAccountQuickly,
  openCustomerPrivacy,
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

/**
 * The rest of a customer's life: the steps the test above walks on screen (temporary file, a visit, a credit rating,
 * the verification) taken here through the channels for one customer, which then goes on screen through an important
 * change confirmed by a second person (S50), a disclosure approved and recorded (S131–S133), and its contact person's
 * deletion request answered by anonymising (S103, S141–S148).
 */
test('issue 20: one customer from temporary file to formal, then an important change, a disclosure and a deletion request', async ({
  page,
  server
}) => {
  await page.setViewportSize({ width: 1366, height: 768 })
  await setUpAdministrator(page, server)
  await createAccountQuickly(page, ARCHIVIST, 'archivist', 'ZS')
  await createAccountQuickly(page, ARCHIVE_MANAGER, 'archive_manager')
  await signOut(page)
  await signIn(page, ARCHIVIST)
  // The temporary file, a visit, a credit rating and the verification, through the channels.
  const customer = await rpc(page, 'customers.create', {
    name: NAME,
    legalRepresentative: '王建国',
    grade: 'important',
    industry: '物流',
    region: '上海',
    dateOpened: daysAgo(40),
    contacts: [{ name: '李娜', title: '采购经理', phone: '13812345678', email: '' }]
  })
  await rpc(page, 'customerPrivacy.recordConsent', {
    customerId: customer.id,
    scope: '基本信息、联系人',
    purpose: '合同管理与售后服务',
    noticeText: '本公司仅为合同管理收集以上信息。',
    noticeVersion: 'v1',
    consentedOn: daysAgo(40),
    channel: 'written',
    refusedFields: [],
    sharingConsent: true
  })
  await rpc(page, 'customerUpkeep.log', {
    customerId: customer.id,
    kind: 'visit',
    channel: 'call',
    happenedOn: daysAgo(30),
    staffName: ARCHIVIST.name,
    outcome: '产品使用正常'
  })
  await rpc(page, 'customerUpkeep.credit', {
    customerId: customer.id,
    grade: 'good',
    limitAmount: 500000,
    limitYear: Number(daysAgo(0).slice(0, 4)),
    reportItemId: null,
    riskEvaluation: '经营稳定，回款及时',
    decidedOn: daysAgo(20)
  })
  await signOut(page)
  await signIn(page, ARCHIVE_MANAGER)
  await rpc(page, 'customerUpkeep.verify', { customerId: customer.id, note: '与营业执照核对无误' })
  await signOut(page)

  // S50: on the formal file the archivist changes the legal representative; it waits for a second person.
  await signIn(page, ARCHIVIST)
  await page.getByRole('menuitem', { name: '客户' }).click()
  await page.getByRole('button', { name: '编辑' }).click()
  const form = page.locator('.customer-form')
  await form.getByLabel('法定代表人').fill('王新民')
  await form.getByRole('button', { name: '保存' }).click()
  await expect(page.getByText('须经另一人核实确认后才生效：法定代表人').last()).toBeVisible()
  const row = page.locator('.ant-table-row').filter({ hasText: NAME })
  await expect(row).toContainText('王建国')

  // S131–S133: a disclosure to a notary, which the customer's consent allows; S103: 李娜 asks to be deleted.
  const tab = await openCustomerPrivacy(page, NAME)
  const disclosures = tab.locator('.ant-card').filter({ hasText: '信息提供（共享）' })
  await disclosures.getByRole('button', { name: '申请提供' }).click()
  const request = page.locator('.ant-modal:visible')
  await request.getByLabel('接收方', { exact: true }).fill('上海市东方公证处')
  await request.getByLabel('提供范围').fill('基本信息、仓储合同')
  await request.getByLabel('目的').fill('合同公证')
  await request.getByRole('button', { name: '保存' }).click()
  await expect(disclosures.locator('.disclosures')).toContainText('待审批')
  const rights = tab.locator('.ant-card').filter({ hasText: '个人信息权利请求' })
  await rights.getByRole('button', { name: '登记请求' }).click()
  const register = page.locator('.ant-modal:visible')
  await register.getByLabel('请求人', { exact: true }).fill('李娜')
  await register.getByLabel('具体内容').fill('请删除本人的联系方式')
  await register.getByText('已核对请求人身份').click()
  await register.getByRole('button', { name: '保存' }).click()
  await expect(rights.locator('.rights-requests')).toContainText('待答复')
  await closeDrawer(page)
  await signOut(page)

  // S50: the archive manager sees the waiting change on the customers page and confirms it.
  await signIn(page, ARCHIVE_MANAGER)
  await page.getByRole('menuitem', { name: '客户' }).click()
  const waiting = page.locator('.pending-changes')
  await expect(waiting).toContainText('法定代表人')
  await expect(waiting).toContainText('王新民')
  await page.screenshot({ path: path.join('test-results', 'customer-change-waiting.png') })
  await waiting.getByRole('button', { name: '核实确认' }).click()
  await expect(page.getByText('已核实确认，变更已生效。').last()).toBeVisible()
  await expect(page.locator('.ant-table-row').filter({ hasText: NAME })).toContainText('王新民')
  await expect(waiting).toBeHidden()

  // S131, S134: approved and recorded; S141, S147: the deletion answered by anonymising, the records kept.
  const managerTab = await openCustomerPrivacy(page, NAME)
  const managerDisclosures = managerTab.locator('.ant-card').filter({ hasText: '信息提供（共享）' })
  await managerDisclosures.getByRole('button', { name: '批准', exact: true }).click()
  await expect(managerDisclosures.locator('.disclosures')).toContainText('已批准')
  await managerDisclosures.getByRole('button', { name: '登记已提供' }).click()
  await page.locator('.ant-popconfirm:visible').getByRole('button', { name: '确定' }).click()
  await expect(managerDisclosures.locator('.disclosures')).toContainText('已提供')
  const managerRights = managerTab.locator('.ant-card').filter({ hasText: '个人信息权利请求' })
  await managerRights.getByRole('button', { name: '答复' }).click()
  const answer = page.locator('.ant-modal:visible')
  await answer.getByLabel('答复', { exact: true }).fill('已删除您的个人信息，合同档案依法保存。')
  await answer.getByRole('button', { name: '保存' }).click()
  await expect(managerRights.locator('.rights-requests')).toContainText('已匿名化')
  await page.screenshot({ path: path.join('test-results', 'customer-life-end.png') })
  const after = await rpc(page, 'customers.get', { id: customer.id })
  expect(after).toMatchObject({ legalRepresentative: '（已匿名）', contacts: [{ name: '（已匿名）', phone: '' }] })
})
