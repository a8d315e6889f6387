import { PrinterOutlined } from '@ant-design/icons'
import { Button, Form, InputNumber, Select } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChannelInput, FilingSettings } from '@preload/contract'
import { call } from '../api/client'
import { FormModal } from '../components/FormModal'
import { PrintPreview } from '../components/PrintPreview'
import { codeOptions } from '../useFilingSettings'
import { useForm } from '../useForm'
import { useSubmit } from '../useSubmit'

type Choice = ChannelInput<'print.filingCatalogue'>

/** DA/T 22 归档文件目录 for one year, category and retention period (optionally one department). */
export function FilingCatalogueButton({ settings }: { settings: FilingSettings | null }) {
  const { t } = useTranslation()
  const { submit } = useSubmit()
  const [open, setOpen] = useState(false)
  const [html, setHtml] = useState<string | null>(null)
  const [form] = useForm<Choice>()

  const print = (choice: Choice) =>
    submit(() => call('print.filingCatalogue', { ...choice, departmentCode: choice.departmentCode || undefined }), {
      form,
      onDone: (result) => {
        setOpen(false)
        setHtml(result.html)
      }
    })

  return (
    <>
      <Button
        icon={<PrinterOutlined />}
        onClick={() => {
          form.setFieldsValue({
            fondsCode: settings?.fonds[0]?.code,
            year: new Date().getFullYear() - 1,
            categoryCode: settings?.categories[0]?.code,
            retentionCode: settings?.retentionPeriods[0]?.code
          })
          setOpen(true)
        }}
      >
        {t('print.documents.filingCatalogue')}
      </Button>
      <FormModal
        open={open}
        title={t('print.documents.filingCatalogue')}
        form={form}
        onClose={() => setOpen(false)}
        okText={t('print.preview')}
        name="filing-catalogue"
        onFinish={print}
      >
        <Form.Item name="fondsCode" label={t('items.fields.fondsCode')} required>
          <Select options={codeOptions(settings?.fonds)} />
        </Form.Item>
        <Form.Item name="year" label={t('items.fields.year')} required>
          <InputNumber precision={0} />
        </Form.Item>
        <Form.Item name="categoryCode" label={t('items.fields.categoryCode')} required>
          <Select showSearch optionFilterProp="label" options={codeOptions(settings?.categories)} />
        </Form.Item>
        <Form.Item name="retentionCode" label={t('items.fields.retentionCode')} required>
          <Select options={codeOptions(settings?.retentionPeriods)} />
        </Form.Item>
        <Form.Item name="departmentCode" label={t('items.fields.departmentCode')}>
          <Select allowClear options={codeOptions(settings?.departments)} />
        </Form.Item>
      </FormModal>
      {html && <PrintPreview html={html} title={t('print.documents.filingCatalogue')} onClose={() => setHtml(null)} />}
    </>
  )
}
