import { Card, Spin, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChainPreview, EXCERPT_ANSWERS, RecordSummary, UseKind } from '@preload/contract'
import { call } from '@renderer/api/client'
import { ChainView } from './ChainView'
import { ISO } from './useLabels'
import { policyVersionText } from '@renderer/labels'

/** What the chain depends on, as the form holds it: every fact the save decides by, so both answer alike. */
export interface ChainFacts {
  kind: UseKind
  applicantKind: 'internal' | 'external'
  departmentCode?: string
  externalUnit?: string
  introductionLetter?: string
  records?: RecordSummary[]
  startOn?: Dayjs | null
  dueOn?: Dayjs | null
  offSite?: boolean
  excerptAnswer?: (typeof EXCERPT_ANSWERS)[number] | null
}

const day = (value: Dayjs | null | undefined) => (value ? value.format(ISO) : null)

/** R-USE-1..6: the approval chain main works out for the request as it stands, asked again when its facts change. */
export function useChainPreview(values: ChainFacts | undefined) {
  const [preview, setPreview] = useState<ChainPreview | null>(null)
  const [previewing, setPreviewing] = useState(false)
  const ticket = useRef(0)
  const current = values && {
    kind: values.kind,
    applicantKind: values.applicantKind,
    departmentCode: values.applicantKind === 'internal' ? (values.departmentCode ?? '') : '',
    externalUnit: values.externalUnit ?? '',
    introductionLetter: values.introductionLetter ?? '',
    excerptAnswer: values.kind === 'loan' ? (values.excerptAnswer ?? null) : null,
    records: (values.records ?? []).map((r) => ({ subject: r.subject, id: r.id })),
    startOn: day(values.startOn),
    dueOn: values.kind === 'loan' ? day(values.dueOn) : null,
    offSite: values.kind === 'loan' && Boolean(values.offSite)
  }
  const factsKey = JSON.stringify(current ?? null)

  // Keyed by the facts' text so the chain is asked for again only when something it depends on changed.
  useEffect(() => {
    const facts: typeof current = JSON.parse(factsKey)
    if (!facts || facts.records.length === 0 || !facts.startOn) return setPreview(null)
    const mine = ++ticket.current
    setPreviewing(true)
    const timer = setTimeout(() => {
      call('use.preview', { ...facts, startOn: facts.startOn! })
        .then((next) => mine === ticket.current && setPreview(next))
        .catch(() => mine === ticket.current && setPreview(null))
        .finally(() => mine === ticket.current && setPreviewing(false))
    }, 300)
    return () => clearTimeout(timer)
  }, [factsKey])

  return { preview, previewing }
}

/** The chain with the reason of each step, or why the request would be refused. */
export function ChainPreviewCard({ preview, previewing }: { preview: ChainPreview | null; previewing: boolean }) {
  const { t } = useTranslation()
  return (
    <Card size="small" title={t('use.chain.title')} extra={previewing && <Spin size="small" />}>
      {preview ? (
        <>
          <ChainView steps={preview.steps} refusal={preview.refusal} />
          {preview.loanDays !== null && (
            <Typography.Paragraph type="secondary">
              {t('use.chain.loanDays', { days: preview.loanDays })}
            </Typography.Paragraph>
          )}
          <Typography.Text type="secondary">{policyVersionText(t, preview.policyVersion)}</Typography.Text>
        </>
      ) : (
        <Typography.Text type="secondary">{t('use.chain.empty')}</Typography.Text>
      )}
    </Card>
  )
}
