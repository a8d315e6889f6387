import { Form, InputNumber, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { SecuritySettings, SessionInfo } from '@preload/contract'
import { can } from '../access'
import { FirstRunReminder } from '../components/first-run/FirstRunReminder'
import { VersionedSettingsCard, type SettingsCardDeclaration } from '../components/SettingsVersions'
import { versionedChannels } from '../useVersionedSettings'
import { CUSTODY_SETTINGS_CARD } from './CustodySettingsCard'
import { DISPOSAL_SETTINGS_CARD } from './DisposalSettingsCard'
import { ELECTRONIC_SETTINGS_CARD } from './ElectronicSettingsCard'
import { FILING_SETTINGS_CARD } from './FilingSettingsCard'
import { USE_SETTINGS_CARD } from './UseSettingsCard'
import { CUSTOMER_PRIVACY_SETTINGS_CARD, CUSTOMER_UPKEEP_SETTINGS_CARD } from './customers/CustomerSettingsCards'

const FIELDS = ['idleLockMinutes', 'maxFailedLogins', 'lockoutMinutes'] as const

const SECURITY_SETTINGS_CARD: SettingsCardDeclaration<SecuritySettings> = {
  title: 'settings.security',
  name: 'security-settings',
  channels: versionedChannels('settings.getSecurity', 'settings.securityHistory', 'settings.saveSecurity'),
  readOnlyNote: 'settings.readOnly',
  style: { maxWidth: 720 },
  summary: (data, t) => FIELDS.map((field) => `${t(`settings.${field}`)}: ${data[field]}`).join('；'),
  fields: (t) =>
    FIELDS.map((field) => (
      <Form.Item key={field} name={field} label={t(`settings.${field}`)} required>
        <InputNumber style={{ width: 200 }} precision={0} />
      </Form.Item>
    ))
}

export function SettingsPage({ session }: { session: SessionInfo }) {
  const { t } = useTranslation()
  if (can(session, 'settings.getSecurity')) {
    return (
      <>
        <Typography.Title level={3}>{t('settings.title')}</Typography.Title>
        {can(session, 'setup.get') && <FirstRunReminder always />}
        <VersionedSettingsCard card={SECURITY_SETTINGS_CARD} editable={can(session, 'settings.saveSecurity')} />
      </>
    )
  }
  return (
    <>
      <Typography.Title level={3}>{t('settings.title')}</Typography.Title>
      <VersionedSettingsCard card={FILING_SETTINGS_CARD} editable={can(session, 'settings.saveFiling')} />
      <VersionedSettingsCard card={USE_SETTINGS_CARD} editable={can(session, 'settings.saveUse')} />
      <VersionedSettingsCard card={CUSTODY_SETTINGS_CARD} editable={can(session, 'settings.saveCustody')} />
      <VersionedSettingsCard card={DISPOSAL_SETTINGS_CARD} editable={can(session, 'settings.saveDisposal')} />
      <VersionedSettingsCard card={ELECTRONIC_SETTINGS_CARD} editable={can(session, 'settings.saveElectronic')} />
      <VersionedSettingsCard
        card={CUSTOMER_UPKEEP_SETTINGS_CARD}
        editable={can(session, 'customerUpkeep.saveSettings')}
      />
      <VersionedSettingsCard
        card={CUSTOMER_PRIVACY_SETTINGS_CARD}
        editable={can(session, 'customerPrivacy.saveSettings')}
      />
    </>
  )
}
