import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from './server'
import { ADMIN, confirmIrreversible, setUpAdministrator, signIn } from './steps'

test('the administrator sets the recovery passphrase, backs up to a folder, sees the backup verified and sealed, restores it and signs in again', async ({
  page,
  server
}) => {
  const usb = fs.mkdtempSync(path.join(os.tmpdir(), 'usb-'))
  await setUpAdministrator(page, server)
  await page.getByRole('menuitem', { name: '备份与恢复' }).click()
  // A fresh install claims no age for a backup it never had (issue 13): it says none was made yet, and how.
  await expect(page.getByText(/启用以来还没有做过备份/)).toBeVisible()
  await page.getByLabel('备份文件夹（如 U 盘）').fill('relative/folder')
  await page.getByRole('button', { name: '保存设置' }).click()
  await expect(page.getByText('请填写完整路径（绝对路径）')).toBeVisible()
  await page.getByLabel('备份文件夹（如 U 盘）').fill(usb)
  await page.getByRole('button', { name: '保存设置' }).click()
  await expect(page.getByText('已保存为新版本')).toBeVisible()
  // Issue 15.2: without a recovery passphrase the backups would open on this PC only.
  await expect(page.getByText('尚未设置恢复口令：备份只能在本机恢复。请现在设置。')).toBeVisible()
  await page.getByLabel('恢复口令', { exact: true }).fill('档案室钥匙在二楼保险柜第三格')
  await page.getByLabel('再输入一遍').fill('档案室钥匙在二楼保险柜第三格')
  await page.getByRole('button', { name: '设置口令' }).click()
  await page.getByRole('button', { name: '我已抄好' }).click()
  await expect(page.getByText(/恢复口令设置于/)).toBeVisible()

  await page.getByRole('button', { name: '立即备份' }).click()
  await expect(page.getByText(/已备份到 .*archive-room-\d{8}-\d{6}\.sqlite/)).toBeVisible()
  await expect(page.getByRole('alert')).toHaveCount(0)
  expect(fs.readdirSync(usb).filter((name) => name.endsWith('.sqlite'))).toHaveLength(1)

  await page.getByRole('button', { name: '读取并校验' }).click()
  const row = page.locator('.ant-table-tbody tr.ant-table-row').first()
  await expect(row).toContainText('完好')
  await expect(row).toContainText('已加密加封')
  const name = (await row.locator('td').first().textContent()) ?? ''
  await row.getByRole('button', { name: '恢复' }).click()
  await confirmIrreversible(page, /^恢\s*复$/, name)
  await expect(page.getByText('已从备份恢复')).toBeVisible()
  await page.locator('.ant-modal-confirm').getByRole('button').click()
  await signIn(page, ADMIN)
})
