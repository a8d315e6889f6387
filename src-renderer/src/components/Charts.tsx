import { Empty } from 'antd'
import { useTranslation } from 'react-i18next'

/** Plain SVG charts: small, offline, printable, and without a charting dependency. */

const PALETTE = ['#8c4a2f', '#d4a373', '#6b705c', '#a5a58d', '#cb997e']
const WIDTH = 640
const HEIGHT = 240
const MARGIN = { top: 16, right: 16, bottom: 44, left: 48 }

/** Round numbers for an axis: 0 … a little above the largest value, in 4 or 5 steps; counts step by whole numbers. */
function ticks(max: number, whole = false): number[] {
  if (max <= 0) return [0, 1]
  const rough = whole ? Math.max(1, max / 4) : max / 4
  const magnitude = 10 ** Math.floor(Math.log10(rough))
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? rough
  return Array.from({ length: Math.ceil(max / step) + 1 }, (_, i) => i * step)
}

export interface BarSeries {
  key: string
  label: string
}

/** Grouped bars: one group per row, one bar per series, with a legend. */
export function BarChart<T extends { label: string }>({
  rows,
  series,
  title
}: {
  rows: T[]
  series: BarSeries[]
  title: string
}) {
  const { t } = useTranslation()
  if (rows.length === 0) return <Empty description={t('charts.noData')} />
  const value = (row: T, key: string) => Number((row as Record<string, unknown>)[key] ?? 0)
  const scale = ticks(Math.max(...rows.flatMap((row) => series.map((s) => value(row, s.key)))), true)
  const top = scale[scale.length - 1]
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom
  const groupWidth = plotWidth / rows.length
  const barWidth = Math.max(2, (groupWidth * 0.8) / series.length)
  const y = (v: number) => MARGIN.top + plotHeight - (v / top) * plotHeight
  return (
    <figure style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={title}>
        {scale.map((tick) => (
          <g key={tick}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} stroke="#eee" />
            <text x={MARGIN.left - 6} y={y(tick) + 4} fontSize={11} textAnchor="end" fill="#666">
              {tick}
            </text>
          </g>
        ))}
        {rows.map((row, index) => {
          const x0 = MARGIN.left + index * groupWidth + groupWidth * 0.1
          return (
            <g key={row.label}>
              {series.map((s, si) => (
                <rect
                  key={s.key}
                  x={x0 + si * barWidth}
                  y={y(value(row, s.key))}
                  width={barWidth - 1}
                  height={MARGIN.top + plotHeight - y(value(row, s.key))}
                  fill={PALETTE[si % PALETTE.length]}
                >
                  <title>{`${row.label} ${s.label}: ${value(row, s.key)}`}</title>
                </rect>
              ))}
              <text
                x={x0 + (barWidth * series.length) / 2}
                y={HEIGHT - MARGIN.bottom + 16}
                fontSize={11}
                textAnchor="middle"
                fill="#333"
              >
                {row.label.length > 8 ? `${row.label.slice(0, 8)}…` : row.label}
              </text>
            </g>
          )
        })}
        <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(0)} y2={y(0)} stroke="#999" />
        {series.map((s, si) => (
          <g key={s.key} transform={`translate(${MARGIN.left + si * 120}, ${HEIGHT - 12})`}>
            <rect width={10} height={10} y={-9} fill={PALETTE[si % PALETTE.length]} />
            <text x={14} fontSize={11} fill="#333">
              {s.label}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  )
}

export interface LinePoint {
  x: string
  y: number
  /** Drawn red: the value is out of the allowed band. */
  flagged: boolean
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
  const values = [...points.map((p) => p.y), band.min, band.max]
  const low = Math.floor(Math.min(...values) - 2)
  const high = Math.ceil(Math.max(...values) + 2)
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom
  const x = (index: number) =>
    MARGIN.left + (points.length === 1 ? plotWidth / 2 : (index / (points.length - 1)) * plotWidth)
  const y = (v: number) => MARGIN.top + plotHeight - ((v - low) / (high - low)) * plotHeight
  const labelEvery = Math.max(1, Math.ceil(points.length / 8))
  const axis = ticks(high - low)
    .map((step) => low + step)
    .filter((v) => v <= high)
  return (
    <figure style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={title}>
        <rect x={MARGIN.left} width={plotWidth} y={y(band.max)} height={y(band.min) - y(band.max)} fill="#e6f4ea" />
        {axis.map((tick) => (
          <text key={tick} x={MARGIN.left - 6} y={y(tick) + 4} fontSize={11} textAnchor="end" fill="#666">
            {tick}
          </text>
        ))}
        {[band.min, band.max].map((edge) => (
          <line
            key={edge}
            x1={MARGIN.left}
            x2={WIDTH - MARGIN.right}
            y1={y(edge)}
            y2={y(edge)}
            stroke="#52a36b"
            strokeDasharray="4 3"
          />
        ))}
        <polyline
          fill="none"
          stroke="#8c4a2f"
          strokeWidth={1.5}
          points={points.map((p, i) => `${x(i)},${y(p.y)}`).join(' ')}
        />
        {points.map((p, i) => (
          <circle key={`${p.x}-${i}`} cx={x(i)} cy={y(p.y)} r={3.5} fill={p.flagged ? '#cf1322' : '#8c4a2f'}>
            <title>{`${p.x}: ${p.y} ${unit}`}</title>
          </circle>
        ))}
        {points.map((p, i) =>
          i % labelEvery === 0 ? (
            <text
              key={`label-${p.x}-${i}`}
              x={x(i)}
              y={HEIGHT - MARGIN.bottom + 16}
              fontSize={10}
              textAnchor="middle"
              fill="#333"
            >
              {p.x.slice(5)}
            </text>
          ) : null
        )}
        <text x={MARGIN.left} y={HEIGHT - 8} fontSize={11} fill="#333">
          {t('environment.band', { min: band.min, max: band.max })} {unit}
        </text>
      </svg>
    </figure>
  )
}
