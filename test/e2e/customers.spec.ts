import path from 'node:path'
import { expect, test } from './server'
import { ARCHIVIST, signOut, startAsArchivist } from './steps'

test('first run → archivist → customer created, edited, found by a Chinese substring, history shown', async ({
  page,
  server
}) => {
  await startAsArchivist(page, server)

  await page.getByRole('menuitem', { name: '客户' }).click()
  await expect(page.getByText('还没有客户。点击“新建客户”登记第一位客户。')).toBeVisible()
  await page.getByRole('button', { name: '新建客户' }).click()
  const drawer = page.locator('.customer-form')
  await drawer.getByLabel('客户名称').fill('上海顺达物流有限公司')
  await drawer.getByLabel('法定代表人').fill('王建国')
  await drawer.getByLabel('邮政编码').fill('201203')
  await drawer.getByLabel('电话', { exact: true }).fill('021-58881234')
  await drawer.getByLabel('所属行业').fill('物流')
  await drawer.getByLabel('地区').fill('上海')
  await drawer.getByRole('button', { name: '添加联系人' }).click()
  await drawer.getByLabel('姓名').fill('李娜')
  await drawer.getByLabel('电话').last().fill('13812345678')
  await drawer.getByRole('button', { name: '保存' }).click()
  await expect(page.getByText('客户已创建').last()).toBeVisible()
  await expect(page.getByRole('cell', { name: '上海顺达物流有限公司' })).toBeVisible()

  await page.getByRole('button', { name: '编辑' }).click()
  await drawer.getByLabel('法定代表人').fill('王建华')
  await drawer.getByRole('button', { name: '保存' }).click()
  await expect(page.getByText('客户信息已更新').last()).toBeVisible()

  await page.getByText('上海顺达物流有限公司', { exact: true }).click()
  await page.getByRole('tab', { name: '变更记录' }).click()
  const history = page.locator('.customer-detail .ant-table-tbody')
  await expect(history.getByRole('row').filter({ hasText: '法定代表人' })).toContainText('王建国')
  await expect(history.getByRole('row').filter({ hasText: '法定代表人' })).toContainText('王建华')
  await expect(history.getByRole('row').filter({ hasText: '法定代表人' })).toContainText(ARCHIVIST.username)
  await page.keyboard.press('Escape')
  await expect(page.locator('.customer-detail .ant-drawer-content-wrapper')).toBeHidden()

  await page.getByRole('button', { name: '新建客户' }).click()
  await drawer.getByLabel('客户名称').fill('北京华信贸易公司')
  await drawer.getByLabel('法定代表人').fill('赵敏')
  await drawer.getByRole('button', { name: '保存' }).click()
  await expect(page.getByText('客户已创建').last()).toBeVisible()

  const search = page.getByPlaceholder('搜索客户名称、法定代表人、行业、地区、地址、联系人')
  await search.fill('物流')
  await search.press('Enter')
  await expect(page.getByRole('cell', { name: '上海顺达物流有限公司' })).toBeVisible()
  await expect(page.getByRole('cell', { name: '北京华信贸易公司' })).toHaveCount(0)
  await page.screenshot({ path: path.join('test-results', 'customer-list.png'), fullPage: true })

  await signOut(page)
})

test('bad customer input shows the field errors in Chinese and saves nothing', async ({ page, server }) => {
  await startAsArchivist(page, server)
  await page.getByRole('menuitem', { name: '客户' }).click()

  await page.getByRole('button', { name: '新建客户' }).click()
  const drawer = page.locator('.customer-form')
  await drawer.getByLabel('客户名称').fill('杭州测试有限公司')
  await drawer.getByLabel('邮政编码').fill('12345')
  await drawer.getByLabel('电话', { exact: true }).fill('电话号码')
  await drawer.getByLabel('注册资本（万元）').fill('-5')
  await drawer.getByRole('button', { name: '保存' }).click()

  await expect(page.getByText('输入有误，请检查标红的字段。')).toBeVisible()
  await expect(drawer.getByText('邮政编码应为 6 位数字')).toBeVisible()
  await expect(drawer.getByText('电话号码格式不正确，例如 021-58881234 或 13812345678')).toBeVisible()
  await expect(drawer.getByText('金额不能为负数')).toBeVisible()
  await expect(drawer.getByText('必填')).toBeVisible()

  await drawer.getByRole('button', { name: '取消' }).click()
  await expect(page.getByText('还没有客户。点击“新建客户”登记第一位客户。')).toBeVisible()
})
