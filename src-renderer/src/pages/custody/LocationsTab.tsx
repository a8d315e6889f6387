import { PlusOutlined, TagsOutlined } from '@ant-design/icons'
import { Button, Card, Col, Empty, Row, Space, Tree } from 'antd'
import { useCallback, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { LocationKind, LocationNode, SessionInfo } from '@preload/contract'
import { can } from '@renderer/access'
import { call } from '@renderer/api/client'
import { LabelPrintDialog } from '@renderer/components/LabelPrintDialog'
import { useRemote } from '@renderer/useRemote'
import { LocationContents } from './LocationContents'
import { NewLocationModal, type Adding } from './NewLocationModal'

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
  const canWrite = can(session, 'locations.create')
  const { data, reload: load } = useRemote(useCallback(() => call('locations.tree', {}), []))
  const nodes = useMemo(() => data ?? [], [data])
  const [selectedId, setSelectedId] = useState<number | null>(null)
  // The node itself comes from the latest tree, so its figures follow every reload.
  const selected = nodes.find((node) => node.id === selectedId) ?? null
  const [adding, setAdding] = useState<Adding | null>(null)
  const [labelling, setLabelling] = useState<number[] | null>(null)

  const treeData = useMemo(() => buildTree(nodes, t), [nodes, t])

  const startAdding = (parent: LocationNode | null) => {
    const kind = CHILD_KIND[parent?.kind ?? 'top']
    if (!kind) return
    setAdding({ parent, kind })
  }

  const childKind = selected ? CHILD_KIND[selected.kind] : 'room'
  // A shelf's or rack's labels are those of the boxes on it; a place without boxes gets its own label.
  const boxesBelow = selected ? nodes.filter((n) => n.kind === 'box' && n.path.startsWith(`${selected.path}-`)) : []
  const labelIds = selected
    ? selected.kind === 'box' || boxesBelow.length === 0
      ? [selected.id]
      : boxesBelow.map((n) => n.id)
    : []

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
                onSelect={(keys) => setSelectedId(keys.length > 0 ? Number(keys[0]) : null)}
              />
            )}
          </Card>
        </Col>
        <Col span={15}>
          {selected ? (
            <Card
              title={`${t(`locationKinds.${selected.kind}`)} ${selected.path}`}
              extra={
                <Space>
                  <Button size="small" icon={<TagsOutlined />} onClick={() => setLabelling(labelIds)}>
                    {`${t('labels.print')} (${labelIds.length})`}
                  </Button>
                  {canWrite && childKind && (
                    <Button size="small" icon={<PlusOutlined />} onClick={() => startAdding(selected)}>
                      {t('storage.addChild', { kind: t(`locationKinds.${childKind}`) })}
                    </Button>
                  )}
                </Space>
              }
            >
              <LocationContents key={selected.id} location={selected} />
            </Card>
          ) : (
            <Card>
              <Empty description={t('storage.choose')} />
            </Card>
          )}
        </Col>
      </Row>
      {labelling && <LabelPrintDialog subject="boxes" ids={labelling} onClose={() => setLabelling(null)} />}
      <NewLocationModal adding={adding} onClose={() => setAdding(null)} onCreated={() => void load()} />
    </>
  )
}
