import { Alert, Descriptions, Progress, Space, Spin, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { StartupFailure, StartupProgress } from '@preload/contract'
import { Centered } from './AuthScreens'

/**
 * Shown while the back end opens the database: a copy kept before an upgrade, then the upgrade's steps, with the time
 * taken so far; or why it could not be opened. At a million records an upgrade can run for minutes; without this the
 * app looks hung, and a person who closes it starts the upgrade over.
 */
export function StartupScreen({ progress }: { progress: StartupProgress }) {
  const { t } = useTranslation()
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000)
    return () => window.clearInterval(timer)
  }, [])
  if (progress.stage === 'failed') return <StartupFailed failure={progress} />
  if (progress.stage === 'opening') return <Spin size="large" style={{ display: 'block', marginTop: '30vh' }} />
  const seconds = Math.max(0, Math.floor((now - Date.parse(progress.startedAt)) / 1000))
  const copying = progress.stage === 'copying'
  const percent = progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : 0
  return (
    <Centered title={t(copying ? 'startup.copying' : 'startup.upgrading')} width={560}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {copying ? (
          <Progress percent={percent} status="active" />
        ) : (
          <Space>
            <Spin size="small" />
            <Typography.Text>
              {t('startup.step', { step: Math.min(progress.done + 1, progress.total), total: progress.total })}
            </Typography.Text>
          </Space>
        )}
        <Typography.Text type="secondary">
          {t('startup.elapsed', { minutes: Math.floor(seconds / 60), seconds: seconds % 60 })}
        </Typography.Text>
        <Alert type="warning" showIcon message={t('startup.wait')} description={t('startup.safe')} />
      </Space>
    </Centered>
  )
}

/** A start that failed: that nothing saved was changed, what to do, and where whoever helps will look. */
function StartupFailed({ failure }: { failure: StartupFailure }) {
  const { t } = useTranslation()
  const place = (text: string) => (
    <Typography.Text copyable style={{ overflowWrap: 'anywhere' }}>
      {text}
    </Typography.Text>
  )
  return (
    <Centered title={t('startup.failed')} width={640}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Alert type="error" showIcon message={t('startup.failedSafe')} description={t('startup.failedWhat')} />
        <Descriptions column={1} size="small" bordered layout="vertical">
          <Descriptions.Item label={t('startup.failedReason')}>
            {/* Reasons said before any language is chosen come in both, a line each. */}
            <Typography.Text style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
              {failure.reason}
            </Typography.Text>
          </Descriptions.Item>
          {failure.copy && <Descriptions.Item label={t('startup.failedCopy')}>{place(failure.copy)}</Descriptions.Item>}
          <Descriptions.Item label={t('startup.failedLog')}>{place(failure.logFolder)}</Descriptions.Item>
        </Descriptions>
      </Space>
    </Centered>
  )
}
