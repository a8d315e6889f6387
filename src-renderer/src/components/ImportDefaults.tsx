import { DatePicker, Form, Select, Typography, type FormInstance } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import type { FilingSettings, ImportTargetName } from '@preload/contract'
import { CUSTOMER_GRADES } from '@preload/vocabulary'
import { CLASSIFICATIONS, OPEN_STATUSES } from '@preload/vocabulary'
import { entriesOf, type CodeField } from '../useFilingSettings'
import { CodeSelect } from './CodeSelect'
import { optionsOf } from '../labels'

export type DefaultValues = Record<string, string | dayjs.Dayjs | undefined>

const CODES: CodeField[] = ['fondsCode', 'categoryCode', 'retentionCode', 'departmentCode']
const SELECT = { width: 160 }

/** What the form starts with: the first of each list, the form's own defaults and today. */
function initialValues(target: ImportTargetName, settings: FilingSettings | null): DefaultValues {
  if (target === 'customers') return { grade: 'general', dateOpened: dayjs() }
  return {
    ...Object.fromEntries(CODES.map((field) => [field, entriesOf(settings, field)?.[0]?.code])),
    classification: 'none',
    openStatus: 'restricted',
    receivedOn: dayjs()
  }
}

/**
 * Every value the form holds, as the dry run and the import take them: the ones shown from the start as much as
 * those changed, since a field nobody touched still fills every row that lacks it.
 */
export function defaultsOf(form: FormInstance<DefaultValues>): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [field, value] of Object.entries(form.getFieldsValue(true) as DefaultValues)) {
    const text = dayjs.isDayjs(value) ? value.format('YYYY-MM-DD') : value
    if (text) values[field] = text
  }
  return values
}

/** The values for fields a file lacks or leaves blank: every field the forms require that a list seldom has. */
export function ImportDefaults({
  target,
  settings,
  form
}: {
  target: ImportTargetName
  settings: FilingSettings | null
  form: FormInstance<DefaultValues>
}) {
  const { t } = useTranslation()
  const choice = (name: string, values: readonly string[], prefix: string, label: string) => (
    <Form.Item key={name} name={name} label={t(label)}>
      <Select style={SELECT} options={optionsOf(t, values, prefix)} />
    </Form.Item>
  )
  const date = (name: string, label: string) => (
    <Form.Item key={name} name={name} label={t(label)}>
      <DatePicker format="YYYY-MM-DD" allowClear={false} style={SELECT} />
    </Form.Item>
  )
  return (
    <Form
      name="import-defaults"
      form={form}
      layout="inline"
      style={{ marginTop: 16, rowGap: 8 }}
      initialValues={initialValues(target, settings)}
    >
      <Typography.Text style={{ width: '100%', marginBottom: 8 }}>{t('import.defaults')}</Typography.Text>
      {target === 'customers'
        ? [
            choice('grade', CUSTOMER_GRADES, 'grades', 'customers.fields.grade'),
            date('dateOpened', 'customers.fields.dateOpened')
          ]
        : [
            ...CODES.map((name) => (
              <Form.Item key={name} name={name} label={t(`items.fields.${name}`)}>
                <CodeSelect style={SELECT} entries={entriesOf(settings, name)} />
              </Form.Item>
            )),
            choice('classification', CLASSIFICATIONS, 'classifications', 'items.fields.classification'),
            choice('openStatus', OPEN_STATUSES, 'openStatuses', 'items.fields.openStatus'),
            date('receivedOn', 'items.fields.receivedOn')
          ]}
    </Form>
  )
}
