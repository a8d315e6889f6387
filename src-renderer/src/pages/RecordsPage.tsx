import { Tabs, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { SessionInfo } from '@preload/contract'
import { can } from '../access'
import { ItemsTab } from './ItemsTab'
import { VolumesTab } from './VolumesTab'

export function RecordsPage({ session }: { session: SessionInfo }) {
  const { t } = useTranslation()
  return (
    <>
      <Typography.Title level={3}>{t('records.title')}</Typography.Title>
      <Tabs
        items={[
          {
            key: 'items',
            label: t('records.items'),
            children: <ItemsTab session={session} canWrite={can(session, 'items.create')} />
          },
          {
            key: 'volumes',
            label: t('records.volumes'),
            children: <VolumesTab canWrite={can(session, 'volumes.create')} />
          }
        ]}
      />
    </>
  )
}
