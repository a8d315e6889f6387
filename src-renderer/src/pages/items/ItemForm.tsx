import { Form } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FilingSettings, Item, ItemInput } from '../../../../src-preload/contract'
import { call } from '../../api/client'
import { FormDrawer } from '../../components/FormDrawer'
import { useCustomerSearch } from '../../useCustomerSearch'
import { useForm } from '../../useForm'
import { useSubmit } from '../../useSubmit'
import { ClassificationSection, CustomerSection, DescriptionSection } from './ItemFormSections'

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
  const [form, formProps] = useForm<FormValues>()
  const [existing, setExisting] = useState<Item | null>(null)
  const [loading, setLoading] = useState(itemId !== null)
  const { submit, busy, fail } = useSubmit()
  const { customers, setCustomers, findCustomers } = useCustomerSearch()
  const kind = Form.useWatch('documentKind', form)
  const customerId = Form.useWatch('customerId', form)

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
  }, [itemId, form, fail, onClose, settings, findCustomers, setCustomers])

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
      <Form name="item" {...formProps} layout="vertical" onFinish={save} scrollToFirstError>
        <DescriptionSection />
        <ClassificationSection settings={settings} codeLocked={Boolean(existing?.archivalCode)} kind={kind} />
        <CustomerSection customers={customers} customerId={customerId} findCustomers={findCustomers} />
      </Form>
    </FormDrawer>
  )
}
