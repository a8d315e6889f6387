import { useTranslation } from 'react-i18next'
import type { SessionInfo } from '../../../src-preload/contract'
import { PlaceholderPage } from './PlaceholderPage'

export function UsePage(_props: { session: SessionInfo }) {
  const { t } = useTranslation()
  return <PlaceholderPage section={t('nav.use')} />
}
