import { Alert, App, Button, Descriptions, Drawer, Form, Select, Space, Spin, Table, Tag } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  LINK_KINDS,
  type FilingSettings,
  type Item,
  type ItemLinkRow,
  type RecordDisposal
} from '../../../src-preload/contract'
import { call } from '../api/client'
import { LocationPanel } from '../components/LocationPanel'
import { OpenIncidents } from '../components/OpenIncidents'
import { describeError } from '../errors'
import { nameOfCode } from '../useFilingSettings'
import { ITEM_STATUS_COLORS } from '../tagColors'

interface ItemDetailProps {
  itemId: number
  canWrite: boolean
  settings: FilingSettings | null
  onClose(): void
  onChanged(): void
}

type LinkKind = (typeof LINK_KINDS)[number]

export function ItemDetail({ itemId, canWrite, settings, onClose, onChanged }: ItemDetailProps) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [item, setItem] = useState<Item | null>(null)
  const [disposal, setDisposal] = useState<RecordDisposal | null>(null)
  const [candidates, setCandidates] = useState<{ value: number; label: string }[]>([])
  const [form] = Form.useForm<{ kind: LinkKind; role: 'from' | 'to'; otherId: number }>()

  const load = useCallback(async () => {
    try {
      setItem(await call('items.get', { id: itemId }))
      setDisposal(await call('disposal.record', { subject: 'item', id: itemId }))
    } catch (error) {
      void message.error(describeError(t, error))
      onClose()
    }
  }, [itemId, message, onClose, t])

  useEffect(() => {
    void load()
  }, [load])

  const findItems = async (search: string) => {
    try {
      const page = await call('items.list', { search: search.trim() || undefined, pageSize: 20 })
      setCandidates(
        page.rows
          .filter((row) => row.id !== itemId)
          .map((row) => ({ value: row.id, label: `${row.archivalCode ?? '—'} ${row.title}` }))
      )
    } catch {
      setCandidates([])
    }
  }

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work()
      setItem(await call('items.get', { id: itemId }))
      void message.success(t(done))
      onChanged()
    } catch (error) {
      void message.error(describeError(t, error))
    }
  }

  const addLink = ({ kind, role, otherId }: { kind: LinkKind; role: 'from' | 'to'; otherId: number }) =>
    act(
      () =>
        call(
          'items.link',
          role === 'from' ? { kind, fromId: itemId, toId: otherId } : { kind, fromId: otherId, toId: itemId }
        ),
      'items.linked'
    ).then(() => form.resetFields())

  const removeLink = (link: ItemLinkRow) =>
    act(() => call('items.unlink', { kind: link.kind, fromId: link.fromId, toId: link.toId }), 'items.unlinked')

  return (
    <Drawer open width={860} rootClassName="item-detail" title={item?.title ?? ''} onClose={onClose}>
      {!item ? (
        <Spin />
      ) : (
        <>
          <OpenIncidents subject="item" id={item.id} />
          <Space style={{ marginBottom: 16 }}>
            <Tag color={ITEM_STATUS_COLORS[item.status]}>{t(`itemStatuses.${item.status}`)}</Tag>
            {item.custody !== 'in_store' && (
              <Tag color={item.custody === 'destroyed' ? 'red' : 'orange'}>{t(`custody.${item.custody}`)}</Tag>
            )}
            {disposal?.register && (
              <Tag color="red">
                {t('disposal.destroyedNotice', {
                  date: disposal.register.destroyedOn,
                  register: String(disposal.register.registerId).padStart(4, '0'),
                  line: disposal.register.lineNo
                })}
              </Tag>
            )}
            {item.archivalCode && disposal && !disposal.register && (
              <Tag>
                {disposal.expiresOn ? t('disposal.expiry', { date: disposal.expiresOn }) : t('disposal.permanent')}
              </Tag>
            )}
            {disposal?.holds.map((name) => (
              <Tag key={name} color="purple">
                {t('disposal.holdTag', { name })}
              </Tag>
            ))}
            {canWrite && item.status === 'received' && (
              <Button
                type="primary"
                onClick={() => act(() => call('items.catalogue', { id: item.id }), 'items.catalogued')}
              >
                {t('items.catalogue')}
              </Button>
            )}
          </Space>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('common.withRule', {
              text: `${t('items.filingYear', { year: item.year })} — ${t(item.yearReason.reason, item.yearReason.params)}`,
              rule: item.yearReason.ruleId
            })}
          />
          <Descriptions bordered size="small" column={2}>
            <Descriptions.Item label={t('items.fields.archivalCode')}>{item.archivalCode ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('items.volume')}>{item.volumeCode ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('items.fields.responsibleParty')}>{item.responsibleParty}</Descriptions.Item>
            <Descriptions.Item label={t('items.fields.documentNumber')}>{item.documentNumber || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('items.fields.dateFormed')}>{item.dateFormed}</Descriptions.Item>
            <Descriptions.Item label={t('items.fields.pageCount')}>{item.pageCount}</Descriptions.Item>
            <Descriptions.Item label={t('items.fields.categoryCode')}>
              {nameOfCode(settings?.categories, item.categoryCode)}
            </Descriptions.Item>
            <Descriptions.Item label={t('items.fields.retentionCode')}>
              {nameOfCode(settings?.retentionPeriods, item.retentionCode)}
            </Descriptions.Item>
            <Descriptions.Item label={t('items.fields.classification')}>
              {t(`classifications.${item.classification}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('items.fields.openStatus')}>
              {t(`openStatuses.${item.openStatus}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('items.fields.documentKind')}>
              {t(`documentKinds.${item.documentKind}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('items.pages')}>
              {item.startPage ? `${item.startPage}–${item.endPage}` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('items.fields.customerId')}>{item.customerName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('items.fields.customerDocType')}>
              {item.customerDocType ? t(`customerDocTypes.${item.customerDocType}`) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('items.fields.sealedOriginal')}>
              {item.sealedOriginal ? t('common.yes') : t('common.no')}
            </Descriptions.Item>
            <Descriptions.Item label={t('items.fields.departmentCopyNote')}>
              {item.departmentCopyNote || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('items.fields.remarks')} span={2}>
              {item.remarks || '—'}
            </Descriptions.Item>
          </Descriptions>
          <Table<ItemLinkRow>
            style={{ marginTop: 16 }}
            size="small"
            pagination={false}
            title={() => t('items.links')}
            rowKey={(link) => `${link.kind}-${link.fromId}-${link.toId}`}
            dataSource={item.links}
            locale={{ emptyText: t('items.noLinks') }}
            columns={[
              {
                title: t('items.linkKind'),
                key: 'kind',
                render: (_v, link) => t(`linkKinds.${link.kind}.${link.fromId === item.id ? 'from' : 'to'}`)
              },
              { title: t('items.fields.title'), dataIndex: 'otherTitle' },
              ...(canWrite
                ? [
                    {
                      title: t('common.actions'),
                      key: 'actions',
                      render: (_v: unknown, link: ItemLinkRow) => (
                        <Button type="link" size="small" onClick={() => removeLink(link)}>
                          {t('items.unlink')}
                        </Button>
                      )
                    }
                  ]
                : [])
            ]}
          />
          {canWrite && (
            <Form
              name="item-link"
              form={form}
              layout="inline"
              style={{ marginTop: 12 }}
              onFinish={addLink}
              initialValues={{ kind: 'main_attachment', role: 'from' }}
            >
              <Form.Item name="kind" label={t('items.linkKind')}>
                <Select
                  style={{ width: 150 }}
                  showSearch
                  optionFilterProp="label"
                  options={LINK_KINDS.map((value) => ({ value, label: t(`linkKinds.${value}.name`) }))}
                />
              </Form.Item>
              <Form.Item name="role">
                <Select
                  style={{ width: 170 }}
                  aria-label={t('items.linkRole')}
                  showSearch
                  optionFilterProp="label"
                  options={[
                    { value: 'from', label: t('items.thisIsFrom') },
                    { value: 'to', label: t('items.thisIsTo') }
                  ]}
                />
              </Form.Item>
              <Form.Item name="otherId" rules={[{ required: true, message: t('validation.required') }]}>
                <Select
                  style={{ width: 260 }}
                  showSearch
                  filterOption={false}
                  onSearch={findItems}
                  onFocus={() => findItems('')}
                  options={candidates}
                  placeholder={t('items.otherItem')}
                />
              </Form.Item>
              <Button htmlType="submit">{t('items.link')}</Button>
            </Form>
          )}
          {item.volumeId === null && (
            <LocationPanel
              subject="item"
              id={item.id}
              homePath={item.homePath}
              currentPath={item.currentPath}
              canWrite={canWrite}
              onChanged={() => void load().then(onChanged)}
            />
          )}
        </>
      )}
    </Drawer>
  )
}
