import { expect, type Page } from '@playwright/test'
import type { RunningServer } from './server'

export interface Person {
  username: string
  name: string
  password: string
  role?: string
  department?: string
}

export const ADMIN: Person = { username: 'admin', name: '张管理', password: 'Admin-pass-2024' }
export const ARCHIVIST: Person = { username: 'liwen', name: '李文', password: 'Archivist-2024', role: '档案管理员', department: '招商运营部' }
export const AUDITOR: Person = { username: 'shenji', name: '沈计', password: 'Auditor-2024x', role: '安全审计员' }

/** First start: the administrator account is created and signed in. */
export async function setUpAdministrator(page: Page, server: RunningServer): Promise<void> {
  await page.goto(server.entryUrl)
  await expect(page.getByText('首次启动：设置系统管理员')).toBeVisible()
  await page.getByLabel('用户名').fill(ADMIN.username)
  await page.getByLabel('姓名').fill(ADMIN.name)
  await page.getByLabel('密码', { exact: true }).fill(ADMIN.password)
  await page.getByLabel('再次输入密码').fill(ADMIN.password)
  await page.getByRole('button', { name: '创建管理员并登录' }).click()
  await expect(page.getByTestId('current-user')).toContainText(ADMIN.name)
  await expect(page.getByRole('heading', { name: '用户账号' })).toBeVisible()
}

export async function createAccount(page: Page, person: Person): Promise<void> {
  await page.getByRole('button', { name: '新建用户' }).click()
  const dialog = page.getByRole('dialog', { name: '新建用户' })
  await dialog.getByLabel('用户名').fill(person.username)
  await dialog.getByLabel('姓名').fill(person.name)
  if (person.role && person.role !== '档案管理员') {
    await dialog.getByLabel('角色').click()
    await page.locator('.ant-select-item-option').filter({ hasText: person.role }).click()
  }
  if (person.department) await dialog.getByLabel('部门').fill(person.department)
  await dialog.getByLabel('初始密码').fill(person.password)
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(page.getByRole('cell', { name: person.username, exact: true })).toBeVisible()
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click()
  await expect(page.locator('form#login')).toBeVisible()
}

export async function signIn(page: Page, person: Person): Promise<void> {
  const form = page.locator('form#login')
  await form.getByLabel('用户名').fill(person.username)
  await form.getByLabel('密码').fill(person.password)
  await form.getByRole('button', { name: '登录', exact: true }).click()
  await expect(page.getByTestId('current-user')).toContainText(person.name)
}

/** A fresh installation with an archivist signed in: the start of most stories. */
export async function startAsArchivist(page: Page, server: RunningServer): Promise<void> {
  await setUpAdministrator(page, server)
  await createAccount(page, ARCHIVIST)
  await signOut(page)
  await signIn(page, ARCHIVIST)
}
