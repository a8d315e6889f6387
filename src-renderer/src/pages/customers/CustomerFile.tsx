import { Tag, Typography } from 'antd'
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import type { CustomerFileItem, CustomerFileUse } from '@preload/contract'
import { call } from '@renderer/api/client'
import { ITEM_STATUS_COLORS } from '@renderer/tagColors'
import { useRemote } from '@renderer/useRemote'
import { ListTable } from '@renderer/components/ListTable'

/** R-CUST-2: the customer's file — each document with its status, code and place — and its consultations and loans. */
export function CustomerFile({ customerId }: { customerId: number }) {
  const { t } = useTranslation()
  const { data, loading } = useRemote(useCallback(() => call('customers.file', { id: customerId }), [customerId]))
  return (
    <div className="customer-file">
      <ListTable<CustomerFileItem>
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        empty={t('customers.file.noDocuments')}
        columns={[
          { title: t('items.fields.archivalCode'), dataIndex: 'archivalCode', render: (v: string | null) => v ?? '—' },
          { title: t('items.fields.title'), dataIndex: 'title', ellipsis: true },
          {
            title: t('items.fields.customerDocType'),
            dataIndex: 'customerDocType',
            render: (v: string | null) => (v ? t(`customerDocTypes.${v}`) : '—')
          },
          {
            title: t('items.fields.status'),
            dataIndex: 'status',
            render: (status: string, row) =>
              row.custody === 'in_store' ? (
                <Tag color={ITEM_STATUS_COLORS[status]}>{t(`itemStatuses.${status}`)}</Tag>
              ) : (
                <Tag color="orange">{t(`custody.${row.custody}`)}</Tag>
              )
          },
          {
            title: t('customers.file.location'),
            key: 'location',
            render: (_v, row) => (
              <>
                {row.volumeCode && <Typography.Text type="secondary">{row.volumeCode} </Typography.Text>}
                {row.homePath ?? '—'}
                {row.awayAt && <Tag style={{ marginLeft: 4 }}>{t('customers.file.now', { path: row.awayAt })}</Tag>}
              </>
            )
          }
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('customers.file.uses')}
      </Typography.Title>
      <ListTable<CustomerFileUse>
        size="small"
        rowKey="requestId"
        loading={loading}
        dataSource={data?.uses ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        empty={t('customers.file.noUses')}
        columns={[
          { title: t('use.fields.kind'), dataIndex: 'kind', render: (kind: string) => t(`use.kinds.${kind}`) },
          { title: t('use.fields.applicantName'), dataIndex: 'applicantName' },
          { title: t('use.fields.records'), dataIndex: 'records', ellipsis: true },
          { title: t('use.fields.status'), dataIndex: 'status', render: (s: string) => t(`use.statuses.${s}`) },
          { title: t('use.fields.outOn'), dataIndex: 'outOn', render: (v: string | null) => v ?? '—' },
          { title: t('use.fields.dueOn'), dataIndex: 'dueOn', render: (v: string | null) => v ?? '—' },
          { title: t('use.fields.returnedOn'), dataIndex: 'returnedOn', render: (v: string | null) => v ?? '—' }
        ]}
      />
    </div>
  )
}
