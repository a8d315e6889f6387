import { Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Typography, type FormInstance } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import type { AppraisalBatch } from '@preload/contract'
import { call } from '@renderer/api/client'
import { NO_ENTER_SUBMIT, useConfirmIrreversible } from '@renderer/components/ConfirmIrreversible'
import { useForm } from '@renderer/useForm'
import { day, type BatchStep } from './BatchSteps'
import { registerNumber } from './RegistersTab'

interface RegisterValues {
  place?: string
  destroyedOn?: Dayjs
  method?: string
  approvedBy?: string
  supervisors?: (string | undefined)[]
  countConfirmed?: number
}

/**
 * R-DISP-7: the destruction register, drawn after verification and signed once the records are gone. Both steps ask
 * first (signing only after the register number was typed), and Enter in their fields submits neither.
 */
export function DestructionCard({
  batch,
  methods,
  act
}: {
  batch: AppraisalBatch
  methods: string[]
  act(work: (step: BatchStep) => Promise<AppraisalBatch>, done: string, form: FormInstance): Promise<unknown>
}) {
  const { t } = useTranslation()
  const confirmation = useConfirmIrreversible()
  const toDestroy = batch.entriesDetail.filter(
    (entry) => entry.decision === 'destroy' && entry.verification === 'confirmed'
  ).length
  const [destroyForm, destroyProps] = useForm<RegisterValues>()
  const [signForm, signProps] = useForm<{ signedOn?: Dayjs }>()
  const supervisorsNeeded = Math.max(2, batch.register?.supervisors.length ?? 2)
  return (
    <Card size="small" title={t('disposal.destruction')} style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">{t('disposal.signOnPaper')}</Typography.Paragraph>
      <Form
        name="destruction-register"
        {...destroyProps}
        {...NO_ENTER_SUBMIT}
        layout="vertical"
        initialValues={{
          destroyedOn: batch.register ? dayjs(batch.register.destroyedOn) : dayjs(),
          supervisors: batch.register?.supervisors ?? Array.from({ length: supervisorsNeeded }, () => ''),
          place: batch.register?.place,
          method: batch.register?.method,
          approvedBy: batch.register?.approvedBy,
          countConfirmed: batch.register?.countConfirmed
        }}
        onFinish={(values) =>
          confirmation.ask({
            title: t('irreversible.drawRegister.title', { title: batch.title }),
            consequence: t('irreversible.drawRegister.consequence', { count: toDestroy }),
            action: t('irreversible.drawRegister.action'),
            run: () =>
              act(
                (step) =>
                  call('destruction.create', {
                    ...step,
                    place: values.place ?? '',
                    destroyedOn: day(values.destroyedOn),
                    method: values.method ?? '',
                    approvedBy: values.approvedBy ?? '',
                    supervisors: (values.supervisors ?? []).map((name) => name ?? ''),
                    countConfirmed: values.countConfirmed ?? 0
                  }),
                'disposal.registerDrawn',
                destroyForm
              )
          })
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
          {...signProps}
          {...NO_ENTER_SUBMIT}
          layout="inline"
          style={{ marginTop: 16 }}
          initialValues={{ signedOn: dayjs() }}
          onFinish={(values) =>
            batch.register &&
            confirmation.ask({
              title: t('irreversible.destroy.title', {
                number: registerNumber(batch.register.id),
                count: batch.register.lines.length
              }),
              consequence: t('irreversible.destroy.consequence'),
              action: t('irreversible.destroy.action'),
              typed: registerNumber(batch.register.id),
              run: () =>
                act(
                  (step) => call('destruction.sign', { ...step, signedOn: day(values.signedOn) }),
                  'disposal.signed',
                  signForm
                )
            })
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
      {confirmation.dialog}
    </Card>
  )
}
