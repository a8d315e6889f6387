import { App, Button, Modal, Select, Space, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BatchOutcome, ChannelInput, ItemRow, SessionInfo } from '@preload/contract'
import { MAX_BATCH } from '@preload/vocabulary'
import { can } from '@renderer/access'
import { call } from '@renderer/api/client'
import { ExportButton } from '@renderer/components/ExportButton'
import { LabelPrintDialog } from '@renderer/components/LabelPrintDialog'
import { describeAppError } from '@renderer/errors'
import { useSubmit } from '@renderer/useSubmit'

type Target = 'volume' | 'box'

const BAR_STYLE = {
  padding: '8px 12px',
  marginBottom: 12,
  background: '#e6f4ff',
  border: '1px solid #91caff',
  borderRadius: 6
}
type Choice = { value: number; label: string }

/** Where the batch puts the records: an open volume, or a box as their home (filed item by item, DA/T 22). */
async function choicesFor(target: Target): Promise<Choice[]> {
  if (target === 'volume') {
    const page = await call('volumes.list', { status: 'open', pageSize: 200 })
    return page.rows.map((volume) => ({ value: volume.id, label: `${volume.archivalCode} ${volume.title}` }))
  }
  const tree = await call('locations.tree', {})
  return tree
    .filter((node) => node.kind === 'box')
    .map((node) => ({ value: node.id, label: `${node.path} ${node.name}` }))
}

interface ItemBatchBarProps {
  session: SessionInfo
  selected: number[]
  /** The rows on screen, to name a refused record by its code or title. */
  rows: ItemRow[]
  exportQuery: ChannelInput<'export.list'> & { view: 'items' }
  onChanged(): void
  onClear(): void
}

/**
 * The actions on the ticked records, each shown only to those main lets do it: code them, file them into a volume,
 * box them, print their labels, export them. Each change runs as one batch in main, which says what it could not do.
 */
export function ItemBatchBar({ session, selected, rows, exportQuery, onChanged, onClear }: ItemBatchBarProps) {
  const { t } = useTranslation()
  const { modal, message } = App.useApp()
  const { submit, busy } = useSubmit()
  const [target, setTarget] = useState<Target | null>(null)
  const [choices, setChoices] = useState<Choice[]>([])
  const [chosen, setChosen] = useState<number | null>(null)
  const [labelling, setLabelling] = useState(false)
  const tooMany = selected.length > MAX_BATCH

  const nameOf = (id: number) => {
    const row = rows.find((one) => one.id === id)
    return row ? (row.archivalCode ?? row.title) : `#${id}`
  }

  const report = (outcome: BatchOutcome, action: string) => {
    const counts = { done: outcome.done.length, failed: outcome.failed.length, action: t(`batch.actions.${action}`) }
    if (outcome.failed.length === 0) {
      void message.success(t('batch.allDone', counts))
    } else {
      modal.warning({
        title: t('batch.someFailed', counts),
        width: 640,
        content: (
          <ul className="batch-failures">
            {outcome.failed.map(({ id, error }) => (
              <li key={id}>
                {nameOf(id)}：{describeAppError(t, error)}
              </li>
            ))}
          </ul>
        )
      })
    }
    onChanged()
  }

  const catalogue = () =>
    submit(() => call('items.catalogueMany', { ids: selected }), { onDone: (outcome) => report(outcome, 'catalogue') })

  const choose = async (next: Target) => {
    setChosen(null)
    setTarget(next)
    setChoices(await choicesFor(next))
  }

  const place = () => {
    if (chosen === null || target === null) return
    const work =
      target === 'volume'
        ? () => call('volumes.addItems', { volumeId: chosen, itemIds: selected })
        : () =>
            call('locations.placeMany', { subject: 'item', ids: selected, locationId: chosen, home: true, note: '' })
    void submit(work, {
      onDone: (outcome) => {
        setTarget(null)
        report(outcome, target)
      }
    })
  }

  if (selected.length === 0) return null
  return (
    <div className="batch-bar" role="toolbar" aria-label={t('batch.bar')} style={BAR_STYLE}>
      <Space wrap>
        <Typography.Text strong>{t('batch.selected', { count: selected.length })}</Typography.Text>
        {tooMany && <Typography.Text type="danger">{t('validation.batchTooLarge')}</Typography.Text>}
        {can(session, 'items.catalogueMany') && (
          <Button type="primary" disabled={tooMany} loading={busy && target === null} onClick={() => void catalogue()}>
            {t('batch.catalogue')}
          </Button>
        )}
        {can(session, 'volumes.addItems') && (
          <Button disabled={tooMany} onClick={() => void choose('volume')}>
            {t('batch.addToVolume')}
          </Button>
        )}
        {can(session, 'locations.placeMany') && (
          <Button disabled={tooMany} onClick={() => void choose('box')}>
            {t('batch.moveToBox')}
          </Button>
        )}
        {can(session, 'print.labels') && (
          <Button disabled={tooMany} onClick={() => setLabelling(true)}>
            {t('labels.print')}
          </Button>
        )}
        {can(session, 'export.list') && !tooMany && (
          <ExportButton request={exportQuery} label={t('batch.exportSelected')} />
        )}
        <Button type="link" onClick={onClear}>
          {t('batch.clear')}
        </Button>
      </Space>
      {target !== null && (
        <Modal
          open
          title={t(target === 'volume' ? 'batch.chooseVolume' : 'batch.chooseBox', { count: selected.length })}
          okButtonProps={{ disabled: chosen === null, loading: busy }}
          onOk={place}
          onCancel={() => setTarget(null)}
        >
          <Select<number>
            className="batch-target"
            style={{ width: '100%' }}
            showSearch
            optionFilterProp="label"
            options={choices}
            value={chosen ?? undefined}
            onChange={setChosen}
            notFoundContent={t(target === 'volume' ? 'batch.noOpenVolumes' : 'batch.noBoxes')}
          />
        </Modal>
      )}
      {labelling && <LabelPrintDialog subject="items" ids={selected} onClose={() => setLabelling(false)} />}
    </div>
  )
}
