import { Form } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FilingSettings, Item, ItemInput } from '@preload/contract'
import { call } from '@renderer/api/client'
import { FormDrawer, SavingButton } from '@renderer/components/FormDrawer'
import { useCustomerSearch } from '@renderer/useCustomerSearch'
import { useForm } from '@renderer/useForm'
import { useSubmit } from '@renderer/useSubmit'
import { ClassificationSection, CustomerSection, DescriptionSection } from './ItemFormSections'
import { customerDefaults, keptFrom, listed, type KeptFields } from './itemEntry'

type FormValues = Omit<ItemInput, 'dateFormed' | 'receivedOn' | 'meetingOpenedOn'> & {
  dateFormed?: Dayjs
  receivedOn?: Dayjs
  meetingOpenedOn?: Dayjs | null
}

interface ItemFormProps {
  itemId: number | null
  settings: FilingSettings
  onClose(): void
  /** `keepOpen`: saved with 保存并继续登记, the form stays for the next item. */
  onSaved(item: Item, keepOpen: boolean): void
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
  const continuing = useRef(false)
  const [titleWanted, setTitleWanted] = useState(0)

  /** A new item: the register's defaults, then what the previous registration kept; the title gets the cursor. */
  const startNew = useCallback(
    (kept: KeptFields) => {
      form.resetFields()
      if (kept.customerId && kept.customerName) setCustomers([{ value: kept.customerId, label: kept.customerName }])
      form.setFieldsValue({
        fondsCode: listed(settings.fonds, kept.fondsCode),
        categoryCode: listed(settings.categories, kept.categoryCode),
        retentionCode: listed(settings.retentionPeriods, kept.retentionCode),
        departmentCode: listed(settings.departments, kept.departmentCode),
        customerId: kept.customerName ? kept.customerId : undefined,
        customerDocType: kept.customerName ? kept.customerDocType : undefined,
        classification: 'none',
        openStatus: 'restricted',
        documentKind: 'ordinary',
        receivedOn: dayjs()
      })
      setTitleWanted((count) => count + 1)
    },
    [form, settings, setCustomers]
  )

  // The cursor goes to the title once the form is editable again: while a save is busy the fields are locked.
  useEffect(() => {
    if (titleWanted > 0 && !busy) form.focusField('title')
  }, [titleWanted, busy, form])

  useEffect(() => {
    void findCustomers('')
    if (itemId === null) {
      startNew({})
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
  }, [itemId, form, fail, onClose, findCustomers, setCustomers, startNew])

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
    const keepOpen = continuing.current && !existing
    continuing.current = false
    await submit(
      () =>
        existing
          ? call('items.update', { ...input, id: existing.id, version: existing.version })
          : call('items.create', input),
      {
        success: existing ? 'items.updated' : 'items.created',
        onDone: (item) => {
          if (keepOpen) startNew(keptFrom(input, item.customerName ?? undefined))
          onSaved(item, keepOpen)
        },
        form
      }
    )
  }

  // R-CUST-2: choosing a customer makes the document a customer file, unless its code already fixed its class.
  const onValuesChange = (changed: Partial<FormValues>) => {
    formProps.onValuesChange(changed)
    if (changed.customerId && !existing?.archivalCode) form.setFieldsValue(customerDefaults(settings))
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
      extraActions={
        existing ? undefined : (
          <SavingButton
            className="save-and-continue"
            busy={busy}
            onClick={() => {
              continuing.current = true
              form.submit()
            }}
          >
            {t('items.saveAndContinue')}
          </SavingButton>
        )
      }
    >
      <Form
        name="item"
        {...formProps}
        onValuesChange={onValuesChange}
        layout="vertical"
        onFinish={save}
        onFinishFailed={() => (continuing.current = false)}
        scrollToFirstError
      >
        <DescriptionSection />
        <ClassificationSection settings={settings} codeLocked={Boolean(existing?.archivalCode)} kind={kind} />
        <CustomerSection customers={customers} customerId={customerId} findCustomers={findCustomers} />
      </Form>
    </FormDrawer>
  )
}
