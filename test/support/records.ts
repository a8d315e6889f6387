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

/** What refreshItemSearch writes into items_fts, for rows seeded behind the app's back. */
export const REINDEX_ITEM_SEARCH = [
  'DELETE FROM items_fts',
  `INSERT INTO items_fts (rowid, body)
     SELECT i.id, i.title || char(10) || i.document_number || char(10) || i.responsible_party || char(10) ||
            COALESCE(i.archival_code, '') || char(10) || COALESCE(c.name, '')
     FROM items i LEFT JOIN customers c ON c.id = i.customer_id`
]
