import { PlusOutlined } from '@ant-design/icons'
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { EnvironmentReading, LocationNode } from '../../../src-preload/contract'
import { call } from '../api/client'
import { LineBandChart } from '../components/Charts'
import { describeError, showFieldErrors } from '../errors'
import { useRemote } from '../useRemote'
import { Judgement } from './custody/inspectionForm'

interface ReadingValues {
  roomId: number
  readOn: Dayjs
  temperature: number
  humidity: number
}

/** R-KEEP-3: daily temperature and humidity per room, the allowed band, and the days out of range. */
export function EnvironmentTab({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [rooms, setRooms] = useState<LocationNode[]>([])
  const [roomId, setRoomId] = useState<number | undefined>(undefined)
  const [period, setPeriod] = useState<[Dayjs, Dayjs]>([dayjs().subtract(29, 'day'), dayjs()])
  const [recording, setRecording] = useState(false)
  const [form] = Form.useForm<ReadingValues>()

  useEffect(() => {
    call('locations.tree', {})
      .then((nodes) => setRooms(nodes.filter((node) => node.kind === 'room')))
      .catch(() => setRooms([]))
  }, [])

  const { data, loading, reload } = useRemote(
    useCallback(
      () =>
        call('environment.list', { roomId, from: period[0].format('YYYY-MM-DD'), to: period[1].format('YYYY-MM-DD') }),
      [roomId, period]
    )
  )

  const record = async (values: ReadingValues) => {
    try {
      await call('environment.record', {
        roomId: values.roomId,
        readOn: values.readOn.format('YYYY-MM-DD'),
        temperature: values.temperature,
        humidity: values.humidity
      })
      void message.success(t('environment.recorded'))
      setRecording(false)
      void reload()
    } catch (error) {
      showFieldErrors(form, t, error)
      void message.error(describeError(t, error))
    }
  }

  if (rooms.length === 0) return <Empty description={t('environment.noRooms')} />
  const readings = data?.readings ?? []
  const band = data?.band
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
        <Space>
          <Select
            allowClear
            style={{ width: 220 }}
            placeholder={t('environment.allRooms')}
            aria-label={t('environment.room')}
            value={roomId}
            onChange={setRoomId}
            options={rooms.map((room) => ({ value: room.id, label: `${room.path} ${room.name}` }))}
          />
          <DatePicker.RangePicker
            allowClear={false}
            value={period}
            aria-label={t('environment.period')}
            onChange={(value) => value?.[0] && value[1] && setPeriod([value[0], value[1]])}
          />
          {data && (
            <Tag color={data.daysOutOfRange > 0 ? 'red' : 'green'}>
              {t('environment.daysOutOfRange', { count: data.daysOutOfRange })}
            </Tag>
          )}
        </Space>
        {canWrite && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              form.resetFields()
              form.setFieldsValue({ roomId: roomId ?? rooms[0].id, readOn: dayjs() })
              setRecording(true)
            }}
          >
            {t('environment.record')}
          </Button>
        )}
      </Space>
      {band && readings.length > 0 && (
        <Row gutter={16} style={{ marginBottom: 16 }}>
          <Col span={12}>
            <Card size="small" title={t('environment.temperature')}>
              <LineBandChart
                title={t('environment.temperature')}
                unit="℃"
                band={{ min: band.temperatureMin, max: band.temperatureMax }}
                points={readings.map((r) => ({
                  x: r.readOn,
                  y: r.temperature,
                  flagged: r.judgements.temperature.value === 'out_of_range'
                }))}
              />
            </Card>
          </Col>
          <Col span={12}>
            <Card size="small" title={t('environment.humidity')}>
              <LineBandChart
                title={t('environment.humidity')}
                unit="%"
                band={{ min: band.humidityMin, max: band.humidityMax }}
                points={readings.map((r) => ({
                  x: r.readOn,
                  y: r.humidity,
                  flagged: r.judgements.humidity.value === 'out_of_range'
                }))}
              />
            </Card>
          </Col>
        </Row>
      )}
      <Table<EnvironmentReading>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={[...readings].reverse()}
        pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }) }}
        locale={{ emptyText: <Empty description={t('environment.noReadings')} /> }}
        columns={[
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
        ]}
      />
      <Modal
        open={recording}
        title={t('environment.record')}
        onCancel={() => setRecording(false)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        forceRender
      >
        <Form<ReadingValues> name="environment-reading" form={form} layout="vertical" onFinish={record}>
          <Form.Item name="roomId" label={t('environment.room')} required>
            <Select options={rooms.map((room) => ({ value: room.id, label: `${room.path} ${room.name}` }))} />
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
        </Form>
      </Modal>
    </>
  )
}
