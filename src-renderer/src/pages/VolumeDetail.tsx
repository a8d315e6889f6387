import { PrinterOutlined } from '@ant-design/icons'
import {
  App,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Spin,
  Table,
  Tag
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Volume, VolumeItem } from '../../../src-preload/contract'
import { call } from '../api/client'
import { LocationPanel } from '../components/LocationPanel'
import { OpenIncidents } from '../components/OpenIncidents'
import { PrintPreview } from '../components/PrintPreview'
import { describeError } from '../errors'

type Document = 'catalogue' | 'note' | 'cover' | 'spine'
const DOCUMENTS: Document[] = ['catalogue', 'note', 'cover', 'spine']

interface NoteValues {
  notes: string
  compiledBy: string
  compiledOn?: Dayjs | null
  checkedBy: string
  checkedOn?: Dayjs | null
}

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
  const { message } = App.useApp()
  const [state, setState] = useState<{ volume: Volume; items: VolumeItem[] } | null>(null)
  const [candidates, setCandidates] = useState<{ value: number; label: string }[]>([])
  const [adding, setAdding] = useState<number | null>(null)
  const [preview, setPreview] = useState<{ html: string; title: string } | null>(null)
  const [noteForm] = Form.useForm<NoteValues>()

  const load = useCallback(async () => {
    try {
      const next = await call('volumes.get', { id: volumeId })
      setState(next)
      const { volume } = next
      noteForm.setFieldsValue({
        ...volume,
        compiledOn: volume.compiledOn ? dayjs(volume.compiledOn) : null,
        checkedOn: volume.checkedOn ? dayjs(volume.checkedOn) : null
      })
    } catch (error) {
      void message.error(describeError(t, error))
      onClose()
    }
  }, [volumeId, message, noteForm, onClose, t])

  useEffect(() => {
    void load()
  }, [load])

  const findItems = async (search: string) => {
    if (!state) return
    try {
      const page = await call('items.list', {
        search: search.trim() || undefined,
        status: ['catalogued'],
        year: [state.volume.year],
        pageSize: 30
      })
      setCandidates(page.rows.map((row) => ({ value: row.id, label: `${row.archivalCode} ${row.title}` })))
    } catch {
      setCandidates([])
    }
  }

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work()
      void message.success(t(done))
      await load()
      onChanged()
    } catch (error) {
      void message.error(describeError(t, error))
    }
  }

  const print = async (document: Document) => {
    try {
      const { html } = await call('print.volume', { id: volumeId, document })
      setPreview({ html, title: t(`print.documents.${document}`) })
    } catch (error) {
      void message.error(describeError(t, error))
    }
  }

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

  const saveNote = (values: NoteValues) =>
    act(
      () =>
        call('volumes.updateNote', {
          id: volume.id,
          version: volume.version,
          notes: values.notes ?? '',
          compiledBy: values.compiledBy ?? '',
          compiledOn: values.compiledOn ? values.compiledOn.format('YYYY-MM-DD') : '',
          checkedBy: values.checkedBy ?? '',
          checkedOn: values.checkedOn ? values.checkedOn.format('YYYY-MM-DD') : ''
        }),
      'common.saved'
    )

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
      {editable && (
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
          <Button
            type="primary"
            disabled={adding === null}
            onClick={() =>
              adding !== null &&
              act(() => call('volumes.addItem', { volumeId, itemId: adding }), 'volumes.itemAdded').then(() =>
                setAdding(null)
              )
            }
          >
            {t('volumes.addItem')}
          </Button>
          <Popconfirm
            title={t('volumes.closeConfirm')}
            onConfirm={() =>
              act(() => call('volumes.close', { id: volume.id, version: volume.version }), 'volumes.closed')
            }
          >
            <Button>{t('volumes.close')}</Button>
          </Popconfirm>
        </Space>
      )}
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
          ...(editable
            ? [
                {
                  title: t('volumes.position'),
                  key: 'position',
                  render: (_v: unknown, row: VolumeItem) => (
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
                        if (value !== row.manualPosition)
                          void act(
                            () => call('volumes.setPosition', { volumeId, itemId: row.id, position: value }),
                            'volumes.reordered'
                          )
                      }}
                    />
                  )
                },
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_v: unknown, row: VolumeItem) => (
                    <Button
                      type="link"
                      size="small"
                      onClick={() =>
                        act(() => call('volumes.removeItem', { volumeId, itemId: row.id }), 'volumes.itemRemoved')
                      }
                    >
                      {t('volumes.removeItem')}
                    </Button>
                  )
                }
              ]
            : [])
        ]}
      />
      <Form
        name="volume-note"
        form={noteForm}
        layout="vertical"
        style={{ marginTop: 24 }}
        onFinish={saveNote}
        disabled={!canWrite}
      >
        <Form.Item name="notes" label={t('volumes.notes')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="compiledBy" label={t('volumes.compiledBy')}>
            <Input />
          </Form.Item>
          <Form.Item name="compiledOn" label={t('volumes.compiledOn')}>
            <DatePicker format="YYYY-MM-DD" />
          </Form.Item>
          <Form.Item name="checkedBy" label={t('volumes.checkedBy')}>
            <Input />
          </Form.Item>
          <Form.Item name="checkedOn" label={t('volumes.checkedOn')}>
            <DatePicker format="YYYY-MM-DD" />
          </Form.Item>
        </Space>
        {canWrite && <Button htmlType="submit">{t('volumes.saveNote')}</Button>}
      </Form>
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
