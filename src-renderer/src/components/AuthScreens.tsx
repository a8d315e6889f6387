import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd'
import { useEffect, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { SessionInfo } from '@preload/contract'
import { call } from '../api/client'
import { describeError } from '../errors'
import { LanguageSwitch } from './LanguageSwitch'
import { NewSecretFields } from './SecretFields'
import { useForm, useRequired } from '../useForm'
import { useSubmit } from '../useSubmit'
import { askWorkbenchAhead } from '../pages/dashboard/workbench'
import { loadWorkbenchChunks } from '../workbenchChunks'

/** The card the screens before the app show, in the middle of the window; the first-run wizard needs it wider. */
export function Centered({
  title,
  width = 440,
  children
}: {
  title: string
  width?: number
  children: React.ReactNode
}) {
  const { t } = useTranslation()
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: '#f4efe9'
      }}
    >
      <Card style={{ width }}>
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('app.title')}
          </Typography.Title>
          <LanguageSwitch />
        </Space>
        <Typography.Title level={5}>{title}</Typography.Title>
        {children}
      </Card>
    </div>
  )
}

interface SetupValues {
  username: string
  displayName: string
  password: string
  passwordConfirm: string
}

export function SetupScreen({ onDone }: { onDone: (session: SessionInfo) => void }) {
  const { t } = useTranslation()
  const [form, formProps] = useForm<SetupValues>()
  const { submit: send, busy } = useSubmit()
  const required = useRequired()

  const submit = ({ username, displayName, password }: SetupValues) =>
    send(() => call('auth.setupAdmin', { username, displayName, password }), {
      onDone,
      form,
      quietWhenFields: true
    })

  return (
    <Centered title={t('setup.title')}>
      <Alert type="info" showIcon message={t('setup.intro')} style={{ marginBottom: 16 }} />
      <Form name="setup" {...formProps} layout="vertical" onFinish={submit} requiredMark>
        <Form.Item name="username" label={t('setup.username')} rules={required}>
          <Input autoComplete="username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('setup.displayName')} rules={required}>
          <Input />
        </Form.Item>
        <NewSecretFields
          name="password"
          label={t('setup.password')}
          hint={t('setup.passwordHint')}
          confirmName="passwordConfirm"
          confirmLabel={t('setup.passwordConfirm')}
          mismatch={t('setup.passwordMismatch')}
        />
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('setup.submit')}
        </Button>
      </Form>
    </Centered>
  )
}

export function LoginScreen({ onDone }: { onDone: (session: SessionInfo) => void }) {
  const { t } = useTranslation()
  const [failure, setFailure] = useState<ReactNode>(null)
  const [busy, setBusy] = useState(false)
  const required = useRequired()
  useEffect(loadWorkbenchChunks, [])

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true)
    setFailure(null)
    try {
      const session = await call('auth.login', values)
      if (!session.mustChangePassword) askWorkbenchAhead(session)
      onDone(session)
    } catch (error) {
      setFailure(describeError(t, error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Centered title={t('login.title')}>
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} role="alert" />}
      <Form name="login" layout="vertical" onFinish={submit}>
        <Form.Item name="username" label={t('login.username')} rules={required}>
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={required}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('login.submit')}
        </Button>
      </Form>
    </Centered>
  )
}
