import { App as AntApp, ConfigProvider, Result, Spin } from 'antd'
import enUS from 'antd/locale/en_US'
import zhCN from 'antd/locale/zh_CN'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { useCallback, useEffect, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { HashRouter } from 'react-router-dom'
import type { SessionInfo, StartupProgress } from '@preload/contract'
import { call } from './api/client'
import { Centered, LoginScreen, SetupScreen } from './components/AuthScreens'
import { FirstPasswordForm } from './components/ChangePassword'
import { FirstRunWizard } from './components/first-run/FirstRunWizard'
import { PasswordResetNotice } from './components/SignInNotice'
import { Shell } from './components/Shell'
import { StartupScreen } from './components/StartupScreen'
import { describeError } from './errors'

type Phase =
  | { kind: 'loading' }
  | { kind: 'starting'; progress: StartupProgress }
  | { kind: 'error'; message: ReactNode }
  | { kind: 'setup' }
  | { kind: 'login' }
  | { kind: 'firstRun'; session: SessionInfo }
  | { kind: 'ready'; session: SessionInfo }

/** How often the start-up screen asks again how far the database has come. */
const STARTUP_POLL_MS = 500

/**
 * A person who asked their system for less motion gets drawers and dialogs that open at once: antd does not follow the
 * setting by itself.
 */
const REDUCED_MOTION = window.matchMedia('(prefers-reduced-motion: reduce)').matches

export function App() {
  const { t, i18n } = useTranslation()
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' })
  const english = i18n.language === 'en'
  dayjs.locale(english ? 'en' : 'zh-cn')

  const refresh = useCallback(async () => {
    try {
      const status = await call('app.status', {})
      if (status.startup) {
        setPhase({ kind: 'starting', progress: status.startup })
        // A failed start stays failed until the program is started again.
        if (status.startup.stage !== 'failed') window.setTimeout(() => void refresh(), STARTUP_POLL_MS)
      } else if (status.needsSetup) setPhase({ kind: 'setup' })
      else if (status.session) setPhase({ kind: 'ready', session: status.session })
      else setPhase({ kind: 'login' })
    } catch (error) {
      setPhase({ kind: 'error', message: describeError(t, error) })
    }
  }, [t])

  useEffect(() => {
    void refresh()
  }, [refresh])

  let content: React.ReactNode
  switch (phase.kind) {
    case 'loading':
      content = <Spin size="large" style={{ display: 'block', marginTop: '30vh' }} />
      break
    case 'starting':
      content = <StartupScreen progress={phase.progress} />
      break
    case 'error':
      content = <Result status="warning" title={t('app.title')} subTitle={phase.message} />
      break
    case 'setup':
      content = <SetupScreen onDone={(session) => setPhase({ kind: 'firstRun', session })} />
      break
    case 'firstRun':
      content = (
        <Centered title={t('firstRun.title')} width={720}>
          <FirstRunWizard onClose={() => setPhase({ kind: 'ready', session: phase.session })} />
        </Centered>
      )
      break
    case 'login':
      content = <LoginScreen onDone={(session) => setPhase({ kind: 'ready', session })} />
      break
    case 'ready':
      content = phase.session.mustChangePassword ? (
        <Centered title={t('password.firstTitle')}>
          <PasswordResetNotice session={phase.session} />
          <FirstPasswordForm
            onChanged={() => void refresh()}
            onSignOut={() => void call('auth.logout', {}).finally(() => setPhase({ kind: 'login' }))}
          />
        </Centered>
      ) : (
        <HashRouter>
          <Shell
            session={phase.session}
            onSessionChange={(session) => setPhase({ kind: 'ready', session })}
            onSignedOut={() => setPhase({ kind: 'login' })}
          />
        </HashRouter>
      )
  }

  return (
    <ConfigProvider
      button={{ autoInsertSpace: false }}
      locale={english ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#8c4a2f', borderRadius: 4, motion: !REDUCED_MOTION } }}
    >
      <AntApp>{content}</AntApp>
    </ConfigProvider>
  )
}
