import { PlusOutlined } from '@ant-design/icons'
import { Button, Col, Form, Input, InputNumber, Row, Space, Typography, type SelectProps } from 'antd'
import { useTranslation } from 'react-i18next'
import type { FilingSettings } from '@preload/contract'
import { LEGACY_RETENTION_PERIODS } from '@preload/vocabulary'
import { call } from '../api/client'
import { CodeSelect } from '../components/CodeSelect'
import { EditableRows, SettingsField, type SettingsCardDeclaration } from '../components/SettingsVersions'
import type { VersionedChannels } from '../useVersionedSettings'

const LISTS = ['fonds', 'categories', 'retentionPeriods', 'departments'] as const
const NUMBER_FIELDS = ['customerFilingDays', 'customerRegistrationWorkingDays', 'annualFilingMonth'] as const

const FILING_CHANNELS: VersionedChannels<FilingSettings> = {
  current: () => call('settings.getFiling', {}),
  history: () => call('settings.filingHistory', {}),
  save: (values) =>
    call('settings.saveFiling', {
      ...values,
      retentionPeriods: values.retentionPeriods.map((period) => ({ ...period, years: period.years ?? null }))
    })
}

/** R-DISP-1: adds 永久/长期/短期 beside the periods already in use; codes already listed are left as they are. */
function LegacyPeriodsButton() {
  const { t } = useTranslation()
  const form = Form.useFormInstance<FilingSettings>()
  const addLegacyPeriods = () => {
    const periods = form.getFieldValue('retentionPeriods') as FilingSettings['retentionPeriods']
    const missing = LEGACY_RETENTION_PERIODS.filter((legacy) => !periods.some((period) => period.code === legacy.code))
    form.setFieldValue('retentionPeriods', [...periods, ...missing.map((legacy) => ({ ...legacy }))])
  }
  return (
    <Button type="dashed" title={t('disposal.legacyHint')} onClick={addLegacyPeriods}>
      {t('disposal.legacyPreset')}
    </Button>
  )
}

/** A choice among the codes of one of the form's own lists, as the person is editing it above. */
function CodeSelectOfList({ list, ...props }: SelectProps & { list: 'categories' | 'retentionPeriods' }) {
  const entries = Form.useWatch(list, Form.useFormInstance<FilingSettings>())
  return <CodeSelect entries={entries?.filter((entry) => entry?.code)} {...props} />
}

/** Reference data and filing rules, edited by the archive manager; every save is a new version (arch. rule 4). */
export const FILING_SETTINGS_CARD: SettingsCardDeclaration<FilingSettings> = {
  title: 'filingSettings.title',
  name: 'filing-settings',
  channels: FILING_CHANNELS,
  readOnlyNote: 'filingSettings.readOnly',
  summary: (data, t) => `${t('filingSettings.itemCodeTemplate')}: ${data.itemCodeTemplate}`,
  fields: (t, editable) => (
    <>
      <Row gutter={24}>
        {LISTS.map((list) => (
          <Col span={12} key={list}>
            <Typography.Title level={5}>{t(`filingSettings.${list}`)}</Typography.Title>
            <EditableRows
              name={list}
              editable={editable}
              removeLabel="customers.removeContact"
              row={(index) => (
                <>
                  <Form.Item name={[index, 'code']} style={{ width: 90 }}>
                    <Input placeholder={t('filingSettings.code')} aria-label={t('filingSettings.code')} />
                  </Form.Item>
                  <Form.Item name={[index, 'name']} style={{ width: 170 }}>
                    <Input placeholder={t('filingSettings.name')} aria-label={t('filingSettings.name')} />
                  </Form.Item>
                  {list === 'retentionPeriods' && (
                    <Form.Item name={[index, 'years']} style={{ width: 110 }}>
                      <InputNumber
                        placeholder={t('filingSettings.permanent')}
                        precision={0}
                        aria-label={t('filingSettings.years')}
                      />
                    </Form.Item>
                  )}
                </>
              )}
              actions={(add) => (
                <Space wrap>
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ code: '', name: '', ...(list === 'retentionPeriods' ? { years: null } : {}) })}
                  >
                    {t('filingSettings.add')}
                  </Button>
                  {list === 'retentionPeriods' && <LegacyPeriodsButton />}
                </Space>
              )}
            />
          </Col>
        ))}
      </Row>
      <Row gutter={16} style={{ marginTop: 16 }}>
        <SettingsField
          span={10}
          name="itemCodeTemplate"
          label="filingSettings.itemCodeTemplate"
          extra={t('filingSettings.templateHint')}
        >
          <Input />
        </SettingsField>
        <SettingsField span={8} name="volumeCodeTemplate" label="filingSettings.volumeCodeTemplate">
          <Input />
        </SettingsField>
        <SettingsField span={6} name="defaultCatalogueCode" label="volumes.catalogueCode">
          <Input />
        </SettingsField>
        {NUMBER_FIELDS.map((field) => (
          <SettingsField span={8} key={field} name={field} label={`filingSettings.${field}`}>
            <InputNumber precision={0} />
          </SettingsField>
        ))}
        <SettingsField span={8} name="customerCategoryCode" label="filingSettings.customerCategoryCode">
          <CodeSelectOfList list="categories" />
        </SettingsField>
        <SettingsField span={8} name="customerRetentionCode" label="filingSettings.customerRetentionCode">
          <CodeSelectOfList list="retentionPeriods" />
        </SettingsField>
      </Row>
    </>
  )
}
