import { Empty, Skeleton, Typography } from 'antd'
import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { barHeight, barOption, lineBandOption, type BarSeries, type LinePoint } from './chartOptions'

export type { BarSeries, LinePoint } from './chartOptions'

// ECharts is loaded with the first chart a page shows, not with the app.
const EChart = lazy(() => import('./EChart'))

function LazyChart(props: Parameters<typeof EChart>[0]) {
  return (
    <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: props.height }} />}>
      <EChart {...props} />
    </Suspense>
  )
}

/**
 * Bars: one group per row, one bar per series, with a legend and a tooltip. With `separateAxes` each series gets
 * its own panel and axis, for measures of different sizes such as volumes and items.
 */
export function BarChart<T extends { label: string }>({
  rows,
  series,
  title,
  separateAxes = false
}: {
  rows: T[]
  series: BarSeries[]
  title: string
  separateAxes?: boolean
}) {
  const { t } = useTranslation()
  if (rows.length === 0) return <Empty description={t('charts.noData')} />
  const value = (row: T, key: string) => Number((row as Record<string, unknown>)[key] ?? 0)
  const input = {
    categories: rows.map((row) => row.label),
    series: series.map((s) => ({ label: s.label, values: rows.map((row) => value(row, s.key)) })),
    separateAxes
  }
  const description = t('charts.describe', {
    title,
    series: input.series
      .map((s) =>
        t('charts.describeSeries', {
          name: s.label,
          values: s.values
            .map((v, index) => t('charts.describeValue', { label: input.categories[index], value: v }))
            .join(t('charts.listSeparator'))
        })
      )
      .join(t('charts.seriesSeparator'))
  })
  return <LazyChart option={barOption(input)} height={barHeight(input)} title={title} description={description} />
}

/** A line over days with the allowed band shaded; points out of the band are red. */
export function LineBandChart({
  points,
  band,
  title,
  unit
}: {
  points: LinePoint[]
  band: { min: number; max: number }
  title: string
  unit: string
}) {
  const { t } = useTranslation()
  if (points.length === 0) return <Empty description={t('charts.noData')} />
  const description = t('charts.describe', {
    title,
    series: points
      .map((p) => t('charts.describeValue', { label: p.x, value: `${p.y} ${unit}` }))
      .join(t('charts.listSeparator'))
  })
  return (
    <>
      <LazyChart option={lineBandOption(points, band, unit)} height={240} title={title} description={description} />
      <Typography.Text type="secondary">
        {t('environment.band', { min: band.min, max: band.max })} {unit}
      </Typography.Text>
    </>
  )
}
