import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons'
import { Button, Col, Form, Input, InputNumber, Row, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { CustodySettings } from '@preload/contract'
import { call } from '../api/client'
import { VersionedSettingsCard } from '../components/SettingsVersions'
import type { VersionedChannels } from '../useVersionedSettings'

const BAND_FIELDS = ['temperatureMin', 'temperatureMax', 'humidityMin', 'humidityMax'] as const

interface FormValues extends Omit<CustodySettings, 'checklist'> {
  checklist: { item: string }[]
}

// The checklist is a list of texts; the form edits it as rows so each line can be added or removed.
const CUSTODY_CHANNELS: VersionedChannels<FormValues> = {
  current: async () => {
    const latest = await call('settings.getCustody', {})
    return { ...latest, data: { ...latest.data, checklist: latest.data.checklist.map((item) => ({ item })) } }
  },
  history: async () =>
    (await call('settings.custodyHistory', {})).map((version) => ({
      ...version,
      data: { ...version.data, checklist: version.data.checklist.map((item) => ({ item })) }
    })),
  save: (values) =>
    call('settings.saveCustody', { ...values, checklist: (values.checklist ?? []).map((row) => row.item ?? '') })
}

/** R-KEEP-3/4: the allowed temperature and humidity, how often periodic inspections come, and the room checklist. */
export function CustodySettingsCard({ editable }: { editable: boolean }) {
  const { t } = useTranslation()
  const [form] = Form.useForm<FormValues>()

  return (
    <VersionedSettingsCard
      title={t('custodySettings.title')}
      name="custody-settings"
      form={form}
      channels={CUSTODY_CHANNELS}
      editable={editable}
      readOnlyNote={t('custodySettings.readOnly')}
      summary={(data) =>
        `${data.temperatureMin}–${data.temperatureMax} ℃ · ${data.humidityMin}–${data.humidityMax} % · ${data.inspectionIntervalMonths}`
      }
    >
      <Row gutter={16}>
        {BAND_FIELDS.map((field) => (
          <Col span={6} key={field}>
            <Form.Item name={field} label={t(`custodySettings.${field}`)} required>
              <InputNumber style={{ width: '100%' }} step={field.startsWith('temperature') ? 0.5 : 1} />
            </Form.Item>
          </Col>
        ))}
        <Col span={6}>
          <Form.Item name="inspectionIntervalMonths" label={t('custodySettings.inspectionIntervalMonths')} required>
            <InputNumber precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Title level={5}>{t('custodySettings.checklist')}</Typography.Title>
      <Form.List name="checklist">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="start" style={{ display: 'flex' }}>
                <Form.Item name={[field.name, 'item']} style={{ width: 420, marginBottom: 8 }}>
                  <Input aria-label={t('custodySettings.checklist')} />
                </Form.Item>
                {editable && (
                  <Button
                    icon={<MinusCircleOutlined />}
                    aria-label={t('custodySettings.remove')}
                    onClick={() => remove(field.name)}
                  />
                )}
              </Space>
            ))}
            {editable && (
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ item: '' })}
                style={{ marginBottom: 16 }}
              >
                {t('custodySettings.add')}
              </Button>
            )}
          </>
        )}
      </Form.List>
    </VersionedSettingsCard>
  )
}
