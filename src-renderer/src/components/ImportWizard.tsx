import { InboxOutlined } from '@ant-design/icons'
import { App, Button, Drawer, Form, Result, Steps, Typography, Upload } from 'antd'
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
import { toBase64 } from '../upload'
import { describeError } from '../errors'
import { useSubmit } from '../useSubmit'
import { defaultsOf, type DefaultValues } from './ImportDefaults'
import { CheckStep, MappingStep } from './ImportSteps'

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
        <MappingStep
          target={target}
          settings={settings}
          preview={preview}
          mapping={mapping}
          defaults={defaults}
          busy={busy}
          onEncoding={(encoding) => load({ ...file, encoding })}
          onMappingChange={setMapping}
          onBack={() => setPreview(null)}
          onCheck={dryRun}
        />
      )}
      {step === 2 && report && (
        <CheckStep
          target={target}
          report={report}
          job={job}
          busy={busy}
          onCancel={cancel}
          onBack={() => setReport(null)}
          onRun={run}
        />
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
