import { Col, Divider, Form, InputNumber, Row, Select } from 'antd'
import type { CustomerPrivacySettings, CustomerUpkeepSettings } from '@preload/contract'
import { RETENTION_CLASSES, RETENTION_LIMITS, RETENTION_UNITS, ROLES } from '@preload/vocabulary'
import { WithRule } from '@renderer/components/RuleTag'
import { SettingsField, type SettingsCardDeclaration } from '@renderer/components/SettingsVersions'
import { keepingUnshownFields, versionedChannels } from '@renderer/useVersionedSettings'
import { optionsOf } from '@renderer/labels'

/** S29, S37–S39, S50: how soon a file is formal and who verifies files and their important changes. */
export const CUSTOMER_UPKEEP_SETTINGS_CARD: SettingsCardDeclaration<CustomerUpkeepSettings> = {
  title: 'customerUpkeep.settings.title',
  name: 'customer-upkeep-settings',
  channels: keepingUnshownFields(
    versionedChannels('customerUpkeep.settings', 'customerUpkeep.settingsHistory', 'customerUpkeep.saveSettings')
  ),
  readOnlyNote: 'filingSettings.readOnly',
  summary: (data, t) => data.verifierRoles.map((role) => t(`roles.${role}`)).join('、'),
  fields: (t) => (
    <Row gutter={16}>
      <SettingsField span={8} name="formalWithinDays" label="customerUpkeep.settings.formalWithinDays">
        <InputNumber min={1} max={90} precision={0} style={{ width: '100%' }} />
      </SettingsField>
      <SettingsField span={16} name="verifierRoles" label="customerUpkeep.settings.verifierRoles" ruleId="S37">
        <Select mode="multiple" options={optionsOf(t, ROLES, 'roles')} />
      </SettingsField>
    </Row>
  )
}

/** S139 retention per class, S143 the inactive period, S103 the answer time of an individual's request. */
export const CUSTOMER_PRIVACY_SETTINGS_CARD: SettingsCardDeclaration<CustomerPrivacySettings> = {
  title: 'customerPrivacy.settings.title',
  name: 'customer-privacy-settings',
  channels: keepingUnshownFields(
    versionedChannels('customerPrivacy.settings', 'customerPrivacy.settingsHistory', 'customerPrivacy.saveSettings')
  ),
  readOnlyNote: 'filingSettings.readOnly',
  summary: (data, t) => `${t('customerPrivacy.settings.inactiveMonths')}: ${data.inactiveMonths}`,
  fields: (t) => (
    <>
      <Row gutter={16}>
        <SettingsField span={8} name="rightsAnswerDays" label="customerPrivacy.settings.rightsAnswerDays">
          <InputNumber min={1} max={90} precision={0} style={{ width: '100%' }} />
        </SettingsField>
        <SettingsField span={8} name="inactiveMonths" label="customerPrivacy.settings.inactiveMonths" ruleId="S143">
          <InputNumber min={1} max={240} precision={0} style={{ width: '100%' }} />
        </SettingsField>
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
    </>
  )
}
