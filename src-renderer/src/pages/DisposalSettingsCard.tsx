import { Form, InputNumber, Select } from 'antd'
import type { DisposalSettingsData } from '@preload/contract'
import type { SettingsCardDeclaration } from '../components/SettingsVersions'
import { versionedChannels } from '../useVersionedSettings'

/** R-DISP-6, R-DISP-7: hold period, supervisors needed and methods; every save is a new version. */
export const DISPOSAL_SETTINGS_CARD: SettingsCardDeclaration<DisposalSettingsData> = {
  title: 'disposal.settingsTitle',
  name: 'disposal-settings',
  channels: versionedChannels('settings.getDisposal', 'settings.disposalHistory', 'settings.saveDisposal'),
  layout: 'inline',
  summary: (data, t) =>
    `${t('disposal.holdMonths')}: ${data.holdMonths} · ${t('disposal.minSupervisors')}: ${data.minSupervisors}`,
  fields: (t) => (
    <>
      <Form.Item name="holdMonths" label={t('disposal.holdMonths')}>
        <InputNumber precision={0} />
      </Form.Item>
      <Form.Item name="minSupervisors" label={t('disposal.minSupervisors')}>
        <InputNumber precision={0} />
      </Form.Item>
      <Form.Item name="methods" label={t('disposal.methods')}>
        <Select mode="tags" style={{ minWidth: 360 }} />
      </Form.Item>
    </>
  )
}
