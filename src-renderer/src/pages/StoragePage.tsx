import { Tabs, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { SessionInfo } from '@preload/contract'
import { can } from '../access'
import { EnvironmentTab } from './EnvironmentTab'
import { IncidentsTab } from './IncidentsTab'
import { InspectionsTab } from './custody/InspectionsTab'
import { LocationsTab } from './custody/LocationsTab'

/** R-KEEP-1..4: locations, inspections, the environment log and the follow-up of missing or damaged records. */
export function StoragePage({ session }: { session: SessionInfo }) {
  const { t } = useTranslation()
  return (
    <>
      <Typography.Title level={3}>{t('storage.title')}</Typography.Title>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'locations', label: t('custodyTabs.locations'), children: <LocationsTab session={session} /> },
          {
            key: 'inspections',
            label: t('custodyTabs.inspections'),
            children: <InspectionsTab canWrite={can(session, 'inspections.create')} />
          },
          {
            key: 'environment',
            label: t('custodyTabs.environment'),
            children: <EnvironmentTab canWrite={can(session, 'environment.record')} />
          },
          {
            key: 'incidents',
            label: t('custodyTabs.incidents'),
            children: <IncidentsTab canWrite={can(session, 'incidents.report')} />
          }
        ]}
      />
    </>
  )
}
