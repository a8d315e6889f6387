import {
  AuditOutlined,
  CloudServerOutlined,
  BarChartOutlined,
  DashboardOutlined,
  DeleteOutlined,
  FolderOpenOutlined,
  HomeOutlined,
  LockOutlined,
  LogoutOutlined,
  ReadOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined
} from '@ant-design/icons'
import { Button, Layout, Menu, Space, Spin, Tag, Typography } from 'antd'
import { lazy, Suspense, useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom'
import type { SessionInfo } from '@preload/contract'
import { sectionsOf, type Section } from '../access'
import { call, onSessionProblem } from '../api/client'
import { ChangePasswordButton } from './ChangePassword'
import { LanguageSwitch } from './LanguageSwitch'
import { LockScreen } from './LockScreen'
import { LastSignIn, PasswordResetNotice } from './SignInNotice'

/** Each page is its own chunk, loaded when first opened, so the first screen waits for none of the others. */
const AuditPage = lazy(() => import('../pages/AuditPage').then((page) => ({ default: page.AuditPage })))
const BackupPage = lazy(() => import('../pages/BackupPage').then((page) => ({ default: page.BackupPage })))
const CustomersPage = lazy(() => import('../pages/CustomersPage').then((page) => ({ default: page.CustomersPage })))
const DashboardPage = lazy(() => import('../pages/DashboardPage').then((page) => ({ default: page.DashboardPage })))
const DisposalPage = lazy(() => import('../pages/DisposalPage').then((page) => ({ default: page.DisposalPage })))
const RecordsPage = lazy(() => import('../pages/RecordsPage').then((page) => ({ default: page.RecordsPage })))
const SettingsPage = lazy(() => import('../pages/SettingsPage').then((page) => ({ default: page.SettingsPage })))
const StatisticsPage = lazy(() => import('../pages/StatisticsPage').then((page) => ({ default: page.StatisticsPage })))
const StoragePage = lazy(() => import('../pages/StoragePage').then((page) => ({ default: page.StoragePage })))
const UsePage = lazy(() => import('../pages/UsePage').then((page) => ({ default: page.UsePage })))
const UsersPage = lazy(() => import('../pages/UsersPage').then((page) => ({ default: page.UsersPage })))

const ICONS: Record<Section, React.ReactNode> = {
  dashboard: <DashboardOutlined />,
  customers: <TeamOutlined />,
  records: <FolderOpenOutlined />,
  use: <ReadOutlined />,
  disposal: <DeleteOutlined />,
  storage: <HomeOutlined />,
  statistics: <BarChartOutlined />,
  settings: <SettingOutlined />,
  audit: <AuditOutlined />,
  users: <UserOutlined />,
  backup: <CloudServerOutlined />
}

/** The menu stays where it is while a long page scrolls, and scrolls itself on a window too low for it. */
const SIDER_STYLE: React.CSSProperties = {
  borderRight: '1px solid #eee',
  position: 'sticky',
  top: 0,
  height: '100vh',
  overflow: 'auto'
}

/** Without it the page would widen to its widest table: a table too wide for the window scrolls inside itself. */
const MAIN_STYLE: React.CSSProperties = { minWidth: 0 }

interface ShellProps {
  session: SessionInfo
  onSessionChange(session: SessionInfo): void
  onSignedOut(): void
}

export function Shell({ session, onSessionChange, onSignedOut }: ShellProps) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const location = useLocation()
  const [locked, setLocked] = useState(session.locked)
  const sections = useMemo(() => sectionsOf(session), [session])
  const current = location.pathname.split('/')[1] as Section

  useEffect(
    () =>
      onSessionProblem((error) => {
        if (error.message === 'errors.sessionLocked') setLocked(true)
        else onSignedOut()
      }),
    [onSignedOut]
  )

  useEffect(() => {
    let lastActivity = Date.now()
    const mark = () => {
      lastActivity = Date.now()
    }
    const events = ['mousemove', 'keydown', 'mousedown', 'wheel', 'touchstart'] as const
    events.forEach((name) => window.addEventListener(name, mark, { passive: true }))
    const timer = window.setInterval(() => {
      if (!locked && Date.now() - lastActivity >= session.idleLockMinutes * 60_000) {
        setLocked(true)
        void call('auth.lock', {}).catch(() => undefined)
      }
    }, 15_000)
    return () => {
      events.forEach((name) => window.removeEventListener(name, mark))
      window.clearInterval(timer)
    }
  }, [locked, session.idleLockMinutes])

  const menuItems = useMemo(
    () => sections.map((key) => ({ key, icon: ICONS[key], label: t(`nav.${key}`) })),
    [sections, t]
  )

  const signOut = async () => {
    await call('auth.logout', {}).catch(() => undefined)
    onSignedOut()
  }

  const lockNow = async () => {
    await call('auth.lock', {}).catch(() => undefined)
    setLocked(true)
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={200} theme="light" style={SIDER_STYLE}>
        <div style={{ padding: '16px 20px' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('app.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
        </div>
        <Menu mode="inline" selectedKeys={[current]} items={menuItems} onClick={({ key }) => navigate(`/${key}`)} />
      </Layout.Sider>
      <Layout style={MAIN_STYLE}>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            justifyContent: 'flex-end',
            borderBottom: '1px solid #eee'
          }}
        >
          <Space size="middle">
            <LastSignIn session={session} />
            <span data-testid="current-user">
              {session.displayName} <Tag>{t(`roles.${session.role}`)}</Tag>
            </span>
            <LanguageSwitch />
            <ChangePasswordButton />
            <Button icon={<LockOutlined />} onClick={lockNow}>
              {t('header.lock')}
            </Button>
            <Button icon={<LogoutOutlined />} onClick={signOut}>
              {t('header.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <PasswordResetNotice session={session} />
          <Suspense fallback={<Spin size="large" style={{ display: 'block', marginTop: '20vh' }} />}>
            <Routes>
              {sections.includes('dashboard') && (
                <Route path="/dashboard" element={<DashboardPage session={session} />} />
              )}
              {sections.includes('customers') && (
                <Route path="/customers" element={<CustomersPage session={session} />} />
              )}
              {sections.includes('records') && <Route path="/records" element={<RecordsPage session={session} />} />}
              {sections.includes('storage') && <Route path="/storage" element={<StoragePage session={session} />} />}
              {sections.includes('use') && <Route path="/use" element={<UsePage session={session} />} />}
              {sections.includes('disposal') && <Route path="/disposal" element={<DisposalPage session={session} />} />}
              {sections.includes('statistics') && (
                <Route path="/statistics" element={<StatisticsPage session={session} />} />
              )}
              {sections.includes('settings') && <Route path="/settings" element={<SettingsPage session={session} />} />}
              {sections.includes('users') && <Route path="/users" element={<UsersPage session={session} />} />}
              {sections.includes('audit') && <Route path="/audit" element={<AuditPage />} />}
              {sections.includes('backup') && (
                <Route path="/backup" element={<BackupPage onRestored={onSignedOut} />} />
              )}
              <Route path="*" element={<Navigate to={`/${sections[0]}`} replace />} />
            </Routes>
          </Suspense>
        </Layout.Content>
      </Layout>
      {locked && (
        <LockScreen
          session={session}
          onUnlocked={(next) => {
            setLocked(false)
            onSessionChange(next)
          }}
          onSignOut={signOut}
        />
      )}
    </Layout>
  )
}
