import { PrinterOutlined } from '@ant-design/icons'
import { Alert, Button, Descriptions, Drawer, Space, Spin, Table, Tag, Typography, type FormInstance } from 'antd'
import dayjs from 'dayjs'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppraisalBatch, AppraisalEntry, ChannelInput, SessionInfo } from '../../../../src-preload/contract'
import { call } from '../../api/client'
import { RecordLabel } from '../../components/RecordPicker'
import { codeOptions, nameOfCode, useFilingSettings } from '../../useFilingSettings'
import { useSubmit } from '../../useSubmit'
import { BATCH_STATE_COLORS } from '../../tagColors'
import { AppraisersCard, DecisionForm, DestructionCard, VerifyButtons } from './BatchSteps'
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
  const { submit, fail } = useSubmit()
  const settings = useFilingSettings()
  const print = useDisposalPrint()
  const [batch, setBatch] = useState<AppraisalBatch | null>(null)
  const [methods, setMethods] = useState<string[]>([])

  const load = useCallback(async () => {
    try {
      setBatch(await call('appraisal.get', { id: batchId }))
    } catch (error) {
      fail(error)
      onClose()
    }
  }, [batchId, fail, onClose])

  useEffect(() => {
    void load()
    call('settings.getDisposal', {})
      .then((policy) => setMethods(policy.data.methods))
      .catch(() => setMethods([]))
  }, [load])

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

  const columns = [
    {
      title: t('disposal.record'),
      key: 'record',
      render: (_v: unknown, entry: AppraisalEntry) => <RecordLabel record={entry.record} />
    },
    {
      title: t('disposal.retention'),
      key: 'retention',
      render: (_v: unknown, entry: AppraisalEntry) => nameOfCode(settings?.retentionPeriods, entry.record.retentionCode)
    },
    { title: t('disposal.expiresOn'), dataIndex: 'expiresOn' },
    {
      title: t('disposal.decision'),
      key: 'decision',
      width: 360,
      render: (_v: unknown, entry: AppraisalEntry) =>
        batch.state === 'listed' && canDecide ? (
          <DecisionForm
            entry={entry}
            retentionOptions={codeOptions(settings?.retentionPeriods)}
            onDecide={(input) => decide(entry, input)}
          />
        ) : entry.decision ? (
          <Space direction="vertical" size={0}>
            <Tag color={entry.decision === 'destroy' ? 'red' : 'green'}>
              {t(`disposal.decisions.${entry.decision}`)}
            </Tag>
            {entry.newRetentionCode && (
              <span>{`${t('disposal.newRetention')}: ${nameOfCode(settings?.retentionPeriods, entry.newRetentionCode)} (${entry.newExpiresOn ?? t('disposal.permanent')})`}</span>
            )}
            {entry.reason && <Typography.Text type="secondary">{entry.reason}</Typography.Text>}
          </Space>
        ) : (
          <Tag>{t('disposal.undecided')}</Tag>
        )
    },
    {
      title: t('disposal.verification'),
      key: 'verification',
      render: (_v: unknown, entry: AppraisalEntry) => {
        if (entry.registerLine) return <Tag color="red">{t('disposal.registerLine', { line: entry.registerLine })}</Tag>
        if (entry.verification)
          return (
            <Tag color={entry.verification === 'confirmed' ? 'red' : 'green'}>
              {t(`disposal.verifications.${entry.verification}`)}
            </Tag>
          )
        if (batch.state !== 'awaiting' || entry.decision !== 'destroy' || !canWrite) return null
        return <VerifyButtons onConfirm={() => verify(entry, true)} onPull={(note) => verify(entry, false, note)} />
      }
    }
  ]

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
