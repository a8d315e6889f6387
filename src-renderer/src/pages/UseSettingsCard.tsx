import { InputNumber, Row, Select, Switch } from 'antd'
import type { UseSettings } from '@preload/contract'
import { APPROVERS } from '@preload/vocabulary'
import { SettingsField, type SettingsCardDeclaration } from '../components/SettingsVersions'
import { versionedChannels } from '../useVersionedSettings'
import { optionsOf } from '../labels'

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
export const USE_SETTINGS_CARD: SettingsCardDeclaration<UseSettings> = {
  title: 'use.settings.title',
  name: 'use-settings',
  channels: versionedChannels('settings.getUse', 'settings.useHistory', 'settings.saveUse'),
  readOnlyNote: 'filingSettings.readOnly',
  summary: (data, t) => `${t('use.settings.loanMaxDays')}: ${data.loanMaxDays}`,
  fields: (t) => (
    <Row gutter={16}>
      {DAY_FIELDS.map((field) => (
        <SettingsField span={6} key={field} name={field} label={`use.settings.${field}`}>
          <InputNumber min={0} precision={0} style={{ width: '100%' }} />
        </SettingsField>
      ))}
      {APPROVER_FIELDS.map((field) => (
        <SettingsField span={8} key={field} name={field} label={`use.settings.${field}`}>
          <Select options={optionsOf(t, APPROVERS, 'use.approvers')} />
        </SettingsField>
      ))}
      {SWITCH_FIELDS.map((field) => (
        <SettingsField span={8} key={field} name={field} label={`use.settings.${field}`} valuePropName="checked">
          <Switch />
        </SettingsField>
      ))}
    </Row>
  )
}
