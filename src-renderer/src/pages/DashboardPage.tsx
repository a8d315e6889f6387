import { Alert, Button, Card, Col, Row, Statistic, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import type { SessionInfo } from '../../../src-preload/contract'
import { call } from '../api/client'

export function DashboardPage({ session }: { session: SessionInfo }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [customers, setCustomers] = useState<number | null>(null)

  useEffect(() => {
    call('customers.list', { page: 1, pageSize: 1 })
      .then((page) => setCustomers(page.total))
      .catch(() => setCustomers(null))
  }, [])

  return (
    <>
      <Typography.Title level={3}>{t('dashboard.welcome', { name: session.displayName })}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('dashboard.role', { role: t(`roles.${session.role}`) })}</Typography.Paragraph>
      <Row gutter={16}>
        <Col span={6}>
          <Card>
            <Statistic title={t('dashboard.customers')} value={customers ?? '—'} />
            <Button type="link" style={{ padding: 0 }} onClick={() => navigate('/customers')}>
              {t('dashboard.goCustomers')}
            </Button>
          </Card>
        </Col>
      </Row>
      <Alert style={{ marginTop: 16 }} type="info" showIcon message={t('dashboard.todo')} />
    </>
  )
}
