import { DatePicker, Empty, Select, Space, Tag } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { EnvironmentReading, LocationNode } from '@preload/contract'
import { call } from '../api/client'
import { NewButton, Toolbar } from '../components/Toolbar'
import { useRemote } from '../useRemote'
import { EnvironmentCharts, ReadingModal, readingColumns, roomOptions } from './custody/EnvironmentParts'
import { ListTable } from '../components/ListTable'

/** R-KEEP-3: daily temperature and humidity per room, the allowed band, and the days out of range. */
export function EnvironmentTab({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation()
  const [rooms, setRooms] = useState<LocationNode[]>([])
  const [roomId, setRoomId] = useState<number | undefined>(undefined)
  const [period, setPeriod] = useState<[Dayjs, Dayjs]>([dayjs().subtract(29, 'day'), dayjs()])
  const [recording, setRecording] = useState(false)

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

  if (rooms.length === 0) return <Empty description={t('environment.noRooms')} />
  const readings = data?.readings ?? []
  const band = data?.band
  return (
    <>
      <Toolbar>
        <Space>
          <Select
            allowClear
            style={{ width: 220 }}
            placeholder={t('environment.allRooms')}
            aria-label={t('environment.room')}
            value={roomId}
            onChange={setRoomId}
            options={roomOptions(rooms)}
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
        {canWrite && <NewButton label={t('environment.record')} onClick={() => setRecording(true)} />}
      </Toolbar>
      {band && readings.length > 0 && <EnvironmentCharts band={band} readings={readings} />}
      <ListTable<EnvironmentReading>
        size="small"
        loading={loading}
        dataSource={[...readings].reverse()}
        pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }) }}
        empty={t('environment.noReadings')}
        columns={readingColumns(t)}
      />
      <ReadingModal
        open={recording}
        rooms={rooms}
        roomId={roomId}
        band={band}
        onClose={() => setRecording(false)}
        onRecorded={() => void reload()}
      />
    </>
  )
}
