import path from 'node:path'
import { expect, test } from './server'
import {
  ARCHIVE_MANAGER,
  ARCHIVIST,
  choose,
  codedItem,
  DEPARTMENT_HEAD,
  rpc,
  signIn,
  signOut,
  startAsArchivistWithSigners
} from './steps'

test('R-ROLE-3..5, R-USE-1: the department head and the archive manager sign in the app; a paper signature entered wrongly is withdrawn', async ({
  page,
  server
}) => {
  // Four people sign in one after another (each a slow password hash): more than one ordinary story's time.
  test.slow()
  await startAsArchivistWithSigners(page, server)
  const today = await page.evaluate(() => new Date().toLocaleDateString('sv'))
  const year = today.slice(0, 4)
  // Registering a request is use.spec.ts's story; here two loans of 招商运营部 staff are entered through the same RPC.
  const loan = async (title: string) =>
    rpc(page, 'use.create', {
      kind: 'loan',
      applicantKind: 'internal',
      applicantName: '张三',
      departmentCode: 'ZS',
      purpose: '核对合同条款',
      reason: '续签前核对原合同',
      records: [{ subject: 'item', id: (await codedItem(page, { title })).id }],
      startOn: today,
      dueOn: today,
      excerptAnswer: 'original_needed'
    })
  const first = await loan('仓储合同')
  const second = await loan('租赁合同')
  expect([first.number, second.number]).toEqual([`JY-${year}-0001`, `JY-${year}-0002`])
  await signOut(page)

  // R-ROLE-3: the head of 招商运营部 finds both under 待我签批 on the workbench and signs the first from its page.
  await signIn(page, DEPARTMENT_HEAD)
  await page.getByRole('menuitem', { name: '工作台' }).click()
  const awaiting = page.locator('.awaiting-signatures')
  await expect(awaiting).toContainText('待我签批')
  const row = awaiting.locator('tr', { hasText: `JY-${year}-0001` })
  await expect(row).toContainText('张三')
  const detail = page.getByRole('dialog', { name: /^申请 JY-/ })
  /** Opens a request from 待我签批, once the workbench's cards have settled. */
  const open = async (number: string) => {
    await awaiting.locator('tr', { hasText: number }).getByRole('button', { name: '查看并签批' }).click()
    await expect(page.getByRole('dialog', { name: `申请 ${number}（借阅）` })).toBeVisible()
  }
  await open(`JY-${year}-0001`)
  await expect(detail).toContainText(`申请 JY-${year}-0001（借阅）`)
  await expect(detail.getByRole('button', { name: '同意并签字' })).toBeVisible()
  await expect(detail.getByRole('button', { name: '不同意' })).toBeVisible()
  await page.setViewportSize({ width: 1366, height: 768 })
  await page.screenshot({ path: path.join('docs', 'screenshots', 'signing-zh.png') })
  await detail.getByRole('button', { name: '同意并签字' }).click()
  await expect(page.getByText('您的签批已记录').last()).toBeVisible()
  await expect(detail.locator('.use-chain')).toContainText(`王部长 于 ${today} 签字同意`)
  await expect(detail.getByRole('button', { name: '同意并签字' })).toHaveCount(0)
  await detail.locator('.ant-drawer-close').click()
  await expect(awaiting.locator('tr', { hasText: `JY-${year}-0001` })).toHaveCount(0)
  await expect(awaiting).toContainText(`JY-${year}-0002`)
  await signOut(page)

  // R-ROLE-4: the archive manager signs next; the request is approved.
  await signIn(page, ARCHIVE_MANAGER)
  await page.getByRole('menuitem', { name: '工作台' }).click()
  await open(`JY-${year}-0001`)
  await detail.getByRole('button', { name: '同意并签字' }).click()
  await expect(detail).toContainText('已批准')
  await expect(detail.locator('.use-chain')).toContainText(`赵主任 于 ${today} 签字同意`)
  await detail.locator('.ant-drawer-close').click()
  await signOut(page)

  // R-USE-1: the archivist enters the head's paper signature on the second, for the wrong request, and withdraws it.
  await signIn(page, ARCHIVIST)
  await page.getByRole('menuitem', { name: '借阅' }).click()
  await page.getByRole('button', { name: `JY-${year}-0002` }).click()
  await detail.getByRole('button', { name: '录入部门负责人签批' }).click()
  const entry = page.getByRole('dialog', { name: '录入部门负责人签批' })
  await choose(page, entry, '签字人（部门负责人）', '王部长')
  await entry.getByRole('button', { name: '保存' }).click()
  await expect(page.getByText('签批已录入').last()).toBeVisible()
  const chain = detail.locator('.use-chain')
  await expect(chain).toContainText(`王部长 于 ${today} 签字同意`)
  await expect(chain).toContainText(`由 ${ARCHIVIST.name} 据纸质申请单代为录入`)

  await detail.getByRole('button', { name: '撤回签字' }).click()
  const withdrawal = page.getByRole('dialog', { name: '撤回最后一步的签字' })
  await withdrawal.getByLabel('撤回原因').fill('纸质单未签字，误录')
  await withdrawal.getByRole('button', { name: '保存' }).click()
  await expect(page.getByText('签字已撤回，申请回到待签批').last()).toBeVisible()
  await expect(detail).toContainText('待审批')
  await expect(chain.locator('.use-chain-withdrawn')).toContainText(
    `已撤回 王部长 的签字（部门负责人）：${ARCHIVIST.name} 于`
  )
  await expect(chain.locator('.use-chain-withdrawn')).toContainText('原因：纸质单未签字，误录')
  await expect(detail.getByRole('button', { name: '录入部门负责人签批' })).toBeVisible()
})
