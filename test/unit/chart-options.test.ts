import { describe, expect, it } from 'vitest'
import { barHeight, barOption, lineBandOption } from '@renderer/components/chartOptions'

describe('charts people read', () => {
  const holdings = {
    categories: ['文书', '客户档案'],
    series: [
      { label: '案卷（卷）', values: [2, 1] },
      { label: '页数', values: [900, 450] }
    ]
  }

  it('volumes and pages each get their own panel and axis, named after the measure', () => {
    const option = barOption({ ...holdings, separateAxes: true })
    expect(option.grid).toHaveLength(2)
    expect(option.yAxis.map((axis) => axis.name)).toEqual(['案卷（卷）', '页数'])
    expect(option.series.map((s) => [s.xAxisIndex, s.yAxisIndex])).toEqual([
      [0, 0],
      [1, 1]
    ])
    // category names once, under the lowest panel
    expect(option.xAxis.map((axis) => axis.axisLabel.show)).toEqual([false, true])
    const three = {
      ...holdings,
      series: [...holdings.series, { label: '文件（件）', values: [5, 3] }],
      separateAxes: true
    }
    expect(barHeight(three)).toBeGreaterThan(barHeight({ ...holdings, separateAxes: true }))
  })

  it('counts of one kind share one axis with a legend and a tooltip', () => {
    const option = barOption({ ...holdings, separateAxes: false })
    expect(option.grid).toHaveLength(1)
    expect(option.series.every((s) => s.yAxisIndex === 0)).toBe(true)
    expect(option.tooltip.trigger).toBe('axis')
    expect(option.legend).toBeDefined()
  })

  it('many categories are turned so their names stay readable', () => {
    const months = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`)
    const option = barOption({
      categories: months,
      series: [{ label: '借阅', values: months.map(() => 1) }],
      separateAxes: false
    })
    expect(option.xAxis[0].axisLabel.rotate).toBeGreaterThan(0)
  })

  it('readings out of the band are red, the band is shaded', () => {
    const option = lineBandOption(
      [
        { x: '2026-03-01', y: 20, flagged: false },
        { x: '2026-03-02', y: 26, flagged: true }
      ],
      { min: 14, max: 24 },
      '℃'
    )
    const [line] = option.series
    expect(line.data.map((point) => point.itemStyle.color)).toEqual(['#8c4a2f', '#cf1322'])
    expect(line.markArea.data).toEqual([[{ yAxis: 14 }, { yAxis: 24 }]])
    expect(option.tooltip.valueFormatter(26)).toBe('26 ℃')
  })
})
