import { Button, Tag, type TableProps } from 'antd'
import type { TFunction } from 'i18next'
import type { ChannelInput, FilingSettings, ItemRow } from '@preload/contract'
import { CLASSIFICATIONS, ITEM_STATUSES } from '@preload/vocabulary'
import { filingExportColumns, labelsOf } from '@renderer/labels'
import { ITEM_STATUS_COLORS } from '@renderer/tagColors'
import { codeColumn, codeOptions } from '@renderer/useFilingSettings'
import { Marked } from '@renderer/components/Marked'
import { LongText } from '@renderer/components/LongText'
import type { ListColumnActions } from '@renderer/components/ListTable'

/** The records table: sorted and filtered by main (the query holds what each column shows as filtered). */
export function itemColumns(
  t: TFunction,
  settings: FilingSettings | null,
  query: ChannelInput<'items.list'>,
  { sortOrderOf, view, edit }: ListColumnActions
): TableProps<ItemRow>['columns'] {
  const years = Array.from({ length: 12 }, (_value, index) => new Date().getFullYear() - index)
  return [
    {
      title: t('items.fields.archivalCode'),
      dataIndex: 'archivalCode',
      sorter: true,
      sortOrder: sortOrderOf('archivalCode'),
      render: (code: string | null, row) => (code ? <Marked text={code} ranges={row.highlights?.archivalCode} /> : '—')
    },
    {
      title: t('items.fields.title'),
      dataIndex: 'title',
      sorter: true,
      sortOrder: sortOrderOf('title'),
      render: (title: string, row) => (
        <>
          <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => view(row.id)}>
            <LongText text={title}>
              <Marked text={title} ranges={row.highlights?.title} />
            </LongText>
          </Button>
          {row.openIncidents > 0 && <Tag color="red">{t('recordPicker.flagged')}</Tag>}
        </>
      )
    },
    {
      title: t('items.fields.responsibleParty'),
      dataIndex: 'responsibleParty',
      render: (value: string, row) => <Marked text={value} ranges={row.highlights?.responsibleParty} />
    },
    {
      title: t('items.fields.documentNumber'),
      dataIndex: 'documentNumber',
      render: (value: string, row) => <Marked text={value} ranges={row.highlights?.documentNumber} />
    },
    {
      title: t('items.fields.dateFormed'),
      dataIndex: 'dateFormed',
      sorter: true,
      sortOrder: sortOrderOf('dateFormed')
    },
    {
      title: t('items.fields.year'),
      dataIndex: 'year',
      sorter: true,
      sortOrder: sortOrderOf('year'),
      filters: years.map((year) => ({ text: String(year), value: year })),
      filteredValue: query.year ?? null
    },
    {
      ...codeColumn(t('items.fields.categoryCode'), 'categoryCode', settings?.categories),
      filters: codeOptions(settings?.categories).map((o) => ({ text: o.label, value: o.value })),
      filteredValue: query.categoryCode ?? null
    },
    {
      ...codeColumn(t('items.fields.retentionCode'), 'retentionCode', settings?.retentionPeriods),
      filters: codeOptions(settings?.retentionPeriods).map((o) => ({ text: o.label, value: o.value })),
      filteredValue: query.retentionCode ?? null
    },
    {
      title: t('items.fields.classification'),
      dataIndex: 'classification',
      filters: CLASSIFICATIONS.map((value) => ({ text: t(`classifications.${value}`), value })),
      filteredValue: query.classification ?? null,
      render: (value: string) => t(`classifications.${value}`)
    },
    { title: t('items.fields.pageCount'), dataIndex: 'pageCount' },
    {
      title: t('items.fields.status'),
      dataIndex: 'status',
      filters: ITEM_STATUSES.map((value) => ({ text: t(`itemStatuses.${value}`), value })),
      filteredValue: query.status ?? null,
      render: (value: string, row) =>
        row.custody === 'destroyed' ? (
          <Tag color="red">{t('custody.destroyed')}</Tag>
        ) : (
          <Tag color={ITEM_STATUS_COLORS[value]}>{t(`itemStatuses.${value}`)}</Tag>
        )
    },
    {
      title: t('items.fields.customerId'),
      dataIndex: 'customerName',
      render: (value: string | null, row) => (
        <LongText text={value ?? ''} width={200}>
          <Marked text={value ?? ''} ranges={row.highlights?.customerName} />
        </LongText>
      )
    },
    { title: t('items.volume'), dataIndex: 'volumeCode', render: (value: string | null) => value ?? '' },
    ...(edit
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_value: unknown, row: ItemRow) => (
              <Button type="link" size="small" onClick={() => edit(row.id)}>
                {t('common.edit')}
              </Button>
            )
          }
        ]
      : [])
  ]
}

/** The columns of the records' workbook, with codes and states by name. */
export const itemExportColumns = (t: TFunction, settings: FilingSettings | null) => [
  { key: 'archivalCode', title: t('items.fields.archivalCode') },
  { key: 'title', title: t('items.fields.title') },
  { key: 'responsibleParty', title: t('items.fields.responsibleParty') },
  { key: 'documentNumber', title: t('items.fields.documentNumber') },
  { key: 'dateFormed', title: t('items.fields.dateFormed') },
  { key: 'year', title: t('items.fields.year') },
  ...filingExportColumns(t, settings),
  { key: 'pageCount', title: t('items.fields.pageCount') },
  { key: 'status', title: t('items.fields.status'), labels: labelsOf(t, ITEM_STATUSES, 'itemStatuses') },
  { key: 'customerName', title: t('items.fields.customerId') },
  { key: 'volumeCode', title: t('items.volume') }
]
