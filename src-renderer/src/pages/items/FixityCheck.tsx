import { Button, Modal, Progress, Space, Typography } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '@renderer/api/client'
import { PrintPreview } from '@renderer/components/PrintPreview'
import { formatDateTime } from '@renderer/errors'
import { pollInTurn } from '@renderer/pollInTurn'
import { useRemote } from '@renderer/useRemote'
import { useSubmit } from '@renderer/useSubmit'

/** How many files a sample check reads. */
const SAMPLE = 100

/**
 * R-ELEC-3: starts a machine check of the stored files and follows it. The check runs in main and survives a restart,
 * so this only asks how far it is; damage it finds appears as incidents on the records.
 */
export function FixityCheck({ onClose }: { onClose(): void }) {
  const { t } = useTranslation()
  const { submit, busy } = useSubmit()
  const { data: run, setData: setRun, reload } = useRemote(useCallback(() => call('electronic.fixityLatest', {}), []))
  const [preview, setPreview] = useState<string | null>(null)

  const running = run !== null && run.finishedAt === null
  useEffect(() => {
    if (!running) return
    return pollInTurn(reload, 1000)
  }, [running, reload])

  const start = (sample: number | null) =>
    void submit(() => call('electronic.fixityStart', { sample }), { onDone: setRun })

  return (
    <Modal
      open
      width={640}
      footer={null}
      title={t('electronic.fixity.title')}
      onCancel={onClose}
      rootClassName="fixity-check"
    >
      {run === null ? (
        <Typography.Paragraph>{t('electronic.fixity.never')}</Typography.Paragraph>
      ) : (
        <>
          <Typography.Paragraph>
            {running
              ? t('electronic.fixity.running', { startedAt: formatDateTime(run.startedAt), startedBy: run.startedBy })
              : t('electronic.fixity.finished', { finishedAt: formatDateTime(run.finishedAt ?? '') })}
          </Typography.Paragraph>
          <Progress
            percent={run.total ? Math.round((run.checked / run.total) * 100) : 100}
            status={run.mismatched + run.missing > 0 ? 'exception' : undefined}
          />
          <Space className="fixity-result" style={{ marginBottom: 16 }}>
            <Typography.Text className="fixity-progress">{t('electronic.fixity.progress', { ...run })}</Typography.Text>
            {!running && (
              <Button
                size="small"
                onClick={() =>
                  void submit(() => call('print.fixityReport', { runId: run.id }), {
                    onDone: (printed) => setPreview(printed.html)
                  })
                }
              >
                {t('electronic.fixity.printReport')}
              </Button>
            )}
          </Space>
        </>
      )}
      <Space>
        <Button type="primary" disabled={running} loading={busy} onClick={() => start(null)}>
          {t('electronic.fixity.all')}
        </Button>
        <Button disabled={running} loading={busy} onClick={() => start(SAMPLE)}>
          {t('electronic.fixity.sample', { count: SAMPLE })}
        </Button>
      </Space>
      {preview && (
        <PrintPreview html={preview} title={t('electronic.fixity.report')} onClose={() => setPreview(null)} />
      )}
    </Modal>
  )
}
