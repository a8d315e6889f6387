import { Button, Descriptions, Drawer, Spin, Table, Tabs, Tag } from 'antd'
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import type { Customer, CustomerChange } from '@preload/contract'
import { CUSTOMER_FIELD_NAMES } from '@preload/vocabulary'
import { call } from '@renderer/api/client'
import { formatDateTime } from '@renderer/errors'
import { GRADE_COLORS } from '@renderer/tagColors'
import { useRemote } from '@renderer/useRemote'
import { CustomerFile } from './CustomerFile'
import { PendingChanges } from './PendingChanges'
import { readable } from './customerColumns'
import { CustomerUpkeepTab } from './upkeep/CustomerUpkeepTab'
import { CustomerPrivacy } from './privacy/CustomerPrivacy'
import { ListTable } from '@renderer/components/ListTable'

interface CustomerDetailProps {
  customerId: number
  canEdit: boolean
  onEdit(): void
  onClose(): void
}

const FIELD_ORDER = CUSTOMER_FIELD_NAMES.filter((field) => field !== 'contacts')

export function CustomerDetail({ customerId, canEdit, onEdit, onClose }: CustomerDetailProps) {
  const { t } = useTranslation()
  // A confirmed change (S50) alters the file and its history: both are read again.
  const { data, reload } = useRemote(
    useCallback(async () => {
      const [customer, history] = await Promise.all([
        call('customers.get', { id: customerId }),
        call('customers.history', { id: customerId })
      ])
      return { customer, history }
    }, [customerId]),
    onClose
  )
  const customer = data?.customer ?? null

  const show = (field: keyof Customer, value: unknown) => {
    if (field === 'grade')
      return <Tag color={GRADE_COLORS[value as Customer['grade']]}>{t(`grades.${String(value)}`)}</Tag>
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no')
    return value === null || value === '' ? '—' : String(value)
  }

  const fieldLabel = (field: string) => t(`customers.fields.${field}`)

  return (
    <Drawer
      open
      width={860}
      rootClassName="customer-detail"
      title={customer?.name ?? ''}
      onClose={onClose}
      extra={canEdit && <Button onClick={onEdit}>{t('common.edit')}</Button>}
    >
      {!customer ? (
        <Spin />
      ) : (
        <Tabs
          items={[
            {
              key: 'info',
              label: t('customers.tabs.info'),
              children: (
                <>
                  <PendingChanges customerId={customerId} onDecided={() => void reload()} />
                  <Descriptions bordered size="small" column={2}>
                    {FIELD_ORDER.map((field) => (
                      <Descriptions.Item key={field} label={fieldLabel(field)}>
                        {show(field, customer[field])}
                      </Descriptions.Item>
                    ))}
                  </Descriptions>
                  <Table
                    style={{ marginTop: 16 }}
                    size="small"
                    rowKey={(_row, index) => String(index)}
                    pagination={false}
                    title={() => t('customers.sections.contacts')}
                    dataSource={customer.contacts}
                    columns={(['name', 'title', 'phone', 'email'] as const).map((key) => ({
                      title: t(`customers.contact.${key}`),
                      dataIndex: key,
                      render: (value: string) => readable(value, t)
                    }))}
                  />
                </>
              )
            },
            {
              key: 'file',
              label: t('customers.tabs.file'),
              children: <CustomerFile customerId={customerId} />
            },
            {
              key: 'upkeep',
              label: t('customerUpkeep.tab'),
              children: <CustomerUpkeepTab customerId={customerId} canEdit={canEdit} />
            },
            {
              key: 'privacy',
              label: t('customerPrivacy.tab'),
              children: <CustomerPrivacy customerId={customerId} canEdit={canEdit} />
            },
            {
              key: 'history',
              label: t('customers.tabs.history'),
              children: (
                <ListTable<CustomerChange>
                  size="small"
                  rowKey={(row, index) => `${row.at}-${row.field}-${index}`}
                  dataSource={data?.history ?? []}
                  pagination={{ pageSize: 20 }}
                  empty={t('history.empty')}
                  columns={[
                    { title: t('history.at'), dataIndex: 'at', render: (value: string) => formatDateTime(value) },
                    { title: t('history.user'), dataIndex: 'username' },
                    {
                      title: t('history.field'),
                      dataIndex: 'field',
                      render: (field: string, row) =>
                        row.action === 'create' ? t('history.created') : fieldLabel(field)
                    },
                    { title: t('history.before'), dataIndex: 'before' },
                    { title: t('history.after'), dataIndex: 'after' }
                  ]}
                />
              )
            }
          ]}
        />
      )}
    </Drawer>
  )
}
