import { DatePicker, Form, Input, InputNumber, Select, type FormInstance } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useCallback, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ContactChannel, CreditGrade, PlannedVisit, UpkeepKind } from '@preload/contract'
import { CONTACT_CHANNELS, CREDIT_GRADES, UPKEEP_KINDS } from '@preload/vocabulary'
import { call } from '@renderer/api/client'
import { FormModal } from '@renderer/components/FormModal'
import { useForm, useRequired } from '@renderer/useForm'
import { useRemote } from '@renderer/useRemote'
import { useSubmit } from '@renderer/useSubmit'
import { optionsOf } from '@renderer/labels'

interface DialogProps {
  open: boolean
  customerId: number
  onClose(): void
  onDone(): Promise<void>
}

const day = (value: Dayjs) => value.format('YYYY-MM-DD')

/** Each upkeep dialog: one form whose values go to one channel; once main took them, the tab reloads. */
function UpkeepDialog<T>({
  form,
  send,
  success,
  onDone,
  children,
  ...modal
}: Omit<DialogProps, 'customerId'> & {
  form: FormInstance<T>
  title: string
  values: object
  width?: number
  send(values: T): Promise<unknown>
  /** i18n key of the message once it worked. */
  success: string
  children: ReactNode
}) {
  const { submit, busy } = useSubmit()
  return (
    <FormModal
      {...modal}
      form={form}
      busy={busy}
      onFinish={(values) => void submit(() => send(values), { success, form, onDone })}
    >
      {children}
    </FormModal>
  )
}

/** S37–S40: the second person's verification, with what they checked. */
export function VerifyDialog({ customerId, ...dialog }: DialogProps) {
  const { t } = useTranslation()
  const [form] = useForm<{ note: string }>()
  return (
    <UpkeepDialog
      {...dialog}
      title={t('customerUpkeep.registration.verify')}
      form={form}
      values={{ note: '' }}
      success="customerUpkeep.registration.verified"
      send={(values) => call('customerUpkeep.verify', { customerId, note: values.note ?? '' })}
    >
      <Form.Item name="note" label={t('customerUpkeep.registration.note')}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </UpkeepDialog>
  )
}

interface LogValues {
  kind: UpkeepKind
  channel: ContactChannel
  happenedOn: Dayjs
  staffName: string
  counterpart?: string
  summary?: string
  outcome?: string
  planDay?: number | null
}

/** S35, S44, S63: a contact written into the file; S52 a review with its result; S59–S61 the visit of a plan day. */
export function ContactLogDialog({
  review,
  customerId,
  visits,
  ...dialog
}: DialogProps & { review: boolean; visits: PlannedVisit[] }) {
  const { t } = useTranslation()
  const required = useRequired()
  const [form] = useForm<LogValues>()
  const kind = Form.useWatch('kind', form)
  return (
    <UpkeepDialog
      {...dialog}
      title={t(review ? 'customerUpkeep.review.record' : 'customerUpkeep.log.add')}
      form={form}
      values={{
        kind: review ? 'review' : 'contact',
        channel: review ? 'meeting' : 'call',
        happenedOn: dayjs(),
        planDay: visits.find((visit) => visit.doneOn === null)?.day ?? null
      }}
      width={560}
      success="customerUpkeep.log.saved"
      send={(values) =>
        call('customerUpkeep.log', {
          customerId,
          kind: values.kind,
          channel: values.channel,
          happenedOn: day(values.happenedOn),
          staffName: values.staffName,
          counterpart: values.counterpart ?? '',
          summary: values.summary ?? '',
          outcome: values.outcome ?? '',
          planDay: values.kind === 'visit' ? (values.planDay ?? null) : null
        })
      }
    >
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', columnGap: 12 }}>
        <Form.Item name="kind" label={t('customerUpkeep.log.kind')} rules={required}>
          <Select
            options={optionsOf(
              t,
              UPKEEP_KINDS.filter((value) => value !== 'notice'),
              'customerUpkeep.log.kinds'
            )}
          />
        </Form.Item>
        <Form.Item name="channel" label={t('customerUpkeep.log.channel')} rules={required}>
          <Select options={optionsOf(t, CONTACT_CHANNELS, 'customerUpkeep.log.channels')} />
        </Form.Item>
        <Form.Item name="happenedOn" label={t('customerUpkeep.log.happenedOn')} rules={required}>
          <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="staffName" label={t('customerUpkeep.log.staffName')} rules={required}>
          <Input />
        </Form.Item>
        <Form.Item name="counterpart" label={t('customerUpkeep.log.counterpart')}>
          <Input />
        </Form.Item>
        {kind === 'visit' && (
          <Form.Item name="planDay" label={t('customerUpkeep.log.planDay')}>
            <Select
              allowClear
              options={visits.map((visit) => ({
                value: visit.day,
                label: t('customerUpkeep.log.planDayValue', { day: visit.day })
              }))}
            />
          </Form.Item>
        )}
      </div>
      <Form.Item name="summary" label={t('customerUpkeep.log.summary')}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="outcome" label={t('customerUpkeep.log.outcome')}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </UpkeepDialog>
  )
}

/** S154: the staff in touch with the customer. */
export function StaffDialog({ customerId, staff, ...dialog }: DialogProps & { staff: number[] }) {
  const { t } = useTranslation()
  const [form] = useForm<{ userIds: number[] }>()
  const { data: options } = useRemote(useCallback(() => call('customerUpkeep.staffOptions', {}), []))
  return (
    <UpkeepDialog
      {...dialog}
      title={t('customerUpkeep.staff.edit')}
      form={form}
      values={{ userIds: staff }}
      success="customerUpkeep.staff.saved"
      send={(values) => call('customerUpkeep.assignStaff', { customerId, userIds: values.userIds ?? [] })}
    >
      <Form.Item name="userIds" label={t('customerUpkeep.staff.title')}>
        <Select
          mode="multiple"
          optionFilterProp="label"
          options={(options ?? []).map((user) => ({ value: user.id, label: user.name }))}
        />
      </Form.Item>
    </UpkeepDialog>
  )
}

interface CreditValues {
  grade: CreditGrade
  limitAmount: number
  limitYear: number
  reportItemId?: number | null
  riskEvaluation?: string
  reason?: string
  decidedOn: Dayjs
}

/** S19–S21: a rating with its limit and year, the investigation report from the file and the risk evaluation. */
export function CreditDialog({ customerId, ...dialog }: DialogProps) {
  const { t } = useTranslation()
  const required = useRequired()
  const [form] = useForm<CreditValues>()
  const { data: file } = useRemote(
    useCallback(
      () => (dialog.open ? call('customers.file', { id: customerId }) : Promise.resolve(null)),
      [dialog.open, customerId]
    )
  )
  return (
    <UpkeepDialog
      {...dialog}
      title={t('customerUpkeep.credit.add')}
      form={form}
      values={{ decidedOn: dayjs(), limitYear: dayjs().year(), reportItemId: null }}
      width={560}
      success="customerUpkeep.credit.saved"
      send={(values) =>
        call('customerUpkeep.credit', {
          customerId,
          grade: values.grade,
          limitAmount: values.limitAmount,
          limitYear: values.limitYear,
          reportItemId: values.reportItemId ?? null,
          riskEvaluation: values.riskEvaluation ?? '',
          reason: values.reason ?? '',
          decidedOn: day(values.decidedOn)
        })
      }
    >
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 12 }}>
        <Form.Item name="grade" label={t('customerUpkeep.credit.grade')} rules={required}>
          <Select options={optionsOf(t, CREDIT_GRADES, 'customerUpkeep.credit.grades')} />
        </Form.Item>
        <Form.Item name="decidedOn" label={t('customerUpkeep.credit.decidedOn')} rules={required}>
          <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="limitAmount" label={t('customerUpkeep.credit.limitAmount')} rules={required}>
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="limitYear" label={t('customerUpkeep.credit.limitYear')} rules={required}>
          <InputNumber min={1900} max={2200} style={{ width: '100%' }} />
        </Form.Item>
      </div>
      <Form.Item name="reportItemId" label={t('customerUpkeep.credit.report')}>
        <Select
          allowClear
          options={(file?.items ?? []).map((item) => ({
            value: item.id,
            label: item.archivalCode ? `${item.archivalCode} ${item.title}` : item.title
          }))}
        />
      </Form.Item>
      <Form.Item name="riskEvaluation" label={t('customerUpkeep.credit.riskEvaluation')}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="reason" label={t('customerUpkeep.credit.reason')}>
        <Input />
      </Form.Item>
    </UpkeepDialog>
  )
}
