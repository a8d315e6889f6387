import { Space, Tag, Typography } from 'antd'
import type { TFunction } from 'i18next'
import type { AppraisalBatch, AppraisalEntry, ChannelInput, FilingSettings } from '@preload/contract'
import { RecordLabel } from '@renderer/components/RecordPicker'
import { codeOptions, nameOfCode } from '@renderer/useFilingSettings'
import { DecisionForm, VerifyButtons } from './EntryControls'

type Decision = Pick<ChannelInput<'appraisal.decide'>, 'decision' | 'newRetentionCode' | 'reason'>

interface EntryActions {
  canDecide: boolean
  canWrite: boolean
  decide(entry: AppraisalEntry, input: Decision): Promise<unknown>
  verify(entry: AppraisalEntry, stillToGo: boolean, note?: string): Promise<unknown>
}

/** A batch's records: each one's decision (R-DISP-5) while listed, and its verification before destruction (R-DISP-7). */
export function batchColumns(
  t: TFunction,
  batch: AppraisalBatch,
  settings: FilingSettings | null,
  { canDecide, canWrite, decide, verify }: EntryActions
) {
  return [
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
}
