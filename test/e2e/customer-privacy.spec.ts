import path from 'node:path'
import { expect, test } from './server'
import {
  ARCHIVE_MANAGER,
  ARCHIVIST,
  closeDrawer,
  createAccountQuickly,
  openCustomerPrivacy,
  rpc,
  setUpAdministrator,
  signIn,
  signOut
} from './steps'

const ID_NUMBER = '310101198001011234'

/**
 * Issue 20 at 1366×768 in Chinese: a masked ID number revealed with a purpose (S117–S121), a disclosure requested,
 * approved and recorded (S131–S133), and an individual's deletion request answered by anonymising (S103, S141–S148).
 */
test('customer privacy: reveal with a purpose, a disclosure approved and recorded, a deletion answered by anonymising', async ({
  page,
  server
}) => {
  await setUpAdministrator(page, server)
  for (const [person, role] of [
    [ARCHIVIST, 'archivist'],
    [ARCHIVE_MANAGER, 'archive_manager']
  ] as const)
    await createAccountQuickly(page, person, role)
  await signOut(page)
  await page.setViewportSize({ width: 1366, height: 768 })
  await signIn(page, ARCHIVIST)
  const customer = await rpc(page, 'customers.create', {
    name: '上海顺达物流有限公司',
    legalRepresentative: '王建国',
    grade: 'important',
    dateOpened: '2025-03-01',
    contacts: [{ name: '李娜', title: '采购经理', phone: '13812345678', email: 'lina@shunda.example' }]
  })
  await rpc(page, 'customerPrivacy.recordConsent', {
    customerId: customer.id,
    scope: '基本信息、联系人、身份证号码',
    purpose: '合同管理与售后服务',
    noticeText: '本公司仅为合同管理收集以上信息。',
    noticeVersion: 'v1',
    consentedOn: '2025-03-01',
    channel: 'written',
    refusedFields: ['personalAssets'],
    sharingConsent: true
  })
  await rpc(page, 'customerPrivacy.saveSensitive', { customerId: customer.id, field: 'idNumber', value: ID_NUMBER })

  const tab = await openCustomerPrivacy(page, customer.name)
  const sensitive = tab.locator('.ant-card').filter({ hasText: '敏感信息' })
  await expect(sensitive.locator('.sensitive-value')).toHaveText('310101********1234')
  await expect(tab.locator('.consent-marks')).toContainText('个人资产状况：已拒绝')
  await page.screenshot({ path: path.join('test-results', 'customer-privacy.png') })

  // S119–S121: the archivist reveals the ID number, stating why.
  await sensitive.getByRole('button', { name: '查看' }).click()
  const reveal = page.locator('.ant-modal:visible')
  await reveal.getByLabel('查看目的').fill('办理合同公证')
  await reveal
    .getByRole('button', { name: 'OK' })
    .or(reveal.getByRole('button', { name: '确定' }))
    .click()
  await expect(sensitive.locator('.sensitive-value')).toHaveText(ID_NUMBER)

  // S131–S133: a disclosure to a third party, which the customer's consent allows.
  const disclosures = tab.locator('.ant-card').filter({ hasText: '信息提供（共享）' })
  await disclosures.getByRole('button', { name: '申请提供' }).click()
  const request = page.locator('.ant-modal:visible')
  await request.getByLabel('接收方', { exact: true }).fill('上海市东方公证处')
  await request.getByLabel('提供范围').fill('基本信息、仓储合同')
  await request.getByLabel('目的').fill('合同公证')
  await request.getByRole('button', { name: '保存' }).click()
  await expect(disclosures.locator('.disclosures')).toContainText('待审批')
  await closeDrawer(page)
  await signOut(page)

  await signIn(page, ARCHIVE_MANAGER)
  const managerTab = await openCustomerPrivacy(page, customer.name)
  const managerDisclosures = managerTab.locator('.ant-card').filter({ hasText: '信息提供（共享）' })
  await managerDisclosures.getByRole('button', { name: '批准', exact: true }).click()
  await expect(managerDisclosures.locator('.disclosures')).toContainText('已批准')
  await managerDisclosures.getByRole('button', { name: '登记已提供' }).click()
  await page.locator('.ant-popconfirm:visible').getByRole('button', { name: '确定' }).click()
  await expect(managerDisclosures.locator('.disclosures')).toContainText('已提供')
  await expect(managerDisclosures.locator('.disclosures')).toContainText('依据客户同意')

  // S103, S141, S147: the contact person asks to be deleted; answered by anonymising, the records stay.
  const rights = managerTab.locator('.ant-card').filter({ hasText: '个人信息权利请求' })
  await rights.getByRole('button', { name: '登记请求' }).click()
  const register = page.locator('.ant-modal:visible')
  await register.getByLabel('请求人', { exact: true }).fill('李娜')
  await register.getByLabel('具体内容').fill('请删除本人的联系方式')
  await register.getByText('已核对请求人身份').click()
  await register.getByRole('button', { name: '保存' }).click()
  await expect(rights.locator('.rights-requests')).toContainText('待答复')
  await rights.getByRole('button', { name: '答复' }).click()
  const answer = page.locator('.ant-modal:visible')
  await answer.getByLabel('答复', { exact: true }).fill('已删除您的个人信息，合同档案依法保存。')
  await answer.getByRole('button', { name: '保存' }).click()
  await expect(rights.locator('.rights-requests')).toContainText('已匿名化')
  await expect(rights.locator('.privacy-state')).toContainText('个人信息已匿名化')
  await page.screenshot({ path: path.join('test-results', 'customer-privacy-answered.png'), fullPage: true })
  const after = await rpc(page, 'customers.get', { id: customer.id })
  expect(after.legalRepresentative).toBe('（已匿名）')
  expect(after.contacts[0]).toMatchObject({ name: '（已匿名）', phone: '' })
})
