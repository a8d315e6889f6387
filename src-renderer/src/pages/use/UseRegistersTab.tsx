import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons'
import { Button, Card, DatePicker, Form, Radio, Space, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { USE_REGISTERS } from '@preload/vocabulary'
import { call } from '@renderer/api/client'
import { PrintPreview } from '@renderer/components/PrintPreview'
import { savedWorkbook } from '@renderer/download'
import { ISO } from './useLabels'
import { useForm } from '@renderer/useForm'
import { useSubmit } from '@renderer/useSubmit'
import { optionsOf } from '@renderer/labels'

interface RegisterValues {
  register: (typeof USE_REGISTERS)[number]
  range: [Dayjs, Dayjs]
}

/** R-USE-10: the loan register (借阅登记簿) and the consultation register for any date range, printed or as .xlsx. */
export function UseRegistersTab() {
  const { t } = useTranslation()
  const [form, formProps] = useForm<RegisterValues>()
  const [preview, setPreview] = useState<{ html: string; title: string } | null>(null)
  const { submit, busy } = useSubmit()

  const input = () => {
    const { register, range } = form.getFieldsValue()
    return { register, from: range?.[0]?.format(ISO) ?? '', to: range?.[1]?.format(ISO) ?? '' }
  }

  const print = () => {
    const request = input()
    return submit(() => call('print.use', { document: 'register', ...request }), {
      form,
      onDone: ({ html }) => setPreview({ html, title: t(`use.registers.${request.register}`) })
    })
  }

  const exportXlsx = () =>
    submit(() => call('export.useRegister', input()).then(savedWorkbook), {
      form,
      success: 'common.exported',
      successParams: (result) => ({ rows: result.rows })
    })

  return (
    <Card style={{ maxWidth: 760 }}>
      <Typography.Paragraph type="secondary">{t('use.registers.hint')}</Typography.Paragraph>
      <Form<RegisterValues>
        name="use-register"
        {...formProps}
        layout="vertical"
        initialValues={{ register: 'loan', range: [dayjs().startOf('month'), dayjs().endOf('month')] }}
      >
        <Form.Item name="register" label={t('use.registers.which')}>
          <Radio.Group optionType="button" options={optionsOf(t, USE_REGISTERS, 'use.registers')} />
        </Form.Item>
        <Form.Item name="range" label={t('use.registers.range')}>
          <DatePicker.RangePicker format={ISO} allowClear={false} />
        </Form.Item>
        <Space>
          <Button type="primary" icon={<PrinterOutlined />} loading={busy} onClick={print}>
            {t('use.registers.print')}
          </Button>
          <Button icon={<FileExcelOutlined />} loading={busy} onClick={exportXlsx}>
            {t('common.export')}
          </Button>
        </Space>
      </Form>
      {preview && <PrintPreview html={preview.html} title={preview.title} onClose={() => setPreview(null)} />}
    </Card>
  )
}
