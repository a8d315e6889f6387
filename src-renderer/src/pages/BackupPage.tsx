import { CloudDownloadOutlined, ReloadOutlined } from '@ant-design/icons'
import { App, Button, Card, Empty, Form, Input, InputNumber, Popconfirm, Table, Tag, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BackupSettings, BackupVerification } from '../../../src-preload/contract'
import { call } from '../api/client'
import { BackupNowCard } from '../components/BackupNowCard'
import { describeError, formatDateTime, showFieldErrors } from '../errors'

interface SettingsValues {
  folder: string
  dailyAt: string
  reminderDays: number
}

/** R-SEC-2: where backups go, when they are taken, which ones are intact, and restoring one. */
export function BackupPage({ onRestored }: { onRestored(): void }) {
  const { t } = useTranslation()
  const { message, modal } = App.useApp()
  const [form] = Form.useForm<SettingsValues>()
  const [backups, setBackups] = useState<BackupVerification[] | null>(null)
  const [refreshKey, setRefreshKey] = useState(0)

  useEffect(() => {
    call('backup.status', {})
      .then((status) => {
        // On a slow PC the saved settings can arrive after the person started typing; what they typed wins.
        if (!form.isFieldsTouched()) form.setFieldsValue({ ...status.settings, dailyAt: status.settings.dailyAt ?? '' })
      })
      .catch((error) => void message.error(describeError(t, error)))
  }, [form, message, t])

  const save = async (values: SettingsValues) => {
    const settings: BackupSettings = {
      folder: values.folder ?? '',
      dailyAt: values.dailyAt ? values.dailyAt : null,
      reminderDays: values.reminderDays
    }
    try {
      await call('backup.saveSettings', settings)
      void message.success(t('settings.saved'))
      setRefreshKey((key) => key + 1)
    } catch (error) {
      showFieldErrors(form, t, error)
      void message.error(describeError(t, error))
    }
  }

  const readFolder = async () => {
    try {
      setBackups(await call('backup.list', {}))
    } catch (error) {
      void message.error(describeError(t, error))
    }
  }

  const restore = async (file: string) => {
    try {
      const result = await call('backup.restore', { file })
      modal.success({
        title: t('backup.restore'),
        content: t('backup.restored', { copy: result.safetyCopy }),
        onOk: onRestored
      })
    } catch (error) {
      void message.error(describeError(t, error))
    }
  }

  return (
    <>
      <Typography.Title level={3}>{t('backup.title')}</Typography.Title>
      <BackupNowCard key={refreshKey} canBackUp />
      <Card title={t('backup.settings')} style={{ marginTop: 16, maxWidth: 760 }}>
        <Form name="backup-settings" form={form} layout="vertical" onFinish={save}>
          <Form.Item name="folder" label={t('backup.folder')} extra={t('backup.folderHint')}>
            <Input />
          </Form.Item>
          <Form.Item name="dailyAt" label={t('backup.dailyAt')} extra={t('backup.dailyAtHint')}>
            <Input style={{ width: 120 }} placeholder="18:00" />
          </Form.Item>
          <Form.Item name="reminderDays" label={t('backup.reminderDays')} required>
            <InputNumber precision={0} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('backup.saveSettings')}
          </Button>
        </Form>
      </Card>
      <Card
        title={t('backup.list')}
        style={{ marginTop: 16 }}
        extra={
          <Button icon={<ReloadOutlined />} onClick={readFolder}>
            {t('backup.refresh')}
          </Button>
        }
      >
        <Table<BackupVerification>
          size="small"
          rowKey={(row) => row.file}
          dataSource={backups ?? []}
          pagination={{ pageSize: 10 }}
          locale={{ emptyText: <Empty description={backups === null ? t('backup.refresh') : t('backup.emptyList')} /> }}
          columns={[
            { title: t('backup.file'), key: 'file', render: (_v, row) => row.file.split(/[\\/]/).pop() },
            {
              title: t('backup.createdAt'),
              key: 'at',
              render: (_v, row) => (row.info ? formatDateTime(row.info.createdAt) : '—')
            },
            { title: t('backup.createdBy'), key: 'by', render: (_v, row) => row.info?.createdBy ?? '—' },
            { title: t('backup.version'), key: 'version', render: (_v, row) => row.info?.appVersion ?? '—' },
            {
              title: t('backup.counts'),
              key: 'counts',
              render: (_v, row) =>
                row.info
                  ? Object.entries(row.info.counts)
                      .map(([table, count]) => `${table} ${count}`)
                      .join(' · ')
                  : '—'
            },
            {
              title: t('backup.state'),
              key: 'state',
              render: (_v, row) =>
                row.ok ? (
                  <Tag color="green">{t('backup.ok')}</Tag>
                ) : (
                  row.problems.map((p) => (
                    <Tag color="red" key={p.reason}>
                      {t(p.reason, p.params)}
                    </Tag>
                  ))
                )
            },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_v, row) =>
                row.ok &&
                row.info && (
                  <Popconfirm title={t('backup.restoreConfirm')} onConfirm={() => restore(row.info!.file)}>
                    <Button size="small" danger icon={<CloudDownloadOutlined />}>
                      {t('backup.restore')}
                    </Button>
                  </Popconfirm>
                )
            }
          ]}
        />
      </Card>
    </>
  )
}
