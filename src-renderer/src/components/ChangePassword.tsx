import { KeyOutlined } from '@ant-design/icons'
import { Alert, Button, Form, Input, Modal, Space } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../api/client'
import { useForm, useRequired } from '../useForm'
import { useSubmit } from '../useSubmit'
import { NewSecretFields } from './SecretFields'

interface PasswordValues {
  currentPassword: string
  newPassword: string
  confirm: string
}

/** The current password, the new one and the new one again: the same three fields wherever a password changes. */
export function PasswordFields() {
  const { t } = useTranslation()
  const required = useRequired()
  return (
    <>
      <Form.Item name="currentPassword" label={t('password.current')} rules={required}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <NewSecretFields
        name="newPassword"
        label={t('password.next')}
        hint={t('setup.passwordHint')}
        confirmName="confirm"
        confirmLabel={t('password.confirm')}
        mismatch={t('setup.passwordMismatch')}
      />
    </>
  )
}

/**
 * R-SEC-3, issue 13: right after signing in with a password the administrator chose, the person sets their own;
 * main refuses everything else until then. Signing out stays possible.
 */
export function FirstPasswordForm({ onChanged, onSignOut }: { onChanged(): void; onSignOut(): void }) {
  const { t } = useTranslation()
  const [form, formProps] = useForm<PasswordValues>()
  const { submit: send, busy } = useSubmit()
  const submit = ({ currentPassword, newPassword }: PasswordValues) =>
    send(() => call('auth.changePassword', { currentPassword, newPassword }), {
      success: 'password.changed',
      onDone: onChanged,
      form,
      quietWhenFields: true
    })
  return (
    <>
      <Alert type="info" showIcon message={t('password.firstIntro')} style={{ marginBottom: 16 }} />
      <Form name="first-password" {...formProps} layout="vertical" onFinish={submit}>
        <PasswordFields />
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <Button onClick={onSignOut}>{t('header.logout')}</Button>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('password.title')}
          </Button>
        </Space>
      </Form>
    </>
  )
}

export function ChangePasswordButton() {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [form, formProps] = useForm<PasswordValues>()
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
          <PasswordFields />
        </Form>
      </Modal>
    </>
  )
}
