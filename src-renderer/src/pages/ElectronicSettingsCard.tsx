import { Form, InputNumber } from 'antd'
import type { ElectronicSettings } from '@preload/contract'
import type { SettingsCardDeclaration } from '../components/SettingsVersions'
import { versionedChannels } from '../useVersionedSettings'

const FIELDS = [
  { name: 'fixityIntervalYears', hint: 'fixityIntervalHint' },
  { name: 'maxFileMegabytes', hint: 'maxFileHint' }
] as const

/**
 * R-ELEC-3, R-ELEC-1: how often all stored electronic files are machine-checked and the largest file taken, edited by
 * the archive manager. Main checks the
 * bounds and says them in words; the field lets any number through so that sentence is what the person sees.
 */
export const ELECTRONIC_SETTINGS_CARD: SettingsCardDeclaration<ElectronicSettings> = {
  title: 'electronic.settings.title',
  name: 'electronic-settings',
  channels: versionedChannels('settings.getElectronic', 'settings.electronicHistory', 'settings.saveElectronic'),
  readOnlyNote: 'electronic.settings.readOnly',
  summary: (data, t) =>
    t('electronic.settings.summary', { years: data.fixityIntervalYears, megabytes: data.maxFileMegabytes }),
  fields: (t) =>
    FIELDS.map(({ name, hint }) => (
      <Form.Item
        key={name}
        name={name}
        label={t(`electronic.settings.${name}`)}
        extra={t(`electronic.settings.${hint}`)}
        required
      >
        <InputNumber precision={0} style={{ width: 200 }} />
      </Form.Item>
    ))
}
