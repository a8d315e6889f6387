import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test'
import {
  TWO_PERSON_ROLES,
  type Channel,
  type ChannelInput,
  type ChannelOutput,
  type Item,
  type Role
} from '@preload/contract'
import { itemInput } from '../support/records'
import type { RunningServer } from './server'

export interface Person {
  username: string
  name: string
  password: string
  role?: string
  department?: string
}

export const ADMIN: Person = { username: 'admin', name: '张管理', password: 'Admin-pass-2024' }
export const ARCHIVIST: Person = {
  username: 'liwen',
  name: '李文',
  password: 'Archivist-2024',
  role: '档案管理员',
  department: '招商运营部'
}
/** R-ROLE-3: the head of 招商运营部 (ZS), who signs the requests of its staff. */
export const DEPARTMENT_HEAD: Person = {
  username: 'wangbz',
  name: '王部长',
  password: 'Wangbz-2024x',
  role: '部门负责人',
  department: 'ZS'
}
/** R-ROLE-4: the archive manager, who approves every request. */
export const ARCHIVE_MANAGER: Person = {
  username: 'zhaozr',
  name: '赵主任',
  password: 'Zhaozr-2024x',
  role: '档案部门负责人'
}
export const AUDITOR: Person = { username: 'shenji', name: '沈计', password: 'Auditor-2024x', role: '安全审计员' }
/** R-ROLE-7: the security officer who authorises the accounts the administrator opens. */
export const SECURITY_OFFICER: Person = {
  username: 'baomi',
  name: '鲍保密',
  password: 'Security-2024x',
  role: '安全保密管理员'
}

/** First start: the administrator account is created and signed in; the first-run wizard is left for later. */
export async function setUpAdministrator(page: Page, server: RunningServer): Promise<void> {
  await createAdministrator(page, server)
  await page.getByRole('button', { name: '以后再设置' }).click()
  await expect(page.getByTestId('current-user')).toContainText(ADMIN.name)
  await expect(page.getByRole('heading', { name: '用户账号' })).toBeVisible()
}

/** First start up to the first-run wizard, which the administrator sees right after their account. */
export async function createAdministrator(page: Page, server: RunningServer): Promise<void> {
  servers.set(page.context(), server)
  await page.goto(server.entryUrl)
  await expect(page.getByText('首次启动：设置系统管理员')).toBeVisible()
  await page.getByLabel('用户名').fill(ADMIN.username)
  await page.getByLabel('姓名').fill(ADMIN.name)
  await page.getByLabel('密码', { exact: true }).fill(ADMIN.password)
  await page.getByLabel('再次输入密码').fill(ADMIN.password)
  await page.getByRole('button', { name: '创建管理员并登录' }).click()
  await expect(page.getByTestId('first-run')).toBeVisible()
}

/**
 * Accounts created in the page whose person has not signed in yet: the administrator gave them an initial password,
 * which they replace with their own (`Person.password`) at first sign-in (R-SEC-3, issue 13).
 */
const firstSignInPending = new Set<string>()
const initialPassword = (person: Person) => `Initial-${person.password}`

/** The server each browser context runs against, to open the security officer's tab on it. */
const servers = new WeakMap<BrowserContext, RunningServer>()
/** Installations whose first security officer the administrator has set up. */
const withSecurityOfficer = new WeakSet<RunningServer>()

/**
 * R-ROLE-7: works as the security officer in a tab of their own beside the administrator's page (each tab is a
 * session of its own), which stays as it was. On the installation's first need, the administrator sets up the
 * security officer first: the one role the administrator may give alone, once.
 */
async function asSecurityOfficer(page: Page, work: (officer: Page) => Promise<void>): Promise<void> {
  const server = servers.get(page.context())
  if (!server) throw new Error('the administrator was not set up through setUpAdministrator or createAdministrator')
  if (!withSecurityOfficer.has(server)) {
    const officer = await rpc(page, 'users.create', {
      username: SECURITY_OFFICER.username,
      displayName: SECURITY_OFFICER.name,
      password: initialPassword(SECURITY_OFFICER)
    })
    await rpc(page, 'users.proposeRole', { id: officer.id, role: 'security_officer' })
    firstSignInPending.add(SECURITY_OFFICER.username)
    withSecurityOfficer.add(server)
  }
  const tab = await page.context().newPage()
  try {
    await tab.goto(server.entryUrl)
    await signIn(tab, SECURITY_OFFICER)
    await work(tab)
  } finally {
    await tab.close()
  }
}

const needsProposal = (role: Role): role is (typeof TWO_PERSON_ROLES)[number] =>
  (TWO_PERSON_ROLES as readonly Role[]).includes(role)

/** As createAccount, through the channels: for stories about something else that need many people quickly. */
export async function createAccountQuickly(page: Page, person: Person, role: Role, departmentCode = ''): Promise<void> {
  const created = await rpc(page, 'users.create', {
    username: person.username,
    displayName: person.name,
    department: departmentCode,
    password: initialPassword(person)
  })
  if (needsProposal(role)) await rpc(page, 'users.proposeRole', { id: created.id, role })
  await asSecurityOfficer(page, async (officer) => {
    await rpc(officer, 'users.assignRole', { id: created.id, role, active: true })
  })
  firstSignInPending.add(person.username)
}

/**
 * R-ROLE-7, as the room does it: the administrator opens the account in the page (no role, switched off), then the
 * security officer, in a tab of their own, gives it the person's role and switches it on.
 */
export async function createAccount(page: Page, person: Person): Promise<void> {
  await openAccount(page, person)
  await asSecurityOfficer(page, (officer) => authorise(officer, person))
}

/** The administrator's half: the account opened in the accounts page, with no role and switched off. */
export async function openAccount(page: Page, person: Person): Promise<void> {
  await page.getByRole('button', { name: '新建用户' }).click()
  const dialog = page.getByRole('dialog', { name: '新建用户' })
  await dialog.getByLabel('用户名').fill(person.username)
  await dialog.getByLabel('姓名').fill(person.name)
  if (person.department) await choose(page, dialog, '部门', person.department)
  await dialog.getByLabel('初始密码').fill(initialPassword(person))
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(page.getByRole('cell', { name: person.username, exact: true })).toBeVisible()
  firstSignInPending.add(person.username)
}

/** The security officer's dialog on the accounts page: the person's role (档案管理员 unless named), switched on. */
export async function authorise(officer: Page, person: Person): Promise<void> {
  const role = person.role ?? '档案管理员'
  await officer.getByRole('menuitem', { name: '用户账号' }).click()
  const row = officer
    .getByRole('row')
    .filter({ has: officer.getByRole('cell', { name: person.username, exact: true }) })
  await row.getByText('授权', { exact: true }).click()
  const dialog = officer.getByRole('dialog', { name: `授权与启用：${person.username}` })
  await dialog.getByLabel('角色').click()
  await officer.keyboard.type(role)
  // Exact: 部门负责人 is also part of 档案部门负责人.
  await officer
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: new RegExp(`^${role}$`) })
    .click()
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(row).toContainText(role)
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click()
  await expect(page.locator('form#login')).toBeVisible()
}

/** Signs in; at an account's first sign-in, replaces the administrator's initial password with the person's own. */
export async function signIn(page: Page, person: Person): Promise<void> {
  const first = firstSignInPending.has(person.username)
  const form = page.locator('form#login')
  await form.getByLabel('用户名').fill(person.username)
  await form.getByLabel('密码').fill(first ? initialPassword(person) : person.password)
  await form.getByRole('button', { name: '登录', exact: true }).click()
  if (first) await changeFirstPassword(page, person)
  await expect(page.getByTestId('current-user')).toContainText(person.name)
}

/** The screen right after a first sign-in: nothing else opens until the person has chosen their own password. */
export async function changeFirstPassword(page: Page, person: Person): Promise<void> {
  const screen = page.locator('form#first-password')
  await expect(page.getByText('首次登录：请修改密码')).toBeVisible()
  await screen.getByLabel('当前密码').fill(initialPassword(person))
  await screen.getByLabel('新密码', { exact: true }).fill(person.password)
  await screen.getByLabel('确认新密码').fill(person.password)
  await screen.getByRole('button', { name: '修改密码' }).click()
  firstSignInPending.delete(person.username)
}

/** A fresh installation with an archivist signed in: the start of most stories. */
export async function startAsArchivist(page: Page, server: RunningServer): Promise<void> {
  await setUpAdministrator(page, server)
  await createAccount(page, ARCHIVIST)
  await signOut(page)
  await signIn(page, ARCHIVIST)
}

/** As startAsArchivist, with the accounts that sign a request of 招商运营部: its head and the archive manager. */
export async function startAsArchivistWithSigners(page: Page, server: RunningServer): Promise<void> {
  await setUpAdministrator(page, server)
  for (const person of [ARCHIVIST, DEPARTMENT_HEAD, ARCHIVE_MANAGER]) await createAccount(page, person)
  await signOut(page)
  await signIn(page, ARCHIVIST)
}

/** Enters every signature of a request from the paper form, each by the first account that may sign its step. */
export async function enterAllSignatures(
  page: Page,
  request: ChannelOutput<'use.create'>,
  signedOn: string
): Promise<ChannelOutput<'use.create'>> {
  let current = request
  const signers = await rpc(page, 'use.signers', { id: request.id })
  for (const { step, signers: accounts } of signers) {
    current = await rpc(page, 'use.approve', {
      id: current.id,
      version: current.version,
      step,
      signerUserId: accounts[0].id,
      signedOn,
      decision: 'approved'
    })
  }
  return current
}

/** Arranges what a story starts from through the same RPC the screens use, as the person signed in in the page. */
export async function rpc<C extends Channel>(
  page: Page,
  channel: C,
  input: ChannelInput<C>
): Promise<ChannelOutput<C>> {
  const envelope = await page.evaluate(
    async ([name, body]) =>
      (
        await fetch(`/rpc/${name}`, {
          method: 'POST',
          // The tab's token, as the page's own client sends it (src-renderer/src/api/client.ts, TAB_TOKEN_KEY).
          headers: {
            'Content-Type': 'application/json',
            'X-Archive-Token': sessionStorage.getItem('archive-room.tab') ?? ''
          },
          body: JSON.stringify({ input: body })
        })
      ).json(),
    [channel, input] as const
  )
  if (!envelope.ok) throw new Error(`${channel}: ${JSON.stringify(envelope.error)}`)
  return envelope.data
}

/** A complete item registered and given its archival code, for stories about what happens to it afterwards. */
export async function codedItem(
  page: Page,
  overrides: Partial<ChannelInput<'items.create'>>
): Promise<Item & { archivalCode: string }> {
  const created = await rpc(page, 'items.create', itemInput(overrides))
  const coded = await rpc(page, 'items.catalogue', { id: created.id })
  if (coded.archivalCode === null) throw new Error(`${coded.title} got no archival code`)
  return { ...coded, archivalCode: coded.archivalCode }
}

/** antd lists are virtual: type to bring the option into view, then pick it. */
export async function choose(page: Page, scope: Locator, label: string, option: string): Promise<void> {
  await scope.getByLabel(label, { exact: true }).click()
  await page.keyboard.type(option)
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click()
}

export async function pickDate(scope: Locator, label: string, value: string): Promise<void> {
  const input = scope.getByLabel(label, { exact: true })
  await input.click()
  await input.fill(value)
  await input.press('Enter')
}

/** Clicks the close button of the topmost drawer: Escape is swallowed while a select inside it still has focus. */
export async function closeDrawer(page: Page): Promise<void> {
  const open = page.locator('.ant-drawer-open')
  const count = await open.count()
  await open
    .nth(count - 1)
    .locator('.ant-drawer-close')
    .click()
  await expect(open).toHaveCount(count - 1)
}

/**
 * Passes the confirmation that an irreversible action asks for (components/ConfirmIrreversible.tsx): the button stays
 * off until what must be typed is typed. antd spaces out a two-character Chinese button ("封 卷"), hence the pattern.
 */
export async function confirmIrreversible(page: Page, action: RegExp, typed?: string): Promise<void> {
  const dialog = page.locator('.confirm-irreversible').getByRole('dialog')
  const button = dialog.getByRole('button', { name: action })
  if (typed !== undefined) {
    await expect(button).toBeDisabled()
    await dialog.getByLabel('确认内容').fill(typed)
  }
  await button.click()
  await expect(dialog).toHaveCount(0)
}

/** Opens a customer's personal-information tab from the customer list (issue 20). */
export async function openCustomerPrivacy(page: Page, customerName: string): Promise<Locator> {
  await page.getByRole('menuitem', { name: '客户' }).click()
  await page.getByText(customerName, { exact: true }).click()
  await page.getByRole('tab', { name: '个人信息' }).click()
  const tab = page.locator('.customer-privacy')
  await expect(tab).toBeVisible()
  return tab
}
