import { PlusOutlined } from '@ant-design/icons'
import { Button, Empty, Input, Space, Table, Tag, Typography } from 'antd'
import type { TableProps } from 'antd'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  CUSTOMER_GRADES,
  SORTABLE_CUSTOMER_FIELDS,
  type ChannelInput,
  type CustomerGrade,
  type CustomerRow,
  type SessionInfo
} from '../../../src-preload/contract'
import { can } from '../access'
import { call } from '../api/client'
import { ExportButton } from '../components/ExportButton'
import { ImportWizard } from '../components/ImportWizard'
import { formatDateTime } from '../errors'
import { usePagedQuery, useRemote } from '../useRemote'
import { CustomerDetail } from './CustomerDetail'
import { CustomerForm } from './CustomerForm'
import { GRADE_COLORS } from '../tagColors'

type Query = ChannelInput<'customers.list'>

export function CustomersPage({ session }: { session: SessionInfo }) {
  const { t } = useTranslation()
  const [editing, setEditing] = useState<number | 'new' | null>(null)
  const [viewing, setViewing] = useState<number | null>(null)
  const canWrite = can(session, 'customers.create')
  const [importing, setImporting] = useState(false)
  const closeForm = useCallback(() => setEditing(null), [])
  const closeDetail = useCallback(() => setViewing(null), [])

  const list = usePagedQuery(
    (q: Query) => call('customers.list', q),
    { sortBy: 'updatedAt', sortOrder: 'descend' },
    {
      columnFilters: ['grade', 'industry', 'region'],
      sort: { fallback: 'updatedAt', fields: SORTABLE_CUSTOMER_FIELDS },
      sizeChanger: true
    }
  )
  const { query, filter, sortOrderOf } = list
  const facetsLoaded = useRemote(useCallback(() => call('customers.facets', {}), []))
  const facets = facetsLoaded.data ?? { industries: [], regions: [] }
  const load = async () => {
    await Promise.all([list.reload(), facetsLoaded.reload()])
  }
  const filtered = Boolean(query.search || query.grade?.length || query.industry?.length || query.region?.length)

  const columns: TableProps<CustomerRow>['columns'] = [
    {
      title: t('customers.fields.name'),
      dataIndex: 'name',
      sorter: true,
      sortOrder: sortOrderOf('name'),
      render: (name: string, row) => <Typography.Link onClick={() => setViewing(row.id)}>{name}</Typography.Link>
    },
    { title: t('customers.fields.legalRepresentative'), dataIndex: 'legalRepresentative' },
    {
      title: t('customers.fields.grade'),
      dataIndex: 'grade',
      sorter: true,
      sortOrder: sortOrderOf('grade'),
      filters: CUSTOMER_GRADES.map((grade) => ({ text: t(`grades.${grade}`), value: grade })),
      filteredValue: query.grade ?? null,
      render: (grade: CustomerGrade) => <Tag color={GRADE_COLORS[grade]}>{t(`grades.${grade}`)}</Tag>
    },
    {
      title: t('customers.fields.industry'),
      dataIndex: 'industry',
      sorter: true,
      sortOrder: sortOrderOf('industry'),
      filters: facets.industries.map((value) => ({ text: value, value })),
      filteredValue: query.industry ?? null,
      filterSearch: true
    },
    {
      title: t('customers.fields.region'),
      dataIndex: 'region',
      sorter: true,
      sortOrder: sortOrderOf('region'),
      filters: facets.regions.map((value) => ({ text: value, value })),
      filteredValue: query.region ?? null,
      filterSearch: true
    },
    {
      title: t('customers.fields.dateOpened'),
      dataIndex: 'dateOpened',
      sorter: true,
      sortOrder: sortOrderOf('dateOpened')
    },
    { title: t('customers.columns.primaryContact'), dataIndex: 'primaryContact' },
    { title: t('customers.columns.primaryContactPhone'), dataIndex: 'primaryContactPhone' },
    {
      title: t('customers.columns.updatedAt'),
      dataIndex: 'updatedAt',
      sorter: true,
      sortOrder: sortOrderOf('updatedAt'),
      render: (value: string) => formatDateTime(value)
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_value, row) => (
        <Space>
          <Button type="link" size="small" onClick={() => setViewing(row.id)}>
            {t('common.details')}
          </Button>
          {canWrite && (
            <Button type="link" size="small" onClick={() => setEditing(row.id)}>
              {t('common.edit')}
            </Button>
          )}
        </Space>
      )
    }
  ]

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('customers.title')}
        </Typography.Title>
        <Space>
          <Input.Search
            allowClear
            style={{ width: 420 }}
            placeholder={t('customers.searchPlaceholder')}
            aria-label={t('common.search')}
            onSearch={(search) => filter({ search: search.trim() || undefined })}
          />
          <ExportButton
            request={{
              view: 'customers',
              query: { ...query, page: 1 },
              columns: [
                { key: 'name', title: t('customers.fields.name') },
                { key: 'legalRepresentative', title: t('customers.fields.legalRepresentative') },
                {
                  key: 'grade',
                  title: t('customers.fields.grade'),
                  labels: Object.fromEntries(CUSTOMER_GRADES.map((g) => [g, t(`grades.${g}`)]))
                },
                { key: 'industry', title: t('customers.fields.industry') },
                { key: 'region', title: t('customers.fields.region') },
                { key: 'dateOpened', title: t('customers.fields.dateOpened') },
                { key: 'primaryContact', title: t('customers.columns.primaryContact') },
                { key: 'primaryContactPhone', title: t('customers.columns.primaryContactPhone') },
                { key: 'updatedAt', title: t('customers.columns.updatedAt') }
              ]
            }}
          />
          {canWrite && <Button onClick={() => setImporting(true)}>{t('import.open')}</Button>}
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('customers.new')}
            </Button>
          )}
        </Space>
      </Space>
      {!session.canSeePersonalData && (
        <Typography.Paragraph type="secondary">{t('customers.maskedNotice')}</Typography.Paragraph>
      )}
      <Table<CustomerRow>
        rowKey="id"
        size="middle"
        columns={columns}
        {...list.tableProps}
        locale={{
          emptyText: (
            <Empty
              description={
                filtered ? t('customers.noMatch') : canWrite ? t('customers.empty') : t('customers.emptyReadOnly')
              }
            />
          )
        }}
      />
      {editing !== null && (
        <CustomerForm
          customerId={editing === 'new' ? null : editing}
          onClose={closeForm}
          onSaved={() => {
            setEditing(null)
            void load()
          }}
        />
      )}
      {importing && (
        <ImportWizard
          target="customers"
          settings={null}
          onClose={() => setImporting(false)}
          onImported={() => void load()}
        />
      )}
      {viewing !== null && (
        <CustomerDetail
          customerId={viewing}
          canEdit={canWrite}
          onEdit={() => {
            setEditing(viewing)
            setViewing(null)
          }}
          onClose={closeDetail}
        />
      )}
    </>
  )
}
