import { DownloadOutlined } from '@ant-design/icons'
import { Button, Tooltip } from 'antd'
import { BarChart, LineChart } from 'echarts/charts'
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent
} from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import ReactEChartsCore from 'echarts-for-react/esm/core'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { downloadFile } from '../download'

// Only what the bar and line charts use, so the chunk every chart page loads stays small.
echarts.use([
  BarChart,
  LineChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  CanvasRenderer
])

export interface EChartProps {
  option: Record<string, unknown>
  height: number
  /** The chart's name: the image's file name and what the export button says it saves. */
  title: string
  /** The figures in a sentence, for screen readers (the chart is a picture to them). */
  description: string
}

function pngOf(dataUrl: string): Blob {
  const bytes = Uint8Array.from(atob(dataUrl.slice(dataUrl.indexOf(',') + 1)), (ch) => ch.charCodeAt(0))
  return new Blob([bytes], { type: 'image/png' })
}

/** One ECharts chart with a button that saves it as a PNG, white behind it, at twice the screen's resolution. */
export default function EChart({ option, height, title, description }: EChartProps) {
  const { t } = useTranslation()
  const chart = useRef<ReactEChartsCore>(null)
  const saveImage = () => {
    const instance = chart.current?.getEchartsInstance()
    if (!instance) return
    downloadFile(pngOf(instance.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' })), `${title}.png`)
  }
  return (
    <div className="echart" style={{ position: 'relative' }}>
      <Tooltip title={t('charts.saveImage')}>
        <Button
          size="small"
          type="text"
          icon={<DownloadOutlined />}
          aria-label={t('charts.saveImageOf', { title })}
          onClick={saveImage}
          style={{ position: 'absolute', top: 0, right: 0, zIndex: 1 }}
        />
      </Tooltip>
      <ReactEChartsCore
        ref={chart}
        echarts={echarts}
        option={{ ...option, aria: { enabled: true, label: { description } } }}
        notMerge
        style={{ height, width: '100%' }}
        opts={{ renderer: 'canvas' }}
      />
    </div>
  )
}
