import { CloudDownloadOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Space, Typography } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BackupStatus } from '@preload/contract'
import { call } from '../api/client'
import { describeError, formatDateTime } from '../errors'

/** R-SEC-2: when the last backup was taken, a reminder when it is too old, and a button to take one now. */
export function BackupNowCard({ canBackUp }: { canBackUp: boolean }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [status, setStatus] = useState<BackupStatus | null>(null)
  const [busy, setBusy] = useState(false)

  const load = useCallback(async () => {
    try {
      setStatus(await call('backup.status', {}))
    } catch {
      setStatus(null)
    }
  }, [])

  useEffect(() => {
    void load()
  }, [load])

  const backUp = async () => {
    setBusy(true)
    try {
      const info = await call('backup.create', {})
      void message.success(t('backup.created', { file: info.file }))
      await load()
    } catch (error) {
      void message.error(describeError(t, error))
    } finally {
      setBusy(false)
    }
  }

  if (!status) return null
  return (
    <Card title={t('backup.title')} style={{ marginTop: 16 }}>
      {status.due && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          message={
            status.lastBackupAt === null
              ? t('backup.dueNever', {
                  days: status.settings.reminderDays,
                  since: formatDateTime(status.installedAt ?? '')
                })
              : t('backup.due', { days: status.settings.reminderDays })
          }
        />
      )}
      <Space>
        <Typography.Text>
          {status.lastBackupAt
            ? t('backup.lastBackup', { at: formatDateTime(status.lastBackupAt) })
            : status.installedAt
              ? t('backup.neverSince', { since: formatDateTime(status.installedAt) })
              : t('backup.never')}
        </Typography.Text>
        {canBackUp && (
          <Button icon={<CloudDownloadOutlined />} loading={busy} disabled={!status.settings.folder} onClick={backUp}>
            {t('backup.create')}
          </Button>
        )}
      </Space>
    </Card>
  )
}
