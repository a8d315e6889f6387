import { Button, Input, Select, Space, Tag } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppraisalEntry, ChannelInput } from '@preload/contract'
import { optionsOf } from '@renderer/labels'

export function DecisionForm({
  entry,
  retentionOptions,
  onDecide
}: {
  entry: AppraisalEntry
  retentionOptions: { value: string; label: string }[]
  onDecide(input: Pick<ChannelInput<'appraisal.decide'>, 'decision' | 'newRetentionCode' | 'reason'>): void
}) {
  const { t } = useTranslation()
  const [decision, setDecision] = useState<'destroy' | 'keep' | null>(entry.decision)
  const [code, setCode] = useState<string | null>(entry.newRetentionCode)
  const [reason, setReason] = useState(entry.reason)
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      <Space>
        <Select
          style={{ width: 110 }}
          aria-label={t('disposal.decision')}
          placeholder={t('disposal.undecided')}
          value={decision}
          onChange={setDecision}
          options={optionsOf(t, ['destroy', 'keep'] as const, 'disposal.decisions')}
        />
        {decision === 'keep' && (
          <Select
            style={{ width: 140 }}
            aria-label={t('disposal.newRetention')}
            placeholder={t('disposal.newRetention')}
            value={code}
            onChange={setCode}
            options={retentionOptions}
          />
        )}
        <Button
          size="small"
          disabled={decision === null}
          onClick={() =>
            decision && onDecide({ decision, newRetentionCode: decision === 'keep' ? code : null, reason })
          }
        >
          {t('disposal.decide')}
        </Button>
        {entry.decision && (
          <Tag color={entry.decision === 'destroy' ? 'red' : 'green'}>{t(`disposal.decisions.${entry.decision}`)}</Tag>
        )}
      </Space>
      {decision === 'keep' && (
        <Input
          size="small"
          aria-label={t('disposal.reason')}
          placeholder={t('disposal.reason')}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      )}
    </Space>
  )
}

export function VerifyButtons({ onConfirm, onPull }: { onConfirm(): void; onPull(note: string): void }) {
  const { t } = useTranslation()
  const [note, setNote] = useState('')
  return (
    <Space>
      <Button size="small" danger onClick={onConfirm}>
        {t('disposal.confirm')}
      </Button>
      <Input
        size="small"
        style={{ width: 140 }}
        aria-label={t('disposal.pullReason')}
        placeholder={t('disposal.pullReason')}
        value={note}
        onChange={(event) => setNote(event.target.value)}
      />
      <Button size="small" onClick={() => onPull(note)}>
        {t('disposal.pull')}
      </Button>
    </Space>
  )
}
