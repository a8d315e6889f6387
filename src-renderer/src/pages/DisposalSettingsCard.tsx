import { Form, InputNumber, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import type { DisposalSettingsData } from '@preload/contract'
import { call } from '../api/client'
import { VersionedSettingsCard } from '../components/SettingsVersions'
import type { VersionedChannels } from '../useVersionedSettings'

const DISPOSAL_CHANNELS: VersionedChannels<DisposalSettingsData> = {
  current: () => call('settings.getDisposal', {}),
  history: () => call('settings.disposalHistory', {}),
  save: (values) => call('settings.saveDisposal', values)
}

/** R-DISP-6, R-DISP-7: hold period, supervisors needed and methods; every save is a new version. */
export function DisposalSettingsCard({ editable }: { editable: boolean }) {
  const { t } = useTranslation()
  return (
    <VersionedSettingsCard
      title={t('disposal.settingsTitle')}
      name="disposal-settings"
      channels={DISPOSAL_CHANNELS}
      editable={editable}
      layout="inline"
      summary={(data) =>
        `${t('disposal.holdMonths')}: ${data.holdMonths} · ${t('disposal.minSupervisors')}: ${data.minSupervisors}`
      }
    >
      <Form.Item name="holdMonths" label={t('disposal.holdMonths')}>
        <InputNumber precision={0} />
      </Form.Item>
      <Form.Item name="minSupervisors" label={t('disposal.minSupervisors')}>
        <InputNumber precision={0} />
      </Form.Item>
      <Form.Item name="methods" label={t('disposal.methods')}>
        <Select mode="tags" style={{ minWidth: 360 }} />
      </Form.Item>
    </VersionedSettingsCard>
  )
}
