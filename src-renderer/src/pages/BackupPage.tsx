import { ReloadOutlined } from '@ant-design/icons'
import { App, Button, Card, Form, Input, InputNumber, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BackupSettings, BackupVerification } from '@preload/contract'
import { call } from '../api/client'
import { BackupNowCard } from '../components/BackupNowCard'
import { useConfirmIrreversible } from '../components/ConfirmIrreversible'
import { DiagnosticsCard } from '../components/DiagnosticsCard'
import { PassphrasePrompt, RecoveryPassphraseForm } from '../components/RecoveryPassphrase'
import { useForm } from '../useForm'
import { useSubmit } from '../useSubmit'
import { backupColumns, backupName } from './backup/backupColumns'
import { ListTable } from '../components/ListTable'

interface SettingsValues {
  folder: string
  dailyAt: string
  reminderDays: number
}

/** R-SEC-2: where backups go, when they are taken, which ones are intact, and restoring one. */
export function BackupPage({ onRestored }: { onRestored(): void }) {
  const { t } = useTranslation()
  const { modal } = App.useApp()
  const [form, formProps] = useForm<SettingsValues>()
  const { submit, fail } = useSubmit()
  const [backups, setBackups] = useState<BackupVerification[] | null>(null)
  const [refreshKey, setRefreshKey] = useState(0)
  const confirmation = useConfirmIrreversible()
  const [asking, setAsking] = useState<BackupVerification | null>(null)

  useEffect(() => {
    call('backup.status', {})
      .then((status) => {
        // On a slow PC the saved settings can arrive after the person started typing; what they typed wins.
        if (!form.isFieldsTouched()) form.setFieldsValue({ ...status.settings, dailyAt: status.settings.dailyAt ?? '' })
      })
      .catch(fail)
  }, [form, fail])

  const save = (values: SettingsValues) => {
    const settings: BackupSettings = {
      folder: values.folder ?? '',
      dailyAt: values.dailyAt ? values.dailyAt : null,
      reminderDays: values.reminderDays
    }
    return submit(() => call('backup.saveSettings', settings), {
      success: 'settings.saved',
      onDone: () => setRefreshKey((key) => key + 1),
      form
    })
  }

  const readFolder = () => submit(() => call('backup.list', {}), { onDone: setBackups })

  /** Issue 15.2: a sealed backup restores as it is; one of another PC after its passphrase; an old one with consent. */
  const confirmRestore = (row: BackupVerification, passphrase?: string) => {
    const { file } = row
    const legacy = row.info?.encrypted === false
    confirmation.ask({
      title: t('irreversible.restore.title', { name: backupName(file) }),
      consequence: t('irreversible.restore.consequence'),
      ...(legacy ? { warning: t('backup.legacyWarning') } : {}),
      action: t('irreversible.restore.action'),
      typed: backupName(file),
      run: () =>
        submit(() => call('backup.restore', { file, passphrase, ...(legacy ? { acceptUnauthenticated: true } : {}) }), {
          onDone: (result) =>
            void modal.success({
              title: t('backup.restore'),
              content: t('backup.restored', { copy: result.safetyCopy }),
              onOk: onRestored
            })
        })
    })
  }

  const restore = (row: BackupVerification) => (row.ok ? confirmRestore(row) : setAsking(row))

  return (
    <>
      <Typography.Title level={3}>{t('backup.title')}</Typography.Title>
      <BackupNowCard key={refreshKey} canBackUp />
      <Card title={t('backup.settings')} style={{ marginTop: 16, maxWidth: 760 }}>
        <Form name="backup-settings" {...formProps} layout="vertical" onFinish={save}>
          <Form.Item name="folder" label={t('backup.folder')} extra={t('backup.folderHint')}>
            <Input />
          </Form.Item>
          <Form.Item name="dailyAt" label={t('backup.dailyAt')} extra={t('backup.dailyAtHint')}>
            <Input style={{ width: 120 }} placeholder="18:00" />
          </Form.Item>
          <Form.Item name="reminderDays" label={t('backup.reminderDays')} required>
            <InputNumber precision={0} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('backup.saveSettings')}
          </Button>
        </Form>
      </Card>
      <Card
        title={t('backup.list')}
        style={{ marginTop: 16 }}
        extra={
          <Button icon={<ReloadOutlined />} onClick={readFolder}>
            {t('backup.refresh')}
          </Button>
        }
      >
        <ListTable<BackupVerification>
          size="small"
          rowKey={(row) => row.file}
          dataSource={backups ?? []}
          pagination={{ pageSize: 10 }}
          empty={backups === null ? t('backup.refresh') : t('backup.emptyList')}
          columns={backupColumns(t, restore)}
        />
      </Card>
      <Card title={t('backup.passphrase.title')} style={{ marginTop: 16, maxWidth: 760 }}>
        <RecoveryPassphraseForm />
      </Card>
      <DiagnosticsCard />
      {confirmation.dialog}
      {asking && (
        <PassphrasePrompt
          name={backupName(asking.file)}
          check={async (passphrase) => (await call('backup.verify', { file: asking.file, passphrase })).problems}
          onOpened={(passphrase) => {
            setAsking(null)
            confirmRestore({ ...asking, ok: true, problems: [] }, passphrase)
          }}
          onClose={() => setAsking(null)}
        />
      )}
    </>
  )
}
