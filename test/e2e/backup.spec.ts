import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from './server'
import { ADMIN, confirmIrreversible, setUpAdministrator, signIn } from './steps'

test('the administrator backs up to a folder, sees the backup verified, restores it and signs in again', async ({
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

  await page.getByRole('button', { name: '立即备份' }).click()
  await expect(page.getByText(/已备份到 .*archive-room-\d{8}-\d{6}\.sqlite/)).toBeVisible()
  await expect(page.getByRole('alert')).toHaveCount(0)
  expect(fs.readdirSync(usb).filter((name) => name.endsWith('.sqlite'))).toHaveLength(1)

  await page.getByRole('button', { name: '读取并校验' }).click()
  const row = page.locator('.ant-table-tbody tr.ant-table-row').first()
  await expect(row).toContainText('完好')
  const name = (await row.locator('td').first().textContent()) ?? ''
  await row.getByRole('button', { name: '恢复' }).click()
  await confirmIrreversible(page, /^恢\s*复$/, name)
  await expect(page.getByText('已从备份恢复')).toBeVisible()
  await page.locator('.ant-modal-confirm').getByRole('button').click()
  await signIn(page, ADMIN)
})
