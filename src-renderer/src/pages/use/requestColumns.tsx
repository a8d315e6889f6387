import { Space, Tag, Typography, type TableProps } from 'antd'
import type { TFunction } from 'i18next'
import type { FilingSettings, UseRequestRow } from '@preload/contract'
import { openingColumn } from '@renderer/components/ListTable'
import { nameOfCode } from '@renderer/useFilingSettings'
import { STATUS_COLORS } from './useLabels'

/** Who asks for what: the columns every list of requests shows after the number. */
export function requestSummaryColumns(
  t: TFunction,
  settings: FilingSettings | null
): NonNullable<TableProps<UseRequestRow>['columns']> {
  return [
    {
      title: t('use.fields.kind'),
      dataIndex: 'kind',
      render: (kind: UseRequestRow['kind']) => t(`use.kinds.${kind}`)
    },
    { title: t('use.fields.applicantName'), dataIndex: 'applicantName' },
    {
      title: t('use.fields.unit'),
      key: 'unit',
      render: (_v, row) =>
        row.applicantKind === 'external' ? row.externalUnit : nameOfCode(settings?.departments, row.departmentCode)
    },
    { title: t('use.fields.records'), dataIndex: 'recordsText', ellipsis: true }
  ]
}

/** The requests table; the number opens the request. */
export function requestColumns(
  t: TFunction,
  settings: FilingSettings | null,
  view: (id: number) => void
): TableProps<UseRequestRow>['columns'] {
  return [
    openingColumn<UseRequestRow, 'number'>(t('use.list.number'), 'number', view),
    ...requestSummaryColumns(t, settings),
    {
      title: t('use.fields.status'),
      key: 'status',
      render: (_v, row) => (
        <Space size={4} wrap>
          <Tag color={STATUS_COLORS[row.status]}>{t(`use.statuses.${row.status}`)}</Tag>
          {row.overdue && <Tag color="red">{t('use.overdueDays', { count: row.daysLate })}</Tag>}
          {row.nextStep && (
            <Typography.Text type="secondary">
              {t('use.list.awaiting', { step: t(`use.approvers.${row.nextStep}`) })}
            </Typography.Text>
          )}
        </Space>
      )
    },
    { title: t('use.fields.startOn'), dataIndex: 'startOn', key: 'startOn', sorter: true },
    {
      title: t('use.fields.outOn'),
      dataIndex: 'outOn',
      key: 'outOn',
      sorter: true,
      render: (value: string | null) => value ?? '—'
    },
    {
      title: t('use.fields.dueOn'),
      dataIndex: 'dueOn',
      key: 'dueOn',
      sorter: true,
      render: (value: string | null) => value ?? '—'
    },
    { title: t('use.fields.returnedOn'), dataIndex: 'returnedOn', render: (value: string | null) => value ?? '—' }
  ]
}
