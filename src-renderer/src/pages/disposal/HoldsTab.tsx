import { Button, Segmented, Space, Tag } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChannelInput, Hold } from '@preload/contract'
import { call } from '@renderer/api/client'
import { Toolbar } from '@renderer/components/Toolbar'
import { formatDateTime } from '@renderer/errors'
import { usePagedQuery } from '@renderer/useRemote'
import { PlaceHoldModal, ReleaseHoldModal } from './HoldModals'
import { LongText } from '@renderer/components/LongText'
import { optionsOf } from '@renderer/labels'
import { ListTable } from '@renderer/components/ListTable'

type HoldState = 'open' | 'released' | 'all'

/** R-DISP-3: holds on records or a customer's whole file; released only by the archive manager, with a reason. */
export function HoldsTab({ canWrite, canRelease }: { canWrite: boolean; canRelease: boolean }) {
  const { t } = useTranslation()
  const [placing, setPlacing] = useState(false)
  const [releasing, setReleasing] = useState<Hold | null>(null)
  const { reload, tableProps, query, filter } = usePagedQuery(
    (q: ChannelInput<'holds.list'>) => call('holds.list', q),
    { state: 'open' as HoldState }
  )

  return (
    <>
      <Toolbar>
        <Segmented<HoldState>
          value={query.state}
          onChange={(state) => filter({ state })}
          options={optionsOf(t, ['open', 'released', 'all'] as const, 'disposal.holdState')}
        />
        {canWrite && (
          <Button type="primary" onClick={() => setPlacing(true)}>
            {t('disposal.placeHold')}
          </Button>
        )}
      </Toolbar>
      <ListTable<Hold>
        size="middle"
        {...tableProps}
        empty={t('disposal.holdsEmpty')}
        columns={[
          { title: t('disposal.holdName'), dataIndex: 'name', render: (name: string) => <LongText text={name} /> },
          {
            title: t('disposal.holdReason'),
            dataIndex: 'reason',
            render: (reason: string) => <LongText text={reason} />
          },
          {
            title: t('disposal.subjects'),
            key: 'subjects',
            render: (_v, hold) => (
              <Space wrap size={4}>
                {hold.subjects.map((subject) => (
                  <Tag key={`${subject.subject}:${subject.id}`}>
                    {subject.subject === 'customer' ? `${t('nav.customers')}：${subject.label}` : subject.label}
                  </Tag>
                ))}
              </Space>
            )
          },
          { title: t('disposal.placedBy'), dataIndex: 'placedBy' },
          { title: t('disposal.placedAt'), dataIndex: 'placedAt', render: (value: string) => formatDateTime(value) },
          {
            title: t('disposal.state'),
            key: 'state',
            render: (_v, hold) =>
              hold.releasedAt ? (
                t('disposal.releasedInfo', {
                  by: hold.releasedBy,
                  at: formatDateTime(hold.releasedAt),
                  reason: hold.releaseReason
                })
              ) : canRelease ? (
                <Button size="small" onClick={() => setReleasing(hold)}>
                  {t('disposal.release')}
                </Button>
              ) : (
                <Tag color="purple">{t('disposal.holdState.open')}</Tag>
              )
          }
        ]}
      />
      <PlaceHoldModal open={placing} onClose={() => setPlacing(false)} onPlaced={() => void reload()} />
      <ReleaseHoldModal hold={releasing} onClose={() => setReleasing(null)} onReleased={() => void reload()} />
    </>
  )
}
