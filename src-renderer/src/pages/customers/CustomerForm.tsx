import { App, Col, DatePicker, Divider, Form, Input, InputNumber, Row, Select } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Customer, CustomerInput, SavedCustomer } from '@preload/contract'
import { CUSTOMER_GRADES } from '@preload/vocabulary'
import { PROVINCES } from '@preload/reference-lists'
import { call } from '@renderer/api/client'
import { FormDrawer } from '@renderer/components/FormDrawer'
import { appErrorOf } from '@renderer/errors'
import { useForm } from '@renderer/useForm'
import { useSubmit } from '@renderer/useSubmit'
import {
  BusinessSection,
  ContactsSection,
  PrivacySection,
  ReferenceField,
  TextField,
  emptyContact
} from './CustomerFormSections'
import { ConsentMarks } from './privacy/ConsentMarks'
import { optionsOf } from '@renderer/labels'

type FormValues = Omit<CustomerInput, 'dateOpened' | 'confirmDuplicateName'> & { dateOpened?: Dayjs }

interface CustomerFormProps {
  customerId: number | null
  onClose(): void
  onSaved(customer: Customer): void
}

const heldOf = (saved: Customer) => (saved as Partial<SavedCustomer>).held ?? []

/** A save that waits for a second person stays on screen long enough to be read to the end, not the usual 3 s. */
const HELD_MESSAGE_SECONDS = 10

export function CustomerForm({ customerId, onClose, onSaved }: CustomerFormProps) {
  const { t } = useTranslation()
  const { modal } = App.useApp()
  const [form, formProps] = useForm<FormValues>()
  const [existing, setExisting] = useState<Customer | null>(null)
  const [loading, setLoading] = useState(customerId !== null)
  const { submit, busy, fail } = useSubmit()
  const [duplicate, setDuplicate] = useState<string | null>(null)

  useEffect(() => {
    if (customerId === null) {
      form.setFieldsValue({ grade: 'general', dateOpened: dayjs(), contacts: [] })
      return
    }
    call('customers.get', { id: customerId })
      .then((customer) => {
        setExisting(customer)
        form.setFieldsValue({ ...customer, dateOpened: dayjs(customer.dateOpened) })
      })
      .catch((error) => {
        fail(error)
        onClose()
      })
      .finally(() => setLoading(false))
  }, [customerId, form, fail, onClose])

  const checkDuplicate = async () => {
    const name = (form.getFieldValue('name') as string | undefined)?.trim()
    if (!name) return setDuplicate(null)
    try {
      const matches = await call('customers.findByName', { name, ...(customerId ? { excludeId: customerId } : {}) })
      setDuplicate(matches[0]?.name ?? null)
    } catch {
      setDuplicate(null)
    }
  }

  const save = async (values: FormValues, confirmDuplicateName = false) => {
    const input: CustomerInput = {
      ...values,
      registeredCapital: values.registeredCapital ?? null,
      dateOpened: values.dateOpened ? values.dateOpened.format('YYYY-MM-DD') : '',
      contacts: (values.contacts ?? []).map((contact) => ({ ...emptyContact, ...contact })),
      confirmDuplicateName
    }
    await submit(
      () =>
        existing
          ? call('customers.update', { ...input, id: existing.id, version: existing.version })
          : call('customers.create', input),
      {
        // S50: what a save holds for a second person's confirmation is named, so nobody thinks it done.
        success: (saved) =>
          heldOf(saved).length > 0 ? 'customers.changes.held' : existing ? 'customers.updated' : 'customers.created',
        successSeconds: (saved) => (heldOf(saved).length > 0 ? HELD_MESSAGE_SECONDS : undefined),
        successParams: (saved) => ({
          fields: heldOf(saved)
            .map((field) => t(`customers.fields.${field}`))
            .join('、')
        }),
        onDone: onSaved,
        form,
        refused: (error) => {
          const appError = appErrorOf(error)
          if (appError.code !== 'CONFLICT' || appError.message !== 'errors.duplicateCustomerName') return false
          modal.confirm({
            title: t('customers.duplicateTitle'),
            content: t('customers.duplicateBody', appError.params),
            okText: t('common.save'),
            cancelText: t('common.cancel'),
            onOk: () => save(values, true)
          })
          return true
        }
      }
    )
  }

  return (
    <FormDrawer
      className="customer-form"
      width={820}
      title={t(existing ? 'customers.edit' : 'customers.new')}
      form={form}
      busy={busy}
      loading={loading}
      onClose={onClose}
      cancel
      destroyOnHidden
    >
      <Form name="customer" {...formProps} layout="vertical" onFinish={(values) => save(values)} scrollToFirstError>
        <Divider titlePlacement="start">{t('customers.sections.basic')}</Divider>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="name"
              label={t('customers.fields.name')}
              required
              validateStatus={duplicate ? 'warning' : undefined}
              help={duplicate ? t('customers.duplicateHint', { name: duplicate }) : undefined}
            >
              <Input onBlur={checkDuplicate} onChange={() => setDuplicate(null)} />
            </Form.Item>
          </Col>
          <TextField name="legalRepresentative" span={12} required />
          <Col span={8}>
            <Form.Item name="grade" label={t('customers.fields.grade')} required>
              <Select options={optionsOf(t, CUSTOMER_GRADES, 'grades')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="dateOpened" label={t('customers.fields.dateOpened')} required>
              <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="registeredCapital" label={t('customers.fields.registeredCapital')}>
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <TextField name="address" span={16} />
          <TextField name="postcode" span={8} />
          <TextField name="phone" span={8} />
          <TextField name="fax" span={8} />
          <ReferenceField name="region" list={PROVINCES} span={8} />
        </Row>
        <BusinessSection />
        {existing && <ConsentMarks customerId={existing.id} />}
        <PrivacySection />
        <ContactsSection />
      </Form>
    </FormDrawer>
  )
}
