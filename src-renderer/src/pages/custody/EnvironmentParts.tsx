import { Card, Col, DatePicker, Form, InputNumber, Row, Select, Space, Tag, Typography, type TableProps } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { EnvironmentLog, EnvironmentReading, LocationNode } from '@preload/contract'

type EnvironmentBand = EnvironmentLog['band']
import { call } from '@renderer/api/client'
import { LineBandChart } from '@renderer/components/Charts'
import { FormModal } from '@renderer/components/FormModal'
import { useForm } from '@renderer/useForm'
import { useSubmit } from '@renderer/useSubmit'
import { Judgement } from './inspectionForm'

interface ReadingValues {
  roomId: number
  readOn: Dayjs
  temperature: number
  humidity: number
}

export const roomOptions = (rooms: LocationNode[]) =>
  rooms.map((room) => ({ value: room.id, label: `${room.path} ${room.name}` }))

const MEASURES = [
  { key: 'temperature', unit: '℃', min: 'temperatureMin', max: 'temperatureMax' },
  { key: 'humidity', unit: '%', min: 'humidityMin', max: 'humidityMax' }
] as const

/** Temperature and humidity over the period, against the allowed band, the days out of it marked. */
export function EnvironmentCharts({ band, readings }: { band: EnvironmentBand; readings: EnvironmentReading[] }) {
  const { t } = useTranslation()
  return (
    <Row gutter={16} style={{ marginBottom: 16 }}>
      {MEASURES.map((measure) => (
        <Col span={12} key={measure.key}>
          <Card size="small" title={t(`environment.${measure.key}`)}>
            <LineBandChart
              title={t(`environment.${measure.key}`)}
              unit={measure.unit}
              band={{ min: band[measure.min], max: band[measure.max] }}
              points={readings.map((reading) => ({
                x: reading.readOn,
                y: reading[measure.key],
                flagged: reading.judgements[measure.key].value === 'out_of_range'
              }))}
            />
          </Card>
        </Col>
      ))}
    </Row>
  )
}

export function readingColumns(t: TFunction): TableProps<EnvironmentReading>['columns'] {
  return [
    { title: t('environment.readOn'), dataIndex: 'readOn', sorter: (a, b) => a.readOn.localeCompare(b.readOn) },
    { title: t('environment.room'), dataIndex: 'roomPath' },
    {
      title: t('environment.temperature'),
      key: 'temperature',
      render: (_v, row) => <Judgement judgement={row.judgements.temperature} unit="℃" />
    },
    {
      title: t('environment.humidity'),
      key: 'humidity',
      render: (_v, row) => <Judgement judgement={row.judgements.humidity} unit="%" />
    },
    {
      title: t('environment.state'),
      dataIndex: 'outOfRange',
      filters: [
        { text: t('environment.outOfRange'), value: true },
        { text: t('environment.inRange'), value: false }
      ],
      onFilter: (value, row) => row.outOfRange === value,
      render: (outOfRange: boolean) => (
        <Tag color={outOfRange ? 'red' : 'green'}>
          {t(outOfRange ? 'environment.outOfRange' : 'environment.inRange')}
        </Tag>
      )
    },
    {
      title: t('environment.source'),
      dataIndex: 'source',
      render: (source: string) => t(`environment.sources.${source}`)
    },
    { title: t('environment.recordedBy'), dataIndex: 'recordedBy' }
  ]
}

/** R-KEEP-3: one day's reading for a room, with the band it is judged against. */
export function ReadingModal({
  open,
  rooms,
  roomId,
  band,
  onClose,
  onRecorded
}: {
  open: boolean
  rooms: LocationNode[]
  roomId: number | undefined
  band: EnvironmentBand | undefined
  onClose(): void
  onRecorded(): void
}) {
  const { t } = useTranslation()
  const [form] = useForm<ReadingValues>()
  const { submit, busy } = useSubmit()

  const record = (values: ReadingValues) =>
    submit(
      () =>
        call('environment.record', {
          roomId: values.roomId,
          readOn: values.readOn.format('YYYY-MM-DD'),
          temperature: values.temperature,
          humidity: values.humidity
        }),
      { success: 'environment.recorded', close: onClose, onDone: onRecorded, form }
    )

  return (
    <FormModal
      open={open}
      title={t('environment.record')}
      values={{ roomId: roomId ?? rooms[0]?.id, readOn: dayjs() }}
      form={form}
      busy={busy}
      onClose={onClose}
      name="environment-reading"
      onFinish={record}
    >
      <Form.Item name="roomId" label={t('environment.room')} required>
        <Select options={roomOptions(rooms)} />
      </Form.Item>
      <Form.Item name="readOn" label={t('environment.readOn')} required>
        <DatePicker disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Space>
        <Form.Item name="temperature" label={t('environment.temperature')} required>
          <InputNumber step={0.1} precision={1} />
        </Form.Item>
        <Form.Item name="humidity" label={t('environment.humidity')} required>
          <InputNumber step={1} precision={1} />
        </Form.Item>
      </Space>
      {band && (
        <Typography.Paragraph type="secondary">
          {t('environment.band', { min: band.temperatureMin, max: band.temperatureMax })} ℃ ·{' '}
          {t('environment.band', { min: band.humidityMin, max: band.humidityMax })} %
        </Typography.Paragraph>
      )}
    </FormModal>
  )
}
