import { expect, test } from './server'
import { ADMIN, AUDITOR, createAccount, setUpAdministrator, signIn, signOut } from './steps'

test('the language choice persists across reloads, and the lock screen asks for the password', async ({
  page,
  server
}) => {
  await setUpAdministrator(page, server)
  await page.getByText('English', { exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Accounts' })).toBeVisible()
  await page.reload()
  await expect(page.getByRole('heading', { name: 'Accounts' })).toBeVisible()
  await expect(page.getByRole('menuitem', { name: 'Settings' })).toBeVisible()

  await page.getByRole('button', { name: 'Lock' }).click()
  const lock = page.getByRole('dialog', { name: 'Locked' })
  await expect(lock).toBeVisible()
  await lock.getByLabel('Password').fill('not-the-password-1')
  await lock.getByRole('button', { name: 'Unlock' }).click()
  await expect(lock.getByText('Wrong user name or password.', { exact: false })).toBeVisible()
  await page.reload()
  await expect(page.getByRole('dialog', { name: 'Locked' })).toBeVisible()
  await page.getByRole('dialog', { name: 'Locked' }).getByLabel('Password').fill(ADMIN.password)
  await page.getByRole('dialog', { name: 'Locked' }).getByRole('button', { name: 'Unlock' }).click()
  await expect(page.getByRole('dialog', { name: 'Locked' })).toBeHidden()

  await page.getByText('中文', { exact: true }).click()
  await expect(page.getByRole('heading', { name: '用户账号' })).toBeVisible()
})

test('the auditor sees only the audit log, and its verification reports the chain intact', async ({ page, server }) => {
  await setUpAdministrator(page, server)
  await createAccount(page, AUDITOR)
  await signOut(page)
  await signIn(page, AUDITOR)
  await expect(page.getByRole('menuitem')).toHaveText(['审计'])
  await expect(page.getByRole('heading', { name: '审计日志' })).toBeVisible()
  await expect(page.getByRole('cell', { name: '初始设置' })).toBeVisible()
  await page.getByRole('button', { name: '校验审计链' }).click()
  await expect(page.getByRole('status')).toContainText('审计链完整')
})
