/**
 * ECharts options for the charts people read, built from plain rows so they can be tested without a canvas. Texts
 * come in translated; nothing here knows a language.
 */

export const PALETTE = ['#8c4a2f', '#d4a373', '#6b705c', '#a5a58d', '#cb997e']
const BAND_GREEN = '#52a36b'
const FLAGGED_RED = '#cf1322'
const LABEL_COLOR = '#333'
const SPLIT_LINE = '#eee'

export interface BarSeries {
  key: string
  label: string
}

export interface BarInput {
  categories: string[]
  series: { label: string; values: number[] }[]
  /**
   * Each series on its own axis, one small chart under the other: for measures of different sizes (volumes and
   * pages), which on one axis would flatten the smaller into the floor.
   */
  separateAxes: boolean
}

/** Per small chart of the separate layout, and for the one shared chart. */
const PANEL_HEIGHT = 120
const SHARED_HEIGHT = 260
const LEGEND_SPACE = 36
/** Many categories are turned, and their names then need more room under the axis. */
const TURNED_FROM = 7
const axisLabelSpace = (count: number) => (count >= TURNED_FROM ? 64 : 24)

/** How tall the chart is drawn, so every panel keeps room for its bars. */
export const barHeight = (input: BarInput) =>
  LEGEND_SPACE +
  (input.separateAxes ? input.series.length * PANEL_HEIGHT : SHARED_HEIGHT) +
  axisLabelSpace(input.categories.length)

/** Category names turned when there are many, and cut with an ellipsis when long; the tooltip has them whole. */
function categoryAxisLabel(count: number, show: boolean) {
  return {
    show,
    interval: 0,
    hideOverlap: true,
    rotate: count >= TURNED_FROM ? 35 : 0,
    width: count >= TURNED_FROM ? 90 : 120,
    overflow: 'truncate',
    color: LABEL_COLOR,
    fontSize: 12
  }
}

const valueAxis = (name: string | undefined, gridIndex: number) => ({
  type: 'value',
  gridIndex,
  minInterval: 1,
  name,
  nameTextStyle: { color: LABEL_COLOR, fontSize: 12, align: 'left' },
  axisLabel: { color: '#666', fontSize: 12 },
  splitLine: { lineStyle: { color: SPLIT_LINE } }
})

/** Grouped bars on one axis, or one panel per series with its own axis. */
export function barOption(input: BarInput) {
  const { categories, series, separateAxes } = input
  const panels = separateAxes ? series.length : 1
  const grids = Array.from({ length: panels }, (_, index) => ({
    left: 56,
    right: 16,
    top: LEGEND_SPACE + (separateAxes ? index * PANEL_HEIGHT + 24 : 24),
    height: (separateAxes ? PANEL_HEIGHT : SHARED_HEIGHT) - 36,
    containLabel: false
  }))
  return {
    color: PALETTE,
    animation: false,
    legend: { top: 0, left: 0, right: 36, itemGap: 20, textStyle: { color: LABEL_COLOR, fontSize: 13 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    grid: grids,
    xAxis: grids.map((_, index) => ({
      type: 'category',
      gridIndex: index,
      data: categories,
      axisTick: { alignWithLabel: true },
      axisLabel: categoryAxisLabel(categories.length, index === panels - 1)
    })),
    yAxis: grids.map((_, index) => valueAxis(separateAxes ? series[index].label : undefined, index)),
    series: series.map((s, index) => ({
      type: 'bar',
      name: s.label,
      data: s.values,
      xAxisIndex: separateAxes ? index : 0,
      yAxisIndex: separateAxes ? index : 0,
      barMaxWidth: 28,
      emphasis: { focus: 'series' }
    }))
  }
}

export interface LinePoint {
  x: string
  y: number
  /** Drawn red: the value is out of the allowed band. */
  flagged: boolean
}

/** A line over days with the allowed band shaded and its edges dashed; points out of the band are red. */
export function lineBandOption(points: LinePoint[], band: { min: number; max: number }, unit: string) {
  const values = [...points.map((p) => p.y), band.min, band.max]
  return {
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (value: number) => `${value} ${unit}`, confine: true },
    grid: { left: 48, right: 16, top: 24, bottom: 40 },
    xAxis: {
      type: 'category',
      data: points.map((p) => p.x),
      axisLabel: { color: LABEL_COLOR, fontSize: 12, hideOverlap: true, formatter: (day: string) => day.slice(5) }
    },
    yAxis: {
      type: 'value',
      min: Math.floor(Math.min(...values) - 2),
      max: Math.ceil(Math.max(...values) + 2),
      axisLabel: { color: '#666', fontSize: 12 },
      splitLine: { lineStyle: { color: SPLIT_LINE } }
    },
    series: [
      {
        type: 'line',
        data: points.map((p) => ({ value: p.y, itemStyle: { color: p.flagged ? FLAGGED_RED : PALETTE[0] } })),
        lineStyle: { color: PALETTE[0], width: 1.5 },
        symbolSize: 7,
        markArea: { silent: true, itemStyle: { color: '#e6f4ea' }, data: [[{ yAxis: band.min }, { yAxis: band.max }]] },
        markLine: {
          silent: true,
          symbol: 'none',
          label: { show: false },
          lineStyle: { color: BAND_GREEN, type: 'dashed' },
          data: [{ yAxis: band.min }, { yAxis: band.max }]
        }
      }
    ]
  }
}
