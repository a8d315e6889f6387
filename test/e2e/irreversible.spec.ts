import path from 'node:path'
import { expect, test } from './server'
import { ARCHIVIST, codedItem, createAccount, rpc, setUpAdministrator, signIn, signOut, type Person } from './steps'

const MANAGER: Person = {
  username: 'wangjl',
  name: '王经理',
  password: 'Manager-2024x',
  role: '档案部门负责人',
  department: '招商运营部'
}

test('Enter in the signature date destroys nothing, and the destruction waits for the typed register number', async ({
  page,
  server
}) => {
  await page.setViewportSize({ width: 1366, height: 768 })
  server.setClock('2026-03-02T09:00:00+08:00')
  await setUpAdministrator(page, server)
  await createAccount(page, ARCHIVIST)
  await createAccount(page, MANAGER)
  await signOut(page)

  // The appraisal itself is disposal.spec.ts's story; here it is entered through the channels the pages use.
  await signIn(page, ARCHIVIST)
  const item = await codedItem(page, {
    title: '顺达物流仓储合同',
    retentionCode: 'D10',
    dateFormed: '2014-05-10',
    receivedOn: '2014-05-12'
  })
  let batch = await rpc(page, 'appraisal.create', {
    title: '2014年到期档案鉴定',
    records: [{ subject: 'item', id: item.id }]
  })
  await signOut(page)
  await signIn(page, MANAGER)
  batch = await rpc(page, 'appraisal.decide', {
    batchId: batch.id,
    version: batch.version,
    entryId: batch.entriesDetail[0].id,
    decision: 'destroy'
  })
  batch = await rpc(page, 'appraisal.complete', {
    batchId: batch.id,
    version: batch.version,
    managerName: MANAGER.name,
    departmentLeaderName: '李主任',
    appraisedOn: '2026-03-02'
  })
  await signOut(page)
  server.setClock('2026-09-03T09:00:00+08:00')
  await signIn(page, ARCHIVIST)
  batch = await rpc(page, 'appraisal.verify', {
    batchId: batch.id,
    version: batch.version,
    entryId: batch.entriesDetail[0].id,
    stillToGo: true
  })
  batch = await rpc(page, 'destruction.create', {
    batchId: batch.id,
    version: batch.version,
    place: '公司碎纸间',
    destroyedOn: '2026-09-03',
    method: '碎纸机粉碎',
    supervisors: ['张监销', '赵监销'],
    countConfirmed: 1
  })

  await page.getByRole('menuitem', { name: '鉴定销毁' }).click()
  await page.getByRole('tab', { name: '鉴定批次' }).click()
  await page.getByRole('button', { name: '2014年到期档案鉴定' }).click()
  const detail = page.locator('.batch-detail')
  const sign = detail.locator('form#destruction-sign')
  const date = sign.getByLabel('签字日期', { exact: true })
  await date.click()
  await date.fill('2026-09-03')
  await date.press('Enter')
  await expect(date).toHaveValue('2026-09-03')
  const dialog = page.locator('.confirm-irreversible').getByRole('dialog')
  await expect(dialog).toHaveCount(0)
  expect((await rpc(page, 'appraisal.get', { id: batch.id })).register?.signedOn).toBeNull()

  await sign.getByRole('button', { name: '监销人已签字，确认销毁' }).click()
  await expect(dialog).toContainText('销毁后清册永久保存，任何人不能修改')
  const confirm = dialog.getByRole('button', { name: '确认销毁' })
  const typed = dialog.getByLabel('确认内容')
  await expect(confirm).toBeDisabled()
  await typed.fill('XH-0002')
  await typed.press('Enter')
  await expect(confirm).toBeDisabled()
  await page.screenshot({ path: path.join('docs', 'screenshots', 'destruction-confirmation.png') })
  await typed.fill('XH-0001')
  await typed.press('Enter')
  await expect(dialog).toBeVisible()
  expect((await rpc(page, 'appraisal.get', { id: batch.id })).register?.signedOn).toBeNull()

  await confirm.click()
  await expect(detail.getByText('已销毁，销毁清册已永久保存')).toBeVisible()
  expect((await rpc(page, 'appraisal.get', { id: batch.id })).register?.signedOn).toBe('2026-09-03')
})
