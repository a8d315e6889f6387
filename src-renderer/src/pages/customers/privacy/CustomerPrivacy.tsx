import { LockOutlined } from '@ant-design/icons'
import { Button, Card, Form, Input, Space, Table, Tag } from 'antd'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SensitiveField, SensitiveValue } from '@preload/contract'
import { call } from '@renderer/api/client'
import { FormModal } from '@renderer/components/FormModal'
import { useRemote } from '@renderer/useRemote'
import { useSubmit } from '@renderer/useSubmit'
import { ConsentMarks } from './ConsentMarks'
import { ConsentRecords } from './ConsentRecords'
import { Disclosures } from './Disclosures'
import { LeakReportButton } from './LeakReportButton'
import { RightsRequests } from './RightsRequests'

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
      <ConsentRecords
        customerId={customerId}
        canEdit={canEdit}
        register={consents.data}
        settings={settings.data?.data ?? null}
        onRecorded={async () => {
          setMarksKey((key) => key + 1)
          await consents.reload()
        }}
      />
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
