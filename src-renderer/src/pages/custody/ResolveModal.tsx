import { DatePicker, Form, Input, Select } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import type { Incident } from '@preload/contract'
import { INCIDENT_RESOLUTIONS } from '@preload/vocabulary'
import { call } from '@renderer/api/client'
import { FormModal } from '@renderer/components/FormModal'
import { useForm } from '@renderer/useForm'
import { useSubmit } from '@renderer/useSubmit'
import { optionsOf } from '@renderer/labels'

interface ResolveValues {
  resolution: (typeof INCIDENT_RESOLUTIONS)[number]
  note: string
  resolvedOn: Dayjs
}

export const incidentRecord = (incident: Pick<Incident, 'archivalCode' | 'title'>) =>
  `${incident.archivalCode ?? ''} ${incident.title}`.trim()

/** R-KEEP-3: the follow-up that resolves an incident (found, repaired, written off), with a note and its day. */
export function ResolveModal({
  incident,
  onClose,
  onResolved
}: {
  incident: Incident | null
  onClose(): void
  onResolved(): void
}) {
  const { t } = useTranslation()
  const [form] = useForm<ResolveValues>()
  const { submit, busy } = useSubmit()

  const resolve = (values: ResolveValues) =>
    incident &&
    submit(
      () =>
        call('incidents.resolve', {
          id: incident.id,
          resolution: values.resolution,
          note: values.note ?? '',
          resolvedOn: values.resolvedOn.format('YYYY-MM-DD')
        }),
      { success: 'incidents.resolved', close: onClose, onDone: onResolved, form }
    )

  return (
    <FormModal
      open={incident !== null}
      values={{ resolvedOn: dayjs() }}
      title={incident ? t('incidents.resolveTitle', { record: incidentRecord(incident) }) : ''}
      form={form}
      busy={busy}
      onClose={onClose}
      name="incident-resolve"
      onFinish={resolve}
    >
      <Form.Item name="resolution" label={t('incidents.fields.resolution')} required>
        <Select options={optionsOf(t, INCIDENT_RESOLUTIONS, 'incidents.resolutions')} />
      </Form.Item>
      <Form.Item name="note" label={t('incidents.fields.resolutionNote')} required>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="resolvedOn" label={t('incidents.fields.resolvedOn')} required>
        <DatePicker disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
      </Form.Item>
    </FormModal>
  )
}
