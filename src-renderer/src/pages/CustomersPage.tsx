import { Button, Empty, Space, Table, Typography } from 'antd'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChannelInput, CustomerRow, SessionInfo } from '@preload/contract'
import { SORTABLE_CUSTOMER_FIELDS } from '@preload/vocabulary'
import { can } from '../access'
import { call } from '../api/client'
import { CustomerReports } from './customers/upkeep/CustomerReports'
import { ExportButton } from '../components/ExportButton'
import { ImportWizard } from '../components/ImportWizard'
import { NewButton, SearchBox, Toolbar } from '../components/Toolbar'
import { usePagedQuery, useRemote } from '../useRemote'
import { CustomerDetail } from './customers/CustomerDetail'
import { CustomerForm } from './customers/CustomerForm'
import { PendingChanges } from './customers/PendingChanges'
import { RetentionMenu } from './customers/privacy/RetentionMenu'
import { customerColumns, customerExportColumns } from './customers/customerColumns'

type Query = ChannelInput<'customers.list'>

export function CustomersPage({ session }: { session: SessionInfo }) {
  const { t } = useTranslation()
  const [editing, setEditing] = useState<number | 'new' | null>(null)
  const [viewing, setViewing] = useState<number | null>(null)
  const canWrite = can(session, 'customers.create')
  const [importing, setImporting] = useState(false)
  const [reporting, setReporting] = useState(false)
  const closeForm = useCallback(() => setEditing(null), [])
  // S50: the waiting changes are read again whenever the list is, since a save or a confirmation changes them.
  const [reads, setReads] = useState(0)
  const closeDetail = useCallback(() => {
    setViewing(null)
    setReads((n) => n + 1)
  }, [])

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
    setReads((n) => n + 1)
    await Promise.all([list.reload(), facetsLoaded.reload()])
  }
  const filtered = Boolean(query.search || query.grade?.length || query.industry?.length || query.region?.length)

  const columns = customerColumns(t, facets, query, {
    sortOrderOf,
    view: setViewing,
    edit: canWrite ? setEditing : null
  })

  return (
    <>
      <Toolbar>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('customers.title')}
        </Typography.Title>
        <Space wrap>
          <SearchBox
            width={360}
            placeholder={t('customers.searchPlaceholder')}
            label={t('common.search')}
            onSearch={(search) => filter({ search })}
          />
          <ExportButton
            request={{
              view: 'customers',
              query: { ...query, page: 1 },
              columns: customerExportColumns(t)
            }}
          />
          <Button onClick={() => setReporting(true)}>{t('customerUpkeep.reports.open')}</Button>
          {can(session, 'customerPrivacy.archiveInactive') && <RetentionMenu onDone={() => void load()} />}
          {canWrite && <Button onClick={() => setImporting(true)}>{t('import.open')}</Button>}
          {canWrite && <NewButton label={t('customers.new')} onClick={() => setEditing('new')} />}
        </Space>
      </Toolbar>
      {!session.canSeePersonalData && (
        <Typography.Paragraph type="secondary">{t('customers.maskedNotice')}</Typography.Paragraph>
      )}
      <PendingChanges key={reads} onDecided={() => void load()} />
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
      {reporting && (
        <CustomerReports
          canPrepare={can(session, 'customerReports.prepare')}
          canApprove={can(session, 'customerReports.approve')}
          onClose={() => setReporting(false)}
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
