import { Form, InputNumber, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { SecuritySettings, SessionInfo } from '@preload/contract'
import { can } from '../access'
import { call } from '../api/client'
import { FirstRunReminder } from '../components/first-run/FirstRunReminder'
import { VersionedSettingsCard } from '../components/SettingsVersions'
import type { VersionedChannels } from '../useVersionedSettings'
import { CustodySettingsCard } from './CustodySettingsCard'
import { DisposalSettingsCard } from './DisposalSettingsCard'
import { ElectronicSettingsCard } from './ElectronicSettingsCard'
import { FilingSettingsCard } from './FilingSettingsCard'
import { UseSettingsCard } from './UseSettingsCard'
import { CustomerPrivacySettingsCard, CustomerUpkeepSettingsCard } from './customers/CustomerSettingsCards'

const FIELDS = ['idleLockMinutes', 'maxFailedLogins', 'lockoutMinutes'] as const

export function SettingsPage({ session }: { session: SessionInfo }) {
  const { t } = useTranslation()
  if (can(session, 'settings.getSecurity')) {
    return (
      <>
        <Typography.Title level={3}>{t('settings.title')}</Typography.Title>
        {can(session, 'setup.get') && <FirstRunReminder always />}
        <SecuritySettingsCard editable={can(session, 'settings.saveSecurity')} />
      </>
    )
  }
  return (
    <>
      <Typography.Title level={3}>{t('settings.title')}</Typography.Title>
      <FilingSettingsCard editable={can(session, 'settings.saveFiling')} />
      <UseSettingsCard editable={can(session, 'settings.saveUse')} />
      <CustodySettingsCard editable={can(session, 'settings.saveCustody')} />
      <DisposalSettingsCard editable={can(session, 'settings.saveDisposal')} />
      <ElectronicSettingsCard editable={can(session, 'settings.saveElectronic')} />
      <CustomerUpkeepSettingsCard editable={can(session, 'customerUpkeep.saveSettings')} />
      <CustomerPrivacySettingsCard editable={can(session, 'customerPrivacy.saveSettings')} />
    </>
  )
}

const SECURITY_CHANNELS: VersionedChannels<SecuritySettings> = {
  current: () => call('settings.getSecurity', {}),
  history: () => call('settings.securityHistory', {}),
  save: (values) => call('settings.saveSecurity', values)
}

function SecuritySettingsCard({ editable }: { editable: boolean }) {
  const { t } = useTranslation()
  return (
    <VersionedSettingsCard
      title={t('settings.security')}
      name="security-settings"
      channels={SECURITY_CHANNELS}
      editable={editable}
      readOnlyNote={t('settings.readOnly')}
      style={{ maxWidth: 720 }}
      summary={(data) => FIELDS.map((field) => `${t(`settings.${field}`)}: ${data[field]}`).join('；')}
    >
      {FIELDS.map((field) => (
        <Form.Item key={field} name={field} label={t(`settings.${field}`)} required>
          <InputNumber style={{ width: 200 }} precision={0} />
        </Form.Item>
      ))}
    </VersionedSettingsCard>
  )
}
