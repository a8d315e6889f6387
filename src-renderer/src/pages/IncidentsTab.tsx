import { Segmented, Select, Space, Tag } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Incident } from '@preload/contract'
import { INCIDENT_SOURCES } from '@preload/vocabulary'
import { call } from '../api/client'
import { usePagedQuery } from '../useRemote'
import { incidentRecord, ResolveModal } from './custody/ResolveModal'
import { optionsOf } from '../labels'
import { ListTable } from '../components/ListTable'

type State = 'open' | 'resolved' | 'all'
type Source = Incident['source']

/** R-KEEP-3: missing and damaged records until a follow-up (found, repaired, written off) resolves them. */
export function IncidentsTab({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation()
  const [resolving, setResolving] = useState<Incident | null>(null)
  const { query, filter, tableProps, reload } = usePagedQuery(
    (q: { state: State; source?: Source }) => call('incidents.list', q),
    { state: 'open' as State, source: undefined as Source | undefined }
  )

  return (
    <>
      <Space style={{ marginBottom: 16 }} wrap>
        <Segmented<State>
          value={query.state}
          onChange={(state) => filter({ state })}
          options={optionsOf(t, ['open', 'resolved', 'all'] as const, 'incidents.states')}
        />
        <Select<Source>
          allowClear
          style={{ minWidth: 200 }}
          placeholder={t('incidents.allSources')}
          value={query.source}
          onChange={(source) => filter({ source })}
          options={optionsOf(t, INCIDENT_SOURCES, 'incidents.sources')}
        />
      </Space>
      <ListTable<Incident>
        size="middle"
        {...tableProps}
        empty={query.state === 'open' ? t('incidents.empty') : t('incidents.emptyAll')}
        columns={[
          {
            title: t('incidents.fields.record'),
            key: 'record',
            render: (_v, row) => `${t(`recordKinds.${row.subject}`)} ${incidentRecord(row)}`
          },
          {
            title: t('incidents.fields.kind'),
            dataIndex: 'kind',
            render: (kind: string) => (
              <Tag color={kind === 'missing' ? 'red' : 'orange'}>{t(`incidents.kinds.${kind}`)}</Tag>
            )
          },
          {
            title: t('incidents.fields.source'),
            dataIndex: 'source',
            render: (source: string) => t(`incidents.sources.${source}`)
          },
          { title: t('incidents.fields.note'), dataIndex: 'note' },
          { title: t('incidents.fields.openedOn'), dataIndex: 'openedOn' },
          { title: t('incidents.fields.openedBy'), dataIndex: 'openedBy' },
          {
            title: t('incidents.fields.resolution'),
            key: 'resolution',
            render: (_v, row) =>
              row.resolution ? (
                <span>
                  <Tag color="green">{t(`incidents.resolutions.${row.resolution}`)}</Tag>
                  {row.resolvedOn} {row.resolvedBy} {row.resolutionNote}
                </span>
              ) : canWrite ? (
                <a onClick={() => setResolving(row)}>{t('incidents.resolve')}</a>
              ) : (
                <Tag color="red">{t('incidents.states.open')}</Tag>
              )
          }
        ]}
      />
      <ResolveModal incident={resolving} onClose={() => setResolving(null)} onResolved={() => void reload()} />
    </>
  )
}
