import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons'
import { Button, Col, Form, Input, InputNumber, Row, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { FilingSettings } from '@preload/contract'
import { LEGACY_RETENTION_PERIODS } from '@preload/vocabulary'
import { call } from '../api/client'
import { CodeSelect } from '../components/CodeSelect'
import { VersionedSettingsCard } from '../components/SettingsVersions'
import type { VersionedChannels } from '../useVersionedSettings'

const LISTS = ['fonds', 'categories', 'retentionPeriods', 'departments'] as const

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
function addLegacyPeriods(form: ReturnType<typeof Form.useForm<FilingSettings>>[0]) {
  const periods = form.getFieldValue('retentionPeriods') as FilingSettings['retentionPeriods']
  const missing = LEGACY_RETENTION_PERIODS.filter((legacy) => !periods.some((period) => period.code === legacy.code))
  form.setFieldValue('retentionPeriods', [...periods, ...missing.map((legacy) => ({ ...legacy }))])
}

/** Reference data and filing rules, edited by the archive manager; every save is a new version (arch. rule 4). */
export function FilingSettingsCard({ editable }: { editable: boolean }) {
  const { t } = useTranslation()
  const [form] = Form.useForm<FilingSettings>()
  const categories = Form.useWatch('categories', form)
  const periods = Form.useWatch('retentionPeriods', form)

  return (
    <VersionedSettingsCard
      title={t('filingSettings.title')}
      name="filing-settings"
      form={form}
      channels={FILING_CHANNELS}
      editable={editable}
      readOnlyNote={t('filingSettings.readOnly')}
      summary={(data) => `${t('filingSettings.itemCodeTemplate')}: ${data.itemCodeTemplate}`}
    >
      <Row gutter={24}>
        {LISTS.map((list) => (
          <Col span={12} key={list}>
            <Typography.Title level={5}>{t(`filingSettings.${list}`)}</Typography.Title>
            <Form.List name={list}>
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field) => (
                    <Space key={field.key} align="start">
                      <Form.Item name={[field.name, 'code']} style={{ width: 90 }}>
                        <Input placeholder={t('filingSettings.code')} aria-label={t('filingSettings.code')} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'name']} style={{ width: 170 }}>
                        <Input placeholder={t('filingSettings.name')} aria-label={t('filingSettings.name')} />
                      </Form.Item>
                      {list === 'retentionPeriods' && (
                        <Form.Item name={[field.name, 'years']} style={{ width: 110 }}>
                          <InputNumber
                            placeholder={t('filingSettings.permanent')}
                            precision={0}
                            aria-label={t('filingSettings.years')}
                          />
                        </Form.Item>
                      )}
                      {editable && (
                        <Button
                          icon={<MinusCircleOutlined />}
                          aria-label={t('customers.removeContact')}
                          onClick={() => remove(field.name)}
                        />
                      )}
                    </Space>
                  ))}
                  {editable && (
                    <Space wrap>
                      <Button
                        type="dashed"
                        icon={<PlusOutlined />}
                        onClick={() =>
                          add({ code: '', name: '', ...(list === 'retentionPeriods' ? { years: null } : {}) })
                        }
                      >
                        {t('filingSettings.add')}
                      </Button>
                      {list === 'retentionPeriods' && (
                        <Button type="dashed" title={t('disposal.legacyHint')} onClick={() => addLegacyPeriods(form)}>
                          {t('disposal.legacyPreset')}
                        </Button>
                      )}
                    </Space>
                  )}
                </>
              )}
            </Form.List>
          </Col>
        ))}
      </Row>
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col span={10}>
          <Form.Item
            name="itemCodeTemplate"
            label={t('filingSettings.itemCodeTemplate')}
            extra={t('filingSettings.templateHint')}
          >
            <Input />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="volumeCodeTemplate" label={t('filingSettings.volumeCodeTemplate')}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="defaultCatalogueCode" label={t('volumes.catalogueCode')}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="customerFilingDays" label={t('filingSettings.customerFilingDays')}>
            <InputNumber precision={0} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="customerRegistrationWorkingDays" label={t('filingSettings.customerRegistrationWorkingDays')}>
            <InputNumber precision={0} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="annualFilingMonth" label={t('filingSettings.annualFilingMonth')}>
            <InputNumber precision={0} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="customerCategoryCode" label={t('filingSettings.customerCategoryCode')}>
            <CodeSelect entries={categories?.filter((entry) => entry?.code)} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="customerRetentionCode" label={t('filingSettings.customerRetentionCode')}>
            <CodeSelect entries={periods?.filter((entry) => entry?.code)} />
          </Form.Item>
        </Col>
      </Row>
    </VersionedSettingsCard>
  )
}
