import { Col, Divider, Form, InputNumber, Row, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import type { CustomerPrivacySettings, CustomerUpkeepSettings } from '@preload/contract'
import { RETENTION_CLASSES, RETENTION_LIMITS, RETENTION_UNITS, ROLES } from '@preload/vocabulary'
import { call } from '@renderer/api/client'
import { WithRule } from '@renderer/components/RuleTag'
import { VersionedSettingsCard } from '@renderer/components/SettingsVersions'
import type { VersionedChannels } from '@renderer/useVersionedSettings'
import { optionsOf } from '@renderer/labels'

/**
 * The card edits some fields of a settings namespace; a save keeps the others as the version in force has them, so
 * what this page does not show is never reset.
 */
const UPKEEP_CHANNELS: VersionedChannels<CustomerUpkeepSettings> = {
  current: () => call('customerUpkeep.settings', {}),
  history: () => call('customerUpkeep.settingsHistory', {}),
  save: async (values) =>
    call('customerUpkeep.saveSettings', { ...(await call('customerUpkeep.settings', {})).data, ...values })
}

const PRIVACY_CHANNELS: VersionedChannels<CustomerPrivacySettings> = {
  current: () => call('customerPrivacy.settings', {}),
  history: () => call('customerPrivacy.settingsHistory', {}),
  save: async (values) =>
    call('customerPrivacy.saveSettings', { ...(await call('customerPrivacy.settings', {})).data, ...values })
}

/** S29, S37–S39, S50: how soon a file is formal and who verifies files and their important changes. */
export function CustomerUpkeepSettingsCard({ editable }: { editable: boolean }) {
  const { t } = useTranslation()
  return (
    <VersionedSettingsCard
      title={t('customerUpkeep.settings.title')}
      name="customer-upkeep-settings"
      channels={UPKEEP_CHANNELS}
      editable={editable}
      readOnlyNote={t('filingSettings.readOnly')}
      summary={(data) => data.verifierRoles.map((role) => t(`roles.${role}`)).join('、')}
    >
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="formalWithinDays" label={t('customerUpkeep.settings.formalWithinDays')}>
            <InputNumber min={1} max={90} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item
            name="verifierRoles"
            label={<WithRule text={t('customerUpkeep.settings.verifierRoles')} ruleId="S37" />}
          >
            <Select mode="multiple" options={optionsOf(t, ROLES, 'roles')} />
          </Form.Item>
        </Col>
      </Row>
    </VersionedSettingsCard>
  )
}

/** S139 retention per class, S143 the inactive period, S103 the answer time of an individual's request. */
export function CustomerPrivacySettingsCard({ editable }: { editable: boolean }) {
  const { t } = useTranslation()
  return (
    <VersionedSettingsCard
      title={t('customerPrivacy.settings.title')}
      name="customer-privacy-settings"
      channels={PRIVACY_CHANNELS}
      editable={editable}
      readOnlyNote={t('filingSettings.readOnly')}
      summary={(data) => `${t('customerPrivacy.settings.inactiveMonths')}: ${data.inactiveMonths}`}
    >
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="rightsAnswerDays" label={t('customerPrivacy.settings.rightsAnswerDays')}>
            <InputNumber min={1} max={90} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="inactiveMonths"
            label={<WithRule text={t('customerPrivacy.settings.inactiveMonths')} ruleId="S143" />}
          >
            <InputNumber min={1} max={240} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start">
        <WithRule text={t('customerPrivacy.retention.title')} ruleId="S139" />
      </Divider>
      <Row gutter={16}>
        {RETENTION_CLASSES.map((name) => (
          <Col span={8} key={name}>
            <Form.Item label={t(`customerPrivacy.retention.classes.${name}`)} required>
              <Row gutter={8}>
                <Col span={14}>
                  <Form.Item
                    name={['retention', name, 'amount']}
                    noStyle
                    rules={[{ required: true, message: t('validation.retention') }]}
                  >
                    <InputNumber
                      min={1}
                      max={RETENTION_LIMITS.days}
                      precision={0}
                      style={{ width: '100%' }}
                      aria-label={`${t(`customerPrivacy.retention.classes.${name}`)} ${t('customerPrivacy.settings.amount')}`}
                    />
                  </Form.Item>
                </Col>
                <Col span={10}>
                  <Form.Item name={['retention', name, 'unit']} noStyle>
                    <Select
                      aria-label={`${t(`customerPrivacy.retention.classes.${name}`)} ${t('customerPrivacy.settings.unit')}`}
                      options={optionsOf(t, RETENTION_UNITS, 'customerPrivacy.retention.units')}
                    />
                  </Form.Item>
                </Col>
              </Row>
            </Form.Item>
          </Col>
        ))}
      </Row>
    </VersionedSettingsCard>
  )
}
