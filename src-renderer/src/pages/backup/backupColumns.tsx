import { CloudDownloadOutlined } from '@ant-design/icons'
import { Button, Tag, type TableProps } from 'antd'
import type { TFunction } from 'i18next'
import type { BackupVerification } from '../../../../src-preload/contract'
import { formatDateTime } from '../../errors'

/** A backup's file name without its folder: what the table shows and what a restore asks to be typed. */
export const backupName = (file: string) => file.split(/[\\/]/).pop() ?? file

/** The backups in the folder, each checked (R-SEC-2): who took it when, what it holds, and restoring an intact one. */
export function backupColumns(
  t: TFunction,
  restore: (file: string) => void
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
          <Tag color="green">{t('backup.ok')}</Tag>
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
        row.ok &&
        row.info && (
          <Button size="small" danger icon={<CloudDownloadOutlined />} onClick={() => restore(row.info!.file)}>
            {t('backup.restore')}
          </Button>
        )
    }
  ]
}
