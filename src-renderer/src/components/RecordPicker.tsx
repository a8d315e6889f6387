import { Select, Tag } from 'antd'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RecordSummary } from '@preload/contract'
import { call } from '../api/client'
import { LongText } from './LongText'

export const recordKey = (record: Pick<RecordSummary, 'subject' | 'id'>) => `${record.subject}:${record.id}`

/** Its code, or "not yet coded", with its title: how a person recognises a record in a list. */
export function RecordLabel({ record }: { record: RecordSummary }) {
  const { t } = useTranslation()
  return (
    <span>
      <Tag>{t(`recordKinds.${record.subject}`)}</Tag>
      {record.archivalCode ?? t('recordPicker.uncoded')} <LongText text={record.title} />
      {record.effectiveCustody !== 'in_store' && <Tag color="orange">{t(`custody.${record.effectiveCustody}`)}</Tag>}
      {record.openIncidents > 0 && <Tag color="red">{t('recordPicker.flagged')}</Tag>}
    </span>
  )
}

/**
 * Picks records (volumes and items) by typing part of a code, title, document number or customer name; the
 * search runs in main as the person types. The chosen records come back whole, so forms can show and check them.
 */
export function RecordPicker({
  value,
  onChange,
  id
}: {
  value?: RecordSummary[]
  onChange?(records: RecordSummary[]): void
  id?: string
}) {
  const { t } = useTranslation()
  const [options, setOptions] = useState<RecordSummary[]>([])
  const [searching, setSearching] = useState(false)
  const latest = useRef(0)
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const chosen = value ?? []

  useEffect(() => () => clearTimeout(timer.current), [])

  const search = (text: string) => {
    clearTimeout(timer.current)
    if (text.trim() === '') return setOptions([])
    timer.current = setTimeout(async () => {
      const ticket = ++latest.current
      setSearching(true)
      try {
        const found = await call('records.lookup', { search: text, limit: 20 })
        if (ticket === latest.current) setOptions(found)
      } finally {
        if (ticket === latest.current) setSearching(false)
      }
    }, 250)
  }

  const known = new Map([...options, ...chosen].map((record) => [recordKey(record), record]))
  return (
    <Select
      id={id}
      mode="multiple"
      showSearch={{ filterOption: false, onSearch: search }}
      loading={searching}
      placeholder={t('recordPicker.placeholder')}
      notFoundContent={t('recordPicker.typeToSearch')}
      value={chosen.map(recordKey)}
      onChange={(keys: string[]) => onChange?.(keys.map((key) => known.get(key)!).filter(Boolean))}
      options={[...known.values()].map((record) => ({
        value: recordKey(record),
        label: <RecordLabel record={record} />
      }))}
    />
  )
}
