import { Alert, Button, Form, Input, Modal, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../api/client'
import { formatDateTime } from '../errors'
import { useForm, useRequired } from '../useForm'
import { useSubmit } from '../useSubmit'
import { NewSecretFields } from './SecretFields'

interface Values {
  passphrase: string
  again: string
  password?: string
}

/**
 * Issue 15.2: sets or changes the recovery passphrase that opens the backups on another PC. Once set it is shown one
 * time, large, to be written down for the safe; the app keeps only the backup key wrapped under it. Changing it asks
 * for the administrator's own password again.
 */
export function RecoveryPassphraseForm({ onSet }: { onSet?(): void }) {
  const { t } = useTranslation()
  const [form, formProps] = useForm<Values>()
  const required = useRequired()
  const { submit, busy, fail } = useSubmit()
  const [setAt, setSetAt] = useState<string | null | undefined>(undefined)
  const [shown, setShown] = useState<string | null>(null)

  useEffect(() => {
    call('backup.status', {})
      .then((status) => setSetAt(status.passphraseSetAt))
      .catch(fail)
  }, [fail])

  const save = ({ passphrase, password }: Values) =>
    submit(() => call('backup.setPassphrase', { passphrase, ...(setAt ? { password } : {}) }), {
      form,
      onDone: (status) => {
        setSetAt(status.passphraseSetAt)
        setShown(passphrase)
        form.resetFields()
      }
    })

  const written = () => {
    setShown(null)
    onSet?.()
  }

  return (
    <>
      <Typography.Paragraph>{t('backup.passphrase.intro')}</Typography.Paragraph>
      {setAt !== undefined && (
        <Typography.Paragraph strong type={setAt ? 'success' : 'warning'}>
          {setAt ? t('backup.passphrase.setAt', { at: formatDateTime(setAt) }) : t('backup.passphrase.notSet')}
        </Typography.Paragraph>
      )}
      <Form name="recovery-passphrase" {...formProps} layout="vertical" onFinish={save} style={{ maxWidth: 520 }}>
        <NewSecretFields
          name="passphrase"
          label={t('backup.passphrase.field')}
          hint={t('backup.passphrase.hint')}
          confirmName="again"
          confirmLabel={t('backup.passphrase.confirm')}
          mismatch={t('backup.passphrase.mismatch')}
        />
        {setAt && (
          <Form.Item name="password" label={t('backup.passphrase.password')} rules={required}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={busy}>
          {setAt ? t('backup.passphrase.change') : t('backup.passphrase.set')}
        </Button>
      </Form>
      <Modal
        open={shown !== null}
        title={t('backup.passphrase.shownOnceTitle')}
        closable={false}
        maskClosable={false}
        footer={
          <Button type="primary" onClick={written}>
            {t('backup.passphrase.written')}
          </Button>
        }
      >
        <Typography.Paragraph
          data-testid="recovery-passphrase-shown"
          style={{ fontSize: 22, fontFamily: 'monospace', padding: 12, border: '1px dashed #999' }}
        >
          {shown}
        </Typography.Paragraph>
        <Alert type="info" showIcon message={t('backup.passphrase.shownOnce')} />
      </Modal>
    </>
  )
}

/**
 * Issue 15.2: asks for the recovery passphrase of a backup made on another PC, and opens and checks the backup with
 * it before anything else is asked; a wrong one is said at once, in the dialog.
 */
export function PassphrasePrompt({
  name,
  check,
  onOpened,
  onClose
}: {
  name: string
  /** The backup checked with the passphrase: its problems, none when it opened and is intact. */
  check(passphrase: string): Promise<{ reason: string; params?: Record<string, string | number> }[]>
  onOpened(passphrase: string): void
  onClose(): void
}) {
  const { t } = useTranslation()
  const [passphrase, setPassphrase] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const { submit, busy } = useSubmit()
  const open = () =>
    submit(() => check(passphrase), {
      onDone: (problems) => {
        if (problems.length === 0) onOpened(passphrase)
        else setProblem(t(problems[0].reason, problems[0].params))
      }
    })
  return (
    <Modal
      open
      title={t('backup.passphrase.askTitle', { name })}
      onCancel={onClose}
      maskClosable={false}
      footer={[
        <Button key="cancel" onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>,
        <Button key="open" type="primary" loading={busy} disabled={passphrase === ''} onClick={() => void open()}>
          {t('backup.passphrase.open')}
        </Button>
      ]}
    >
      <Typography.Paragraph>{t('backup.passphrase.askIntro')}</Typography.Paragraph>
      <Input.Password
        aria-label={t('backup.passphrase.field')}
        autoComplete="off"
        value={passphrase}
        onChange={(event) => {
          setPassphrase(event.target.value)
          setProblem(null)
        }}
      />
      {problem && <Alert type="error" showIcon message={problem} style={{ marginTop: 16 }} />}
    </Modal>
  )
}
