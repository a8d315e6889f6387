import { SafetyCertificateOutlined } from '@ant-design/icons'
import { Alert, App, Button, DatePicker, Empty, Input, Select, Space, Table, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AuditEntry, AuditVerification, ChannelInput } from '../../../src-preload/contract'
import { call } from '../api/client'
import { describeError, formatDateTime } from '../errors'
import { usePagedQuery } from '../useRemote'
import { AuditSealButtons } from './audit/AuditSealButtons'

type Query = ChannelInput<'audit.list'>

const ACTIONS = [
  'setup',
  'create',
  'update',
  'view',
  'login',
  'login_failed',
  'logout',
  'reset_password',
  'unlock',
  'change_password',
  'catalogue',
  'link',
  'unlink',
  'add_item',
  'remove_item',
  'reorder',
  'close',
  'move',
  'refile',
  'print',
  'export',
  'import',
  'verify',
  'restore'
]
const ENTITIES = ['user', 'customer', 'policy', 'item', 'volume', 'location', 'catalogue', 'backup']

function summarise(entry: AuditEntry): string {
  if (entry.before && entry.after && typeof entry.before === 'object' && typeof entry.after === 'object') {
    const before = entry.before as Record<string, unknown>
    const after = entry.after as Record<string, unknown>
    return Object.keys(after)
      .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      .map((key) => `${key}: ${JSON.stringify(before[key] ?? '')} → ${JSON.stringify(after[key])}`)
      .join('；')
  }
  return entry.after ? JSON.stringify(entry.after) : ''
}

export function AuditPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [verification, setVerification] = useState<AuditVerification | null>(null)

  const { filter, tableProps } = usePagedQuery(
    (q: Query) => call('audit.list', q),
    { pageSize: 50 },
    { sizeChanger: true }
  )

  const verify = async () => {
    try {
      setVerification(await call('audit.verify', {}))
    } catch (error) {
      void message.error(describeError(t, error))
    }
  }

  const setDates = (range: [Dayjs | null, Dayjs | null] | null) =>
    filter({ from: range?.[0]?.format('YYYY-MM-DD') ?? undefined, to: range?.[1]?.format('YYYY-MM-DD') ?? undefined })

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('audit.title')}
        </Typography.Title>
        <Space>
          <AuditSealButtons />
          <Button type="primary" icon={<SafetyCertificateOutlined />} onClick={verify}>
            {t('audit.verify')}
          </Button>
        </Space>
      </Space>
      {verification && (
        <Alert
          role="status"
          style={{ marginBottom: 16 }}
          showIcon
          type={verification.ok ? 'success' : 'error'}
          message={
            verification.ok
              ? t('audit.verifyOk', { checked: verification.checked })
              : t('audit.verifyBroken', { id: verification.firstBrokenId, checked: verification.checked })
          }
        />
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('audit.user')}
          style={{ width: 180 }}
          onSearch={(username) => filter({ username: username.trim() || undefined })}
        />
        <Select
          allowClear
          placeholder={t('audit.entity')}
          style={{ width: 140 }}
          options={ENTITIES.map((value) => ({ value, label: t(`audit.entities.${value}`) }))}
          onChange={(entity?: string) => filter({ entity })}
        />
        <Select
          allowClear
          placeholder={t('audit.action')}
          style={{ width: 160 }}
          options={ACTIONS.map((value) => ({ value, label: t(`audit.actions.${value}`) }))}
          onChange={(action?: string) => filter({ action })}
        />
        <DatePicker.RangePicker
          format="YYYY-MM-DD"
          onChange={(range) => setDates(range as [Dayjs | null, Dayjs | null] | null)}
        />
      </Space>
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        {...tableProps}
        locale={{ emptyText: <Empty description={t('audit.empty')} /> }}
        columns={[
          { title: '#', dataIndex: 'id', width: 80 },
          { title: t('audit.at'), dataIndex: 'at', render: (value: string) => formatDateTime(value), width: 180 },
          { title: t('audit.user'), dataIndex: 'username', width: 120 },
          {
            title: t('audit.entity'),
            dataIndex: 'entity',
            width: 100,
            render: (value: string) => (ENTITIES.includes(value) ? t(`audit.entities.${value}`) : value)
          },
          { title: t('audit.entityId'), dataIndex: 'entityId', width: 100 },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            width: 120,
            render: (value: string) => (ACTIONS.includes(value) ? t(`audit.actions.${value}`) : value)
          },
          { title: t('audit.change'), key: 'change', ellipsis: true, render: (_value, row) => summarise(row) }
        ]}
      />
    </>
  )
}
