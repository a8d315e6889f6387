import { Checkbox, Input, Space, TreeSelect } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChannelInput, LocationNode } from '@preload/contract'
import { CUSTODY_STATES } from '@preload/vocabulary'
import { call } from '@renderer/api/client'
import { locationOptions } from '@renderer/components/LocationPanel'

type Query = ChannelInput<'items.list'>

/** The records list's search box and the filters that are not table columns: place, flagged, destroyed. */
export function ItemFilters({
  query,
  filter,
  onSearch
}: {
  query: Query
  filter: (patch: Partial<Query>) => void
  onSearch: (text: string) => void
}) {
  const { t } = useTranslation()
  const [locations, setLocations] = useState<LocationNode[]>([])

  useEffect(() => {
    call('locations.tree', {})
      .then(setLocations)
      .catch(() => setLocations([]))
  }, [])

  return (
    <Space wrap>
      <Input.Search
        allowClear
        style={{ width: 340 }}
        placeholder={t('items.searchPlaceholder')}
        aria-label={t('common.search')}
        onSearch={onSearch}
      />
      <TreeSelect
        allowClear
        style={{ width: 240 }}
        placeholder={t('items.locationFilter')}
        aria-label={t('items.locationFilter')}
        treeData={locationOptions(locations)}
        treeDefaultExpandAll
        onChange={(locationId?: number) => filter({ locationId })}
      />
      <Checkbox
        checked={query.flagged ?? false}
        onChange={(event) => filter({ flagged: event.target.checked || undefined })}
      >
        {t('incidents.flaggedOnly')}
      </Checkbox>
      <Checkbox onChange={(event) => filter({ custody: event.target.checked ? [...CUSTODY_STATES] : undefined })}>
        {t('disposal.showDestroyed')}
      </Checkbox>
    </Space>
  )
}
