import { Form, InputNumber } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ElectronicSettings } from '@preload/contract'
import { call } from '../api/client'
import { VersionedSettingsCard } from '../components/SettingsVersions'
import type { VersionedChannels } from '../useVersionedSettings'

const ELECTRONIC_CHANNELS: VersionedChannels<ElectronicSettings> = {
  current: () => call('settings.getElectronic', {}),
  history: () => call('settings.electronicHistory', {}),
  save: (values) => call('settings.saveElectronic', values)
}

const FIELDS = [
  { name: 'fixityIntervalYears', hint: 'fixityIntervalHint' },
  { name: 'maxFileMegabytes', hint: 'maxFileHint' }
] as const

/**
 * R-ELEC-3, R-ELEC-1: how often all stored electronic files are machine-checked and the largest file taken, edited by
 * the archive manager. Main checks the
 * bounds and says them in words; the field lets any number through so that sentence is what the person sees.
 */
export function ElectronicSettingsCard({ editable }: { editable: boolean }) {
  const { t } = useTranslation()
  return (
    <VersionedSettingsCard
      title={t('electronic.settings.title')}
      name="electronic-settings"
      channels={ELECTRONIC_CHANNELS}
      editable={editable}
      readOnlyNote={t('electronic.settings.readOnly')}
      summary={(data) =>
        t('electronic.settings.summary', { years: data.fixityIntervalYears, megabytes: data.maxFileMegabytes })
      }
    >
      {FIELDS.map(({ name, hint }) => (
        <Form.Item
          key={name}
          name={name}
          label={t(`electronic.settings.${name}`)}
          extra={t(`electronic.settings.${hint}`)}
          required
        >
          <InputNumber precision={0} style={{ width: 200 }} />
        </Form.Item>
      ))}
    </VersionedSettingsCard>
  )
}
