import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import en from '@preload/i18n/en'
import zhCN from '@preload/i18n/zh-CN'

export const LANGUAGES = ['zh-CN', 'en'] as const
export type Language = (typeof LANGUAGES)[number]
const STORAGE_KEY = 'archive-room.language'

export function storedLanguage(): Language {
  const saved = window.localStorage.getItem(STORAGE_KEY)
  return (LANGUAGES as readonly string[]).includes(saved ?? '') ? (saved as Language) : 'zh-CN'
}

export async function changeLanguage(language: Language): Promise<void> {
  window.localStorage.setItem(STORAGE_KEY, language)
  document.documentElement.lang = language
  await i18n.changeLanguage(language)
}

// The page's language from the start, not only after a switch: screen readers and fonts pick by it.
document.documentElement.lang = storedLanguage()

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  showSupportNotice: false
})

export default i18n
