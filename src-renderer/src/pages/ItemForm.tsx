import { Checkbox, Col, DatePicker, Divider, Form, Input, InputNumber, Row, Select } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  CLASSIFICATIONS,
  CUSTOMER_DOC_TYPES,
  DOCUMENT_KINDS,
  OPEN_STATUSES,
  type FilingSettings,
  type Item,
  type ItemInput
} from '../../../src-preload/contract'
import { call } from '../api/client'
import { FormDrawer } from '../components/FormDrawer'
import { codeOptions } from '../useFilingSettings'
import { useSubmit } from '../useSubmit'

type FormValues = Omit<ItemInput, 'dateFormed' | 'receivedOn' | 'meetingOpenedOn'> & {
  dateFormed?: Dayjs
  receivedOn?: Dayjs
  meetingOpenedOn?: Dayjs | null
}

interface ItemFormProps {
  itemId: number | null
  settings: FilingSettings
  onClose(): void
  onSaved(item: Item): void
}

const day = (value: string | null | undefined) => (value ? dayjs(value) : undefined)
const iso = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : '')

export function ItemForm({ itemId, settings, onClose, onSaved }: ItemFormProps) {
  const { t } = useTranslation()
  const [form] = Form.useForm<FormValues>()
  const [existing, setExisting] = useState<Item | null>(null)
  const [loading, setLoading] = useState(itemId !== null)
  const { submit, busy, fail } = useSubmit()
  const [customers, setCustomers] = useState<{ value: number; label: string }[]>([])
  const kind = Form.useWatch('documentKind', form)
  const customerId = Form.useWatch('customerId', form)

  const findCustomers = async (search: string) => {
    try {
      const page = await call('customers.list', { search: search.trim() || undefined, pageSize: 20 })
      setCustomers(page.rows.map((row) => ({ value: row.id, label: row.name })))
    } catch {
      setCustomers([])
    }
  }

  useEffect(() => {
    void findCustomers('')
    if (itemId === null) {
      form.setFieldsValue({
        fondsCode: settings.fonds[0]?.code,
        categoryCode: settings.categories[0]?.code,
        retentionCode: settings.retentionPeriods[0]?.code,
        departmentCode: settings.departments[0]?.code,
        classification: 'none',
        openStatus: 'restricted',
        documentKind: 'ordinary',
        receivedOn: dayjs()
      })
      return
    }
    call('items.get', { id: itemId })
      .then((item) => {
        setExisting(item)
        if (item.customerId && item.customerName) setCustomers([{ value: item.customerId, label: item.customerName }])
        form.setFieldsValue({
          ...item,
          dateFormed: day(item.dateFormed),
          receivedOn: day(item.receivedOn),
          meetingOpenedOn: day(item.meetingOpenedOn) ?? null
        })
      })
      .catch((error) => {
        fail(error)
        onClose()
      })
      .finally(() => setLoading(false))
  }, [itemId, form, fail, onClose, settings])

  const save = async (values: FormValues) => {
    const input: ItemInput = {
      ...values,
      dateFormed: iso(values.dateFormed),
      receivedOn: iso(values.receivedOn),
      meetingOpenedOn: values.meetingOpenedOn ? iso(values.meetingOpenedOn) : null,
      customerId: values.customerId ?? null,
      customerDocType: values.customerId ? (values.customerDocType ?? null) : null,
      periodStartYear: values.periodStartYear ?? null,
      periodEndYear: values.periodEndYear ?? null
    }
    await submit(
      () =>
        existing
          ? call('items.update', { ...input, id: existing.id, version: existing.version })
          : call('items.create', input),
      {
        success: existing ? 'items.updated' : 'items.created',
        onDone: onSaved,
        form
      }
    )
  }

  const codeLocked = Boolean(existing?.archivalCode)
  const select = (name: keyof FormValues, options: { value: string; label: string }[], disabled = false) => (
    <Form.Item name={name} label={t(`items.fields.${name}`)} required>
      <Select options={options} disabled={disabled} showSearch optionFilterProp="label" />
    </Form.Item>
  )

  return (
    <FormDrawer
      className="item-form"
      width={860}
      title={t(existing ? 'items.edit' : 'items.new')}
      form={form}
      busy={busy}
      loading={loading}
      onClose={onClose}
      cancel
      destroyOnHidden
    >
      <Form name="item" form={form} layout="vertical" onFinish={save} scrollToFirstError>
        <Divider titlePlacement="start">{t('items.sections.description')}</Divider>
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item name="title" label={t('items.fields.title')} required>
              <Input.TextArea rows={2} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="responsibleParty" label={t('items.fields.responsibleParty')} required>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="documentNumber" label={t('items.fields.documentNumber')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="dateFormed" label={t('items.fields.dateFormed')} required>
              <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="pageCount" label={t('items.fields.pageCount')} required>
              <InputNumber style={{ width: '100%' }} precision={0} />
            </Form.Item>
          </Col>
          <Col span={6}>
            {select(
              'classification',
              CLASSIFICATIONS.map((value) => ({ value, label: t(`classifications.${value}`) }))
            )}
          </Col>
          <Col span={6}>
            {select(
              'openStatus',
              OPEN_STATUSES.map((value) => ({ value, label: t(`openStatuses.${value}`) }))
            )}
          </Col>
          <Col span={6}>
            <Form.Item name="receivedOn" label={t('items.fields.receivedOn')} required>
              <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="remarks" label={t('items.fields.remarks')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">{t('items.sections.classification')}</Divider>
        <Row gutter={16}>
          <Col span={6}>{select('fondsCode', codeOptions(settings.fonds), codeLocked)}</Col>
          <Col span={6}>{select('categoryCode', codeOptions(settings.categories), codeLocked)}</Col>
          <Col span={6}>{select('retentionCode', codeOptions(settings.retentionPeriods), codeLocked)}</Col>
          <Col span={6}>{select('departmentCode', codeOptions(settings.departments), codeLocked)}</Col>
          <Col span={8}>
            {select(
              'documentKind',
              DOCUMENT_KINDS.map((value) => ({ value, label: t(`documentKinds.${value}`) }))
            )}
          </Col>
          {kind === 'plan' || kind === 'summary' ? (
            <>
              <Col span={8}>
                <Form.Item name="periodStartYear" label={t('items.fields.periodStartYear')}>
                  <InputNumber style={{ width: '100%' }} precision={0} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="periodEndYear" label={t('items.fields.periodEndYear')}>
                  <InputNumber style={{ width: '100%' }} precision={0} />
                </Form.Item>
              </Col>
            </>
          ) : null}
          {kind === 'meeting_papers' ? (
            <Col span={8}>
              <Form.Item name="meetingOpenedOn" label={t('items.fields.meetingOpenedOn')}>
                <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
        <Divider titlePlacement="start">{t('items.sections.customer')}</Divider>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="customerId" label={t('items.fields.customerId')}>
              <Select allowClear showSearch filterOption={false} onSearch={findCustomers} options={customers} />
            </Form.Item>
          </Col>
          {customerId ? (
            <>
              <Col span={12}>
                {select(
                  'customerDocType',
                  CUSTOMER_DOC_TYPES.map((value) => ({ value, label: t(`customerDocTypes.${value}`) }))
                )}
              </Col>
              <Col span={8}>
                <Form.Item name="sealedOriginal" valuePropName="checked">
                  <Checkbox>{t('items.fields.sealedOriginal')}</Checkbox>
                </Form.Item>
              </Col>
              <Col span={16}>
                <Form.Item name="departmentCopyNote" label={t('items.fields.departmentCopyNote')}>
                  <Input />
                </Form.Item>
              </Col>
            </>
          ) : null}
        </Row>
      </Form>
    </FormDrawer>
  )
}
