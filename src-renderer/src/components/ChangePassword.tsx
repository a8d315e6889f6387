import { KeyOutlined } from '@ant-design/icons'
import { App, Button, Form, Input, Modal } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../api/client'
import { describeError, showFieldErrors } from '../errors'

interface PasswordValues {
  currentPassword: string
  newPassword: string
  confirm: string
}

export function ChangePasswordButton() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const [form] = Form.useForm<PasswordValues>()

  const submit = async ({ currentPassword, newPassword }: PasswordValues) => {
    setBusy(true)
    try {
      await call('auth.changePassword', { currentPassword, newPassword })
      void message.success(t('password.changed'))
      form.resetFields()
      setOpen(false)
    } catch (error) {
      if (!showFieldErrors(form, t, error)) void message.error(describeError(t, error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <Button icon={<KeyOutlined />} onClick={() => setOpen(true)}>
        {t('header.changePassword')}
      </Button>
      <Modal
        open={open}
        title={t('password.title')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form name="change-password" form={form} layout="vertical" onFinish={submit}>
          <Form.Item
            name="currentPassword"
            label={t('password.current')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('password.next')}
            extra={t('setup.passwordHint')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('password.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('validation.required') },
              ({ getFieldValue }) => ({
                validator: (_rule, value) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('setup.passwordMismatch')))
              })
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  )
}
