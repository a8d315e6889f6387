import { Card } from 'antd'
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { USE_KINDS } from '@preload/vocabulary'
import { call } from '../api/client'
import { useRemote } from '../useRemote'
import { BarChart } from './Charts'

/** Consultations, loans and copies granted per month over the last year, so the archivist sees how much the archives are used. */
export function UseChart() {
  const { t } = useTranslation()
  const { data } = useRemote(useCallback(() => call('dashboard.use', {}), []))
  const rows = (data?.byMonth ?? []).map((month) => ({ ...month, label: month.month }))
  const used = rows.some((row) => USE_KINDS.some((kind) => row[kind] > 0))
  return (
    <Card title={t('useCharts.byMonth')} size="small" style={{ marginTop: 16 }} className="use-chart">
      <BarChart
        title={t('useCharts.byMonth')}
        rows={used ? rows : []}
        series={USE_KINDS.map((kind) => ({ key: kind, label: t(`use.kinds.${kind}`) }))}
      />
    </Card>
  )
}
