import { Alert, Button, Progress, Select, Space, Statistic, Table, Typography, type FormInstance } from 'antd'
import type { Dispatch, SetStateAction } from 'react'
import { useTranslation } from 'react-i18next'
import type { FilingSettings, ImportPreview, ImportReport, ImportTargetName } from '@preload/contract'
import { downloadWorkbook } from '../download'
import { ImportDefaults, type DefaultValues } from './ImportDefaults'

type ImportMode = 'validOnly' | 'allOrNothing'

/** A field's label as the target's forms show it; the contact's name and phone take the import's own words. */
function useFieldLabel(target: ImportTargetName) {
  const { t } = useTranslation()
  return (field: string) =>
    field === 'contactName' || field === 'contactPhone'
      ? t(`import.${field}`)
      : t(`${target === 'items' ? 'items' : 'customers'}.fields.${field}`, { defaultValue: field })
}

/** The import's second step: which field each of the file's columns fills, and the defaults for what none fills. */
export function MappingStep({
  target,
  settings,
  preview,
  mapping,
  defaults,
  busy,
  onEncoding,
  onMappingChange,
  onBack,
  onCheck
}: {
  target: ImportTargetName
  settings: FilingSettings | null
  preview: ImportPreview
  mapping: (string | null)[]
  defaults: FormInstance<DefaultValues>
  busy: boolean
  onEncoding(encoding: 'utf-8' | 'gb18030'): void
  onMappingChange: Dispatch<SetStateAction<(string | null)[]>>
  onBack(): void
  onCheck(): void
}) {
  const { t } = useTranslation()
  const fieldLabel = useFieldLabel(target)
  const fieldOptions = [
    { value: '', label: t('import.ignore') },
    ...preview.fields.map((field) => ({ value: field, label: fieldLabel(field) }))
  ]
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text>{t('import.rows', { count: preview.totalRows })}</Typography.Text>
        {preview.encoding && (
          <Select
            value={preview.encoding}
            aria-label={t('import.encoding')}
            options={[
              { value: 'utf-8', label: 'UTF-8' },
              { value: 'gb18030', label: 'GB18030 / GBK' }
            ]}
            onChange={onEncoding}
          />
        )}
        {preview.remembered && <Alert type="success" showIcon message={t('import.remembered')} />}
      </Space>
      <Table
        size="small"
        pagination={false}
        rowKey="index"
        dataSource={preview.headers.map((header, index) => ({
          index,
          header,
          sample: preview.sample
            .map((row) => row[index])
            .filter(Boolean)
            .slice(0, 3)
            .join('；')
        }))}
        columns={[
          { title: t('import.column'), dataIndex: 'header' },
          { title: t('import.sample'), dataIndex: 'sample', ellipsis: true },
          {
            title: t('import.field'),
            key: 'field',
            render: (_v, row) => (
              <Select
                style={{ width: 200 }}
                aria-label={t('import.mapFor', { column: row.header })}
                value={mapping[row.index] ?? ''}
                options={fieldOptions}
                onChange={(value: string) =>
                  onMappingChange((current) =>
                    current.map((field, index) => (index === row.index ? value || null : field))
                  )
                }
              />
            )
          }
        ]}
      />
      {(target === 'customers' || settings) && <ImportDefaults target={target} settings={settings} form={defaults} />}
      <Space style={{ marginTop: 16 }}>
        <Button onClick={onBack}>{t('import.back')}</Button>
        <Button type="primary" loading={busy} onClick={onCheck}>
          {t('import.check')}
        </Button>
      </Space>
    </>
  )
}

/** The import's third step: the dry run's counts and problems, then importing the valid rows or all or nothing. */
export function CheckStep({
  target,
  report,
  job,
  busy,
  onCancel,
  onBack,
  onRun
}: {
  target: ImportTargetName
  report: ImportReport
  job: { done: number; total: number } | null
  busy: boolean
  onCancel(): void
  onBack(): void
  onRun(mode: ImportMode): void
}) {
  const { t } = useTranslation()
  const fieldLabel = useFieldLabel(target)
  return (
    <>
      <Space size="large">
        <Statistic title={t('import.total')} value={report.total} />
        <Statistic title={t('import.valid')} value={report.valid} />
        <Statistic title={t('import.duplicates')} value={report.duplicates} />
        <Statistic title={t('import.errors')} value={report.total - report.valid - report.duplicates} />
      </Space>
      <Table
        style={{ marginTop: 16 }}
        size="small"
        rowKey={(row) => `${row.row}-${row.field}-${row.message}`}
        dataSource={report.errors}
        pagination={{ pageSize: 10 }}
        locale={{ emptyText: t('import.noErrors') }}
        columns={[
          { title: t('import.row'), dataIndex: 'row', width: 80 },
          {
            title: t('import.field'),
            dataIndex: 'field',
            render: (field: string) => (field ? fieldLabel(field.split('.')[0]) : '')
          },
          { title: t('import.problem'), key: 'message', render: (_v, row) => t(row.message, row.params) }
        ]}
      />
      {job && (
        <Space style={{ marginTop: 16, width: '100%' }}>
          <Progress
            style={{ width: 480 }}
            percent={job.total ? Math.floor((job.done / job.total) * 100) : 0}
            format={() => t('import.progress', { done: job.done, total: job.total })}
          />
          <Button danger onClick={onCancel}>
            {t('import.cancel')}
          </Button>
        </Space>
      )}
      <Space style={{ marginTop: 16 }}>
        <Button disabled={busy} onClick={onBack}>
          {t('import.back')}
        </Button>
        {report.reportBase64 && (
          <Button onClick={() => downloadWorkbook(report.reportBase64!, 'import-errors.xlsx')}>
            {t('import.downloadReport')}
          </Button>
        )}
        <Button type="primary" loading={busy} disabled={report.valid === 0} onClick={() => onRun('validOnly')}>
          {t('import.importValid', { count: report.valid })}
        </Button>
        <Button
          loading={busy}
          disabled={report.valid === 0 || report.errors.length > 0}
          onClick={() => onRun('allOrNothing')}
        >
          {t('import.importAll')}
        </Button>
      </Space>
    </>
  )
}
