import {
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Tag,
  Typography,
  type FormInstance
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppraisalBatch, AppraisalEntry, ChannelInput } from '../../../../src-preload/contract'
import { call } from '../../api/client'

/** The batch and the version a step acts on. */
export interface BatchStep {
  batchId: number
  version: number
}

export const day = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : '')

/** R-DISP-5: the archive manager closes the appraisal with the appraisers' names and the date. */
export function AppraisersCard({
  managerName,
  act
}: {
  managerName: string
  act(work: (step: BatchStep) => Promise<AppraisalBatch>, form: FormInstance): void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm()
  return (
    <Card size="small" title={t('disposal.appraisers')} style={{ marginTop: 16 }}>
      <Form
        name="appraisal-complete"
        form={form}
        layout="inline"
        initialValues={{ managerName, appraisedOn: dayjs() }}
        onFinish={(values) =>
          act(
            (step) =>
              call('appraisal.complete', {
                ...step,
                managerName: values.managerName ?? '',
                departmentLeaderName: values.departmentLeaderName ?? '',
                appraisedOn: day(values.appraisedOn)
              }),
            form
          )
        }
      >
        <Form.Item name="managerName" label={t('disposal.managerName')}>
          <Input style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="departmentLeaderName" label={t('disposal.departmentLeaderName')}>
          <Input style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="appraisedOn" label={t('disposal.appraisedOn')}>
          <DatePicker />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('disposal.complete')}
        </Button>
      </Form>
    </Card>
  )
}

/** R-DISP-7: the destruction register, drawn after verification and signed once the records are gone. */
export function DestructionCard({
  batch,
  methods,
  act
}: {
  batch: AppraisalBatch
  methods: string[]
  act(work: (step: BatchStep) => Promise<AppraisalBatch>, done: string, form: FormInstance): void
}) {
  const { t } = useTranslation()
  const [destroyForm] = Form.useForm()
  const [signForm] = Form.useForm()
  const supervisorsNeeded = Math.max(2, batch.register?.supervisors.length ?? 2)
  return (
    <Card size="small" title={t('disposal.destruction')} style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">{t('disposal.signOnPaper')}</Typography.Paragraph>
      <Form
        name="destruction-register"
        form={destroyForm}
        layout="vertical"
        initialValues={{
          destroyedOn: dayjs(),
          supervisors: batch.register?.supervisors ?? Array.from({ length: supervisorsNeeded }, () => ''),
          place: batch.register?.place,
          method: batch.register?.method,
          approvedBy: batch.register?.approvedBy,
          countConfirmed: batch.register?.countConfirmed
        }}
        onFinish={(values) =>
          act(
            (step) =>
              call('destruction.create', {
                ...step,
                place: values.place ?? '',
                destroyedOn: day(values.destroyedOn),
                method: values.method ?? '',
                approvedBy: values.approvedBy ?? '',
                supervisors: (values.supervisors ?? []).map((name: string | undefined) => name ?? ''),
                countConfirmed: values.countConfirmed ?? 0
              }),
            'disposal.registerDrawn',
            destroyForm
          )
        }
      >
        <Space wrap align="start">
          <Form.Item name="place" label={t('disposal.place')}>
            <Input style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="destroyedOn" label={t('disposal.destroyedOn')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="method" label={t('disposal.method')}>
            <Select style={{ width: 200 }} showSearch options={methods.map((value) => ({ value, label: value }))} />
          </Form.Item>
          <Form.Item name="approvedBy" label={t('disposal.approvedBy')}>
            <Input style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="countConfirmed" label={t('disposal.countConfirmed')}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
        </Space>
        <Form.List name="supervisors">
          {(fields, { add }) => (
            <Space wrap align="start">
              {fields.map((field, index) => (
                <Form.Item key={field.key} name={field.name} label={t('disposal.supervisor', { n: index + 1 })}>
                  <Input style={{ width: 140 }} />
                </Form.Item>
              ))}
              <Button style={{ marginTop: 30 }} onClick={() => add('')}>
                {t('disposal.addSupervisor')}
              </Button>
            </Space>
          )}
        </Form.List>
        <Button type="primary" htmlType="submit">
          {t('disposal.drawRegister')}
        </Button>
      </Form>
      {batch.register && !batch.register.signedOn && (
        <Form
          name="destruction-sign"
          form={signForm}
          layout="inline"
          style={{ marginTop: 16 }}
          initialValues={{ signedOn: dayjs() }}
          onFinish={(values) =>
            act(
              (step) => call('destruction.sign', { ...step, signedOn: day(values.signedOn) }),
              'disposal.signed',
              signForm
            )
          }
        >
          <Form.Item name="signedOn" label={t('disposal.signedOn')}>
            <DatePicker />
          </Form.Item>
          <Button type="primary" danger htmlType="submit">
            {t('disposal.sign')}
          </Button>
        </Form>
      )}
    </Card>
  )
}

export function DecisionForm({
  entry,
  retentionOptions,
  onDecide
}: {
  entry: AppraisalEntry
  retentionOptions: { value: string; label: string }[]
  onDecide(input: Pick<ChannelInput<'appraisal.decide'>, 'decision' | 'newRetentionCode' | 'reason'>): void
}) {
  const { t } = useTranslation()
  const [decision, setDecision] = useState<'destroy' | 'keep' | null>(entry.decision)
  const [code, setCode] = useState<string | null>(entry.newRetentionCode)
  const [reason, setReason] = useState(entry.reason)
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      <Space>
        <Select
          style={{ width: 110 }}
          aria-label={t('disposal.decision')}
          placeholder={t('disposal.undecided')}
          value={decision}
          onChange={setDecision}
          options={(['destroy', 'keep'] as const).map((value) => ({ value, label: t(`disposal.decisions.${value}`) }))}
        />
        {decision === 'keep' && (
          <Select
            style={{ width: 140 }}
            aria-label={t('disposal.newRetention')}
            placeholder={t('disposal.newRetention')}
            value={code}
            onChange={setCode}
            options={retentionOptions}
          />
        )}
        <Button
          size="small"
          disabled={decision === null}
          onClick={() =>
            decision && onDecide({ decision, newRetentionCode: decision === 'keep' ? code : null, reason })
          }
        >
          {t('disposal.decide')}
        </Button>
        {entry.decision && (
          <Tag color={entry.decision === 'destroy' ? 'red' : 'green'}>{t(`disposal.decisions.${entry.decision}`)}</Tag>
        )}
      </Space>
      {decision === 'keep' && (
        <Input
          size="small"
          aria-label={t('disposal.reason')}
          placeholder={t('disposal.reason')}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      )}
    </Space>
  )
}

export function VerifyButtons({ onConfirm, onPull }: { onConfirm(): void; onPull(note: string): void }) {
  const { t } = useTranslation()
  const [note, setNote] = useState('')
  return (
    <Space>
      <Button size="small" danger onClick={onConfirm}>
        {t('disposal.confirm')}
      </Button>
      <Input
        size="small"
        style={{ width: 140 }}
        aria-label={t('disposal.pullReason')}
        placeholder={t('disposal.pullReason')}
        value={note}
        onChange={(event) => setNote(event.target.value)}
      />
      <Button size="small" onClick={() => onPull(note)}>
        {t('disposal.pull')}
      </Button>
    </Space>
  )
}
