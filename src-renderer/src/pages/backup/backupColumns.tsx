import { CloudDownloadOutlined, KeyOutlined } from '@ant-design/icons'
import { Button, Tag, type TableProps } from 'antd'
import type { TFunction } from 'i18next'
import type { BackupVerification } from '@preload/contract'
import { formatDateTime } from '@renderer/errors'

/** A backup's file name without its folder: what the table shows and what a restore asks to be typed. */
export const backupName = (file: string) => file.split(/[\\/]/).pop() ?? file

/** A backup made on another PC: intact or not can only be told once its recovery passphrase opens it. */
const needsPassphrase = (row: BackupVerification) =>
  row.problems.length === 1 && row.problems[0].reason === 'backup.problems.passphraseNeeded'

/**
 * The backups in the folder, each checked (R-SEC-2): who took it when, what it holds, whether it is sealed (issue
 * 15.2), and restoring an intact one, or one of another PC once its passphrase is given.
 */
export function backupColumns(
  t: TFunction,
  restore: (row: BackupVerification) => void
): TableProps<BackupVerification>['columns'] {
  return [
    { title: t('backup.file'), key: 'file', render: (_v, row) => backupName(row.file) },
    {
      title: t('backup.createdAt'),
      key: 'at',
      render: (_v, row) => (row.info ? formatDateTime(row.info.createdAt) : '—')
    },
    { title: t('backup.createdBy'), key: 'by', render: (_v, row) => row.info?.createdBy ?? '—' },
    { title: t('backup.version'), key: 'version', render: (_v, row) => row.info?.appVersion ?? '—' },
    {
      title: t('backup.counts'),
      key: 'counts',
      render: (_v, row) =>
        row.info
          ? Object.entries(row.info.counts)
              .map(([table, count]) => t(`backup.tables.${table}`, { count, defaultValue: `${table} ${count}` }))
              .join(' · ')
          : '—'
    },
    {
      title: t('backup.state'),
      key: 'state',
      render: (_v, row) =>
        row.ok ? (
          <>
            <Tag color="green">{t('backup.ok')}</Tag>
            {row.info?.encrypted ? (
              <Tag color="blue">{t('backup.encrypted')}</Tag>
            ) : (
              <Tag color="orange">{t('backup.legacy')}</Tag>
            )}
          </>
        ) : (
          row.problems.map((p) => (
            <Tag color="red" key={p.reason}>
              {t(p.reason, p.params)}
            </Tag>
          ))
        )
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_v, row) =>
        row.info &&
        (row.ok ? (
          <Button size="small" danger icon={<CloudDownloadOutlined />} onClick={() => restore(row)}>
            {t('backup.restore')}
          </Button>
        ) : (
          needsPassphrase(row) && (
            <Button size="small" icon={<KeyOutlined />} onClick={() => restore(row)}>
              {t('backup.restoreWithPassphrase')}
            </Button>
          )
        ))
    }
  ]
}
