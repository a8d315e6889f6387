import { Tag } from 'antd'
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppraisalBatchRow, SessionInfo } from '@preload/contract'
import { call } from '@renderer/api/client'
import { formatDateTime } from '@renderer/errors'
import { usePagedQuery, type Paging } from '@renderer/useRemote'
import { BatchDetail } from './BatchDetail'
import { BATCH_STATE_COLORS } from '@renderer/tagColors'
import { LongText } from '@renderer/components/LongText'
import { ListTable, openingColumn } from '@renderer/components/ListTable'

const listBatches = (paging: Paging) => call('appraisal.list', paging)

export function BatchesTab(props: {
  session: SessionInfo
  canWrite: boolean
  canDecide: boolean
  openBatch: number | null
  onOpen(id: number | null): void
}) {
  const { t } = useTranslation()
  const { reload, tableProps } = usePagedQuery(listBatches, {})
  const close = useCallback(() => props.onOpen(null), [props])
  return (
    <>
      <ListTable<AppraisalBatchRow>
        size="middle"
        {...tableProps}
        empty={t('disposal.batchesEmpty')}
        columns={[
          { title: '#', dataIndex: 'id', width: 60 },
          openingColumn<AppraisalBatchRow, 'title'>(t('disposal.batchTitle'), 'title', props.onOpen, (title) => (
            <LongText text={title} />
          )),
          {
            title: t('disposal.state'),
            dataIndex: 'state',
            render: (state: AppraisalBatchRow['state']) => (
              <Tag color={BATCH_STATE_COLORS[state]}>{t(`disposal.states.${state}`)}</Tag>
            )
          },
          { title: t('disposal.entries'), dataIndex: 'entries' },
          { title: t('disposal.toDestroy'), dataIndex: 'toDestroy' },
          {
            title: t('disposal.appraisedOn'),
            dataIndex: 'appraisedOn',
            render: (value: string | null) => value ?? '—'
          },
          {
            title: t('disposal.expiresOn'),
            key: 'holdUntil',
            render: (_v, row) => (row.holdUntil ? t('disposal.holdUntil', { date: row.holdUntil }) : '—')
          },
          { title: t('disposal.createdAt'), dataIndex: 'createdAt', render: (value: string) => formatDateTime(value) }
        ]}
      />
      {props.openBatch !== null && (
        <BatchDetail
          batchId={props.openBatch}
          session={props.session}
          canWrite={props.canWrite}
          canDecide={props.canDecide}
          onClose={close}
          onChanged={reload}
        />
      )}
    </>
  )
}
