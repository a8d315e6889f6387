import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons'
import { Button, Checkbox, Col, Divider, Form, Input, Row, Select } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Contact } from '@preload/contract'
import { INDUSTRY_SECTIONS, type ReferenceEntry } from '@preload/reference-lists'

export const emptyContact: Contact = { name: '', title: '', phone: '', email: '' }

/** A text field of the customer form in a grid cell, labelled from `customers.fields.<name>`; `rows` makes it a text area. */
export function TextField({
  name,
  span,
  required,
  rows
}: {
  name: string
  span: number
  required?: boolean
  rows?: number
}) {
  const { t } = useTranslation()
  return (
    <Col span={span}>
      <Form.Item name={name} label={t(`customers.fields.${name}`)} required={required}>
        {rows ? <Input.TextArea rows={rows} /> : <Input />}
      </Form.Item>
    </Col>
  )
}

function Flag({ name, span, children }: { name: string; span: number; children: ReactNode }) {
  return (
    <Col span={span}>
      <Form.Item name={name} valuePropName="checked">
        <Checkbox>{children}</Checkbox>
      </Form.Item>
    </Col>
  )
}

/**
 * A value from a shipped reference list (issue 13: GB/T 4754 industries, GB/T 2260 provinces), searched by name or
 * code. A value typed before the list existed stays as it is and is offered as one more choice, so an unrelated edit
 * keeps it.
 */
export function ReferenceField({ name, list, span }: { name: string; list: readonly ReferenceEntry[]; span: number }) {
  const { t, i18n } = useTranslation()
  const form = Form.useFormInstance()
  const current: unknown = Form.useWatch(name, form)
  const english = i18n.language === 'en'
  const options = list.map((entry) => ({
    value: entry.zh,
    label: `${entry.code} ${english ? entry.en : entry.zh}`
  }))
  if (typeof current === 'string' && current !== '' && !list.some((entry) => entry.zh === current))
    options.push({ value: current, label: current })
  return (
    <Col span={span}>
      <Form.Item name={name} label={t(`customers.fields.${name}`)}>
        <Select allowClear showSearch optionFilterProp="label" options={options} />
      </Form.Item>
    </Col>
  )
}

export function BusinessSection() {
  const { t } = useTranslation()
  return (
    <>
      <Divider titlePlacement="start">{t('customers.sections.business')}</Divider>
      <Row gutter={16}>
        <ReferenceField name="industry" list={INDUSTRY_SECTIONS} span={8} />
        <TextField name="businessScale" span={8} />
        <TextField name="creditStanding" span={8} />
        <TextField name="businessScope" span={24} rows={2} />
        <TextField name="economicStrength" span={24} rows={2} />
        <TextField name="dealingsRecord" span={24} rows={3} />
        <TextField name="background" span={24} rows={2} />
        <Flag name="hasAgreement" span={24}>
          {t('customers.fields.hasAgreement')}
        </Flag>
      </Row>
    </>
  )
}

/** R-CUST-5: whether the person consented to their data being kept, and what for. */
export function PrivacySection() {
  const { t } = useTranslation()
  return (
    <>
      <Divider titlePlacement="start">{t('customers.sections.privacy')}</Divider>
      <Row gutter={16}>
        <Flag name="consentObtained" span={8}>
          {t('customers.fields.consentObtained')}
        </Flag>
        <TextField name="collectionPurpose" span={16} />
      </Row>
    </>
  )
}

/** The customer's contacts, one row each, added and removed in place. */
export function ContactsSection() {
  const { t } = useTranslation()
  return (
    <>
      <Divider titlePlacement="start">{t('customers.sections.contacts')}</Divider>
      <Form.List name="contacts">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Row gutter={8} key={field.key} align="top">
                {(['name', 'title', 'phone', 'email'] as const).map((key) => (
                  <Col span={key === 'email' ? 7 : 5} key={key}>
                    <Form.Item name={[field.name, key]} label={t(`customers.contact.${key}`)} required={key === 'name'}>
                      <Input />
                    </Form.Item>
                  </Col>
                ))}
                <Col span={2}>
                  <Button
                    aria-label={t('customers.removeContact')}
                    icon={<MinusCircleOutlined />}
                    style={{ marginTop: 30 }}
                    onClick={() => remove(field.name)}
                  />
                </Col>
              </Row>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ ...emptyContact })}>
              {t('customers.addContact')}
            </Button>
          </>
        )}
      </Form.List>
    </>
  )
}
