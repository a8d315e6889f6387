import { SafetyCertificateOutlined } from '@ant-design/icons'
import { Alert, Button, DatePicker, Select, Space, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from '@preload/audit-vocabulary'
import type { AuditEntry, AuditVerification, ChannelInput } from '@preload/contract'
import { call } from '../api/client'
import { actionText, changeLines, entityText } from '../auditText'
import { formatDateTime } from '../errors'
import { usePagedQuery } from '../useRemote'
import { useSubmit } from '../useSubmit'
import { AuditSealButtons } from './audit/AuditSealButtons'
import { ListTable } from '../components/ListTable'
import { SearchBox } from '../components/Toolbar'

type Query = ChannelInput<'audit.list'>

export function AuditPage() {
  const { t, i18n } = useTranslation()
  const { submit } = useSubmit()
  const [verification, setVerification] = useState<AuditVerification | null>(null)

  const { filter, tableProps } = usePagedQuery(
    (q: Query) => call('audit.list', q),
    { pageSize: 50 },
    { sizeChanger: true }
  )

  const verify = () => submit(() => call('audit.verify', {}), { onDone: setVerification })

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
        <SearchBox width={180} placeholder={t('audit.user')} onSearch={(username) => filter({ username })} />
        <Select
          allowClear
          placeholder={t('audit.entity')}
          style={{ width: 140 }}
          options={AUDIT_ENTITIES.map((value) => ({ value, label: entityText(i18n, value) }))}
          onChange={(entity?: string) => filter({ entity })}
        />
        <Select
          allowClear
          placeholder={t('audit.action')}
          style={{ width: 160 }}
          options={AUDIT_ACTIONS.map((value) => ({ value, label: actionText(i18n, value) }))}
          onChange={(action?: string) => filter({ action })}
        />
        <DatePicker.RangePicker
          format="YYYY-MM-DD"
          onChange={(range) => setDates(range as [Dayjs | null, Dayjs | null] | null)}
        />
      </Space>
      <ListTable<AuditEntry>
        size="small"
        {...tableProps}
        empty={t('audit.empty')}
        columns={[
          { title: '#', dataIndex: 'id', width: 80 },
          { title: t('audit.at'), dataIndex: 'at', render: (value: string) => formatDateTime(value), width: 180 },
          { title: t('audit.user'), dataIndex: 'username', width: 120 },
          {
            title: t('audit.entity'),
            dataIndex: 'entity',
            width: 100,
            render: (value: string) => entityText(i18n, value)
          },
          { title: t('audit.entityId'), dataIndex: 'entityId', width: 100 },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            width: 120,
            render: (value: string) => actionText(i18n, value)
          },
          {
            title: t('audit.change'),
            key: 'change',
            ellipsis: true,
            render: (_value, row) => changeLines(i18n, row).join(t('audit.values.separator'))
          }
        ]}
        expandable={{
          rowExpandable: (row) => changeLines(i18n, row).length > 1,
          expandedRowRender: (row) => (
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {changeLines(i18n, row).map((line, index) => (
                <li key={index}>{line}</li>
              ))}
            </ul>
          )
        }}
      />
    </>
  )
}
