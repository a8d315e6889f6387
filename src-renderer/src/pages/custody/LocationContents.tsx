import { Descriptions, Progress, Tag } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { LocationContent, LocationNode } from '@preload/contract'
import { call } from '@renderer/api/client'
import { useSubmit } from '@renderer/useSubmit'
import { ListTable } from '@renderer/components/ListTable'

/** R-KEEP-1: how full a place is and what it holds, with what is away shown where it is now. */
export function LocationContents({ location }: { location: LocationNode }) {
  const { t } = useTranslation()
  const { fail } = useSubmit()
  const [contents, setContents] = useState<LocationContent[]>([])

  useEffect(() => {
    call('locations.contents', { id: location.id }).then(setContents).catch(fail)
  }, [location, fail])

  return (
    <>
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={t('storage.name')}>{location.name}</Descriptions.Item>
        <Descriptions.Item label={t('storage.capacity')}>
          {location.capacity === null ? (
            t('storage.unlimited')
          ) : (
            <Progress
              percent={Math.round((location.occupied / location.capacity) * 100)}
              format={() => `${location.occupied} / ${location.capacity}`}
              size="small"
            />
          )}
        </Descriptions.Item>
      </Descriptions>
      <ListTable<LocationContent>
        style={{ marginTop: 16 }}
        size="small"
        rowKey={(row) => `${row.subject}-${row.id}`}
        dataSource={contents}
        pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }) }}
        empty={t('storage.nothingHere')}
        columns={[
          {
            title: t('storage.subject'),
            dataIndex: 'subject',
            render: (value: string) => t(`storage.subjects.${value}`)
          },
          {
            title: t('items.fields.archivalCode'),
            dataIndex: 'archivalCode',
            sorter: (a, b) => (a.archivalCode ?? '').localeCompare(b.archivalCode ?? '')
          },
          { title: t('items.fields.title'), dataIndex: 'title' },
          { title: t('storage.home'), dataIndex: 'homePath' },
          {
            title: t('storage.current'),
            key: 'current',
            render: (_v, row) =>
              row.away ? <Tag color="orange">{row.currentPath ?? t('storage.unknown')}</Tag> : row.currentPath
          }
        ]}
      />
    </>
  )
}
