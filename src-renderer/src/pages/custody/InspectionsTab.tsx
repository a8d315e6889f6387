import { Space, Tag } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { InspectionRow, LocationNode } from '@preload/contract'
import { call } from '@renderer/api/client'
import { usePagedQuery, type Paging } from '@renderer/useRemote'
import { InspectionDetail } from './InspectionDetail'
import { countsOf } from './inspectionForm'
import { NewInspection } from './NewInspection'
import { ListTable, openingColumn } from '@renderer/components/ListTable'
import { NewButton } from '../../components/Toolbar'

const listInspections = (paging: Paging) => call('inspections.list', paging)

/** R-KEEP-2..4: periodic and ad-hoc inspections, their stock check and report. */
export function InspectionsTab({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation()
  const [creating, setCreating] = useState(false)
  const [viewing, setViewing] = useState<number | null>(null)
  const [locations, setLocations] = useState<LocationNode[]>([])
  const { reload, tableProps } = usePagedQuery(listInspections, {})

  useEffect(() => {
    call('locations.tree', {})
      .then(setLocations)
      .catch(() => setLocations([]))
  }, [])

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'flex-end', marginBottom: 16 }}>
        {canWrite && <NewButton label={t('inspections.new')} onClick={() => setCreating(true)} />}
      </Space>
      <ListTable<InspectionRow>
        size="middle"
        {...tableProps}
        empty={canWrite ? t('inspections.empty') : t('inspections.emptyReadOnly')}
        columns={[
          openingColumn<InspectionRow, 'inspectedOn'>(t('inspections.fields.inspectedOn'), 'inspectedOn', setViewing),
          {
            title: t('inspections.fields.kind'),
            dataIndex: 'kind',
            render: (kind: string, row) =>
              `${t(`inspections.kinds.${kind}`)}${row.reason ? `（${t(`inspections.reasons.${row.reason}`)}）` : ''}`
          },
          {
            title: t('inspections.fields.scope'),
            dataIndex: 'scope',
            render: (scope: string, row) => scope || t('inspections.recordScope', { count: row.records })
          },
          { title: t('inspections.fields.inspectors'), dataIndex: 'inspectors' },
          {
            title: t('inspections.fields.result'),
            key: 'result',
            render: (_value, row) => (
              <Space size={4} wrap>
                <span>{t('inspections.counts', countsOf(row))}</span>
                {row.outOfRange && <Tag color="red">{t('inspections.outOfRange')}</Tag>}
              </Space>
            )
          },
          {
            title: t('inspections.fields.status'),
            dataIndex: 'status',
            render: (status: string) => (
              <Tag color={status === 'completed' ? 'green' : 'blue'}>{t(`inspections.statuses.${status}`)}</Tag>
            )
          }
        ]}
      />
      {creating && (
        <NewInspection
          locations={locations}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false)
            setViewing(id)
            void reload()
          }}
        />
      )}
      {viewing !== null && (
        <InspectionDetail
          id={viewing}
          canWrite={canWrite}
          rooms={locations.filter((l) => l.kind === 'room')}
          onClose={() => setViewing(null)}
          onChanged={() => void reload()}
        />
      )}
    </>
  )
}
