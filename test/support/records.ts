import type { ChannelInput } from '@preload/contract'

/** A complete, valid customer contract item of 2025; tests override what they are about. */
export const itemInput = (overrides: Partial<ChannelInput<'items.create'>> = {}): ChannelInput<'items.create'> => ({
  fondsCode: 'J001',
  categoryCode: 'KH',
  retentionCode: 'D30',
  departmentCode: 'ZS',
  title: '上海顺达物流有限公司仓储合同',
  responsibleParty: '招商运营部',
  documentNumber: '',
  dateFormed: '2025-03-10',
  pageCount: 4,
  classification: 'none',
  openStatus: 'restricted',
  receivedOn: '2025-03-11',
  ...overrides
})
