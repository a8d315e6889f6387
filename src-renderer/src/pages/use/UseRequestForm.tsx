import { Alert, App, Col, Form, Input, Radio, Row } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import type { RecordSummary, UseKind, UseRequest } from '@preload/contract'
import { EXCERPT_ANSWERS, USE_KINDS } from '@preload/vocabulary'
import { call } from '@renderer/api/client'
import { RecordPicker } from '@renderer/components/RecordPicker'
import { FormDrawer } from '@renderer/components/FormDrawer'
import { useFilingSettings } from '@renderer/useFilingSettings'
import { useForm } from '@renderer/useForm'
import { useSubmit } from '@renderer/useSubmit'
import { ApplicantFields } from './ApplicantFields'
import { ChainPreviewCard, useChainPreview } from './ChainPreview'
import { TermFields } from './TermFields'
import { ISO } from './useLabels'
import { optionsOf } from '@renderer/labels'

interface DraftValues {
  kind: UseKind
  applicantKind: 'internal' | 'external'
  applicantUserId?: number | null
  applicantName: string
  departmentCode?: string
  externalUnit?: string
  introductionLetter?: string
  purpose: string
  reason: string
  records?: RecordSummary[]
  copies?: number
  startOn?: Dayjs | null
  dueOn?: Dayjs | null
  offSite?: boolean
  excerptAnswer?: (typeof EXCERPT_ANSWERS)[number] | null
}

const day = (value: Dayjs | null | undefined) => (value ? value.format(ISO) : null)

/**
 * A new consultation, loan or copy request: the chain it needs is worked out in main as the form is filled in and
 * shown with the reason of each step before anything is submitted (R-USE-1..6); a loan asks first whether an
 * excerpt or copy would do (R-USE-3).
 */
export function UseRequestForm({ onClose, onCreated }: { onClose(): void; onCreated(request: UseRequest): void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const settings = useFilingSettings()
  const [form, formProps] = useForm<DraftValues>()
  const { submit: send, busy } = useSubmit()
  const values = Form.useWatch([], form) as DraftValues | undefined
  const kind = values?.kind ?? 'consultation'
  const external = values?.applicantKind === 'external'
  const { preview, previewing } = useChainPreview(values)

  const answerExcerpt = (answer: DraftValues['excerptAnswer']) => {
    if (answer === 'excerpt_suffices') {
      form.setFieldsValue({ kind: 'excerpt', excerptAnswer: null })
      void message.info(t('use.form.switchedToExcerpt'))
    }
  }

  const submit = (draft: DraftValues) =>
    send(
      () =>
        call('use.create', {
          kind: draft.kind,
          applicantKind: draft.applicantKind,
          applicantUserId: draft.applicantKind === 'internal' ? (draft.applicantUserId ?? null) : null,
          applicantName: draft.applicantName ?? '',
          departmentCode: draft.applicantKind === 'internal' ? (draft.departmentCode ?? '') : '',
          externalUnit: draft.externalUnit ?? '',
          introductionLetter: draft.introductionLetter ?? '',
          purpose: draft.purpose ?? '',
          reason: draft.reason ?? '',
          records: (draft.records ?? []).map((r) => ({ subject: r.subject, id: r.id })),
          copies: draft.copies ?? 1,
          startOn: day(draft.startOn) ?? '',
          dueOn: draft.kind === 'loan' ? day(draft.dueOn) : null,
          offSite: draft.kind === 'loan' && Boolean(draft.offSite),
          excerptAnswer: draft.kind === 'loan' ? (draft.excerptAnswer ?? null) : null
        }),
      {
        success: 'use.form.created',
        successParams: (created) => ({ number: created.number }),
        onDone: onCreated,
        form
      }
    )

  return (
    <FormDrawer
      className="use-request-form"
      width={1100}
      title={t('use.form.title')}
      form={form}
      busy={busy}
      submitText={t('use.form.submit')}
      onClose={onClose}
    >
      <Row gutter={24}>
        <Col span={15}>
          <Form<DraftValues>
            name="use-request"
            {...formProps}
            layout="vertical"
            onFinish={submit}
            initialValues={{
              kind: 'consultation',
              applicantKind: 'internal',
              copies: 1,
              startOn: dayjs(),
              offSite: false,
              records: []
            }}
          >
            <Form.Item name="kind" label={t('use.fields.kind')}>
              <Radio.Group optionType="button" options={optionsOf(t, USE_KINDS, 'use.kinds')} />
            </Form.Item>
            <Form.Item name="applicantKind" label={t('use.fields.applicantKind')}>
              <Radio.Group options={optionsOf(t, ['internal', 'external'], 'use.applicantKinds')} />
            </Form.Item>
            <ApplicantFields form={form} external={external} settings={settings} />
            <Form.Item name="records" label={t('use.fields.records')} required>
              <RecordPicker />
            </Form.Item>
            <Form.Item name="purpose" label={t('use.fields.purpose')} required>
              <Input />
            </Form.Item>
            <Form.Item name="reason" label={t('use.fields.reason')} required>
              <Input.TextArea rows={2} />
            </Form.Item>
            <TermFields kind={kind} onExcerptAnswer={answerExcerpt} />
            {kind === 'excerpt' && <Alert type="info" showIcon message={t('use.form.excerptNote')} />}
          </Form>
        </Col>
        <Col span={9}>
          <ChainPreviewCard preview={preview} previewing={previewing} />
        </Col>
      </Row>
    </FormDrawer>
  )
}
