import { Select, Space } from 'antd'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChannelInput, Volume } from '@preload/contract'
import { call } from '../api/client'
import { ExportButton } from '../components/ExportButton'
import { useLabelPrinting } from '../components/LabelPrintDialog'
import { NewButton, SearchBox, Toolbar } from '../components/Toolbar'
import { useFilingSettings } from '../useFilingSettings'
import { usePagedQuery } from '../useRemote'
import { NewVolumeModal } from './volumes/NewVolumeModal'
import { VolumeDetail } from './volumes/VolumeDetail'
import { volumeColumns, volumeExportColumns } from './volumes/volumeColumns'
import { optionsOf } from '../labels'
import { ListTable } from '../components/ListTable'

export function VolumesTab({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation()
  const settings = useFilingSettings()
  const [creating, setCreating] = useState(false)
  const [viewing, setViewing] = useState<number | null>(null)
  const closeDetail = useCallback(() => setViewing(null), [])
  const labels = useLabelPrinting<Volume>('volumes', () => true)

  const {
    query,
    filter,
    tableProps,
    reload: load
  } = usePagedQuery((q: ChannelInput<'volumes.list'>) => call('volumes.list', q), {})

  const created = (volume: Volume) => {
    setViewing(volume.id)
    void load()
  }

  return (
    <>
      <Toolbar>
        <Space>
          <SearchBox
            width={300}
            placeholder={t('volumes.searchPlaceholder')}
            onSearch={(search) => filter({ search })}
          />
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('volumes.status')}
            options={optionsOf(t, ['open', 'closed'], 'volumes.statuses')}
            onChange={(status?: 'open' | 'closed') => filter({ status })}
          />
        </Space>
        <Space>
          <ExportButton
            request={{ view: 'volumes', query: { ...query, page: 1 }, columns: volumeExportColumns(t, settings) }}
          />
          {labels.labelButton}
          {canWrite && <NewButton label={t('volumes.new')} onClick={() => setCreating(true)} />}
        </Space>
      </Toolbar>
      <ListTable<Volume>
        rowSelection={labels.rowSelection}
        {...tableProps}
        empty={canWrite ? t('volumes.empty') : t('volumes.emptyReadOnly')}
        columns={volumeColumns(t, settings, setViewing)}
      />
      {labels.labelDialog}
      <NewVolumeModal open={creating} settings={settings} onClose={() => setCreating(false)} onCreated={created} />
      {viewing !== null && (
        <VolumeDetail volumeId={viewing} canWrite={canWrite} onClose={closeDetail} onChanged={load} />
      )}
    </>
  )
}
