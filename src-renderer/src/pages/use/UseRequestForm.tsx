import {
  Alert,
  App,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Spin,
  Typography
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  EXCERPT_ANSWERS,
  USE_KINDS,
  type Applicant,
  type ChainPreview,
  type RecordSummary,
  type UseKind,
  type UseRequest
} from '../../../../src-preload/contract'
import { call } from '../../api/client'
import { RecordPicker } from '../../components/RecordPicker'
import { FormDrawer } from '../../components/FormDrawer'
import { codeOptions, useFilingSettings } from '../../useFilingSettings'
import { useSubmit } from '../../useSubmit'
import { ChainView } from './ChainView'
import { ISO } from './useLabels'

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
  const [form] = Form.useForm<DraftValues>()
  const [applicants, setApplicants] = useState<Applicant[]>([])
  const [preview, setPreview] = useState<ChainPreview | null>(null)
  const [previewing, setPreviewing] = useState(false)
  const { submit: send, busy } = useSubmit()
  const ticket = useRef(0)
  const values = Form.useWatch([], form) as DraftValues | undefined
  const kind = values?.kind ?? 'consultation'
  const external = values?.applicantKind === 'external'

  useEffect(() => {
    call('use.applicants', {})
      .then(setApplicants)
      .catch(() => setApplicants([]))
  }, [])

  const current = values && {
    kind: values.kind,
    applicantKind: values.applicantKind,
    departmentCode: values.applicantKind === 'internal' ? (values.departmentCode ?? '') : '',
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

  const pickApplicant = (userId: number | null) => {
    const person = applicants.find((a) => a.id === userId)
    if (!person) return
    const department = settings?.departments.find((d) => d.code === person.department || d.name === person.department)
    form.setFieldsValue({
      applicantName: person.displayName,
      ...(department ? { departmentCode: department.code } : {})
    })
  }

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
        successParams: (created) => ({ id: created.id }),
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
            form={form}
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
              <Radio.Group
                optionType="button"
                options={USE_KINDS.map((value) => ({ value, label: t(`use.kinds.${value}`) }))}
              />
            </Form.Item>
            <Form.Item name="applicantKind" label={t('use.fields.applicantKind')}>
              <Radio.Group
                options={['internal', 'external'].map((value) => ({ value, label: t(`use.applicantKinds.${value}`) }))}
              />
            </Form.Item>
            {!external && (
              <Form.Item
                name="applicantUserId"
                label={t('use.fields.applicantUser')}
                extra={t('use.form.applicantUserHint')}
              >
                <Select
                  allowClear
                  showSearch
                  optionFilterProp="label"
                  options={applicants.map((a) => ({
                    value: a.id,
                    label: a.department ? `${a.displayName}（${a.department}）` : a.displayName
                  }))}
                  onChange={pickApplicant}
                />
              </Form.Item>
            )}
            <Space wrap align="start">
              <Form.Item name="applicantName" label={t('use.fields.applicantName')} required>
                <Input style={{ width: 200 }} />
              </Form.Item>
              {external ? (
                <>
                  <Form.Item name="externalUnit" label={t('use.fields.externalUnit')} required>
                    <Input style={{ width: 260 }} />
                  </Form.Item>
                  <Form.Item name="introductionLetter" label={t('use.fields.introductionLetter')} required>
                    <Input style={{ width: 200 }} />
                  </Form.Item>
                </>
              ) : (
                <Form.Item name="departmentCode" label={t('use.fields.department')} required>
                  <Select
                    style={{ width: 220 }}
                    showSearch
                    optionFilterProp="label"
                    options={codeOptions(settings?.departments)}
                  />
                </Form.Item>
              )}
            </Space>
            <Form.Item name="records" label={t('use.fields.records')} required>
              <RecordPicker />
            </Form.Item>
            <Form.Item name="purpose" label={t('use.fields.purpose')} required>
              <Input />
            </Form.Item>
            <Form.Item name="reason" label={t('use.fields.reason')} required>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Space wrap align="start">
              <Form.Item
                name="startOn"
                label={t(kind === 'consultation' ? 'use.fields.readOn' : 'use.fields.startOn')}
                required
              >
                <DatePicker format={ISO} />
              </Form.Item>
              {kind === 'loan' && (
                <Form.Item name="dueOn" label={t('use.fields.dueOn')} required>
                  <DatePicker format={ISO} />
                </Form.Item>
              )}
              {kind !== 'consultation' && (
                <Form.Item name="copies" label={t('use.fields.copies')}>
                  <InputNumber min={1} max={100} precision={0} />
                </Form.Item>
              )}
            </Space>
            {kind === 'loan' && (
              <>
                <Form.Item name="offSite" valuePropName="checked">
                  <Checkbox>{t('use.fields.offSite')}</Checkbox>
                </Form.Item>
                <Form.Item name="excerptAnswer" label={t('use.form.excerptQuestion')} required>
                  <Radio.Group
                    onChange={(event) => answerExcerpt(event.target.value)}
                    options={EXCERPT_ANSWERS.map((value) => ({ value, label: t(`use.excerptAnswers.${value}`) }))}
                  />
                </Form.Item>
              </>
            )}
            {kind === 'excerpt' && <Alert type="info" showIcon message={t('use.form.excerptNote')} />}
          </Form>
        </Col>
        <Col span={9}>
          <Card size="small" title={t('use.chain.title')} extra={previewing && <Spin size="small" />}>
            {preview ? (
              <>
                <ChainView steps={preview.steps} refusal={preview.refusal} />
                {preview.loanDays !== null && (
                  <Typography.Paragraph type="secondary">
                    {t('use.chain.loanDays', { days: preview.loanDays })}
                  </Typography.Paragraph>
                )}
                <Typography.Text type="secondary">
                  {t('use.chain.policyVersion', { version: preview.policyVersion })}
                </Typography.Text>
              </>
            ) : (
              <Typography.Text type="secondary">{t('use.chain.empty')}</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
    </FormDrawer>
  )
}
