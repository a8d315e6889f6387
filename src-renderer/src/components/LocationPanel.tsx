import { Button, Checkbox, Descriptions, Form, Input, Space, Table, Tag, TreeSelect, Typography } from 'antd'
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import type { LocationMove, LocationNode, LocationSubject } from '@preload/contract'
import { call } from '../api/client'
import { formatDateTime } from '../errors'
import { useForm } from '../useForm'
import { useRemote } from '../useRemote'
import { useSubmit } from '../useSubmit'

interface LocationPanelProps {
  subject: LocationSubject
  id: number
  homePath: string | null
  currentPath: string | null
  canWrite: boolean
  onChanged(): void
}

interface TreeOption {
  value: number
  title: string
  children: TreeOption[]
}

export function locationOptions(nodes: LocationNode[], parentId: number | null = null): TreeOption[] {
  return nodes
    .filter((node) => node.parentId === parentId)
    .map((node) => ({ value: node.id, title: `${node.path} ${node.name}`, children: locationOptions(nodes, node.id) }))
}

/** R-KEEP-1: where a volume or loose item lives, where it is now, and every move with who and when. */
export function LocationPanel({ subject, id, homePath, currentPath, canWrite, onChanged }: LocationPanelProps) {
  const { t } = useTranslation()
  const [form, formProps] = useForm<{ locationId: number; home: boolean; note: string }>()

  const { submit } = useSubmit()
  const { data, reload } = useRemote(
    useCallback(async () => {
      const [tree, history] = await Promise.all([
        call('locations.tree', {}),
        call('locations.history', { subject, id })
      ])
      return { tree, history }
    }, [subject, id])
  )
  const nodes = data?.tree ?? []

  const act = (work: () => Promise<unknown>) =>
    submit(work, {
      success: 'storage.moved',
      form,
      onDone: () => {
        form.resetFields()
        onChanged()
        return reload()
      }
    })

  const away = homePath !== null && currentPath !== homePath

  return (
    <div style={{ marginTop: 24 }}>
      <Typography.Title level={5}>{t('storage.location')}</Typography.Title>
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={t('storage.home')}>{homePath ?? t('storage.notShelved')}</Descriptions.Item>
        <Descriptions.Item label={t('storage.current')}>
          {away ? <Tag color="orange">{currentPath ?? t('storage.unknown')}</Tag> : (currentPath ?? '—')}
        </Descriptions.Item>
      </Descriptions>
      {canWrite && (
        <Form
          name={`place-${subject}`}
          {...formProps}
          layout="inline"
          style={{ marginTop: 12 }}
          initialValues={{ home: homePath === null, note: '' }}
          onFinish={({ locationId, home, note }) =>
            act(() => call('locations.place', { subject, id, locationId, home, note: note ?? '' }))
          }
        >
          <Form.Item name="locationId" rules={[{ required: true, message: t('validation.required') }]}>
            <TreeSelect
              style={{ width: 280 }}
              treeData={locationOptions(nodes)}
              treeDefaultExpandAll
              placeholder={t('storage.chooseLocation')}
              aria-label={t('storage.chooseLocation')}
            />
          </Form.Item>
          <Form.Item name="home" valuePropName="checked">
            <Checkbox>{t('storage.setHome')}</Checkbox>
          </Form.Item>
          <Form.Item name="note">
            <Input placeholder={t('storage.note')} style={{ width: 160 }} />
          </Form.Item>
          <Space>
            <Button htmlType="submit">{t('storage.move')}</Button>
            {away && (
              <Button onClick={() => act(() => call('locations.returnHome', { subject, id, note: '' }))}>
                {t('storage.returnHome')}
              </Button>
            )}
          </Space>
        </Form>
      )}
      <Table<LocationMove>
        style={{ marginTop: 12 }}
        size="small"
        rowKey={(row, index) => `${row.at}-${index}`}
        dataSource={data?.history ?? []}
        pagination={{ pageSize: 5 }}
        locale={{ emptyText: t('storage.noMoves') }}
        columns={[
          { title: t('history.at'), dataIndex: 'at', render: (value: string) => formatDateTime(value) },
          { title: t('history.user'), dataIndex: 'username' },
          { title: t('storage.from'), dataIndex: 'fromPath', render: (value: string | null) => value ?? '—' },
          { title: t('storage.to'), dataIndex: 'toPath', render: (value: string | null) => value ?? '—' },
          {
            title: t('storage.setHome'),
            dataIndex: 'home',
            render: (value: boolean) => (value ? t('common.yes') : t('common.no'))
          },
          { title: t('storage.note'), dataIndex: 'note' }
        ]}
      />
    </div>
  )
}
