import { Card, Col, Row } from 'antd'
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../api/client'
import { useRemote } from '../useRemote'
import { BarChart } from './Charts'

/** The holdings at a glance: volumes and items by category and by filing year, each measure on its own axis. */
export function HoldingsCharts() {
  const { t } = useTranslation()
  const { data } = useRemote(useCallback(() => call('dashboard.holdings', {}), []))
  const series = [
    { key: 'volumes', label: t('charts.volumes') },
    { key: 'items', label: t('charts.items') }
  ]
  return (
    <Row gutter={16} style={{ marginTop: 16 }}>
      <Col span={12}>
        <Card title={t('charts.holdingsByCategory')} size="small">
          <BarChart title={t('charts.holdingsByCategory')} rows={data?.byCategory ?? []} series={series} separateAxes />
        </Card>
      </Col>
      <Col span={12}>
        <Card title={t('charts.holdingsByYear')} size="small">
          <BarChart
            title={t('charts.holdingsByYear')}
            rows={(data?.byYear ?? []).slice(-12).map((row) => ({ ...row, label: String(row.year) }))}
            series={series}
            separateAxes
          />
        </Card>
      </Col>
    </Row>
  )
}
