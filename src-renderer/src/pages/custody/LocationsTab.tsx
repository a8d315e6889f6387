import { PlusOutlined } from '@ant-design/icons'
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Row,
  Table,
  Tag,
  Tree
} from 'antd'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { LocationContent, LocationKind, LocationNode, SessionInfo } from '../../../../src-preload/contract'
import { can } from '../../access'
import { call } from '../../api/client'
import { describeError, showFieldErrors } from '../../errors'

const CHILD_KIND: Record<LocationKind | 'top', LocationKind | null> = {
  top: 'room',
  room: 'rack',
  rack: 'shelf',
  shelf: 'box',
  box: null
}

interface TreeEntry {
  key: number
  title: string
  children: TreeEntry[]
}

function buildTree(nodes: LocationNode[], t: (key: string) => string): TreeEntry[] {
  const byParent = new Map<number | null, LocationNode[]>()
  for (const node of nodes) byParent.set(node.parentId, [...(byParent.get(node.parentId) ?? []), node])
  const build = (parentId: number | null): TreeEntry[] =>
    (byParent.get(parentId) ?? []).map((node) => ({
      key: node.id,
      title: `${t(`locationKinds.${node.kind}`)} ${node.code} ${node.name}`,
      children: build(node.id)
    }))
  return build(null)
}

/** R-KEEP-1: the rooms, racks, shelves and boxes, how full each is, and what each holds. */
export function LocationsTab({ session }: { session: SessionInfo }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const canWrite = can(session, 'locations.create')
  const [nodes, setNodes] = useState<LocationNode[]>([])
  const [selected, setSelected] = useState<LocationNode | null>(null)
  const [contents, setContents] = useState<LocationContent[]>([])
  const [adding, setAdding] = useState<{ parent: LocationNode | null; kind: LocationKind } | null>(null)
  const [form] = Form.useForm<{ code: string; name: string; capacity: number | null }>()

  const load = useCallback(async () => {
    try {
      const tree = await call('locations.tree', {})
      setNodes(tree)
      setSelected((current) => (current ? (tree.find((n) => n.id === current.id) ?? null) : null))
    } catch (error) {
      void message.error(describeError(t, error))
    }
  }, [message, t])

  useEffect(() => {
    void load()
  }, [load])

  useEffect(() => {
    if (!selected) return setContents([])
    call('locations.contents', { id: selected.id })
      .then(setContents)
      .catch((error) => void message.error(describeError(t, error)))
  }, [selected, message, t])

  const treeData = useMemo(() => buildTree(nodes, t), [nodes, t])

  const startAdding = (parent: LocationNode | null) => {
    const kind = CHILD_KIND[parent?.kind ?? 'top']
    if (!kind) return
    form.resetFields()
    setAdding({ parent, kind })
  }

  const create = async (values: { code: string; name: string; capacity: number | null }) => {
    if (!adding) return
    try {
      await call('locations.create', {
        parentId: adding.parent?.id ?? null,
        kind: adding.kind,
        code: values.code,
        name: values.name,
        capacity: values.capacity ?? null
      })
      void message.success(t('storage.created'))
      setAdding(null)
      void load()
    } catch (error) {
      showFieldErrors(form, t, error)
      void message.error(describeError(t, error))
    }
  }

  const childKind = selected ? CHILD_KIND[selected.kind] : 'room'

  return (
    <>
      <Row gutter={16}>
        <Col span={9}>
          <Card
            title={t('storage.locations')}
            extra={
              canWrite && (
                <Button size="small" icon={<PlusOutlined />} onClick={() => startAdding(null)}>
                  {t('storage.addRoom')}
                </Button>
              )
            }
          >
            {nodes.length === 0 ? (
              <Empty description={canWrite ? t('storage.empty') : t('storage.emptyReadOnly')} />
            ) : (
              <Tree<TreeEntry>
                defaultExpandAll
                treeData={treeData}
                selectedKeys={selected ? [selected.id] : []}
                onSelect={(keys) => setSelected(nodes.find((n) => n.id === keys[0]) ?? null)}
              />
            )}
          </Card>
        </Col>
        <Col span={15}>
          {selected ? (
            <Card
              title={`${t(`locationKinds.${selected.kind}`)} ${selected.path}`}
              extra={
                canWrite &&
                childKind && (
                  <Button size="small" icon={<PlusOutlined />} onClick={() => startAdding(selected)}>
                    {t('storage.addChild', { kind: t(`locationKinds.${childKind}`) })}
                  </Button>
                )
              }
            >
              <Descriptions size="small" column={2} bordered>
                <Descriptions.Item label={t('storage.name')}>{selected.name}</Descriptions.Item>
                <Descriptions.Item label={t('storage.capacity')}>
                  {selected.capacity === null ? (
                    t('storage.unlimited')
                  ) : (
                    <Progress
                      percent={Math.round((selected.occupied / selected.capacity) * 100)}
                      format={() => `${selected.occupied} / ${selected.capacity}`}
                      size="small"
                    />
                  )}
                </Descriptions.Item>
              </Descriptions>
              <Table<LocationContent>
                style={{ marginTop: 16 }}
                size="small"
                rowKey={(row) => `${row.subject}-${row.id}`}
                dataSource={contents}
                pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }) }}
                locale={{ emptyText: <Empty description={t('storage.nothingHere')} /> }}
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
            </Card>
          ) : (
            <Card>
              <Empty description={t('storage.choose')} />
            </Card>
          )}
        </Col>
      </Row>
      <Modal
        open={adding !== null}
        title={adding ? t('storage.addChild', { kind: t(`locationKinds.${adding.kind}`) }) : ''}
        onCancel={() => setAdding(null)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        forceRender
      >
        <Form name="location" form={form} layout="vertical" onFinish={create}>
          <Form.Item name="code" label={t('storage.code')} required extra={t('storage.codeHint')}>
            <Input />
          </Form.Item>
          <Form.Item name="name" label={t('storage.name')} required>
            <Input />
          </Form.Item>
          <Form.Item name="capacity" label={t('storage.capacity')} extra={t('storage.capacityHint')}>
            <InputNumber precision={0} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  )
}
