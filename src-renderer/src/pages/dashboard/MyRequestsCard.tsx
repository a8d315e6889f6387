import { Button, Card, Tag } from 'antd'
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import type { UseRequestRow } from '@preload/contract'
import { call } from '@renderer/api/client'
import { useRemote } from '@renderer/useRemote'
import { ListTable } from '@renderer/components/ListTable'

/** The person's own consultation and loan requests under way, and the records they have out, with their due dates. */
export function MyRequestsCard({ link }: { link: string | null }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { data, loading } = useRemote(useCallback(() => call('use.mine', {}), []))
  return (
    <Card title={t('dashboard.myRequests')} style={{ marginTop: 16 }} className="my-requests-card">
      <ListTable<UseRequestRow>
        size="small"
        loading={loading}
        dataSource={data ?? []}
        pagination={false}
        empty={t('dashboard.noRequests')}
        columns={[
          { title: t('use.fields.kind'), dataIndex: 'kind', render: (kind: string) => t(`use.kinds.${kind}`) },
          { title: t('use.fields.records'), dataIndex: 'recordsText', ellipsis: true },
          {
            title: t('use.fields.status'),
            dataIndex: 'status',
            render: (status: string, row) => (
              <Tag color={row.overdue ? 'red' : undefined}>
                {row.overdue ? t('dashboard.days', { count: row.daysLate }) : t(`use.statuses.${status}`)}
              </Tag>
            )
          },
          { title: t('use.fields.dueOn'), dataIndex: 'dueOn', render: (value: string | null) => value ?? '—' }
        ]}
      />
      {link !== null && (
        <Button type="link" style={{ padding: 0 }} onClick={() => navigate(`/${link}`)}>
          {t('use.overdue.goUse')}
        </Button>
      )}
    </Card>
  )
}
