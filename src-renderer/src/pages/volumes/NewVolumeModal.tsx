import { Checkbox, Form, Input, InputNumber, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ChannelInput, FilingSettings, Volume } from '@preload/contract'
import { call } from '@renderer/api/client'
import { CodeSelect } from '@renderer/components/CodeSelect'
import { FormModal } from '@renderer/components/FormModal'
import { entriesOf, type CodeField } from '@renderer/useFilingSettings'
import { useForm } from '@renderer/useForm'
import { useSubmit } from '@renderer/useSubmit'

type NewVolume = ChannelInput<'volumes.create'>

/** A new volume, filled in with the first of each code and last year. */
export function NewVolumeModal({
  open,
  settings,
  onClose,
  onCreated
}: {
  open: boolean
  settings: FilingSettings | null
  onClose(): void
  onCreated(volume: Volume): void
}) {
  const { t } = useTranslation()
  const [form] = useForm<NewVolume>()
  const { submit, busy } = useSubmit()

  const values = {
    fondsCode: settings?.fonds[0]?.code,
    categoryCode: settings?.categories[0]?.code,
    retentionCode: settings?.retentionPeriods[0]?.code,
    departmentCode: settings?.departments[0]?.code,
    year: new Date().getFullYear() - 1,
    topSecret: false
  }

  const create = (values: NewVolume) =>
    submit(() => call('volumes.create', values), {
      success: 'volumes.created',
      successParams: (volume) => ({ code: volume.archivalCode }),
      close: onClose,
      onDone: onCreated,
      form
    })

  const code = (name: CodeField, required: boolean) => (
    <Form.Item name={name} label={t(`items.fields.${name}`)} required={required}>
      <CodeSelect style={{ width: 180 }} entries={entriesOf(settings, name)} />
    </Form.Item>
  )

  return (
    <FormModal
      open={open}
      focusTriggerAfterClose={false}
      title={t('volumes.new')}
      values={values}
      form={form}
      busy={busy}
      onClose={onClose}
      name="volume"
      onFinish={create}
    >
      <Form.Item name="title" label={t('volumes.title')} required>
        <Input />
      </Form.Item>
      <Space wrap>
        <Form.Item name="year" label={t('items.fields.year')} required>
          <InputNumber precision={0} />
        </Form.Item>
        {code('fondsCode', true)}
        {code('categoryCode', true)}
        {code('retentionCode', true)}
        {code('departmentCode', false)}
        <Form.Item name="catalogueCode" label={t('volumes.catalogueCode')}>
          <Input style={{ width: 120 }} placeholder={settings?.defaultCatalogueCode} />
        </Form.Item>
      </Space>
      <Form.Item name="topSecret" valuePropName="checked">
        <Checkbox>{t('volumes.topSecret')}</Checkbox>
      </Form.Item>
    </FormModal>
  )
}
