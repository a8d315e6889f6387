import { Alert, Button, Card, Form, InputNumber, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { SecuritySettings, SessionInfo } from '../../../src-preload/contract'
import { can } from '../access'
import { call } from '../api/client'
import { SettingsHistory, SettingsVersionNote } from '../components/SettingsVersions'
import { useVersionedSettings, type VersionedChannels } from '../useVersionedSettings'
import { CustodySettingsCard } from './CustodySettingsCard'
import { DisposalSettingsCard } from './DisposalSettingsCard'
import { FilingSettingsCard } from './FilingSettingsCard'
import { UseSettingsCard } from './UseSettingsCard'

const FIELDS = ['idleLockMinutes', 'maxFailedLogins', 'lockoutMinutes'] as const

export function SettingsPage({ session }: { session: SessionInfo }) {
  const { t } = useTranslation()
  if (can(session, 'settings.getSecurity')) {
    return <SecuritySettingsCard editable={can(session, 'settings.saveSecurity')} />
  }
  return (
    <>
      <Typography.Title level={3}>{t('settings.title')}</Typography.Title>
      <FilingSettingsCard editable={can(session, 'settings.saveFiling')} />
      <UseSettingsCard editable={can(session, 'settings.saveUse')} />
      <CustodySettingsCard editable={can(session, 'settings.saveCustody')} />
      <DisposalSettingsCard editable={can(session, 'settings.saveDisposal')} />
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
  const [form] = Form.useForm<SecuritySettings>()
  const { current, versions: history, save } = useVersionedSettings(form, SECURITY_CHANNELS, editable)

  return (
    <>
      <Typography.Title level={3}>{t('settings.title')}</Typography.Title>
      <Card title={t('settings.security')} style={{ maxWidth: 720 }}>
        {!editable && <Alert type="info" showIcon message={t('settings.readOnly')} style={{ marginBottom: 16 }} />}
        <SettingsVersionNote current={current} />
        <Form name="security-settings" form={form} layout="vertical" onFinish={save} disabled={!editable}>
          {FIELDS.map((field) => (
            <Form.Item key={field} name={field} label={t(`settings.${field}`)} required>
              <InputNumber style={{ width: 200 }} precision={0} />
            </Form.Item>
          ))}
          {editable && (
            <Button type="primary" htmlType="submit">
              {t('common.save')}
            </Button>
          )}
        </Form>
      </Card>
      {editable && <SettingsHistory versions={history} style={{ maxWidth: 720 }} summary={(data) => FIELDS.map((field) => `${t(`settings.${field}`)}: ${data[field]}`).join('；')} />}
    </>
  )
}
