import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Locator, Page } from '@playwright/test'
import {
  CUSTOMER_LIST_CSV,
  gb18030,
  LEGACY_ROWS,
  legacyCatalogue,
  WIDER_CODES,
  type LegacyRow
} from '../support/imports'
import { expect, test } from './server'
import { choose, pickDate, startAsArchivist } from './steps'

/*
 * Bringing existing catalogues in through the wizard, as a person does: the channel tests passed while the wizard
 * sent only the defaults someone had touched and a typical 归档文件目录 imported nothing, so these go through it.
 */

function saved(name: string, bytes: Uint8Array): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'import-legacy-')), name)
  fs.writeFileSync(file, bytes)
  return file
}

/** Opens the wizard of the page shown and reads the file in; the mapping step is then on screen. */
async function openWizard(page: Page, file: string, rows: number): Promise<Locator> {
  await page.getByRole('button', { name: '导入', exact: true }).click()
  const wizard = page.locator('.import-wizard')
  await wizard.locator('input[type=file]').setInputFiles(file)
  await expect(wizard.getByText(`共 ${rows} 行数据`)).toBeVisible()
  return wizard
}

async function check(wizard: Locator, counts: { valid: number; duplicates: number; problems: number }) {
  await wizard.getByRole('button', { name: '检查全部行（不写入）' }).click()
  const statistic = (title: string) => wizard.locator('.ant-statistic').filter({ hasText: title })
  await expect(statistic('可导入')).toContainText(String(counts.valid))
  await expect(statistic('已存在（跳过）')).toContainText(String(counts.duplicates))
  await expect(statistic('有问题')).toContainText(String(counts.problems))
  const problems = wizard.locator('.ant-table-tbody tr.ant-table-row')
  await expect(problems).toHaveCount(counts.problems)
  return problems
}

async function importGood(wizard: Locator, count: number) {
  await wizard.getByRole('button', { name: `只导入无误的 ${count} 行` }).click()
  await expect(wizard.getByText(`已导入 ${count} 条`)).toBeVisible()
  await wizard.locator('.ant-result').getByRole('button', { name: '关闭' }).click()
}

const title = (row: LegacyRow) => String(row.cells[4])
const code = (row: LegacyRow) => String(row.cells[1])
/** The sheet row a problem is reported at: a title line and the header come before the first data row. */
const sheetRow = (rows: LegacyRow[], row: LegacyRow) => rows.indexOf(row) + 3

test('an old 归档文件目录 through the wizard: the defaults shown are sent, the good rows import, the bad ones are listed with their reasons, the same file again adds nothing', async ({
  page,
  server
}) => {
  const catalogue = saved('2019年归档文件目录.xlsx', await legacyCatalogue())
  await startAsArchivist(page, server)
  await page.getByRole('menuitem', { name: '档案' }).click()

  let wizard = await openWizard(page, catalogue, LEGACY_ROWS.length)
  // Only the department is chosen; 密级, 开放标识 and 接收日期 are sent as shown, untouched.
  for (const label of ['全宗', '门类', '保管期限', '机构（问题）', '密级', '开放标识', '接收日期'])
    await expect(wizard.getByLabel(label, { exact: true })).toBeVisible()
  await choose(page, wizard, '机构（问题）', 'BGS')
  let problems = await check(wizard, { valid: 5, duplicates: 0, problems: 3 })
  const [, second, , , , twice, anonymous, month13] = LEGACY_ROWS
  await expect(problems.nth(0)).toContainText(
    `${sheetRow(LEGACY_ROWS, twice)}档号档号 ${code(twice)} 已用于第 ${sheetRow(LEGACY_ROWS, second)} 行的另一份文件《${title(second)}》`
  )
  await expect(problems.nth(1)).toContainText(`${sheetRow(LEGACY_ROWS, anonymous)}责任者必填`)
  await expect(problems.nth(2)).toContainText(`${sheetRow(LEGACY_ROWS, month13)}日期请输入有效日期（YYYY-MM-DD）`)
  await importGood(wizard, 5)

  for (const row of LEGACY_ROWS.filter((r) => 'imported' in r.outcome)) {
    const listed = page.getByRole('row', { name: new RegExp(title(row)) })
    await expect(listed).toContainText(code(row))
    await expect(listed).toContainText((row.outcome as { imported: string }).imported)
  }
  await expect(page.getByText('共 5 条')).toBeVisible()

  // The same file again: the five are there already; the code on another document is now refused by the archive's.
  wizard = await openWizard(page, catalogue, LEGACY_ROWS.length)
  await expect(wizard.getByText('已沿用上次同样格式文件的列对应')).toBeVisible()
  await choose(page, wizard, '机构（问题）', 'BGS')
  problems = await check(wizard, { valid: 0, duplicates: 5, problems: 3 })
  await expect(problems.nth(0)).toContainText(
    `档号 ${code(twice)} 已属于库中另一份文件《${title(second)}》（2019-04-12），题名或日期与此行不同`
  )
  await expect(wizard.getByRole('button', { name: '只导入无误的 0 行' })).toBeDisabled()
  await page.locator('.import-wizard .ant-drawer-close').click()
  await expect(page.getByText('共 5 条')).toBeVisible()

  // Codes padded wider than the series: caught by the check, so the import writes the one good row and fails on none.
  const wider = saved('补录目录.xlsx', await legacyCatalogue(WIDER_CODES))
  wizard = await openWizard(page, wider, WIDER_CODES.length)
  await choose(page, wizard, '机构（问题）', 'BGS')
  problems = await check(wizard, { valid: 1, duplicates: 0, problems: 3 })
  const [padded, taken, , padded9] = WIDER_CODES
  await expect(problems.nth(0)).toContainText(
    `${sheetRow(WIDER_CODES, padded)}档号档号 ${code(padded)} 与库中已有的档号 ${code(LEGACY_ROWS[0])} 同属一个序列且序号相同（序号位数不同），请更正档号或不导入此行`
  )
  await expect(problems.nth(1)).toContainText(
    `档号 ${code(taken)} 已属于库中另一份文件《2019年第一季度财务报告》（2019-05-20）`
  )
  await expect(problems.nth(2)).toContainText(
    `档号 ${code(padded9)} 与第 ${sheetRow(WIDER_CODES, WIDER_CODES[2])} 行的档号 ${code(WIDER_CODES[2])} 同属一个序列且序号相同`
  )
  await importGood(wizard, 1)
  await expect(page.getByText('共 6 条')).toBeVisible()
})

test('a customer list saved as GB18030 CSV without 建档日期: the wizard offers the date and grade, the good rows import once', async ({
  page,
  server
}) => {
  const list = saved('客户名单.csv', gb18030(CUSTOMER_LIST_CSV))
  await startAsArchivist(page, server)
  await page.getByRole('menuitem', { name: '客户' }).click()

  let wizard = await openWizard(page, list, 5)
  await expect(wizard.getByText('GB18030 / GBK')).toBeVisible()
  await expect(wizard.locator('.ant-table-row').first()).toContainText('上海顺达物流有限公司')
  await expect(wizard.getByLabel('客户等级', { exact: true })).toBeVisible()
  await pickDate(wizard, '建档日期', '2024-03-01')
  const problems = await check(wizard, { valid: 2, duplicates: 0, problems: 3 })
  await expect(problems.nth(0)).toContainText('3法定代表人必填')
  await expect(problems.nth(1)).toContainText('4邮政编码邮政编码应为 6 位数字')
  await expect(problems.nth(2)).toContainText('6客户名称与第 2 行重复')
  await importGood(wizard, 2)

  for (const name of ['上海顺达物流有限公司', '杭州西湖软件有限公司']) {
    const listed = page.getByRole('row', { name: new RegExp(name) })
    await expect(listed).toContainText('2024-03-01')
    await expect(listed).toContainText('一般')
  }
  await expect(page.getByText('共 2 条')).toBeVisible()

  wizard = await openWizard(page, list, 5)
  await check(wizard, { valid: 0, duplicates: 3, problems: 2 })
})
