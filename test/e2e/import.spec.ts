import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { expect, test } from './server'
import {
  ADMIN,
  ARCHIVIST,
  confirmIrreversible,
  createAccount,
  setUpAdministrator,
  signIn,
  signOut,
  startAsArchivist
} from './steps'

async function customerWorkbook(): Promise<string> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('客户')
  sheet.addRow(['客户名称', '法定代表人', '邮编', '客户等级', '建档日期'])
  sheet.addRow(['上海顺达物流有限公司', '王建国', '201203', '重要', new Date(Date.UTC(2024, 2, 1))])
  sheet.addRow(['北京华信贸易公司', '', '100000', '一般', '2024-04-01'])
  sheet.addRow(['广州南方物流集团', '陈志强', '51000', '特殊', '2024-05-01'])
  sheet.addRow(['杭州西湖软件有限公司', '周琳', '310000', '一般', '2024/6/1'])
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'import-')), '客户名单.xlsx')
  await workbook.xlsx.writeFile(file)
  return file
}

test('import a customer list with two bad rows: see the problems, import the good rows, find them', async ({
  page,
  server
}) => {
  const file = await customerWorkbook()
  await startAsArchivist(page, server)
  await page.getByRole('menuitem', { name: '客户' }).click()
  await page.getByRole('button', { name: '导入', exact: true }).click()
  const wizard = page.locator('.import-wizard')
  await wizard.locator('input[type=file]').setInputFiles(file)
  await expect(wizard.getByText('共 4 行数据')).toBeVisible()
  await expect(wizard.locator('.ant-table-row').first()).toContainText(/客户名称.*客户名称/)
  await wizard.getByRole('button', { name: '检查全部行（不写入）' }).click()
  const problems = wizard.locator('.ant-table-tbody tr.ant-table-row')
  await expect(problems).toHaveCount(2)
  await expect(problems.nth(0)).toContainText('3')
  await expect(problems.nth(0)).toContainText('必填')
  await expect(problems.nth(1)).toContainText('4')
  await expect(problems.nth(1)).toContainText('邮政编码应为 6 位数字')
  await wizard.getByRole('button', { name: '只导入无误的 2 行' }).click()
  await expect(wizard.getByText('已导入 2 条')).toBeVisible()
  await wizard.locator('.ant-result').getByRole('button', { name: '关闭' }).click()
  await expect(page.getByRole('cell', { name: '上海顺达物流有限公司' })).toBeVisible()
  await expect(page.getByRole('cell', { name: '杭州西湖软件有限公司' })).toBeVisible()
  await expect(page.getByText('共 2 条')).toBeVisible()
})

test('import → back up → change a record → restore → the record is as it was', async ({ page, server }) => {
  const file = await customerWorkbook()
  const usb = fs.mkdtempSync(path.join(os.tmpdir(), 'usb-'))
  await setUpAdministrator(page, server)
  await page.getByRole('menuitem', { name: '备份与恢复' }).click()
  await page.getByLabel('备份文件夹（如 U 盘）').fill(usb)
  await page.getByRole('button', { name: '保存设置' }).click()
  await expect(page.getByText('已保存为新版本')).toBeVisible()
  await page.getByRole('menuitem', { name: '用户账号' }).click()
  await createAccount(page, ARCHIVIST)
  await signOut(page)
  await signIn(page, ARCHIVIST)

  await page.getByRole('menuitem', { name: '客户' }).click()
  await page.getByRole('button', { name: '导入', exact: true }).click()
  const wizard = page.locator('.import-wizard')
  await wizard.locator('input[type=file]').setInputFiles(file)
  await wizard.getByRole('button', { name: '检查全部行（不写入）' }).click()
  await expect(wizard.locator('.ant-table-tbody tr.ant-table-row')).toHaveCount(2)
  await wizard.getByRole('button', { name: '只导入无误的 2 行' }).click()
  await expect(wizard.getByText('已导入 2 条')).toBeVisible()
  await wizard.locator('.ant-result').getByRole('button', { name: '关闭' }).click()

  await page.getByRole('menuitem', { name: '工作台' }).click()
  await page.getByRole('button', { name: '立即备份' }).click()
  await expect(page.getByText(/已备份到/)).toBeVisible()

  await page.getByRole('menuitem', { name: '客户' }).click()
  await page
    .getByRole('row', { name: /上海顺达物流有限公司/ })
    .getByRole('button', { name: '编辑' })
    .click()
  const form = page.locator('.customer-form')
  await form.getByLabel('法定代表人').fill('改过的名字')
  await form.getByRole('button', { name: '保存' }).click()
  await expect(page.getByRole('cell', { name: '改过的名字' })).toBeVisible()
  await signOut(page)

  await signIn(page, ADMIN)
  await page.getByRole('menuitem', { name: '备份与恢复' }).click()
  await page.getByRole('button', { name: '读取并校验' }).click()
  const backup = page.locator('.ant-table-tbody tr.ant-table-row').first()
  await expect(backup).toContainText('完好')
  const name = (await backup.locator('td').first().textContent()) ?? ''
  await backup.getByRole('button', { name: '恢复' }).click()
  await confirmIrreversible(page, /^恢\s*复$/, name)
  await expect(page.getByText('已从备份恢复')).toBeVisible()
  await page.locator('.ant-modal-confirm').getByRole('button').click()

  await signIn(page, ARCHIVIST)
  await page.getByRole('menuitem', { name: '客户' }).click()
  await expect(page.getByRole('row', { name: /上海顺达物流有限公司/ })).toContainText('王建国')
  await expect(page.getByRole('cell', { name: '改过的名字' })).toHaveCount(0)
})
