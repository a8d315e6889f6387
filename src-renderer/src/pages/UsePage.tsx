import { DatePicker, Empty, Select, Space, Switch, Table, Tabs, Typography } from 'antd'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChannelInput, SessionInfo, UseRequestRow } from '@preload/contract'
import { USE_KINDS, USE_STATUSES } from '@preload/vocabulary'
import { can } from '../access'
import { call } from '../api/client'
import { useFilingSettings } from '../useFilingSettings'
import { usePagedQuery } from '../useRemote'
import { UseRegistersTab } from './use/UseRegistersTab'
import { UseRequestDetail } from './use/UseRequestDetail'
import { UseRequestForm } from './use/UseRequestForm'
import { ISO } from './use/useLabels'
import { requestColumns } from './use/requestColumns'
import { optionsOf } from '../labels'
import { NewButton, SearchBox } from '../components/Toolbar'

/** 借阅: consultation, loan and copy requests (R-USE-1..9) and the registers (R-USE-10). */
export function UsePage({ session }: { session: SessionInfo }) {
  const { t } = useTranslation()
  return (
    <>
      <Typography.Title level={3}>{t('use.title')}</Typography.Title>
      <Tabs
        items={[
          {
            key: 'requests',
            label: t('use.tabs.requests'),
            children: <UseRequestsTab session={session} />
          },
          { key: 'registers', label: t('use.tabs.registers'), children: <UseRegistersTab /> }
        ]}
      />
    </>
  )
}

function UseRequestsTab({ session }: { session: SessionInfo }) {
  const { t } = useTranslation()
  const canWrite = can(session, 'use.create')
  const settings = useFilingSettings()
  const [creating, setCreating] = useState(false)
  const [viewing, setViewing] = useState<number | null>(null)
  const { query, filter, tableProps, reload } = usePagedQuery(
    (q: ChannelInput<'use.list'>) => call('use.list', q),
    {},
    { sort: { fallback: 'createdAt' } }
  )
  const closeDetail = useCallback(() => setViewing(null), [])
  const filtered = Boolean(query.search || query.kind?.length || query.status?.length || query.overdue || query.from)

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Space wrap>
          <SearchBox
            width={260}
            placeholder={t('use.list.searchPlaceholder')}
            onSearch={(search) => filter({ search })}
          />
          <ValuesFilter
            placeholder={t('use.fields.kind')}
            values={USE_KINDS}
            prefix="use.kinds"
            onChange={(kind) => filter({ kind })}
          />
          <ValuesFilter
            placeholder={t('use.fields.status')}
            values={USE_STATUSES}
            prefix="use.statuses"
            onChange={(status) => filter({ status })}
          />
          <DatePicker.RangePicker
            format={ISO}
            onChange={(range) => filter({ from: range?.[0]?.format(ISO), to: range?.[1]?.format(ISO) })}
          />
          <Space>
            <Switch
              aria-label={t('use.list.overdueOnly')}
              onChange={(overdue) => filter({ overdue: overdue || undefined })}
            />
            {t('use.list.overdueOnly')}
          </Space>
        </Space>
        {canWrite && <NewButton label={t('use.list.new')} onClick={() => setCreating(true)} />}
      </Space>
      <Table<UseRequestRow>
        rowKey="id"
        {...tableProps}
        rowClassName={(row) => (row.overdue ? 'use-overdue-row' : '')}
        locale={{
          emptyText: (
            <Empty
              description={
                filtered ? t('use.list.noMatch') : canWrite ? t('use.list.empty') : t('use.list.emptyReadOnly')
              }
            />
          )
        }}
        columns={requestColumns(t, settings, setViewing)}
      />
      {creating && (
        <UseRequestForm
          onClose={() => setCreating(false)}
          onCreated={(request) => {
            setCreating(false)
            setViewing(request.id)
            void reload()
          }}
        />
      )}
      {viewing !== null && (
        <UseRequestDetail requestId={viewing} session={session} onClose={closeDetail} onChanged={reload} />
      )}
    </>
  )
}

/** Narrows the requests to any of a field's chosen values, each said in words. */
function ValuesFilter<V extends string>({
  placeholder,
  values,
  prefix,
  onChange
}: {
  placeholder: string
  values: readonly V[]
  /** Where the values' words are in the catalogue. */
  prefix: string
  onChange(chosen: V[]): void
}) {
  const { t } = useTranslation()
  return (
    <Select
      mode="multiple"
      allowClear
      style={{ minWidth: 150 }}
      placeholder={placeholder}
      options={optionsOf(t, values, prefix)}
      onChange={onChange}
    />
  )
}
