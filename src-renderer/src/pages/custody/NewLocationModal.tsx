import { Form, Input, InputNumber } from 'antd'
import { useTranslation } from 'react-i18next'
import type { LocationKind, LocationNode } from '@preload/contract'
import { call } from '@renderer/api/client'
import { FormModal } from '@renderer/components/FormModal'
import { useForm } from '@renderer/useForm'
import { useSubmit } from '@renderer/useSubmit'

type LocationValues = { code: string; name: string; capacity: number | null }

export interface Adding {
  parent: LocationNode | null
  kind: LocationKind
}

/** A new room, or a rack, shelf or box inside the chosen place. */
export function NewLocationModal({
  adding,
  onClose,
  onCreated
}: {
  adding: Adding | null
  onClose(): void
  onCreated(): void
}) {
  const { t } = useTranslation()
  const [form] = useForm<LocationValues>()
  const { submit, busy } = useSubmit()

  const create = (values: LocationValues) =>
    adding &&
    submit(
      () =>
        call('locations.create', {
          parentId: adding.parent?.id ?? null,
          kind: adding.kind,
          code: values.code,
          name: values.name,
          capacity: values.capacity ?? null
        }),
      { success: 'storage.created', close: onClose, onDone: onCreated, form }
    )

  return (
    <FormModal
      open={adding !== null}
      values={{}}
      title={adding ? t('storage.addChild', { kind: t(`locationKinds.${adding.kind}`) }) : ''}
      form={form}
      busy={busy}
      onClose={onClose}
      name="location"
      onFinish={create}
    >
      <Form.Item name="code" label={t('storage.code')} required extra={t('storage.codeHint')}>
        <Input />
      </Form.Item>
      <Form.Item name="name" label={t('storage.name')} required>
        <Input />
      </Form.Item>
      <Form.Item name="capacity" label={t('storage.capacity')} extra={t('storage.capacityHint')}>
        <InputNumber precision={0} />
      </Form.Item>
    </FormModal>
  )
}
