import { Button, Space, Tag, Typography, type TableProps } from 'antd'
import type { TFunction } from 'i18next'
import type { ChannelInput, ChannelOutput, CustomerGrade, CustomerRow } from '@preload/contract'
import { CUSTOMER_GRADES, UNREADABLE_VALUE } from '@preload/vocabulary'
import { formatDateTime } from '@renderer/errors'
import { labelsOf } from '@renderer/labels'
import { GRADE_COLORS } from '@renderer/tagColors'
import { LongText } from '@renderer/components/LongText'
import type { ListColumnActions } from '@renderer/components/ListTable'

/** S125: a sealed value that did not open is said in words, in the warning colour, never shown as its marker. */
export function readable(value: string, t: TFunction) {
  return value === UNREADABLE_VALUE ? (
    <Typography.Text type="warning">{t('customers.unreadable')}</Typography.Text>
  ) : (
    value
  )
}

/** The customers table: sorted and filtered by main, with the industries and regions main knows as filters. */
export function customerColumns(
  t: TFunction,
  facets: ChannelOutput<'customers.facets'>,
  query: ChannelInput<'customers.list'>,
  { sortOrderOf, view, edit }: ListColumnActions
): TableProps<CustomerRow>['columns'] {
  /** A column main sorts by and filters by the values it knows, which the person can search. */
  const facetColumn = (field: 'industry' | 'region', values: string[]) => ({
    title: t(`customers.fields.${field}`),
    dataIndex: field,
    sorter: true,
    sortOrder: sortOrderOf(field),
    filters: values.map((value) => ({ text: value, value })),
    filteredValue: query[field] ?? null,
    filterSearch: true
  })
  return [
    {
      title: t('customers.fields.name'),
      dataIndex: 'name',
      sorter: true,
      sortOrder: sortOrderOf('name'),
      render: (name: string, row) => (
        <Typography.Link onClick={() => view(row.id)}>
          <LongText text={name} />
        </Typography.Link>
      )
    },
    { title: t('customers.fields.legalRepresentative'), dataIndex: 'legalRepresentative' },
    {
      title: t('customers.fields.grade'),
      dataIndex: 'grade',
      sorter: true,
      sortOrder: sortOrderOf('grade'),
      filters: CUSTOMER_GRADES.map((grade) => ({ text: t(`grades.${grade}`), value: grade })),
      filteredValue: query.grade ?? null,
      render: (grade: CustomerGrade) => <Tag color={GRADE_COLORS[grade]}>{t(`grades.${grade}`)}</Tag>
    },
    facetColumn('industry', facets.industries),
    facetColumn('region', facets.regions),
    {
      title: t('customers.fields.dateOpened'),
      dataIndex: 'dateOpened',
      sorter: true,
      sortOrder: sortOrderOf('dateOpened')
    },
    { title: t('customers.columns.primaryContact'), dataIndex: 'primaryContact' },
    {
      title: t('customers.columns.primaryContactPhone'),
      dataIndex: 'primaryContactPhone',
      render: (phone: string) => readable(phone, t)
    },
    {
      title: t('customers.columns.updatedAt'),
      dataIndex: 'updatedAt',
      sorter: true,
      sortOrder: sortOrderOf('updatedAt'),
      render: (value: string) => formatDateTime(value)
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_value, row) => (
        <Space>
          <Button type="link" size="small" onClick={() => view(row.id)}>
            {t('common.details')}
          </Button>
          {edit && (
            <Button type="link" size="small" onClick={() => edit(row.id)}>
              {t('common.edit')}
            </Button>
          )}
        </Space>
      )
    }
  ]
}

/** The columns of the customers' workbook. */
export const customerExportColumns = (t: TFunction) => [
  { key: 'name', title: t('customers.fields.name') },
  { key: 'legalRepresentative', title: t('customers.fields.legalRepresentative') },
  { key: 'grade', title: t('customers.fields.grade'), labels: labelsOf(t, CUSTOMER_GRADES, 'grades') },
  { key: 'industry', title: t('customers.fields.industry') },
  { key: 'region', title: t('customers.fields.region') },
  { key: 'dateOpened', title: t('customers.fields.dateOpened') },
  { key: 'primaryContact', title: t('customers.columns.primaryContact') },
  { key: 'primaryContactPhone', title: t('customers.columns.primaryContactPhone') },
  { key: 'updatedAt', title: t('customers.columns.updatedAt') }
]
