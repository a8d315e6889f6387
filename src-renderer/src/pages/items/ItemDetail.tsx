import { Button, Drawer, Spin } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FilingSettings, Item, RecordDisposal } from '@preload/contract'
import { call } from '@renderer/api/client'
import { useConfirmIrreversible } from '@renderer/components/ConfirmIrreversible'
import { LocationPanel } from '@renderer/components/LocationPanel'
import { OpenIncidents } from '@renderer/components/OpenIncidents'
import { useSubmit, type SubmitOptions } from '@renderer/useSubmit'
import { ElectronicFiles } from './ElectronicFiles'
import { ItemFacts, ItemStatusBar } from './ItemFacts'
import { ItemLinks } from './ItemLinks'

interface ItemDetailProps {
  itemId: number
  canWrite: boolean
  settings: FilingSettings | null
  onClose(): void
  onChanged(): void
}

export function ItemDetail({ itemId, canWrite, settings, onClose, onChanged }: ItemDetailProps) {
  const { t } = useTranslation()
  const { submit, fail } = useSubmit()
  const [item, setItem] = useState<Item | null>(null)
  const [disposal, setDisposal] = useState<RecordDisposal | null>(null)
  const confirmation = useConfirmIrreversible()

  const load = useCallback(async () => {
    try {
      setItem(await call('items.get', { id: itemId }))
      setDisposal(await call('disposal.record', { subject: 'item', id: itemId }))
    } catch (error) {
      fail(error)
      onClose()
    }
  }, [itemId, fail, onClose])

  useEffect(() => {
    void load()
  }, [load])

  /** A change to the item: it is read again before the list that shows it is told. */
  const act = (work: () => Promise<unknown>, done: string, options: SubmitOptions<unknown> = {}) =>
    submit(
      async () => {
        await work()
        setItem(await call('items.get', { id: itemId }))
      },
      { ...options, success: done, onDone: onChanged }
    )

  return (
    <Drawer open width={860} rootClassName="item-detail" title={item?.title ?? ''} onClose={onClose}>
      {!item ? (
        <Spin />
      ) : (
        <>
          <OpenIncidents subject="item" id={item.id} />
          <ItemStatusBar item={item} disposal={disposal}>
            {canWrite && item.status === 'received' && (
              <Button
                type="primary"
                onClick={() =>
                  confirmation.ask({
                    title: t('irreversible.catalogue.title', { title: item.title }),
                    consequence: t('irreversible.catalogue.consequence'),
                    action: t('irreversible.catalogue.action'),
                    run: () => act(() => call('items.catalogue', { id: item.id }), 'items.catalogued')
                  })
                }
              >
                {t('items.catalogue')}
              </Button>
            )}
          </ItemStatusBar>
          <ItemFacts item={item} settings={settings} />
          <ItemLinks item={item} canWrite={canWrite} act={act} />
          <ElectronicFiles itemId={item.id} canWrite={canWrite && item.custody !== 'destroyed'} />
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
      {confirmation.dialog}
    </Drawer>
  )
}
