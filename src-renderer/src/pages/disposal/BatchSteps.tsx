import { Button, Card, DatePicker, Form, Input, type FormInstance } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import type { AppraisalBatch } from '@preload/contract'
import { call } from '@renderer/api/client'
import { useForm } from '@renderer/useForm'

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
  const [form, formProps] = useForm<{ managerName?: string; departmentLeaderName?: string; appraisedOn?: Dayjs }>()
  return (
    <Card size="small" title={t('disposal.appraisers')} style={{ marginTop: 16 }}>
      <Form
        name="appraisal-complete"
        {...formProps}
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
