import type { Page } from '@playwright/test'
import { expect, test } from './server'
import { ADMIN, ARCHIVIST, createAccount, setUpAdministrator, signIn, signOut } from './steps'

const STAFF = { username: 'zhangsan', name: '张三', password: 'Zhangsan-2024', role: '普通查阅人员', department: '招商运营部' }

/** Calls a channel as the signed-in person does (the loan itself is walked through the screens in use.spec.ts). */
async function rpc<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const result = await page.evaluate(
    async ([name, body]) => (await fetch(`/rpc/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ input: body }) })).json(),
    [channel, input] as const
  )
  expect(result.ok, JSON.stringify(result.error)).toBe(true)
  return result.data as T
}

test('R-CUST-6: the account dialog lists what a person still has out, and switching the account off is refused', async ({ page, server }) => {
  await setUpAdministrator(page, server)
  await createAccount(page, ARCHIVIST)
  await createAccount(page, STAFF)
  await signOut(page)

  await signIn(page, ARCHIVIST)
  const applicants = await rpc<{ id: number; displayName: string }[]>(page, 'use.applicants', {})
  const staff = applicants.find((person) => person.displayName === STAFF.name)!
  const item = await rpc<{ id: number }>(page, 'items.create', {
    fondsCode: 'J001', categoryCode: 'KH', retentionCode: 'D30', departmentCode: 'ZS', title: '仓储合同', responsibleParty: '招商运营部',
    dateFormed: '2025-03-10', pageCount: 4, classification: 'none', openStatus: 'restricted', receivedOn: '2025-03-11'
  })
  const coded = await rpc<{ archivalCode: string }>(page, 'items.catalogue', { id: item.id })
  const today = new Date().toISOString().slice(0, 10)
  let request = await rpc<{ id: number; version: number }>(page, 'use.create', {
    kind: 'loan', applicantKind: 'internal', applicantUserId: staff.id, applicantName: STAFF.name, departmentCode: 'ZS', purpose: '核对条款',
    reason: '续签前核对', records: [{ subject: 'item', id: item.id }], copies: 1, startOn: today, dueOn: today, excerptAnswer: 'original_needed'
  })
  for (const [step, signerName] of [['department_head', '王部长'], ['archive_manager', '赵主任']]) {
    request = await rpc(page, 'use.approve', { id: request.id, version: request.version, step, signerName, signedOn: today, decision: 'approved' })
  }
  await rpc(page, 'use.checkout', { id: request.id, version: request.version })
  await signOut(page)

  await signIn(page, ADMIN)
  await page.getByRole('row', { name: new RegExp(STAFF.username) }).getByText('编辑').click()
  const dialog = page.getByRole('dialog', { name: '编辑用户' })
  await expect(dialog).toContainText('此人仍有 1 份查阅或借阅未归还')
  await expect(dialog).toContainText(coded.archivalCode)
  await dialog.getByRole('switch').click()
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(page.getByText('归还后才能停用账号').last()).toBeVisible()
  await expect(page.getByText('R-CUST-6').last()).toBeVisible()
})
