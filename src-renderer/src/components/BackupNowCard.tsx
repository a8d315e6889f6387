import { CloudDownloadOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Space, Typography } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BackupStatus } from '@preload/contract'
import { call } from '../api/client'
import { formatDateTime } from '../errors'
import { useSubmit } from '../useSubmit'

/** R-SEC-2: when the last backup was taken, a reminder when it is too old, and a button to take one now. */
export function BackupNowCard({ canBackUp }: { canBackUp: boolean }) {
  const { t } = useTranslation()
  const { submit, busy } = useSubmit()
  const [status, setStatus] = useState<BackupStatus | null>(null)

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

  const backUp = () =>
    submit(() => call('backup.create', {}), {
      success: 'backup.created',
      successParams: (info) => ({ file: info.file }),
      onDone: load
    })

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
