import type { ChannelInput } from '@preload/contract'

/** Sample data without any test framework, so child processes the tests start can use it too. */
export const ADMIN_PASSWORD = 'Admin-pass-2024'
export const USER_PASSWORD = 'User-pass-2024'

export const sampleCustomer = (
  overrides: Partial<ChannelInput<'customers.create'>> = {}
): ChannelInput<'customers.create'> => ({
  name: '上海顺达物流有限公司',
  legalRepresentative: '王建国',
  address: '上海市浦东新区张江路88号',
  postcode: '201203',
  phone: '021-58881234',
  fax: '021-58881235',
  registeredCapital: 500,
  industry: '物流',
  region: '上海',
  grade: 'important',
  dateOpened: '2026-03-01',
  contacts: [{ name: '李娜', title: '采购经理', phone: '13812345678', email: 'lina@shunda.example' }],
  ...overrides
})
