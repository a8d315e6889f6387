import { Button, Form, Select, Table } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Item, ItemLinkRow } from '@preload/contract'
import { LINK_KINDS } from '@preload/vocabulary'
import { call } from '@renderer/api/client'
import { useForm, useRequired } from '@renderer/useForm'
import type { SubmitOptions } from '@renderer/useSubmit'

type LinkKind = (typeof LINK_KINDS)[number]
type LinkValues = { kind: LinkKind; role: 'from' | 'to'; otherId: number }
type Act = (work: () => Promise<unknown>, done: string, options?: SubmitOptions<unknown>) => Promise<boolean>

/** The records this one is linked with (main document and attachment, reply, …), and linking or unlinking one. */
export function ItemLinks({ item, canWrite, act }: { item: Item; canWrite: boolean; act: Act }) {
  const { t } = useTranslation()
  const [form, formProps] = useForm<LinkValues>()
  const required = useRequired()
  const [candidates, setCandidates] = useState<{ value: number; label: string }[]>([])

  const findItems = async (search: string) => {
    try {
      const page = await call('items.list', { search: search.trim() || undefined, sortBy: 'registered', pageSize: 20 })
      setCandidates(
        page.rows
          .filter((row) => row.id !== item.id)
          .map((row) => ({ value: row.id, label: `${row.archivalCode ?? '—'} ${row.title}` }))
      )
    } catch {
      setCandidates([])
    }
  }

  const link = ({ kind, role, otherId }: LinkValues) =>
    act(
      () =>
        call(
          'items.link',
          role === 'from' ? { kind, fromId: item.id, toId: otherId } : { kind, fromId: otherId, toId: item.id }
        ),
      'items.linked',
      { form }
    ).then((linked) => linked && form.resetFields())

  const unlink = (row: ItemLinkRow) =>
    act(() => call('items.unlink', { kind: row.kind, fromId: row.fromId, toId: row.toId }), 'items.unlinked')

  return (
    <>
      <Table<ItemLinkRow>
        style={{ marginTop: 16 }}
        size="small"
        pagination={false}
        title={() => t('items.links')}
        rowKey={(row) => `${row.kind}-${row.fromId}-${row.toId}`}
        dataSource={item.links}
        locale={{ emptyText: t('items.noLinks') }}
        columns={[
          {
            title: t('items.linkKind'),
            key: 'kind',
            render: (_v, row) => t(`linkKinds.${row.kind}.${row.fromId === item.id ? 'from' : 'to'}`)
          },
          { title: t('items.fields.title'), dataIndex: 'otherTitle' },
          ...(canWrite
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_v: unknown, row: ItemLinkRow) => (
                    <Button type="link" size="small" onClick={() => unlink(row)}>
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
          {...formProps}
          layout="inline"
          style={{ marginTop: 12 }}
          onFinish={link}
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
          <Form.Item name="otherId" rules={required}>
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
    </>
  )
}
