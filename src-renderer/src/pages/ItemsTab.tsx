import { Button, Empty, Space, Table } from 'antd'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChannelInput, ItemRow, SessionInfo } from '@preload/contract'
import { CUSTODY_STATES } from '@preload/vocabulary'
import { codeFromScan } from '@preload/scan'
import { call } from '../api/client'
import { ExportButton } from '../components/ExportButton'
import { ImportWizard } from '../components/ImportWizard'
import { BatchAttach } from './items/BatchAttach'
import { FixityCheck } from './items/FixityCheck'
import { NewButton, Toolbar } from '../components/Toolbar'
import { useFilingSettings } from '../useFilingSettings'
import { usePagedQuery } from '../useRemote'
import { FilingCatalogueButton } from './FilingCatalogueButton'
import { ItemBatchBar } from './items/ItemBatchBar'
import { ItemDetail } from './items/ItemDetail'
import { ItemFilters } from './items/ItemFilters'
import { ItemForm } from './items/ItemForm'
import { itemColumns, itemExportColumns } from './items/itemColumns'

type Query = ChannelInput<'items.list'>

/**
 * The list as asked of main: newest changed first until a column is sorted, but a search newest registered first, the
 * order of the search index, which a search of any size reads a page of without first finding every match.
 */
const asAsked = (query: Query): Query =>
  query.search && query.sortBy === 'updatedAt' ? { ...query, sortBy: 'registered' } : query

export function ItemsTab({ session, canWrite }: { session: SessionInfo; canWrite: boolean }) {
  const { t } = useTranslation()
  const settings = useFilingSettings()
  const [editing, setEditing] = useState<number | 'new' | null>(null)
  const [viewing, setViewing] = useState<number | null>(null)
  const [importing, setImporting] = useState(false)
  const [attaching, setAttaching] = useState(false)
  const [checking, setChecking] = useState(false)
  const closeForm = useCallback(() => setEditing(null), [])
  const closeDetail = useCallback(() => setViewing(null), [])
  // Ticked rows stay ticked across pages and filters, as on a paper register's list of what to do next.
  const [selected, setSelected] = useState<number[]>([])

  const {
    query,
    filter,
    sortOrderOf,
    tableProps,
    reload: load
  } = usePagedQuery(
    (q: Query) => call('items.list', asAsked(q)),
    { sortBy: 'updatedAt', sortOrder: 'descend' },
    {
      columnFilters: ['year', 'categoryCode', 'retentionCode', 'classification', 'status'],
      sort: { fallback: 'updatedAt' },
      sizeChanger: true
    }
  )

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

  // A scanned label (or a typed code) opens its record at once; anything else filters the list.
  const findOrOpen = async (text: string) => {
    const typed = text.trim()
    filter({ search: typed || undefined })
    const code = codeFromScan(typed)
    if (!code.includes('-')) return
    const { rows } = await call('items.list', { search: code, pageSize: 20, custody: [...CUSTODY_STATES] })
    const exact = rows.filter((row) => row.archivalCode === code)
    if (exact.length === 1) setViewing(exact[0].id)
  }

  const columns = itemColumns(t, settings, query, { sortOrderOf, view: setViewing, edit: canWrite ? setEditing : null })

  return (
    <>
      <Toolbar>
        <ItemFilters query={query} filter={filter} onSearch={(search) => void findOrOpen(search)} />
        <Space wrap>
          <ExportButton
            request={{
              view: 'items',
              query: { ...asAsked(query), page: 1 },
              columns: itemExportColumns(t, settings)
            }}
          />
          <FilingCatalogueButton settings={settings} />
          {canWrite && <Button onClick={() => setImporting(true)}>{t('import.open')}</Button>}
          {canWrite && <Button onClick={() => setAttaching(true)}>{t('electronic.batch.open')}</Button>}
          {canWrite && <Button onClick={() => setChecking(true)}>{t('electronic.fixity.open')}</Button>}
          {canWrite && <NewButton label={t('items.new')} onClick={() => setEditing('new')} />}
        </Space>
      </Toolbar>
      <ItemBatchBar
        session={session}
        selected={selected}
        rows={tableProps.dataSource ?? []}
        exportQuery={{ view: 'items', query: { ids: selected }, columns: itemExportColumns(t, settings) }}
        onChanged={() => void load()}
        onClear={() => setSelected([])}
      />
      <Table<ItemRow>
        rowKey="id"
        size="middle"
        columns={columns}
        rowSelection={{
          selectedRowKeys: selected,
          preserveSelectedRowKeys: true,
          onChange: (keys) => setSelected(keys.map(Number))
        }}
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
          onSaved={(_item, keepOpen) => {
            if (!keepOpen) setEditing(null)
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
      {checking && <FixityCheck onClose={() => setChecking(false)} />}
      {attaching && <BatchAttach onClose={() => setAttaching(false)} onDone={() => void load()} />}
      {viewing !== null && (
        <ItemDetail itemId={viewing} canWrite={canWrite} settings={settings} onClose={closeDetail} onChanged={load} />
      )}
    </>
  )
}
