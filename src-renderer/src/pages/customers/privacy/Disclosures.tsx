import { Button, Form, Input, Popconfirm, Select, Space, Tag } from 'antd'
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import type { Disclosure, DisclosureInput } from '@preload/contract'
import { DISCLOSURE_METHODS, RECIPIENT_KINDS } from '@preload/vocabulary'
import { can } from '@renderer/access'
import { call } from '@renderer/api/client'
import { formatDateTime } from '@renderer/errors'
import { useRemote } from '@renderer/useRemote'
import { useSubmit } from '@renderer/useSubmit'
import { PrivacyRegister } from './PrivacyRegister'
import { optionsOf } from '@renderer/labels'

const STATE_COLORS: Record<Disclosure['status'], string> = {
  requested: 'gold',
  approved: 'blue',
  refused: 'default',
  disclosed: 'green'
}

/** S131–S135: requests to give a customer's information to someone, their approval and the disclosure made. */
export function Disclosures({ customerId, canEdit }: { customerId: number; canEdit: boolean }) {
  const { t } = useTranslation()
  const status = useRemote(useCallback(() => call('app.status', {}), []))
  const { submit, busy } = useSubmit()
  const list = useRemote(useCallback(() => call('customerPrivacy.disclosures', { customerId }), [customerId]))
  const mayDecide = can(status.data?.session ?? null, 'customerPrivacy.decideDisclosure')

  const request = (values: Omit<DisclosureInput, 'customerId'>) =>
    call('customerPrivacy.requestDisclosure', { ...values, customerId })

  const decide = (row: Disclosure, decision: 'approved' | 'refused') =>
    submit(() => call('customerPrivacy.decideDisclosure', { id: row.id, version: row.version, decision }), {
      success: `customerPrivacy.disclosure.${decision}`,
      onDone: list.reload,
      after: () => void list.reload()
    })

  const record = (row: Disclosure) =>
    submit(() => call('customerPrivacy.recordDisclosure', { id: row.id, version: row.version }), {
      success: 'customerPrivacy.disclosure.recorded',
      onDone: list.reload,
      after: () => void list.reload()
    })

  return (
    <PrivacyRegister<Disclosure, Omit<DisclosureInput, 'customerId'>>
      title={t('customerPrivacy.disclosure.title')}
      add={t('customerPrivacy.disclosure.request')}
      canAdd={canEdit}
      adding={{
        name: 'disclosure',
        values: { recipientKind: 'third_party', method: 'paper' },
        send: request,
        success: 'customerPrivacy.disclosure.requested',
        onDone: list.reload
      }}
      empty={t('customerPrivacy.disclosure.none')}
      className="disclosures"
      dataSource={list.data ?? []}
      columns={[
        {
          title: t('customerPrivacy.disclosure.recipient'),
          dataIndex: 'recipient',
          render: (value: string, row) => (
            <>
              {value}
              <div style={{ color: '#888', fontSize: 12 }}>
                {t(`customerPrivacy.disclosure.kinds.${row.recipientKind}`)}
                {row.consentId !== null && ` · ${t('customerPrivacy.disclosure.consentUsed', { id: row.consentId })}`}
              </div>
            </>
          )
        },
        { title: t('customerPrivacy.disclosure.scope'), dataIndex: 'scope' },
        { title: t('customerPrivacy.disclosure.purpose'), dataIndex: 'purpose' },
        {
          title: t('customerPrivacy.disclosure.method'),
          dataIndex: 'method',
          width: 70,
          render: (value: string) => t(`customerPrivacy.disclosure.methods.${value}`)
        },
        {
          title: t('customerPrivacy.disclosure.status'),
          dataIndex: 'status',
          width: 150,
          render: (value: Disclosure['status'], row) => (
            <>
              <Tag color={STATE_COLORS[value]}>{t(`customerPrivacy.disclosure.states.${value}`)}</Tag>
              <div style={{ color: '#888', fontSize: 12 }}>
                {row.disclosedAt
                  ? `${row.disclosedBy} ${formatDateTime(row.disclosedAt).slice(0, 16)}`
                  : row.decidedBy && `${row.decidedBy} ${formatDateTime(row.decidedAt ?? '').slice(0, 16)}`}
              </div>
            </>
          )
        },
        {
          title: t('common.actions'),
          key: 'actions',
          width: 150,
          render: (_: unknown, row) => (
            <Space size={4}>
              {row.status === 'requested' && mayDecide && (
                <>
                  <Button size="small" type="primary" disabled={busy} onClick={() => void decide(row, 'approved')}>
                    {t('customerPrivacy.disclosure.approve')}
                  </Button>
                  <Button size="small" disabled={busy} onClick={() => void decide(row, 'refused')}>
                    {t('customerPrivacy.disclosure.refuse')}
                  </Button>
                </>
              )}
              {row.status === 'approved' && canEdit && (
                <Popconfirm
                  title={t('customerPrivacy.disclosure.record')}
                  okText={t('common.confirm')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => record(row)}
                >
                  <Button size="small">{t('customerPrivacy.disclosure.record')}</Button>
                </Popconfirm>
              )}
            </Space>
          )
        }
      ]}
    >
      <Form.Item name="recipient" label={t('customerPrivacy.disclosure.recipient')} required>
        <Input />
      </Form.Item>
      <Space size={16}>
        <Form.Item name="recipientKind" label={t('customerPrivacy.disclosure.recipientKind')} required>
          <Select style={{ width: 140 }} options={optionsOf(t, RECIPIENT_KINDS, 'customerPrivacy.disclosure.kinds')} />
        </Form.Item>
        <Form.Item name="method" label={t('customerPrivacy.disclosure.method')} required>
          <Select
            style={{ width: 140 }}
            options={optionsOf(t, DISCLOSURE_METHODS, 'customerPrivacy.disclosure.methods')}
          />
        </Form.Item>
      </Space>
      <Form.Item name="scope" label={t('customerPrivacy.disclosure.scope')} required>
        <Input />
      </Form.Item>
      <Form.Item name="purpose" label={t('customerPrivacy.disclosure.purpose')} required>
        <Input />
      </Form.Item>
    </PrivacyRegister>
  )
}
