import { Button, Form, Input } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '@renderer/api/client'
import { FormModal } from '@renderer/components/FormModal'
import { useSubmit } from '@renderer/useSubmit'

/** S137: whoever suspects a leak of this customer's information reports it to the security officer at once. */
export function LeakReportButton({ customerId }: { customerId: number }) {
  const { t } = useTranslation()
  const { submit, busy } = useSubmit()
  const [form] = Form.useForm<{ description: string }>()
  const [open, setOpen] = useState(false)
  return (
    <>
      <Button size="small" danger onClick={() => setOpen(true)}>
        {t('customerPrivacy.leak.report')}
      </Button>
      <FormModal
        open={open}
        title={t('customerPrivacy.leak.report')}
        form={form}
        busy={busy}
        onClose={() => setOpen(false)}
        values={{ description: '' }}
        name="leakReport"
        onFinish={({ description }) =>
          submit(() => call('customerPrivacy.reportLeak', { description, customerId }), {
            form,
            success: 'customerPrivacy.leak.reported',
            close: () => setOpen(false)
          })
        }
      >
        <Form.Item
          name="description"
          label={t('customerPrivacy.leak.description')}
          extra={t('customerPrivacy.leak.hint')}
          required
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </FormModal>
    </>
  )
}
