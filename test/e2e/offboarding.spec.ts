import { expect, test } from './server'
import {
  ADMIN,
  ARCHIVE_MANAGER,
  ARCHIVIST,
  codedItem,
  confirmIrreversible,
  createAccount,
  DEPARTMENT_HEAD,
  enterAllSignatures,
  rpc,
  setUpAdministrator,
  signIn,
  signOut
} from './steps'

const STAFF = {
  username: 'zhangsan',
  name: '张三',
  password: 'Zhangsan-2024',
  role: '普通查阅人员',
  department: '招商运营部'
}

test('R-CUST-6: the account dialog lists what a person still has out, and switching the account off is refused', async ({
  page,
  server
}) => {
  await setUpAdministrator(page, server)
  await createAccount(page, ARCHIVIST)
  await createAccount(page, STAFF)
  await createAccount(page, DEPARTMENT_HEAD)
  await createAccount(page, ARCHIVE_MANAGER)
  await signOut(page)

  await signIn(page, ARCHIVIST)
  // The loan itself is use.spec.ts's story; here it is entered through the same RPC the pages use.
  const staff = (await rpc(page, 'use.applicants', {})).find((person) => person.displayName === STAFF.name)!
  const coded = await codedItem(page, { title: '仓储合同' })
  const today = new Date().toLocaleDateString('sv')
  let request = await rpc(page, 'use.create', {
    kind: 'loan',
    applicantKind: 'internal',
    applicantUserId: staff.id,
    applicantName: STAFF.name,
    departmentCode: 'ZS',
    purpose: '核对条款',
    reason: '续签前核对',
    records: [{ subject: 'item', id: coded.id }],
    startOn: today,
    dueOn: today,
    excerptAnswer: 'original_needed'
  })
  request = await enterAllSignatures(page, request, today)
  await rpc(page, 'use.checkout', { id: request.id, version: request.version })
  await signOut(page)

  await signIn(page, ADMIN)
  await page
    .getByRole('row', { name: new RegExp(STAFF.username) })
    .getByText('编辑')
    .click()
  const dialog = page.getByRole('dialog', { name: '编辑用户' })
  await expect(dialog).toContainText('此人仍有 1 份查阅或借阅未归还')
  await expect(dialog).toContainText(coded.archivalCode)
  await dialog.getByRole('switch').click()
  await dialog.getByRole('button', { name: '保存' }).click()
  await confirmIrreversible(page, /^停\s*用$/)
  await expect(page.getByText('归还后才能停用账号').last()).toBeVisible()
  await expect(page.getByText('R-CUST-6').last()).toBeVisible()
})
