import { Tabs, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { SessionInfo } from '../../../src-preload/contract'
import { ItemsTab } from './ItemsTab'
import { VolumesTab } from './VolumesTab'

export const WRITER_ROLES = ['archivist', 'archive_manager']

export function RecordsPage({ session }: { session: SessionInfo }) {
  const { t } = useTranslation()
  const canWrite = WRITER_ROLES.includes(session.role)
  return (
    <>
      <Typography.Title level={3}>{t('records.title')}</Typography.Title>
      <Tabs
        items={[
          { key: 'items', label: t('records.items'), children: <ItemsTab canWrite={canWrite} /> },
          { key: 'volumes', label: t('records.volumes'), children: <VolumesTab canWrite={canWrite} /> }
        ]}
      />
    </>
  )
}
