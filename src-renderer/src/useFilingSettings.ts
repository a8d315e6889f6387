import { useEffect, useState } from 'react'
import type { FilingSettings } from '@preload/contract'
import { call } from './api/client'

/** The current reference data (fonds, categories, periods, departments) for selects and labels. */
export function useFilingSettings(): FilingSettings | null {
  const [settings, setSettings] = useState<FilingSettings | null>(null)
  useEffect(() => {
    call('settings.getFiling', {})
      .then((version) => setSettings(version.data))
      .catch(() => setSettings(null))
  }, [])
  return settings
}

export const codeOptions = (entries: { code: string; name: string }[] | undefined) =>
  (entries ?? []).map((entry) => ({ value: entry.code, label: `${entry.code} ${entry.name}` }))

export const nameOfCode = (entries: { code: string; name: string }[] | undefined, code: string) =>
  entries?.find((entry) => entry.code === code)?.name ?? code

/** A table column that shows a code by its name in one of the filing settings' lists. */
export const codeColumn = (
  title: string,
  dataIndex: string,
  entries: { code: string; name: string }[] | undefined
) => ({
  title,
  dataIndex,
  render: (value: string) => nameOfCode(entries, value)
})

export type CodeField = 'fondsCode' | 'categoryCode' | 'retentionCode' | 'departmentCode'

const LISTS = {
  fondsCode: 'fonds',
  categoryCode: 'categories',
  retentionCode: 'retentionPeriods',
  departmentCode: 'departments'
} as const

/** The reference list a record's code field chooses from. */
export const entriesOf = (settings: FilingSettings | null | undefined, field: CodeField) => settings?.[LISTS[field]]
