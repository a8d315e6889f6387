import { Result } from 'antd'
import { useTranslation } from 'react-i18next'

export function PlaceholderPage({ section }: { section: string }) {
  const { t } = useTranslation()
  return (
    <Result
      status="info"
      title={t('common.labelled', { label: section, value: t('placeholder.title') })}
      subTitle={t('placeholder.body', { section })}
    />
  )
}
