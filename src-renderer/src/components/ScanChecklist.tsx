import { CheckCircleFilled } from '@ant-design/icons'
import { App, Space, Tag, Typography } from 'antd'
import { useCallback, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RecordSummary } from '@preload/contract'
import { unscanned } from '../scanTick'
import { ScanTickInput } from './ScanTickInput'

const keyOf = (record: RecordSummary) => `${record.subject}-${record.id}`

const NONE: ReadonlySet<string> = new Set()

/**
 * Which of a request's records have been scanned at the counter, and which are still to be scanned. Scans count for
 * one phase (going out, coming back): a new phase starts with nothing scanned.
 */
export function useScanChecklist(records: readonly RecordSummary[], phase: string) {
  const { t } = useTranslation()
  const { modal } = App.useApp()
  const [ticks, setTicks] = useState<{ phase: string; keys: ReadonlySet<string> }>({ phase, keys: NONE })
  const scanned = ticks.phase === phase ? ticks.keys : NONE
  const tick = useCallback(
    (key: string) =>
      setTicks((before) => ({ phase, keys: new Set(before.phase === phase ? before.keys : NONE).add(key) })),
    [phase]
  )
  const missing = useMemo(
    () =>
      unscanned(
        records.map((record) => ({ key: keyOf(record), archivalCode: record.archivalCode })),
        scanned
      ),
    [records, scanned]
  )
  /** Scanning began and some labelled records were not scanned: the archivist confirms before going on. */
  const confirmIfMissing = (proceed: () => unknown) => {
    if (missing.length === 0) return void proceed()
    modal.confirm({
      title: t('scan.notAllTitle', { count: missing.length }),
      content: t('scan.notAllContent', { codes: missing.join(t('common.listSeparator')) }),
      okText: t('scan.goOn'),
      onOk: () => void proceed()
    })
  }
  return { scanned, tick, missing, confirmIfMissing }
}

/**
 * The records going out or coming back, ticked off as the archivist scans each label: the record in hand is the one
 * on the request, or a red message says it is not.
 */
export function ScanChecklist({
  records,
  scanned,
  onTick
}: {
  records: readonly RecordSummary[]
  scanned: ReadonlySet<string>
  onTick(key: string): void
}) {
  const { t } = useTranslation()
  const scannable = records.filter((record) => record.archivalCode !== null)
  return (
    <div className="scan-checklist">
      <ScanTickInput
        records={scannable.map((record) => ({
          key: keyOf(record),
          archivalCode: record.archivalCode,
          ticked: scanned.has(keyOf(record))
        }))}
        onTick={onTick}
      />
      <Space wrap size={[4, 4]}>
        <Typography.Text type="secondary">
          {t('scan.progress', {
            done: scannable.filter((record) => scanned.has(keyOf(record))).length,
            total: scannable.length
          })}
        </Typography.Text>
        {scannable.map((record) => (
          <Tag
            key={keyOf(record)}
            color={scanned.has(keyOf(record)) ? 'success' : undefined}
            icon={scanned.has(keyOf(record)) ? <CheckCircleFilled /> : undefined}
          >
            {record.archivalCode}
          </Tag>
        ))}
      </Space>
    </div>
  )
}
