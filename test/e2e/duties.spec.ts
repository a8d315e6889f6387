import { expect, test } from './server'
import {
  ADMIN,
  authorise,
  changeFirstPassword,
  openAccount,
  SECURITY_OFFICER,
  setUpAdministrator,
  signIn,
  signOut,
  type Person
} from './steps'

const KEEPER: Person = { username: 'zhaomin', name: '赵敏', password: 'Zhaomin-2024x', department: '招商运营部' }

/** The accounts table's row of one user name. */
const rowOf = (page: import('@playwright/test').Page, username: string) =>
  page.getByRole('row').filter({ has: page.getByRole('cell', { name: username, exact: true }) })

test('R-ROLE-7: the administrator opens an account, the security officer authorises it, the person sees their last sign-in and a reset', async ({
  page,
  server
}) => {
  await setUpAdministrator(page, server)
  await expect(page.getByText('尚未设立安全保密管理员')).toBeVisible()

  // The installation's first security officer: the one role the administrator gives alone, once.
  await openAccount(page, SECURITY_OFFICER)
  await expect(rowOf(page, SECURITY_OFFICER.username)).toContainText('待授权')
  await rowOf(page, SECURITY_OFFICER.username).getByText('提请任命', { exact: true }).click()
  const propose = page.getByRole('dialog', { name: `提请任命系统管理员或安全保密管理员：${SECURITY_OFFICER.username}` })
  await propose.getByLabel('角色').click()
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: '安全保密管理员' })
    .click()
  await propose.getByRole('button', { name: '保存' }).click()
  await expect(rowOf(page, SECURITY_OFFICER.username)).toContainText('安全保密管理员')
  await expect(page.getByText('尚未设立安全保密管理员')).toBeHidden()

  // Any later account has no role and cannot sign in until the security officer authorises it.
  await openAccount(page, KEEPER)
  await expect(rowOf(page, KEEPER.username)).toContainText('待授权')
  await signOut(page)
  const form = page.locator('form#login')
  await form.getByLabel('用户名').fill(KEEPER.username)
  await form.getByLabel('密码').fill(`Initial-${KEEPER.password}`)
  await form.getByRole('button', { name: '登录', exact: true }).click()
  await expect(page.getByText('账号尚未由安全保密管理员授权启用')).toBeVisible()

  await signIn(page, SECURITY_OFFICER)
  await expect(page.getByText('有 1 个账号待授权')).toBeVisible()
  await authorise(page, { ...KEEPER, role: '档案管理员' })
  await expect(rowOf(page, KEEPER.username)).toContainText('启用')
  await signOut(page)

  // The person replaces the administrator's password, and from the next sign-in on sees the one before.
  await signIn(page, KEEPER)
  await expect(page.getByTestId('last-sign-in')).toHaveText('这是此账号的首次登录')
  await signOut(page)
  await signIn(page, KEEPER)
  const today = new Date().toLocaleDateString('sv')
  await expect(page.getByTestId('last-sign-in')).toContainText(`上次登录：${today}`)
  await signOut(page)

  // A reset by the administrator is told to whoever signs in with it, with who did it.
  await signIn(page, ADMIN)
  await rowOf(page, KEEPER.username).getByText('重置密码', { exact: true }).click()
  await page
    .getByRole('dialog', { name: `重置密码：${KEEPER.username}` })
    .getByLabel('新密码')
    .fill(`Initial-${KEEPER.password}`)
  await page
    .getByRole('dialog', { name: `重置密码：${KEEPER.username}` })
    .getByRole('button', { name: '保存' })
    .click()
  await expect(page.getByText('密码已重置')).toBeVisible()
  await signOut(page)
  await form.getByLabel('用户名').fill(KEEPER.username)
  await form.getByLabel('密码').fill(`Initial-${KEEPER.password}`)
  await form.getByRole('button', { name: '登录', exact: true }).click()
  await expect(page.getByTestId('password-reset-notice')).toContainText(`由 ${ADMIN.name} 重置`)
  await changeFirstPassword(page, KEEPER)
  await expect(page.getByTestId('password-reset-notice')).toContainText(`由 ${ADMIN.name} 重置`)
})
