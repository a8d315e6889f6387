import { Button, InputNumber, Select, Space, Table, type TableProps } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Volume, VolumeItem } from '@preload/contract'
import { call } from '@renderer/api/client'
import { useConfirmIrreversible } from '@renderer/components/ConfirmIrreversible'

type Act = (work: () => Promise<unknown>, done: string) => Promise<boolean>

/** Adding a catalogued item of the volume's year, and closing the volume. */
export function VolumeAddBar({ volume, act }: { volume: Volume; act: Act }) {
  const { t } = useTranslation()
  const [candidates, setCandidates] = useState<{ value: number; label: string }[]>([])
  const [adding, setAdding] = useState<number | null>(null)
  const confirmation = useConfirmIrreversible()

  const findItems = async (search: string) => {
    try {
      const page = await call('items.list', {
        search: search.trim() || undefined,
        status: ['catalogued'],
        year: [volume.year],
        sortBy: 'registered',
        pageSize: 30
      })
      setCandidates(page.rows.map((row) => ({ value: row.id, label: `${row.archivalCode} ${row.title}` })))
    } catch {
      setCandidates([])
    }
  }

  const add = (itemId: number) =>
    act(() => call('volumes.addItem', { volumeId: volume.id, itemId }), 'volumes.itemAdded').then(() => setAdding(null))

  return (
    <>
      <Space style={{ margin: '16px 0' }}>
        <Select
          style={{ width: 520 }}
          showSearch
          filterOption={false}
          placeholder={t('volumes.chooseItem')}
          onSearch={findItems}
          onFocus={() => findItems('')}
          options={candidates}
          value={adding}
          onChange={(value: number) => setAdding(value)}
          aria-label={t('volumes.chooseItem')}
        />
        <Button type="primary" disabled={adding === null} onClick={() => adding !== null && add(adding)}>
          {t('volumes.addItem')}
        </Button>
        <Button
          onClick={() =>
            confirmation.ask({
              title: t('irreversible.closeVolume.title', { title: volume.title }),
              consequence: t('irreversible.closeVolume.consequence'),
              action: t('irreversible.closeVolume.action'),
              run: () => act(() => call('volumes.close', { id: volume.id, version: volume.version }), 'volumes.closed')
            })
          }
        >
          {t('volumes.close')}
        </Button>
      </Space>
      {confirmation.dialog}
    </>
  )
}

/** The volume's items in their order (R-VOL order reasons), with a manual position and removal while it is open. */
export function VolumeItemsTable({
  volume,
  items,
  editable,
  act
}: {
  volume: Volume
  items: VolumeItem[]
  editable: boolean
  act: Act
}) {
  const { t } = useTranslation()
  const volumeId = volume.id
  const setPosition = (row: VolumeItem, value: number | null) =>
    act(() => call('volumes.setPosition', { volumeId, itemId: row.id, position: value }), 'volumes.reordered')

  const editing: TableProps<VolumeItem>['columns'] = [
    {
      title: t('volumes.position'),
      key: 'position',
      render: (_v, row) => (
        <InputNumber
          key={`${row.id}-${row.manualPosition ?? 'auto'}-${volume.version}`}
          size="small"
          min={1}
          max={items.length}
          precision={0}
          placeholder={t('volumes.auto')}
          defaultValue={row.manualPosition ?? undefined}
          onBlur={(event) => {
            const value = event.target.value === '' ? null : Number(event.target.value)
            if (value !== row.manualPosition) void setPosition(row, value)
          }}
        />
      )
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_v, row) => (
        <Button
          type="link"
          size="small"
          onClick={() => act(() => call('volumes.removeItem', { volumeId, itemId: row.id }), 'volumes.itemRemoved')}
        >
          {t('volumes.removeItem')}
        </Button>
      )
    }
  ]

  return (
    <Table<VolumeItem>
      style={{ marginTop: 16 }}
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={items}
      locale={{ emptyText: editable ? t('volumes.noItems') : t('volumes.noItemsReadOnly') }}
      columns={[
        { title: t('volumes.sequence'), dataIndex: 'position', width: 60 },
        { title: t('items.fields.archivalCode'), dataIndex: 'archivalCode' },
        { title: t('items.fields.documentNumber'), dataIndex: 'documentNumber' },
        { title: t('items.fields.responsibleParty'), dataIndex: 'responsibleParty' },
        { title: t('items.fields.title'), dataIndex: 'title' },
        { title: t('items.fields.dateFormed'), dataIndex: 'dateFormed' },
        { title: t('volumes.pages'), key: 'pages', render: (_v, row) => `${row.startPage}–${row.endPage}` },
        {
          title: t('volumes.orderReason'),
          key: 'reason',
          render: (_v, row) => (row.orderReason.reason ? t(row.orderReason.reason, row.orderReason.params) : '')
        },
        ...(editable ? editing : [])
      ]}
    />
  )
}
