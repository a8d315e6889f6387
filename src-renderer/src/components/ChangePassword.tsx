import { KeyOutlined } from '@ant-design/icons'
import { Button, Form, Input, Modal } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../api/client'
import { useForm, useRequired } from '../useForm'
import { useSubmit } from '../useSubmit'

interface PasswordValues {
  currentPassword: string
  newPassword: string
  confirm: string
}

export function ChangePasswordButton() {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [form, formProps] = useForm<PasswordValues>()
  const required = useRequired()
  const { submit: send, busy } = useSubmit()

  const submit = ({ currentPassword, newPassword }: PasswordValues) =>
    send(() => call('auth.changePassword', { currentPassword, newPassword }), {
      success: 'password.changed',
      onDone: () => {
        form.resetFields()
        setOpen(false)
      },
      form,
      quietWhenFields: true
    })

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
        <Form name="change-password" {...formProps} layout="vertical" onFinish={submit}>
          <Form.Item name="currentPassword" label={t('password.current')} rules={required}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="newPassword" label={t('password.next')} extra={t('setup.passwordHint')} rules={required}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('password.confirm')}
            dependencies={['newPassword']}
            rules={[
              ...required,
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
