import { Alert, Button, Form, Input, Modal, Space } from 'antd'
import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { SessionInfo } from '@preload/contract'
import { call } from '../api/client'
import { describeError } from '../errors'

interface LockScreenProps {
  session: SessionInfo
  onUnlocked(session: SessionInfo): void
  onSignOut(): void
}

/** R-SEC-3: covers the whole window until the same person enters their password again. */
export function LockScreen({ session, onUnlocked, onSignOut }: LockScreenProps) {
  const { t } = useTranslation()
  const [failure, setFailure] = useState<ReactNode>(null)
  const [busy, setBusy] = useState(false)

  const unlock = async ({ password }: { password: string }) => {
    setBusy(true)
    try {
      onUnlocked(await call('auth.unlock', { password }))
    } catch (error) {
      setFailure(describeError(t, error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      open
      title={t('lock.title')}
      closable={false}
      maskClosable={false}
      keyboard={false}
      footer={null}
      styles={{ mask: { backdropFilter: 'blur(8px)' } }}
    >
      <p>{t('lock.body', { name: session.displayName })}</p>
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} />}
      <Form name="unlock" layout="vertical" onFinish={unlock}>
        <Form.Item
          name="password"
          label={t('login.password')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Input.Password autoFocus autoComplete="current-password" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('lock.unlock')}
          </Button>
          <Button onClick={onSignOut}>{t('lock.logout')}</Button>
        </Space>
      </Form>
    </Modal>
  )
}
