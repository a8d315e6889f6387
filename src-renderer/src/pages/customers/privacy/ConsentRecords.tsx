import { Checkbox, DatePicker, Form, Input, Select, Space } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import type { Consent, ConsentField, ConsentRegister, CustomerPrivacySettings } from '@preload/contract'
import { CONSENT_CHANNELS, CONSENT_FIELDS } from '@preload/vocabulary'
import { call } from '@renderer/api/client'
import { formatDateTime } from '@renderer/errors'
import { optionsOf } from '@renderer/labels'
import { PrivacyRegister } from './PrivacyRegister'

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

/** S107–S112: the customer's consents as recorded, and recording one against the notice in force. */
export function ConsentRecords({
  customerId,
  canEdit,
  register,
  settings,
  onRecorded
}: {
  customerId: number
  canEdit: boolean
  register: ConsentRegister | null
  settings: CustomerPrivacySettings | null
  onRecorded(): Promise<void>
}) {
  const { t } = useTranslation()
  const fieldName = (field: string) => t(`customerPrivacy.fields.${field}`)

  const recordConsent = (values: ConsentValues) =>
    call('customerPrivacy.recordConsent', {
      ...values,
      customerId,
      consentedOn: values.consentedOn.format('YYYY-MM-DD')
    })

  return (
    <PrivacyRegister<Consent, ConsentValues>
      title={t('customerPrivacy.consent.title')}
      add={t('customerPrivacy.consent.record')}
      canAdd={canEdit}
      adding={{
        name: 'consent',
        values: {
          consentedOn: dayjs(),
          channel: 'written',
          noticeVersion: settings?.noticeVersion ?? 'v1',
          refusedFields: [],
          sharingConsent: false
        },
        width: 640,
        send: recordConsent,
        success: 'customerPrivacy.consent.recorded',
        onDone: onRecorded
      }}
      empty={t('customerPrivacy.consent.none')}
      dataSource={register?.consents ?? []}
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
            disabled: !(settings?.optionalFields ?? []).includes(value)
          }))}
        />
      </Form.Item>
      <Form.Item name="sharingConsent" valuePropName="checked">
        <Checkbox>{t('customerPrivacy.consent.sharingConsent')}</Checkbox>
      </Form.Item>
    </PrivacyRegister>
  )
}
