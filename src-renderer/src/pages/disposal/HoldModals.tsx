import { Form, Input, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Hold, RecordSummary } from '@preload/contract'
import { call } from '@renderer/api/client'
import { FormModal } from '@renderer/components/FormModal'
import { RecordPicker } from '@renderer/components/RecordPicker'
import { useCustomerSearch } from '@renderer/useCustomerSearch'
import { useForm } from '@renderer/useForm'
import { useSubmit } from '@renderer/useSubmit'

type PlaceValues = { name: string; reason: string; records?: RecordSummary[]; customerIds?: number[] }

/** R-DISP-3: a hold on chosen records and on customers' whole files. */
export function PlaceHoldModal({ open, onClose, onPlaced }: { open: boolean; onClose(): void; onPlaced(): void }) {
  const { t } = useTranslation()
  const [form] = useForm<PlaceValues>()
  const { submit, busy } = useSubmit()
  const { customers, findCustomers } = useCustomerSearch()

  const place = (values: PlaceValues) =>
    submit(
      () =>
        call('holds.place', {
          name: values.name ?? '',
          reason: values.reason ?? '',
          records: (values.records ?? []).map(({ subject, id }) => ({ subject, id })),
          customerIds: values.customerIds ?? []
        }),
      {
        success: 'disposal.holdPlaced',
        close: onClose,
        onDone: () => {
          form.resetFields()
          onPlaced()
        },
        form
      }
    )

  return (
    <FormModal
      open={open}
      width={720}
      title={t('disposal.placeHold')}
      form={form}
      busy={busy}
      onClose={onClose}
      plainButtons
      name="place-hold"
      onFinish={place}
    >
      <Form.Item name="name" label={t('disposal.holdName')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="reason" label={t('disposal.holdReason')}>
        <Input.TextArea maxLength={500} rows={2} />
      </Form.Item>
      <Form.Item name="records" label={t('disposal.holdRecords')}>
        <RecordPicker />
      </Form.Item>
      <Form.Item name="customerIds" label={t('disposal.holdCustomers')}>
        <Select
          mode="multiple"
          showSearch={{ filterOption: false, onSearch: (text) => void findCustomers(text) }}
          onFocus={() => void findCustomers('')}
          options={customers}
          placeholder={t('disposal.customerSearch')}
        />
      </Form.Item>
    </FormModal>
  )
}

/** R-DISP-3: releasing a hold, with the reason. */
export function ReleaseHoldModal({
  hold,
  onClose,
  onReleased
}: {
  hold: Hold | null
  onClose(): void
  onReleased(): void
}) {
  const { t } = useTranslation()
  const [form] = useForm<{ reason: string }>()
  const { submit, busy } = useSubmit()

  const release = ({ reason }: { reason: string }) =>
    hold &&
    submit(() => call('holds.release', { id: hold.id, reason: reason ?? '' }), {
      success: 'disposal.released',
      close: onClose,
      onDone: () => {
        form.resetFields()
        onReleased()
      },
      form
    })

  return (
    <FormModal
      open={hold !== null}
      title={t('disposal.release')}
      form={form}
      busy={busy}
      onClose={onClose}
      plainButtons
      name="release-hold"
      onFinish={release}
    >
      <Form.Item name="reason" label={t('disposal.releaseReason')}>
        <Input.TextArea maxLength={500} rows={2} />
      </Form.Item>
    </FormModal>
  )
}
