import { FolderOpenOutlined, UploadOutlined } from '@ant-design/icons'
import { Alert, Button, Drawer, Progress, Space, Table, Tag, Typography, Upload } from 'antd'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BatchPlanRow } from '@preload/contract'
import { call } from '@renderer/api/client'
import { PrintPreview } from '@renderer/components/PrintPreview'
import { describeError } from '@renderer/errors'
import { toBase64 } from '@renderer/upload'
import { useSubmit } from '@renderer/useSubmit'

const STATUS_COLORS = { matched: 'green', unmatched: 'default', ambiguous: 'orange' } as const

interface Outcome {
  attached: number
  skipped: number
  failed: number
  cancelled: boolean
}

/**
 * 批量挂接 (R-ELEC-1): the files of a scanner folder, each named by archival code. A dry run shows what each name
 * matches; the matched files are then sent one at a time, so the progress is true and a stop leaves whole files only.
 * Main skips content an item already has, so running the same folder again attaches nothing twice.
 */
export function BatchAttach({ onClose, onDone }: { onClose(): void; onDone(): void }) {
  const { t } = useTranslation()
  const { submit, busy } = useSubmit()
  const chosen = useRef(new Map<string, File>())
  const [plan, setPlan] = useState<BatchPlanRow[] | null>(null)
  const [done, setDone] = useState(0)
  const [running, setRunning] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [failures, setFailures] = useState<string[]>([])
  const stop = useRef(false)
  const [preview, setPreview] = useState<string | null>(null)

  const printRegister = () =>
    submit(
      () => call('print.electronicRegister', { itemIds: [...new Set(matched.flatMap((row) => row.itemId ?? []))] }),
      {
        onDone: (printed) => setPreview(printed.html)
      }
    )

  const choose = (files: File[]) => {
    for (const file of files) chosen.current.set(file.name, file)
    setOutcome(null)
    setFailures([])
    void submit(() => call('electronic.batchPlan', { names: [...chosen.current.keys()] }), { onDone: setPlan })
  }

  const matched = plan?.filter((row) => row.status === 'matched') ?? []

  const run = async () => {
    stop.current = false
    setRunning(true)
    setDone(0)
    const result: Outcome = { attached: 0, skipped: 0, failed: 0, cancelled: false }
    const failed: string[] = []
    for (const row of matched) {
      if (stop.current) {
        result.cancelled = true
        break
      }
      const file = chosen.current.get(row.name)
      try {
        if (!file || row.itemId === null) throw new Error(row.name)
        const answer = await call('electronic.attach', {
          itemId: row.itemId,
          role: 'scan',
          fileName: row.name,
          base64: toBase64(await file.arrayBuffer())
        })
        if (answer.duplicate) result.skipped += 1
        else result.attached += 1
      } catch (error) {
        result.failed += 1
        failed.push(t('electronic.batch.failedFile', { name: row.name, reason: String(describeError(t, error)) }))
      }
      setDone((count) => count + 1)
    }
    setRunning(false)
    setOutcome(result)
    setFailures(failed)
    onDone()
  }

  const counts = {
    total: plan?.length ?? 0,
    matched: matched.length,
    unmatched: plan?.filter((row) => row.status === 'unmatched').length ?? 0,
    ambiguous: plan?.filter((row) => row.status === 'ambiguous').length ?? 0
  }
  const picker = (directory: boolean) => (
    <Upload
      multiple
      directory={directory}
      showUploadList={false}
      disabled={running}
      beforeUpload={(_file, list) => {
        if (_file === list[0]) choose(list)
        return false
      }}
    >
      <Button icon={directory ? <FolderOpenOutlined /> : <UploadOutlined />} disabled={running}>
        {t(directory ? 'electronic.batch.chooseFolder' : 'electronic.batch.chooseFiles')}
      </Button>
    </Upload>
  )

  return (
    <Drawer open width={900} rootClassName="batch-attach" title={t('electronic.batch.title')} onClose={onClose}>
      <Typography.Paragraph type="secondary">{t('electronic.batch.hint')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        {picker(true)}
        {picker(false)}
      </Space>
      {plan && (
        <>
          <Typography.Paragraph className="batch-counts">{t('electronic.batch.counts', counts)}</Typography.Paragraph>
          <Space style={{ marginBottom: 12 }} wrap>
            <Button type="primary" disabled={matched.length === 0 || busy} loading={running} onClick={() => void run()}>
              {t('electronic.batch.start', { count: matched.length })}
            </Button>
            {outcome && <Button onClick={() => void printRegister()}>{t('electronic.printRegister')}</Button>}
            {running && (
              <Button danger onClick={() => (stop.current = true)}>
                {t('electronic.batch.cancel')}
              </Button>
            )}
          </Space>
          {(running || outcome) && (
            <Progress
              percent={matched.length ? Math.round((done / matched.length) * 100) : 100}
              format={() => t('electronic.batch.progress', { done, total: matched.length })}
            />
          )}
          {outcome && (
            <Alert
              style={{ margin: '12px 0' }}
              type={outcome.failed ? 'warning' : 'success'}
              message={t(outcome.cancelled ? 'electronic.batch.cancelled' : 'electronic.batch.done', { ...outcome })}
              description={failures.length ? failures.map((line) => <div key={line}>{line}</div>) : undefined}
            />
          )}
          <BatchPlanTable plan={plan} />
        </>
      )}
      {preview && (
        <PrintPreview html={preview} title={t('electronic.printRegister')} onClose={() => setPreview(null)} />
      )}
    </Drawer>
  )
}

/** The dry run's answer: what each file's name matched, file by file. */
function BatchPlanTable({ plan }: { plan: BatchPlanRow[] }) {
  const { t } = useTranslation()
  return (
    <Table<BatchPlanRow>
      size="small"
      rowKey="name"
      tableLayout="fixed"
      dataSource={plan}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      columns={[
        { title: t('electronic.batch.columns.name'), dataIndex: 'name', width: 300, ellipsis: true },
        {
          title: t('electronic.batch.columns.status'),
          key: 'status',
          width: 100,
          render: (_v, row) => (
            <Tag color={STATUS_COLORS[row.status]}>{t(`electronic.batch.statuses.${row.status}`)}</Tag>
          )
        },
        {
          title: t('electronic.batch.columns.record'),
          key: 'record',
          render: (_v, row) =>
            row.status === 'ambiguous'
              ? row.candidates.join(t('common.listSeparator'))
              : row.archivalCode && `${row.archivalCode} ${row.title ?? ''}`
        },
        {
          title: t('electronic.batch.columns.sequence'),
          dataIndex: 'sequence',
          width: 70,
          align: 'right',
          render: (value) => value ?? ''
        }
      ]}
    />
  )
}
