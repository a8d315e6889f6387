import { Card, Table, Typography } from 'antd'
import type { CSSProperties } from 'react'
import { useTranslation } from 'react-i18next'
import type { PolicyVersion } from '../../../src-preload/contract'
import { formatDateTime } from '../errors'

/** Which version of a settings namespace is in force, who saved it and when; or that the defaults apply. */
export function SettingsVersionNote<T>({ current }: { current: PolicyVersion<T> | null }) {
  const { t } = useTranslation()
  return (
    <Typography.Paragraph type="secondary">
      {current && current.version > 0
        ? t('settings.version', { version: current.version, by: current.createdBy, at: formatDateTime(current.createdAt) })
        : t('settings.defaultVersion')}
    </Typography.Paragraph>
  )
}

/** Every saved version of a settings namespace, newest first, with a one-line summary of its values. */
export function SettingsHistory<T>({ versions, summary, style }: { versions: PolicyVersion<T>[]; summary(data: T): string; style?: CSSProperties }) {
  const { t } = useTranslation()
  return (
    <Card title={t('settings.history')} style={{ marginTop: 16, ...style }}>
      <Table<PolicyVersion<T>>
        size="small"
        rowKey="version"
        dataSource={versions}
        pagination={{ pageSize: 10 }}
        columns={[
          { title: t('settings.versionColumn'), dataIndex: 'version' },
          { title: t('settings.savedAt'), dataIndex: 'createdAt', render: (value: string) => formatDateTime(value) },
          { title: t('settings.savedBy'), dataIndex: 'createdBy' },
          { title: t('settings.values'), key: 'values', render: (_value, row) => summary(row.data) }
        ]}
      />
    </Card>
  )
}
