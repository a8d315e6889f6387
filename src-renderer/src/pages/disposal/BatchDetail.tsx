import { PrinterOutlined } from '@ant-design/icons'
import { Alert, Button, Descriptions, Drawer, Space, Spin, Table, Tag, type FormInstance } from 'antd'
import dayjs from 'dayjs'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppraisalBatch, AppraisalEntry, ChannelInput, SessionInfo } from '@preload/contract'
import { call } from '@renderer/api/client'
import { useFilingSettings } from '@renderer/useFilingSettings'
import { useRemote } from '@renderer/useRemote'
import { useSubmit } from '@renderer/useSubmit'
import { BATCH_STATE_COLORS } from '@renderer/tagColors'
import { AppraisersCard } from './BatchSteps'
import { DestructionCard } from './DestructionCard'
import { batchColumns } from './batchColumns'
import { useDisposalPrint } from './usePrint'

interface Props {
  batchId: number
  session: SessionInfo
  canWrite: boolean
  canDecide: boolean
  onClose(): void
  onChanged(): void
}

/** One appraisal batch from listing to destruction: decisions, appraisers, hold period, verification, register. */
export function BatchDetail({ batchId, session, canWrite, canDecide, onClose, onChanged }: Props) {
  const { t } = useTranslation()
  const { submit } = useSubmit()
  const settings = useFilingSettings()
  const print = useDisposalPrint()
  const [methods, setMethods] = useState<string[]>([])

  const {
    data: batch,
    setData: setBatch,
    reload: load
  } = useRemote(
    useCallback(() => call('appraisal.get', { id: batchId }), [batchId]),
    onClose
  )

  useEffect(() => {
    call('settings.getDisposal', {})
      .then((policy) => setMethods(policy.data.methods))
      .catch(() => setMethods([]))
  }, [])

  /** Runs one step; main's refusal (with its rule) is shown, fields it names are marked, and nothing is lost. */
  const act = (work: () => Promise<AppraisalBatch>, done: string, form?: FormInstance) =>
    submit(work, {
      success: done,
      onDone: (changed) => {
        setBatch(changed)
        onChanged()
      },
      form,
      after: () => void load()
    })

  if (!batch) {
    return (
      <Drawer open width={1100} rootClassName="batch-detail" onClose={onClose}>
        <Spin />
      </Drawer>
    )
  }
  const step = { batchId: batch.id, version: batch.version }
  const today = dayjs().format('YYYY-MM-DD')
  const holdOver = batch.holdUntil !== null && today >= batch.holdUntil

  const decide = (
    entry: AppraisalEntry,
    input: Pick<ChannelInput<'appraisal.decide'>, 'decision' | 'newRetentionCode' | 'reason'>
  ) => act(() => call('appraisal.decide', { ...step, entryId: entry.id, ...input }), 'disposal.decided')

  const verify = (entry: AppraisalEntry, stillToGo: boolean, note = '') =>
    act(() => call('appraisal.verify', { ...step, entryId: entry.id, stillToGo, note }), 'disposal.verified')

  const columns = batchColumns(t, batch, settings, { canDecide, canWrite, decide, verify })

  return (
    <Drawer
      open
      width={1100}
      rootClassName="batch-detail"
      title={t('disposal.batch', { id: batch.id, title: batch.title })}
      onClose={onClose}
    >
      <Space style={{ marginBottom: 16 }} wrap>
        <Tag color={BATCH_STATE_COLORS[batch.state]}>{t(`disposal.states.${batch.state}`)}</Tag>
        {batch.holdUntil && batch.state === 'awaiting' && (
          <Tag color={holdOver ? 'green' : 'orange'}>
            {t('disposal.holdUntil', { date: batch.holdUntil })} ·{' '}
            {holdOver
              ? t('disposal.holdOver')
              : t('disposal.daysLeft', { days: dayjs(batch.holdUntil).diff(dayjs(today), 'day') })}
          </Tag>
        )}
        {batch.appraisedOn && (
          <Button
            icon={<PrinterOutlined />}
            onClick={() => print.open({ document: 'appraisalReport', id: batch.id }, t('disposal.printReport'))}
          >
            {t('disposal.printReport')}
          </Button>
        )}
        {batch.register && (
          <Button
            icon={<PrinterOutlined />}
            onClick={() =>
              print.open({ document: 'destructionRegister', id: batch.register!.id }, t('disposal.printRegister'))
            }
          >
            {t('disposal.printRegister')}
          </Button>
        )}
      </Space>
      {batch.state === 'listed' && !canDecide && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('disposal.managerOnly')} />
      )}
      <Table<AppraisalEntry>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={batch.entriesDetail}
        columns={columns}
      />

      {batch.appraisedOn && (
        <Descriptions size="small" bordered column={3} style={{ marginTop: 16 }}>
          <Descriptions.Item label={t('disposal.managerName')}>{batch.managerName}</Descriptions.Item>
          <Descriptions.Item label={t('disposal.departmentLeaderName')}>{batch.departmentLeaderName}</Descriptions.Item>
          <Descriptions.Item label={t('disposal.appraisedOn')}>{batch.appraisedOn}</Descriptions.Item>
        </Descriptions>
      )}

      {batch.state === 'listed' && canDecide && (
        <AppraisersCard
          managerName={session.displayName}
          act={(work, form) => act(() => work(step), 'disposal.completed', form)}
        />
      )}
      {batch.state === 'verified' && canWrite && (
        <DestructionCard
          batch={batch}
          methods={methods}
          act={(work, done, form) => act(() => work(step), done, form)}
        />
      )}
      {batch.register?.signedOn && (
        <Alert type="success" showIcon style={{ marginTop: 16 }} message={t('disposal.signed')} />
      )}
      {print.element}
    </Drawer>
  )
}
