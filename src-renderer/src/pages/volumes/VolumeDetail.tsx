import { PrinterOutlined } from '@ant-design/icons'
import { Button, Descriptions, Drawer, Space, Spin, Tag } from 'antd'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '@renderer/api/client'
import { LocationPanel } from '@renderer/components/LocationPanel'
import { OpenIncidents } from '@renderer/components/OpenIncidents'
import { PrintPreview } from '@renderer/components/PrintPreview'
import { useRemote } from '@renderer/useRemote'
import { useSubmit, type SubmitOptions } from '@renderer/useSubmit'
import { VolumeAddBar, VolumeItemsTable } from './VolumeItems'
import { VolumeNoteForm } from './VolumeNoteForm'

type Document = 'catalogue' | 'note' | 'cover' | 'spine'
const DOCUMENTS: Document[] = ['catalogue', 'note', 'cover', 'spine']

export function VolumeDetail({
  volumeId,
  canWrite,
  onClose,
  onChanged
}: {
  volumeId: number
  canWrite: boolean
  onClose(): void
  onChanged(): void
}) {
  const { t } = useTranslation()
  const { submit } = useSubmit()
  const [preview, setPreview] = useState<{ html: string; title: string } | null>(null)

  const { data: state, reload: load } = useRemote(
    useCallback(() => call('volumes.get', { id: volumeId }), [volumeId]),
    onClose
  )

  /** A change to the volume: says it worked, then shows the volume and the list as they now are. */
  const act = (work: () => Promise<unknown>, done: string, options: SubmitOptions<unknown> = {}) =>
    submit(work, {
      ...options,
      success: done,
      onDone: async () => {
        await load()
        onChanged()
      }
    })

  const print = (document: Document) =>
    submit(() => call('print.volume', { id: volumeId, document }), {
      onDone: ({ html }) => setPreview({ html, title: t(`print.documents.${document}`) })
    })

  if (!state) {
    return (
      <Drawer open width={980} onClose={onClose}>
        <Spin />
      </Drawer>
    )
  }
  const { volume, items } = state
  const open = volume.status === 'open'
  const editable = canWrite && open

  return (
    <Drawer
      open
      width={1040}
      rootClassName="volume-detail"
      title={`${volume.archivalCode} ${volume.title}`}
      onClose={onClose}
      extra={
        <Space>
          {DOCUMENTS.map((document) => (
            <Button key={document} icon={<PrinterOutlined />} onClick={() => print(document)}>
              {t(`print.documents.${document}`)}
            </Button>
          ))}
        </Space>
      }
    >
      <OpenIncidents subject="volume" id={volume.id} />
      <Descriptions size="small" column={4} bordered>
        <Descriptions.Item label={t('items.fields.year')}>{volume.year}</Descriptions.Item>
        <Descriptions.Item label={t('items.fields.classification')}>
          {t(`classifications.${volume.classification}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('volumes.itemCount')}>{volume.itemCount}</Descriptions.Item>
        <Descriptions.Item label={t('volumes.pageCount')}>{volume.pageCount}</Descriptions.Item>
        <Descriptions.Item label={t('volumes.status')}>
          <Tag color={open ? 'blue' : 'green'}>{t(`volumes.statuses.${volume.status}`)}</Tag>
        </Descriptions.Item>
      </Descriptions>
      {editable && <VolumeAddBar volume={volume} act={act} />}
      <VolumeItemsTable volume={volume} items={items} editable={editable} act={act} />
      <VolumeNoteForm volume={volume} canWrite={canWrite} act={act} />
      <LocationPanel
        subject="volume"
        id={volume.id}
        homePath={volume.homePath}
        currentPath={volume.currentPath}
        canWrite={canWrite}
        onChanged={() => void load().then(onChanged)}
      />
      {preview && <PrintPreview html={preview.html} title={preview.title} onClose={() => setPreview(null)} />}
    </Drawer>
  )
}
