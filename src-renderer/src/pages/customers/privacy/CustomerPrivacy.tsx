import { LockOutlined } from '@ant-design/icons'
import { Button, Card, Checkbox, DatePicker, Form, Input, Select, Space, Table, Tag } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Consent, ConsentField, SensitiveField, SensitiveValue } from '@preload/contract'
import { CONSENT_CHANNELS, CONSENT_FIELDS } from '@preload/vocabulary'
import { call } from '@renderer/api/client'
import { FormModal } from '@renderer/components/FormModal'
import { formatDateTime } from '@renderer/errors'
import { useRemote } from '@renderer/useRemote'
import { useSubmit } from '@renderer/useSubmit'
import { ConsentMarks } from './ConsentMarks'
import { Disclosures } from './Disclosures'
import { LeakReportButton } from './LeakReportButton'
import { PrivacyRegister } from './PrivacyRegister'
import { RightsRequests } from './RightsRequests'
import { optionsOf } from '@renderer/labels'

interface ConsentValues {
  scope: string
  purpose: string
  noticeText: string
  noticeVersion: string
  consentedOn: Dayjs
  channel: Consent['channel']
  refusedFields: ConsentField[]
  sharingConsent: boolean
}

/** Issue 20: a customer's personal information — the consent register and the sensitive values (S107–S125). */
export function CustomerPrivacy({ customerId, canEdit }: { customerId: number; canEdit: boolean }) {
  const { t } = useTranslation()
  const { submit, busy } = useSubmit()
  const consents = useRemote(useCallback(() => call('customerPrivacy.consents', { customerId }), [customerId]))
  const sensitive = useRemote(useCallback(() => call('customerPrivacy.sensitive', { customerId }), [customerId]))
  const settings = useRemote(useCallback(() => call('customerPrivacy.settings', {}), []))
  const [revealForm] = Form.useForm<{ purpose: string }>()
  const [revealing, setRevealing] = useState<SensitiveField | null>(null)
  const [revealed, setRevealed] = useState<Partial<Record<SensitiveField, string>>>({})
  const [valueForm] = Form.useForm<{ value: string }>()
  const [editing, setEditing] = useState<SensitiveField | null>(null)
  const [marksKey, setMarksKey] = useState(0)
  const fieldName = (field: string) => t(`customerPrivacy.fields.${field}`)

  const recordConsent = (values: ConsentValues) =>
    call('customerPrivacy.recordConsent', {
      ...values,
      customerId,
      consentedOn: values.consentedOn.format('YYYY-MM-DD')
    })

  const reveal = (field: SensitiveField, purpose: string) =>
    submit(() => call('customerPrivacy.reveal', { customerId, field, purpose }), {
      form: revealForm,
      close: () => setRevealing(null),
      onDone: ({ value }) => setRevealed((shown) => ({ ...shown, [field]: value }))
    })

  const saveValue = (field: SensitiveField, value: string) =>
    submit(() => call('customerPrivacy.saveSensitive', { customerId, field, value }), {
      form: valueForm,
      success: 'customerPrivacy.sensitive.saved',
      close: () => setEditing(null),
      onDone: async () => {
        setRevealed((shown) => ({ ...shown, [field]: undefined }))
        await sensitive.reload()
      }
    })

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} className="customer-privacy">
      <ConsentMarks key={marksKey} customerId={customerId} />
      <div style={{ textAlign: 'right' }}>
        <LeakReportButton customerId={customerId} />
      </div>
      <PrivacyRegister<Consent, ConsentValues>
        title={t('customerPrivacy.consent.title')}
        add={t('customerPrivacy.consent.record')}
        canAdd={canEdit}
        adding={{
          name: 'consent',
          values: {
            consentedOn: dayjs(),
            channel: 'written',
            noticeVersion: settings.data?.data.noticeVersion ?? 'v1',
            refusedFields: [],
            sharingConsent: false
          },
          width: 640,
          send: recordConsent,
          success: 'customerPrivacy.consent.recorded',
          onDone: async () => {
            setMarksKey((key) => key + 1)
            await consents.reload()
          }
        }}
        empty={t('customerPrivacy.consent.none')}
        dataSource={consents.data?.consents ?? []}
        columns={[
          { title: t('customerPrivacy.consent.consentedOn'), dataIndex: 'consentedOn', width: 100 },
          { title: t('customerPrivacy.consent.purpose'), dataIndex: 'purpose' },
          { title: t('customerPrivacy.consent.noticeVersion'), dataIndex: 'noticeVersion', width: 80 },
          {
            title: t('customerPrivacy.consent.channel'),
            dataIndex: 'channel',
            width: 70,
            render: (value: string) => t(`customerPrivacy.channels.${value}`)
          },
          {
            title: t('customerPrivacy.consent.refusedFields'),
            dataIndex: 'refusedFields',
            render: (fields: ConsentField[]) => fields.map(fieldName).join(t('common.listSeparator')) || '—'
          },
          {
            title: t('customerPrivacy.consent.sharingConsent'),
            dataIndex: 'sharingConsent',
            width: 90,
            render: (value: boolean) => (value ? t('common.yes') : t('common.no'))
          },
          {
            title: t('customerPrivacy.consent.recordedBy'),
            dataIndex: 'recordedBy',
            width: 120,
            render: (value: string, row) => `${value} ${formatDateTime(row.recordedAt).slice(0, 10)}`
          }
        ]}
      >
        <Form.Item name="scope" label={t('customerPrivacy.consent.scope')} required>
          <Input />
        </Form.Item>
        <Form.Item name="purpose" label={t('customerPrivacy.consent.purpose')} required>
          <Input />
        </Form.Item>
        <Form.Item name="noticeText" label={t('customerPrivacy.consent.noticeText')} required>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Space size={16}>
          <Form.Item name="noticeVersion" label={t('customerPrivacy.consent.noticeVersion')} required>
            <Input style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="consentedOn" label={t('customerPrivacy.consent.consentedOn')} required>
            <DatePicker format="YYYY-MM-DD" />
          </Form.Item>
          <Form.Item name="channel" label={t('customerPrivacy.consent.channel')} required>
            <Select style={{ width: 100 }} options={optionsOf(t, CONSENT_CHANNELS, 'customerPrivacy.channels')} />
          </Form.Item>
        </Space>
        <Form.Item name="refusedFields" label={t('customerPrivacy.consent.refusedFields')}>
          <Select
            mode="multiple"
            options={CONSENT_FIELDS.map((value) => ({
              value,
              label: fieldName(value),
              disabled: !(settings.data?.data.optionalFields ?? []).includes(value)
            }))}
          />
        </Form.Item>
        <Form.Item name="sharingConsent" valuePropName="checked">
          <Checkbox>{t('customerPrivacy.consent.sharingConsent')}</Checkbox>
        </Form.Item>
      </PrivacyRegister>
      <Card size="small" title={t('customerPrivacy.sensitive.title')}>
        <Table<SensitiveValue>
          size="small"
          rowKey="field"
          pagination={false}
          dataSource={sensitive.data ?? []}
          columns={[
            { title: t('customerPrivacy.sensitive.field'), dataIndex: 'field', render: fieldName, width: 140 },
            {
              title: t('customerPrivacy.sensitive.sensitivity'),
              dataIndex: 'sensitivity',
              width: 80,
              render: (value: string) => (
                <Tag color={value === 'core' ? 'red' : 'orange'}>{t(`customerPrivacy.classes.${value}`)}</Tag>
              )
            },
            {
              title: t('customerPrivacy.sensitive.value'),
              dataIndex: 'masked',
              render: (masked: string, row) =>
                row.present ? (
                  <span className="sensitive-value">
                    <LockOutlined style={{ marginRight: 6 }} title={t('customerPrivacy.sensitive.encrypted')} />
                    {revealed[row.field] ?? masked}
                  </span>
                ) : (
                  t('customerPrivacy.sensitive.empty')
                )
            },
            ...(canEdit
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 130,
                    render: (_: unknown, row: SensitiveValue) => (
                      <Space size={4}>
                        {row.present && revealed[row.field] === undefined && (
                          <Button size="small" onClick={() => setRevealing(row.field)}>
                            {t('customerPrivacy.sensitive.reveal')}
                          </Button>
                        )}
                        <Button size="small" onClick={() => setEditing(row.field)}>
                          {t('customerPrivacy.sensitive.edit')}
                        </Button>
                      </Space>
                    )
                  }
                ]
              : [])
          ]}
        />
      </Card>
      <Disclosures customerId={customerId} canEdit={canEdit} />
      <RightsRequests customerId={customerId} canEdit={canEdit} />
      <FormModal
        open={revealing !== null}
        title={revealing && t('customerPrivacy.sensitive.revealTitle', { field: fieldName(revealing) })}
        form={revealForm}
        busy={busy}
        plainButtons
        onClose={() => setRevealing(null)}
        values={{ purpose: '' }}
        name="reveal"
        onFinish={({ purpose }) => revealing && reveal(revealing, purpose)}
      >
        <Form.Item
          name="purpose"
          label={t('customerPrivacy.sensitive.purpose')}
          extra={t('customerPrivacy.sensitive.purposeHint')}
          required
        >
          <Input />
        </Form.Item>
      </FormModal>
      <FormModal
        open={editing !== null}
        title={editing && t('customerPrivacy.sensitive.editTitle', { field: fieldName(editing) })}
        form={valueForm}
        busy={busy}
        onClose={() => setEditing(null)}
        values={{ value: '' }}
        name="sensitiveValue"
        onFinish={({ value }) => editing && saveValue(editing, value)}
      >
        <Form.Item name="value" label={editing && fieldName(editing)}>
          <Input />
        </Form.Item>
      </FormModal>
    </Space>
  )
}
