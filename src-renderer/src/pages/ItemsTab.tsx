import { PlusOutlined } from '@ant-design/icons'
import { Button, Checkbox, Empty, Input, Space, Table, Tag, TreeSelect } from 'antd'
import type { TableProps } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  CLASSIFICATIONS,
  CUSTODY_STATES,
  ITEM_STATUSES,
  type ChannelInput,
  type ItemRow,
  type LocationNode
} from '../../../src-preload/contract'
import { call } from '../api/client'
import { ExportButton } from '../components/ExportButton'
import { ImportWizard } from '../components/ImportWizard'
import { locationOptions } from '../components/LocationPanel'
import { codeOptions, nameOfCode, useFilingSettings } from '../useFilingSettings'
import { usePagedQuery } from '../useRemote'
import { FilingCatalogueButton } from './FilingCatalogueButton'
import { Marked } from '../components/Marked'
import { ItemDetail } from './ItemDetail'
import { ItemForm } from './ItemForm'
import { ITEM_STATUS_COLORS } from '../tagColors'

type Query = ChannelInput<'items.list'>

export function ItemsTab({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation()
  const settings = useFilingSettings()
  const [editing, setEditing] = useState<number | 'new' | null>(null)
  const [viewing, setViewing] = useState<number | null>(null)
  const [locations, setLocations] = useState<LocationNode[]>([])
  const [importing, setImporting] = useState(false)
  const closeForm = useCallback(() => setEditing(null), [])
  const closeDetail = useCallback(() => setViewing(null), [])

  const {
    query,
    filter,
    sortOrderOf,
    tableProps,
    reload: load
  } = usePagedQuery(
    (q: Query) => call('items.list', q),
    { sortBy: 'updatedAt', sortOrder: 'descend' },
    {
      columnFilters: ['year', 'categoryCode', 'retentionCode', 'classification', 'status'],
      sort: { fallback: 'updatedAt' },
      sizeChanger: true
    }
  )

  useEffect(() => {
    call('locations.tree', {})
      .then(setLocations)
      .catch(() => setLocations([]))
  }, [])

  const years = Array.from({ length: 12 }, (_value, index) => new Date().getFullYear() - index)
  const filtered = Boolean(
    query.search ||
    query.locationId ||
    query.flagged ||
    query.year?.length ||
    query.categoryCode?.length ||
    query.status?.length ||
    query.classification?.length ||
    query.retentionCode?.length
  )

  const columns: TableProps<ItemRow>['columns'] = [
    {
      title: t('items.fields.archivalCode'),
      dataIndex: 'archivalCode',
      sorter: true,
      sortOrder: sortOrderOf('archivalCode'),
      render: (code: string | null, row) => (code ? <Marked text={code} ranges={row.highlights?.archivalCode} /> : '—')
    },
    {
      title: t('items.fields.title'),
      dataIndex: 'title',
      sorter: true,
      sortOrder: sortOrderOf('title'),
      render: (title: string, row) => (
        <>
          <Button
            type="link"
            size="small"
            style={{ padding: 0, whiteSpace: 'normal', textAlign: 'left', height: 'auto' }}
            onClick={() => setViewing(row.id)}
          >
            <Marked text={title} ranges={row.highlights?.title} />
          </Button>
          {row.openIncidents > 0 && <Tag color="red">{t('recordPicker.flagged')}</Tag>}
        </>
      )
    },
    {
      title: t('items.fields.responsibleParty'),
      dataIndex: 'responsibleParty',
      render: (value: string, row) => <Marked text={value} ranges={row.highlights?.responsibleParty} />
    },
    {
      title: t('items.fields.documentNumber'),
      dataIndex: 'documentNumber',
      render: (value: string, row) => <Marked text={value} ranges={row.highlights?.documentNumber} />
    },
    {
      title: t('items.fields.dateFormed'),
      dataIndex: 'dateFormed',
      sorter: true,
      sortOrder: sortOrderOf('dateFormed')
    },
    {
      title: t('items.fields.year'),
      dataIndex: 'year',
      sorter: true,
      sortOrder: sortOrderOf('year'),
      filters: years.map((year) => ({ text: String(year), value: year })),
      filteredValue: query.year ?? null
    },
    {
      title: t('items.fields.categoryCode'),
      dataIndex: 'categoryCode',
      filters: codeOptions(settings?.categories).map((o) => ({ text: o.label, value: o.value })),
      filteredValue: query.categoryCode ?? null,
      render: (value: string) => nameOfCode(settings?.categories, value)
    },
    {
      title: t('items.fields.retentionCode'),
      dataIndex: 'retentionCode',
      filters: codeOptions(settings?.retentionPeriods).map((o) => ({ text: o.label, value: o.value })),
      filteredValue: query.retentionCode ?? null,
      render: (value: string) => nameOfCode(settings?.retentionPeriods, value)
    },
    {
      title: t('items.fields.classification'),
      dataIndex: 'classification',
      filters: CLASSIFICATIONS.map((value) => ({ text: t(`classifications.${value}`), value })),
      filteredValue: query.classification ?? null,
      render: (value: string) => t(`classifications.${value}`)
    },
    { title: t('items.fields.pageCount'), dataIndex: 'pageCount' },
    {
      title: t('items.fields.status'),
      dataIndex: 'status',
      filters: ITEM_STATUSES.map((value) => ({ text: t(`itemStatuses.${value}`), value })),
      filteredValue: query.status ?? null,
      render: (value: string, row) =>
        row.custody === 'destroyed' ? (
          <Tag color="red">{t('custody.destroyed')}</Tag>
        ) : (
          <Tag color={ITEM_STATUS_COLORS[value]}>{t(`itemStatuses.${value}`)}</Tag>
        )
    },
    {
      title: t('items.fields.customerId'),
      dataIndex: 'customerName',
      render: (value: string | null, row) => <Marked text={value ?? ''} ranges={row.highlights?.customerName} />
    },
    { title: t('items.volume'), dataIndex: 'volumeCode', render: (value: string | null) => value ?? '' },
    ...(canWrite
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_value: unknown, row: ItemRow) => (
              <Button type="link" size="small" onClick={() => setEditing(row.id)}>
                {t('common.edit')}
              </Button>
            )
          }
        ]
      : [])
  ]

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
        <Space>
          <Input.Search
            allowClear
            style={{ width: 420 }}
            placeholder={t('items.searchPlaceholder')}
            aria-label={t('common.search')}
            onSearch={(search) => filter({ search: search.trim() || undefined })}
          />
          <TreeSelect
            allowClear
            style={{ width: 240 }}
            placeholder={t('items.locationFilter')}
            aria-label={t('items.locationFilter')}
            treeData={locationOptions(locations)}
            treeDefaultExpandAll
            onChange={(locationId?: number) => filter({ locationId })}
          />
          <Checkbox
            checked={query.flagged ?? false}
            onChange={(event) => filter({ flagged: event.target.checked || undefined })}
          >
            {t('incidents.flaggedOnly')}
          </Checkbox>
          <Checkbox onChange={(event) => filter({ custody: event.target.checked ? [...CUSTODY_STATES] : undefined })}>
            {t('disposal.showDestroyed')}
          </Checkbox>
        </Space>
        <Space>
          <ExportButton
            request={{
              view: 'items',
              query: { ...query, page: 1 },
              columns: [
                { key: 'archivalCode', title: t('items.fields.archivalCode') },
                { key: 'title', title: t('items.fields.title') },
                { key: 'responsibleParty', title: t('items.fields.responsibleParty') },
                { key: 'documentNumber', title: t('items.fields.documentNumber') },
                { key: 'dateFormed', title: t('items.fields.dateFormed') },
                { key: 'year', title: t('items.fields.year') },
                {
                  key: 'categoryCode',
                  title: t('items.fields.categoryCode'),
                  labels: Object.fromEntries((settings?.categories ?? []).map((c) => [c.code, c.name]))
                },
                {
                  key: 'retentionCode',
                  title: t('items.fields.retentionCode'),
                  labels: Object.fromEntries((settings?.retentionPeriods ?? []).map((c) => [c.code, c.name]))
                },
                {
                  key: 'classification',
                  title: t('items.fields.classification'),
                  labels: Object.fromEntries(CLASSIFICATIONS.map((c) => [c, t(`classifications.${c}`)]))
                },
                { key: 'pageCount', title: t('items.fields.pageCount') },
                {
                  key: 'status',
                  title: t('items.fields.status'),
                  labels: Object.fromEntries(ITEM_STATUSES.map((c) => [c, t(`itemStatuses.${c}`)]))
                },
                { key: 'customerName', title: t('items.fields.customerId') },
                { key: 'volumeCode', title: t('items.volume') }
              ]
            }}
          />
          <FilingCatalogueButton settings={settings} />
          {canWrite && <Button onClick={() => setImporting(true)}>{t('import.open')}</Button>}
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('items.new')}
            </Button>
          )}
        </Space>
      </Space>
      <Table<ItemRow>
        rowKey="id"
        size="middle"
        columns={columns}
        {...tableProps}
        locale={{
          emptyText: (
            <Empty
              description={filtered ? t('items.noMatch') : canWrite ? t('items.empty') : t('items.emptyReadOnly')}
            />
          )
        }}
      />
      {editing !== null && settings && (
        <ItemForm
          itemId={editing === 'new' ? null : editing}
          settings={settings}
          onClose={closeForm}
          onSaved={() => {
            setEditing(null)
            void load()
          }}
        />
      )}
      {importing && (
        <ImportWizard
          target="items"
          settings={settings}
          onClose={() => setImporting(false)}
          onImported={() => void load()}
        />
      )}
      {viewing !== null && (
        <ItemDetail itemId={viewing} canWrite={canWrite} settings={settings} onClose={closeDetail} onChanged={load} />
      )}
    </>
  )
}
