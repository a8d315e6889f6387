import { Button, Card, Form, InputNumber, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import type { DisposalSettingsData } from '../../../src-preload/contract'
import { call } from '../api/client'
import { SettingsHistory, SettingsVersionNote } from '../components/SettingsVersions'
import { useVersionedSettings, type VersionedChannels } from '../useVersionedSettings'

const DISPOSAL_CHANNELS: VersionedChannels<DisposalSettingsData> = {
  current: () => call('settings.getDisposal', {}),
  history: () => call('settings.disposalHistory', {}),
  save: (values) => call('settings.saveDisposal', values)
}

/** R-DISP-6, R-DISP-7: hold period, supervisors needed and methods; every save is a new version. */
export function DisposalSettingsCard({ editable }: { editable: boolean }) {
  const { t } = useTranslation()
  const [form] = Form.useForm<DisposalSettingsData>()
  const { current, versions, save } = useVersionedSettings(form, DISPOSAL_CHANNELS, editable)
  return (
    <>
      <Card title={t('disposal.settingsTitle')} style={{ marginTop: 16 }}>
        <SettingsVersionNote current={current} />
        <Form name="disposal-settings" form={form} layout="inline" onFinish={save} disabled={!editable}>
          <Form.Item name="holdMonths" label={t('disposal.holdMonths')}>
            <InputNumber precision={0} />
          </Form.Item>
          <Form.Item name="minSupervisors" label={t('disposal.minSupervisors')}>
            <InputNumber precision={0} />
          </Form.Item>
          <Form.Item name="methods" label={t('disposal.methods')}>
            <Select mode="tags" style={{ minWidth: 360 }} />
          </Form.Item>
          {editable && (
            <Button type="primary" htmlType="submit">
              {t('common.save')}
            </Button>
          )}
        </Form>
      </Card>
      {editable && (
        <SettingsHistory
          versions={versions}
          summary={(data) => `${t('disposal.holdMonths')}: ${data.holdMonths} · ${t('disposal.minSupervisors')}: ${data.minSupervisors}`}
        />
      )}
    </>
  )
}
