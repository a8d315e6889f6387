import { Tag, type TableProps } from 'antd'
import type { TFunction } from 'i18next'
import type { FilingSettings, Volume } from '@preload/contract'
import { filingExportColumns } from '@renderer/labels'
import { codeColumn } from '@renderer/useFilingSettings'
import { LongText } from '@renderer/components/LongText'
import { openingColumn } from '@renderer/components/ListTable'

export function volumeColumns(
  t: TFunction,
  settings: FilingSettings | null,
  view: (id: number) => void
): TableProps<Volume>['columns'] {
  return [
    openingColumn<Volume, 'archivalCode'>(t('volumes.archivalCode'), 'archivalCode', view),
    { title: t('volumes.title'), dataIndex: 'title', render: (title: string) => <LongText text={title} /> },
    { title: t('items.fields.year'), dataIndex: 'year' },
    codeColumn(t('items.fields.categoryCode'), 'categoryCode', settings?.categories),
    codeColumn(t('items.fields.retentionCode'), 'retentionCode', settings?.retentionPeriods),
    {
      title: t('items.fields.classification'),
      dataIndex: 'classification',
      render: (value: string) => t(`classifications.${value}`)
    },
    { title: t('volumes.itemCount'), dataIndex: 'itemCount' },
    { title: t('volumes.pageCount'), dataIndex: 'pageCount' },
    {
      title: t('volumes.status'),
      dataIndex: 'status',
      render: (value: string) => (
        <Tag color={value === 'closed' ? 'green' : 'blue'}>{t(`volumes.statuses.${value}`)}</Tag>
      )
    }
  ]
}

/** The columns of the volumes' workbook, with codes and states by name. */
export const volumeExportColumns = (t: TFunction, settings: FilingSettings | null) => [
  { key: 'archivalCode', title: t('volumes.archivalCode') },
  { key: 'title', title: t('volumes.title') },
  { key: 'year', title: t('items.fields.year') },
  ...filingExportColumns(t, settings),
  { key: 'itemCount', title: t('volumes.itemCount') },
  { key: 'pageCount', title: t('volumes.pageCount') },
  {
    key: 'status',
    title: t('volumes.status'),
    labels: { open: t('volumes.statuses.open'), closed: t('volumes.statuses.closed') }
  },
  { key: 'homePath', title: t('storage.home') }
]
