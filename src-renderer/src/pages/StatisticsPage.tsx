import { useTranslation } from 'react-i18next'
import type { SessionInfo } from '../../../src-preload/contract'
import { PlaceholderPage } from './PlaceholderPage'

export function StatisticsPage(_props: { session: SessionInfo }) {
  const { t } = useTranslation()
  return <PlaceholderPage section={t('nav.statistics')} />
}
