import { Col, Form, InputNumber, Row, Select, Switch } from 'antd'
import { useTranslation } from 'react-i18next'
import type { UseSettings } from '@preload/contract'
import { APPROVERS } from '@preload/vocabulary'
import { call } from '../api/client'
import { VersionedSettingsCard } from '../components/SettingsVersions'
import type { VersionedChannels } from '../useVersionedSettings'
import { optionsOf } from '../labels'

const USE_CHANNELS: VersionedChannels<UseSettings> = {
  current: () => call('settings.getUse', {}),
  history: () => call('settings.useHistory', {}),
  save: (values) => call('settings.saveUse', values)
}

const DAY_FIELDS = ['loanMaxDays', 'longLoanMaxDays', 'maxRenewals', 'renewalDays'] as const
const APPROVER_FIELDS = [
  'longLoanApprover',
  'otherDepartmentApprover',
  'externalApprover',
  'classifiedReadingApprover',
  'classifiedLoanApprover',
  'classifiedOffSiteApprover'
] as const
const SWITCH_FIELDS = [
  'renewable',
  'externalMayBorrow',
  'classifiedNotLent',
  'topSecretNeverLeaves',
  'sealedOriginalsStay',
  'longLoansAllowed'
] as const

/** R-USE-4..6, S86: loan limits and who signs what, edited by the archive manager; every save is a new version. */
export function UseSettingsCard({ editable }: { editable: boolean }) {
  const { t } = useTranslation()
  return (
    <VersionedSettingsCard
      title={t('use.settings.title')}
      name="use-settings"
      channels={USE_CHANNELS}
      editable={editable}
      readOnlyNote={t('filingSettings.readOnly')}
      summary={(data) => `${t('use.settings.loanMaxDays')}: ${data.loanMaxDays}`}
    >
      <Row gutter={16}>
        {DAY_FIELDS.map((field) => (
          <Col span={6} key={field}>
            <Form.Item name={field} label={t(`use.settings.${field}`)}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        ))}
        {APPROVER_FIELDS.map((field) => (
          <Col span={8} key={field}>
            <Form.Item name={field} label={t(`use.settings.${field}`)}>
              <Select options={optionsOf(t, APPROVERS, 'use.approvers')} />
            </Form.Item>
          </Col>
        ))}
        {SWITCH_FIELDS.map((field) => (
          <Col span={8} key={field}>
            <Form.Item name={field} label={t(`use.settings.${field}`)} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        ))}
      </Row>
    </VersionedSettingsCard>
  )
}
