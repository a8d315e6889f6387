import { Button, Card, Col, Row, Space, Statistic, Tag, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import type { OverdueEntry, SessionInfo } from '@preload/contract'
import { can } from '../access'
import { call } from '../api/client'
import { AwaitingSignaturesCard } from '../components/AwaitingSignaturesCard'
import { BackupNowCard } from '../components/BackupNowCard'
import { OverdueLoansCard } from '../components/OverdueLoansCard'
import { HoldingsCharts } from '../components/HoldingsCharts'
import { TodoCard } from '../components/TodoCard'
import { UseChart } from '../components/UseChart'
import { WithRule } from '../components/RuleTag'
import { MyRequestsCard } from './dashboard/MyRequestsCard'
import { PrivacyAlarmsCard } from './customers/privacy/PrivacyAlarmsCard'
import { linkFor, workbenchCards, type WorkbenchCardKey } from './dashboard/workbench'
import { WorkbenchListCard } from '../components/ListTable'

/** The person's workbench: only the cards of what their role can act on, each linking only to pages they may open. */
export function DashboardPage({ session }: { session: SessionInfo }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [customers, setCustomers] = useState<{ total: number; capped: boolean } | null>(null)
  const [overdue, setOverdue] = useState<OverdueEntry[]>([])
  const cards = new Map(workbenchCards(session).map((card) => [card.key, card.link]))
  const shows = (key: WorkbenchCardKey) => cards.has(key)
  const linkOf = (key: WorkbenchCardKey) => cards.get(key) ?? null
  const [showsCustomers, showsOverdue] = [shows('customers'), shows('overdueFiling')]

  useEffect(() => {
    if (showsCustomers)
      call('customers.list', { page: 1, pageSize: 1 })
        .then((page) => setCustomers({ total: page.total, capped: page.totalCapped === true }))
        .catch(() => setCustomers(null))
    if (showsOverdue)
      call('dashboard.overdue', {})
        .then(setOverdue)
        .catch(() => setOverdue([]))
  }, [showsCustomers, showsOverdue])

  const go = (key: WorkbenchCardKey, text: string) => {
    const link = linkOf(key)
    return link === null ? null : (
      <Button type="link" style={{ padding: 0 }} onClick={() => navigate(`/${link}`)}>
        {text}
      </Button>
    )
  }

  return (
    <>
      <Typography.Title level={3}>{t('dashboard.welcome', { name: session.displayName })}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('dashboard.role', { role: t(`roles.${session.role}`) })}
      </Typography.Paragraph>
      {shows('awaitingSignature') && <AwaitingSignaturesCard session={session} />}
      {shows('privacyAlarms') && <PrivacyAlarmsCard />}
      {shows('todo') && <TodoCard linkOf={(section) => linkFor(session, section)} />}
      {shows('myRequests') && <MyRequestsCard link={linkOf('myRequests')} />}
      <Row gutter={16} style={{ marginTop: 16 }}>
        {shows('customers') && (
          <Col span={6}>
            <Card>
              {/* A list counts up to 10 000 and then says "more": so does the card, rather than show too few. */}
              <Statistic
                title={t('dashboard.customers')}
                value={customers?.total ?? '—'}
                suffix={customers?.capped ? '+' : undefined}
              />
              {go('customers', t('dashboard.goCustomers'))}
            </Card>
          </Col>
        )}
      </Row>
      {shows('overdueFiling') && (
        <WorkbenchListCard<OverdueEntry>
          title={t('dashboard.overdue')}
          rowKey={(row) => `${row.itemId}-${row.ruleId}`}
          dataSource={overdue}
          empty={t('dashboard.nothingOverdue')}
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
              // R-FILE-9: how late a record came in is said once, beside (not added to) the room's own lateness.
              render: (value: number, row) => (
                <Space size={4} wrap>
                  {value > 0 && <Tag color="red">{t('dashboard.days', { count: value })}</Tag>}
                  {row.handedInLateDays !== null && (
                    <Tag color="orange">{t('dashboard.handedInLate', { count: row.handedInLateDays })}</Tag>
                  )}
                </Space>
              )
            },
            {
              title: t('dashboard.rule'),
              key: 'rule',
              render: (_v, row) => (
                <WithRule
                  text={t(row.reason, {
                    dueOn: row.dueOn,
                    daysLate: row.daysLate,
                    handedInLateDays: row.handedInLateDays
                  })}
                  ruleId={row.ruleId}
                />
              )
            }
          ]}
        >
          {go('overdueFiling', t('dashboard.goRecords'))}
        </WorkbenchListCard>
      )}
      {shows('overdueLoans') && <OverdueLoansCard link={linkOf('overdueLoans')} />}
      {shows('holdings') && <HoldingsCharts />}
      {shows('useChart') && <UseChart />}
      {shows('backup') && <BackupNowCard canBackUp={can(session, 'backup.create')} />}
    </>
  )
}
