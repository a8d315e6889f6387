import { PlusOutlined } from '@ant-design/icons'
import { Button, Form, Input, InputNumber, Row, Typography } from 'antd'
import type { CustodySettings, PolicyVersion } from '@preload/contract'
import { EditableRows, SettingsField, type SettingsCardDeclaration } from '../components/SettingsVersions'
import { versionedChannels, type VersionedChannels } from '../useVersionedSettings'

const BAND_FIELDS = ['temperatureMin', 'temperatureMax', 'humidityMin', 'humidityMax'] as const

interface FormValues extends Omit<CustodySettings, 'checklist'> {
  checklist: { item: string }[]
}

const SAVED_CHANNELS = versionedChannels<CustodySettings>(
  'settings.getCustody',
  'settings.custodyHistory',
  'settings.saveCustody'
)

// The checklist is a list of texts; the form edits it as rows so each line can be added or removed.
const withChecklistRows = (version: PolicyVersion<CustodySettings>): PolicyVersion<FormValues> => ({
  ...version,
  data: { ...version.data, checklist: version.data.checklist.map((item) => ({ item })) }
})

const CUSTODY_CHANNELS: VersionedChannels<FormValues> = {
  current: async () => withChecklistRows(await SAVED_CHANNELS.current()),
  history: async () => (await SAVED_CHANNELS.history()).map(withChecklistRows),
  save: (values) => SAVED_CHANNELS.save({ ...values, checklist: (values.checklist ?? []).map((row) => row.item ?? '') })
}

/** R-KEEP-3/4: the allowed temperature and humidity, how often periodic inspections come, and the room checklist. */
export const CUSTODY_SETTINGS_CARD: SettingsCardDeclaration<FormValues> = {
  title: 'custodySettings.title',
  name: 'custody-settings',
  channels: CUSTODY_CHANNELS,
  readOnlyNote: 'custodySettings.readOnly',
  summary: (data) =>
    `${data.temperatureMin}–${data.temperatureMax} ℃ · ${data.humidityMin}–${data.humidityMax} % · ${data.inspectionIntervalMonths}`,
  fields: (t, editable) => (
    <>
      <Row gutter={16}>
        {BAND_FIELDS.map((field) => (
          <SettingsField span={6} key={field} name={field} label={`custodySettings.${field}`} required>
            <InputNumber style={{ width: '100%' }} step={field.startsWith('temperature') ? 0.5 : 1} />
          </SettingsField>
        ))}
        <SettingsField
          span={6}
          name="inspectionIntervalMonths"
          label="custodySettings.inspectionIntervalMonths"
          required
        >
          <InputNumber precision={0} style={{ width: '100%' }} />
        </SettingsField>
      </Row>
      <Typography.Title level={5}>{t('custodySettings.checklist')}</Typography.Title>
      <EditableRows
        name="checklist"
        editable={editable}
        removeLabel="custodySettings.remove"
        rowStyle={{ display: 'flex' }}
        row={(index) => (
          <Form.Item name={[index, 'item']} style={{ width: 420, marginBottom: 8 }}>
            <Input aria-label={t('custodySettings.checklist')} />
          </Form.Item>
        )}
        actions={(add) => (
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ item: '' })} style={{ marginBottom: 16 }}>
            {t('custodySettings.add')}
          </Button>
        )}
      />
    </>
  )
}
