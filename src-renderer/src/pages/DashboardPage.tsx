import { Button, Card, Col, Empty, Row, Statistic, Table, Tag, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import type { OverdueEntry, SessionInfo } from '../../../src-preload/contract'
import { can } from '../access'
import { call } from '../api/client'
import { AwaitingSignaturesCard } from '../components/AwaitingSignaturesCard'
import { BackupNowCard } from '../components/BackupNowCard'
import { OverdueLoansCard } from '../components/OverdueLoansCard'
import { HoldingsCharts } from '../components/HoldingsCharts'
import { TodoCard } from '../components/TodoCard'
import { UseChart } from '../components/UseChart'
import { WithRule } from '../components/RuleTag'

export function DashboardPage({ session }: { session: SessionInfo }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [customers, setCustomers] = useState<number | null>(null)
  const [overdue, setOverdue] = useState<OverdueEntry[]>([])

  useEffect(() => {
    call('customers.list', { page: 1, pageSize: 1 })
      .then((page) => setCustomers(page.total))
      .catch(() => setCustomers(null))
    call('dashboard.overdue', {})
      .then(setOverdue)
      .catch(() => setOverdue([]))
  }, [])

  return (
    <>
      <Typography.Title level={3}>{t('dashboard.welcome', { name: session.displayName })}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('dashboard.role', { role: t(`roles.${session.role}`) })}
      </Typography.Paragraph>
      {can(session, 'use.awaiting') && <AwaitingSignaturesCard session={session} />}
      <TodoCard />
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col span={6}>
          <Card>
            <Statistic title={t('dashboard.customers')} value={customers ?? '—'} />
            <Button type="link" style={{ padding: 0 }} onClick={() => navigate('/customers')}>
              {t('dashboard.goCustomers')}
            </Button>
          </Card>
        </Col>
      </Row>
      <Card title={t('dashboard.overdue')} style={{ marginTop: 16 }}>
        <Table<OverdueEntry>
          size="small"
          rowKey={(row) => `${row.itemId}-${row.ruleId}`}
          dataSource={overdue}
          pagination={{ pageSize: 10 }}
          locale={{ emptyText: <Empty description={t('dashboard.nothingOverdue')} /> }}
          columns={[
            { title: t('items.fields.title'), dataIndex: 'title' },
            {
              title: t('items.fields.archivalCode'),
              dataIndex: 'archivalCode',
              render: (value: string | null) => value ?? '—'
            },
            { title: t('dashboard.dueOn'), dataIndex: 'dueOn' },
            {
              title: t('dashboard.daysLate'),
              dataIndex: 'daysLate',
              render: (value: number) => <Tag color="red">{t('dashboard.days', { count: value })}</Tag>
            },
            {
              title: t('dashboard.rule'),
              key: 'rule',
              render: (_v, row) => (
                <WithRule text={t(row.reason, { dueOn: row.dueOn, daysLate: row.daysLate })} ruleId={row.ruleId} />
              )
            }
          ]}
        />
        <Button type="link" style={{ padding: 0 }} onClick={() => navigate('/records')}>
          {t('dashboard.goRecords')}
        </Button>
      </Card>
      <OverdueLoansCard />
      <HoldingsCharts />
      <UseChart />
      <BackupNowCard canBackUp={can(session, 'backup.create')} />
    </>
  )
}
