import { InboxOutlined } from '@ant-design/icons'
import {
  Alert,
  App,
  Button,
  Drawer,
  Form,
  Progress,
  Result,
  Select,
  Space,
  Statistic,
  Steps,
  Table,
  Typography,
  Upload
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type {
  ChannelInput,
  FilingSettings,
  ImportPreview,
  ImportReport,
  ImportResult,
  ImportTargetName
} from '@preload/contract'
import { IMPORT_FILE_MB } from '@preload/vocabulary'
import { ApiError, call } from '../api/client'
import { downloadWorkbook } from '../download'
import { toBase64 } from '../upload'
import { describeError } from '../errors'
import { useSubmit } from '../useSubmit'
import { defaultsOf, ImportDefaults, type DefaultValues } from './ImportDefaults'

type FileInput = ChannelInput<'import.preview'>
type PlanInput = ChannelInput<'import.dryRun'>

interface ImportWizardProps {
  target: ImportTargetName
  settings: FilingSettings | null
  onClose(): void
  onImported(): void
}

/** Existing catalogues from Excel or CSV: choose the file, check the column mapping, see every problem, then import. */
export function ImportWizard({ target, settings, onClose, onImported }: ImportWizardProps) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [file, setFile] = useState<FileInput | null>(null)
  const [preview, setPreview] = useState<ImportPreview | null>(null)
  const [mapping, setMapping] = useState<(string | null)[]>([])
  const [report, setReport] = useState<ImportReport | null>(null)
  /** What the dry run checked, so the import writes exactly that: the same file, mapping and defaults. */
  const [checked, setChecked] = useState<PlanInput | null>(null)
  const [result, setResult] = useState<ImportResult | null>(null)
  const { submit: guard, busy } = useSubmit()
  const [job, setJob] = useState<{ jobId: string; done: number; total: number } | null>(null)
  const [defaults] = Form.useForm<DefaultValues>()
  const step = result ? 3 : report ? 2 : preview ? 1 : 0

  const load = (input: FileInput) =>
    guard(async () => {
      const next = await call('import.preview', input)
      setFile(input)
      setPreview(next)
      setMapping(next.mapping)
      setReport(null)
    })

  const dryRun = () =>
    guard(async () => {
      const input = { ...file!, mapping, defaults: defaultsOf(defaults) }
      setReport(await call('import.dryRun', input))
      setChecked(input)
    })

  const run = (mode: 'validOnly' | 'allOrNothing') =>
    guard(async () => {
      const { jobId } = await call('import.start', { ...checked!, mode })
      setJob({ jobId, done: 0, total: report?.valid ?? 0 })
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 300))
        const progress = await call('import.progress', { jobId })
        if (progress.state === 'running') {
          setJob({ jobId, done: progress.done, total: progress.total })
          continue
        }
        setJob(null)
        if (progress.result) {
          setResult(progress.result)
          onImported()
        } else if (progress.error) {
          void message.warning(describeError(t, new ApiError(progress.error)))
        }
        return
      }
    })

  const cancel = () => job && void call('import.cancel', { jobId: job.jobId }).catch(() => undefined)

  const fieldLabel = (field: string) =>
    field === 'contactName' || field === 'contactPhone'
      ? t(`import.${field}`)
      : t(`${target === 'items' ? 'items' : 'customers'}.fields.${field}`, { defaultValue: field })
  const fieldOptions = [
    { value: '', label: t('import.ignore') },
    ...(preview?.fields ?? []).map((field) => ({ value: field, label: fieldLabel(field) }))
  ]

  return (
    <Drawer open width={1000} rootClassName="import-wizard" title={t(`import.title.${target}`)} onClose={onClose}>
      <Steps
        current={step}
        items={['file', 'mapping', 'check', 'done'].map((key) => ({ title: t(`import.steps.${key}`) }))}
        style={{ marginBottom: 24 }}
      />
      {step === 0 && (
        <Upload.Dragger
          accept=".xlsx,.csv,.txt"
          showUploadList={false}
          beforeUpload={(chosen) => {
            // Main refuses it too; saying so here spares reading and sending 30 MB first.
            if (chosen.size > IMPORT_FILE_MB * 1_000_000) {
              void message.error(t('errors.fileTooLarge', { limit: IMPORT_FILE_MB }))
              return false
            }
            void chosen
              .arrayBuffer()
              .then((buffer) => load({ target, fileName: chosen.name, base64: toBase64(buffer) }))
            return false
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{t('import.chooseFile')}</p>
          <Typography.Text type="secondary">{t('import.fileHint')}</Typography.Text>
        </Upload.Dragger>
      )}
      {step === 1 && preview && file && (
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
                onChange={(encoding: 'utf-8' | 'gb18030') => load({ ...file, encoding })}
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
                      setMapping((current) =>
                        current.map((field, index) => (index === row.index ? value || null : field))
                      )
                    }
                  />
                )
              }
            ]}
          />
          {(target === 'customers' || settings) && (
            <ImportDefaults target={target} settings={settings} form={defaults} />
          )}
          <Space style={{ marginTop: 16 }}>
            <Button onClick={() => setPreview(null)}>{t('import.back')}</Button>
            <Button type="primary" loading={busy} onClick={dryRun}>
              {t('import.check')}
            </Button>
          </Space>
        </>
      )}
      {step === 2 && report && (
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
              <Button danger onClick={cancel}>
                {t('import.cancel')}
              </Button>
            </Space>
          )}
          <Space style={{ marginTop: 16 }}>
            <Button disabled={busy} onClick={() => setReport(null)}>
              {t('import.back')}
            </Button>
            {report.reportBase64 && (
              <Button onClick={() => downloadWorkbook(report.reportBase64!, 'import-errors.xlsx')}>
                {t('import.downloadReport')}
              </Button>
            )}
            <Button type="primary" loading={busy} disabled={report.valid === 0} onClick={() => run('validOnly')}>
              {t('import.importValid', { count: report.valid })}
            </Button>
            <Button
              loading={busy}
              disabled={report.valid === 0 || report.errors.length > 0}
              onClick={() => run('allOrNothing')}
            >
              {t('import.importAll')}
            </Button>
          </Space>
        </>
      )}
      {step === 3 && result && (
        <Result
          status="success"
          title={t('import.done', { count: result.imported })}
          subTitle={t('import.doneDetail', { duplicates: result.skippedDuplicates, invalid: result.skippedInvalid })}
          extra={<Button onClick={onClose}>{t('common.close')}</Button>}
        />
      )}
    </Drawer>
  )
}
