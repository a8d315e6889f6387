import { Segmented } from 'antd'
import { useTranslation } from 'react-i18next'
import { changeLanguage, type Language } from '../i18n'

export function LanguageSwitch() {
  const { i18n, t } = useTranslation()
  return (
    <Segmented
      aria-label={t('header.language')}
      size="small"
      value={i18n.language as Language}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'English', value: 'en' }
      ]}
      onChange={(value) => void changeLanguage(value as Language)}
    />
  )
}
