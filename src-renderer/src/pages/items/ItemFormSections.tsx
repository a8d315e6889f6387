import { Checkbox, Col, DatePicker, Divider, Form, Input, InputNumber, Row, Select } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { FilingSettings } from '@preload/contract'
import { CLASSIFICATIONS, CUSTOMER_DOC_TYPES, DOCUMENT_KINDS, OPEN_STATUSES } from '@preload/vocabulary'
import { CodeSelect } from '@renderer/components/CodeSelect'
import { entriesOf, type CodeField } from '@renderer/useFilingSettings'
import { optionsOf } from '@renderer/labels'

const FULL = { width: '100%' }

/** One field of the item form in a grid cell, labelled from `items.fields.<name>`. */
function Field({
  name,
  span,
  required,
  children
}: {
  name: string
  span: number
  required?: boolean
  children: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <Col span={span}>
      <Form.Item name={name} label={t(`items.fields.${name}`)} required={required}>
        {children}
      </Form.Item>
    </Col>
  )
}

/** A required choice among translated values, e.g. the classifications. */
function Choice({
  name,
  span,
  values,
  prefix
}: {
  name: string
  span: number
  values: readonly string[]
  prefix: string
}) {
  const { t } = useTranslation()
  return (
    <Field name={name} span={span} required>
      <Select options={optionsOf(t, values, prefix)} showSearch optionFilterProp="label" />
    </Field>
  )
}

export function DescriptionSection() {
  const { t } = useTranslation()
  return (
    <>
      <Divider titlePlacement="start">{t('items.sections.description')}</Divider>
      <Row gutter={16}>
        <Field name="title" span={24} required>
          <Input.TextArea rows={2} />
        </Field>
        <Field name="responsibleParty" span={8} required>
          <Input />
        </Field>
        <Field name="documentNumber" span={8}>
          <Input />
        </Field>
        <Field name="dateFormed" span={8} required>
          <DatePicker format="YYYY-MM-DD" style={FULL} />
        </Field>
        <Field name="pageCount" span={6} required>
          <InputNumber style={FULL} precision={0} />
        </Field>
        <Choice name="classification" span={6} values={CLASSIFICATIONS} prefix="classifications" />
        <Choice name="openStatus" span={6} values={OPEN_STATUSES} prefix="openStatuses" />
        <Field name="receivedOn" span={6} required>
          <DatePicker format="YYYY-MM-DD" style={FULL} />
        </Field>
        <Field name="remarks" span={24}>
          <Input />
        </Field>
      </Row>
    </>
  )
}

const CODES: CodeField[] = ['fondsCode', 'categoryCode', 'retentionCode', 'departmentCode']

/** The codes the archival code is built from (locked once it is given), and the kind of document with its extras. */
export function ClassificationSection({
  settings,
  codeLocked,
  kind
}: {
  settings: FilingSettings
  codeLocked: boolean
  kind: string | undefined
}) {
  const { t } = useTranslation()
  return (
    <>
      <Divider titlePlacement="start">{t('items.sections.classification')}</Divider>
      <Row gutter={16}>
        {CODES.map((name) => (
          <Field key={name} name={name} span={6} required>
            <CodeSelect entries={entriesOf(settings, name)} disabled={codeLocked} />
          </Field>
        ))}
        <Choice name="documentKind" span={8} values={DOCUMENT_KINDS} prefix="documentKinds" />
        {kind === 'plan' || kind === 'summary' ? (
          <>
            <Field name="periodStartYear" span={8}>
              <InputNumber style={FULL} precision={0} />
            </Field>
            <Field name="periodEndYear" span={8}>
              <InputNumber style={FULL} precision={0} />
            </Field>
          </>
        ) : null}
        {kind === 'meeting_papers' ? (
          <Field name="meetingOpenedOn" span={8}>
            <DatePicker format="YYYY-MM-DD" style={FULL} />
          </Field>
        ) : null}
      </Row>
    </>
  )
}

/** The customer file the item belongs to, if any, and what it is in that file. */
export function CustomerSection({
  customers,
  customerId,
  findCustomers
}: {
  customers: { value: number; label: string }[]
  customerId: number | null | undefined
  findCustomers(search: string): void
}) {
  const { t } = useTranslation()
  return (
    <>
      <Divider titlePlacement="start">{t('items.sections.customer')}</Divider>
      <Row gutter={16}>
        <Field name="customerId" span={12}>
          <Select allowClear showSearch filterOption={false} onSearch={findCustomers} options={customers} />
        </Field>
        {customerId ? (
          <>
            <Choice name="customerDocType" span={12} values={CUSTOMER_DOC_TYPES} prefix="customerDocTypes" />
            <Col span={8}>
              <Form.Item name="sealedOriginal" valuePropName="checked">
                <Checkbox>{t('items.fields.sealedOriginal')}</Checkbox>
              </Form.Item>
            </Col>
            <Field name="departmentCopyNote" span={16}>
              <Input />
            </Field>
          </>
        ) : null}
      </Row>
    </>
  )
}
