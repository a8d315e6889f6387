import { Form, Input, Select, Space, Tag, type FormInstance, type TableProps } from 'antd'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { ChannelInput, DueRecord, FilingSettings } from '@preload/contract'
import { call } from '@renderer/api/client'
import { FormModal } from '@renderer/components/FormModal'
import { RecordLabel } from '@renderer/components/RecordPicker'
import { codeOptions, codeColumn } from '@renderer/useFilingSettings'
import { useSubmit } from '@renderer/useSubmit'
import { optionsOf } from '@renderer/labels'

type Filter = Omit<ChannelInput<'disposal.due'>, 'page' | 'pageSize'>

/** A filter that takes several values; choosing none filters nothing. */
function MultiFilter<V extends string | number>({
  label,
  width,
  options,
  onChange
}: {
  label: string
  width: number
  options: { value: V; label: string }[]
  onChange(values: V[] | undefined): void
}) {
  return (
    <Select
      allowClear
      mode="multiple"
      style={{ minWidth: width }}
      placeholder={label}
      aria-label={label}
      options={options}
      onChange={(values: V[]) => onChange(values.length ? values : undefined)}
    />
  )
}

/** R-DISP-4: which expired records to list, by year, category, department and kind. */
export function DueFilters({ settings, filter }: { settings: FilingSettings | null; filter(patch: Filter): void }) {
  const { t } = useTranslation()
  const years = Array.from({ length: 40 }, (_value, index) => new Date().getFullYear() - 10 - index)
  return (
    <Space wrap>
      <MultiFilter
        label={t('disposal.year')}
        width={160}
        options={years.map((year) => ({ value: year, label: String(year) }))}
        onChange={(year) => filter({ year })}
      />
      <MultiFilter
        label={t('disposal.category')}
        width={180}
        options={codeOptions(settings?.categories)}
        onChange={(categoryCode) => filter({ categoryCode })}
      />
      <MultiFilter
        label={t('disposal.department')}
        width={180}
        options={codeOptions(settings?.departments)}
        onChange={(departmentCode) => filter({ departmentCode })}
      />
      <Select
        allowClear
        style={{ width: 130 }}
        placeholder={t('disposal.anySubject')}
        aria-label={t('disposal.subject')}
        options={optionsOf(t, ['item', 'volume'] as const, 'recordKinds')}
        onChange={(subject?: 'item' | 'volume') => filter({ subject })}
      />
    </Space>
  )
}

export function dueColumns(t: TFunction, settings: FilingSettings | null): TableProps<DueRecord>['columns'] {
  return [
    {
      title: t('disposal.record'),
      key: 'record',
      render: (_v, row) => (
        <Space wrap size={4}>
          <RecordLabel record={row} />
          {row.holds.map((name) => (
            <Tag key={name} color="purple">
              {t('disposal.holdTag', { name })}
            </Tag>
          ))}
          {row.openBatchId && <Tag color="blue">{t('disposal.inBatch', { id: row.openBatchId })}</Tag>}
        </Space>
      )
    },
    { title: t('items.fields.dateFormed'), dataIndex: 'dateFormed' },
    { title: t('disposal.year'), dataIndex: 'year' },
    codeColumn(t('disposal.category'), 'categoryCode', settings?.categories),
    codeColumn(t('disposal.department'), 'departmentCode', settings?.departments),
    codeColumn(t('disposal.retention'), 'retentionCode', settings?.retentionPeriods),
    { title: t('disposal.expiresOn'), dataIndex: 'expiresOn' }
  ]
}

/** Naming the appraisal batch the chosen records go into (R-DISP-5); main refuses records held or batched since. */
export function NewBatchModal({
  open,
  records,
  form,
  onClose,
  onCreated,
  onRefused
}: {
  open: boolean
  records: DueRecord[]
  form: FormInstance<{ title: string }>
  onClose(): void
  onCreated(id: number): void
  onRefused(): void
}) {
  const { t } = useTranslation()
  const { submit, busy } = useSubmit()

  const create = ({ title }: { title: string }) =>
    submit(() => call('appraisal.create', { title, records: records.map(({ subject, id }) => ({ subject, id })) }), {
      success: 'disposal.batchCreated',
      onDone: (batch) => onCreated(batch.id),
      form,
      after: onRefused
    })

  return (
    <FormModal
      open={open}
      title={t('disposal.newBatch')}
      form={form}
      busy={busy}
      onClose={onClose}
      focusTriggerAfterClose={false}
      plainButtons
      name="new-batch"
      onFinish={create}
    >
      <Form.Item
        name="title"
        label={t('disposal.batchTitle')}
        rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
      >
        <Input maxLength={200} />
      </Form.Item>
    </FormModal>
  )
}
