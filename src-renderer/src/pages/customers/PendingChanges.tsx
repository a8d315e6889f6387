import { Button, Card, Input, Space, Table, Tag, Typography } from 'antd'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PendingCustomerChange } from '@preload/contract'
import { call } from '@renderer/api/client'
import { WithRule } from '@renderer/components/RuleTag'
import { formatDateTime } from '@renderer/errors'
import { useRemote } from '@renderer/useRemote'
import { useSubmit } from '@renderer/useSubmit'

type Change = PendingCustomerChange['changes'][number]

/**
 * S50: important changes held until a second person confirms them: one customer's waiting change in its file, or on
 * the customers page every waiting change, each with its customer's name. A verifier confirms or refuses it there.
 */
export function PendingChanges({ customerId, onDecided }: { customerId?: number; onDecided?(): void }) {
  const { t } = useTranslation()
  const { submit, busy } = useSubmit()
  const list = useRemote(
    useCallback(() => call('customers.pendingChanges', customerId === undefined ? {} : { customerId }), [customerId])
  )
  const [notes, setNotes] = useState<Record<number, string>>({})
  const waiting = (list.data ?? []).filter((change) => change.status === 'pending')
  if (waiting.length === 0) return null

  const shown = (change: Change, value: Change['before']) => {
    if (value === null || value === '') return '—'
    return change.field === 'grade' ? t(`grades.${String(value)}`) : String(value)
  }

  const decide = (change: PendingCustomerChange, decision: 'approved' | 'refused') =>
    submit(
      () =>
        call('customers.decideChange', {
          id: change.id,
          version: change.version,
          decision,
          note: notes[change.id] ?? ''
        }),
      {
        success: `customers.changes.${decision}`,
        onDone: async () => {
          await list.reload()
          onDecided?.()
        },
        after: () => void list.reload()
      }
    )

  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }} className="pending-changes">
      {waiting.map((change) => (
        <Card
          key={change.id}
          size="small"
          title={
            <Space>
              <Tag color="gold">{t('customers.changes.statuses.pending')}</Tag>
              <WithRule
                text={customerId === undefined ? change.customerName : t('customers.changes.title')}
                ruleId="S50"
              />
            </Space>
          }
          extra={
            <Typography.Text type="secondary">
              {t('customers.changes.proposedBy', { name: change.proposedBy, at: formatDateTime(change.proposedAt) })}
            </Typography.Text>
          }
        >
          <Table<Change>
            size="small"
            rowKey="field"
            pagination={false}
            dataSource={change.changes}
            columns={[
              {
                title: t('customers.changes.field'),
                dataIndex: 'field',
                render: (field: string) => t(`customers.fields.${field}`)
              },
              {
                title: t('customers.changes.before'),
                dataIndex: 'before',
                render: (value: Change['before'], row) => shown(row, value)
              },
              {
                title: t('customers.changes.after'),
                dataIndex: 'after',
                render: (value: Change['after'], row) => shown(row, value)
              }
            ]}
          />
          {change.mayDecide && (
            <Space style={{ marginTop: 8 }}>
              <Input
                style={{ width: 320 }}
                maxLength={500}
                placeholder={t('customers.changes.note')}
                aria-label={t('customers.changes.note')}
                value={notes[change.id] ?? ''}
                onChange={(event) => setNotes({ ...notes, [change.id]: event.target.value })}
              />
              <Button type="primary" loading={busy} onClick={() => void decide(change, 'approved')}>
                {t('customers.changes.approve')}
              </Button>
              <Button danger loading={busy} onClick={() => void decide(change, 'refused')}>
                {t('customers.changes.refuse')}
              </Button>
            </Space>
          )}
        </Card>
      ))}
    </Space>
  )
}
