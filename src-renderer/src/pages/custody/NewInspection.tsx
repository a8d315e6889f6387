import { Col, Form, Radio, Row, Select, TreeSelect } from 'antd'
import dayjs from 'dayjs'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import type { LocationNode } from '@preload/contract'
import { ADHOC_REASONS, INSPECTION_KINDS } from '@preload/vocabulary'
import { call } from '@renderer/api/client'
import { FormDrawer } from '@renderer/components/FormDrawer'
import { locationOptions } from '@renderer/components/LocationPanel'
import { RecordPicker } from '@renderer/components/RecordPicker'
import { useSubmit } from '@renderer/useSubmit'
import { HeaderFields, headerInput, type NewValues } from './inspectionForm'
import { useForm } from '@renderer/useForm'
import { optionsOf } from '@renderer/labels'

/** R-KEEP-2: a new periodic or ad-hoc inspection over locations and/or named records. */
export function NewInspection({
  locations,
  onClose,
  onCreated
}: {
  locations: LocationNode[]
  onClose(): void
  onCreated(id: number): void
}) {
  const { t } = useTranslation()
  const [form, formProps] = useForm<NewValues>()
  const { submit: send, busy, fail } = useSubmit()
  const kind = Form.useWatch('kind', form)

  useEffect(() => {
    call('settings.getCustody', {})
      .then((settings) => {
        if (!form.isFieldTouched('checklist'))
          form.setFieldValue(
            'checklist',
            settings.data.checklist.map((item) => ({ item, ok: true, note: '' }))
          )
      })
      .catch(fail)
  }, [form, fail])

  const submit = (values: NewValues) =>
    send(
      () =>
        call('inspections.create', {
          ...headerInput(values),
          kind: values.kind,
          reason: values.kind === 'adhoc' ? (values.reason ?? null) : null,
          locationIds: values.locationIds ?? [],
          records: (values.records ?? []).map((record) => ({ subject: record.subject, id: record.id }))
        }),
      { success: 'inspections.created', onDone: (created) => onCreated(created.id), form }
    )

  return (
    <FormDrawer
      className="inspection-form"
      width={760}
      title={t('inspections.new')}
      form={form}
      busy={busy}
      onClose={onClose}
    >
      <Form<NewValues>
        name="inspection-new"
        {...formProps}
        layout="vertical"
        onFinish={submit}
        initialValues={{ kind: 'periodic', inspectedOn: dayjs(), checklist: [] }}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="kind" label={t('inspections.fields.kind')} required>
              <Radio.Group optionType="button" options={optionsOf(t, INSPECTION_KINDS, 'inspections.kinds')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            {kind === 'adhoc' && (
              <Form.Item name="reason" label={t('inspections.fields.reason')} required>
                <Select options={optionsOf(t, ADHOC_REASONS, 'inspections.reasons')} />
              </Form.Item>
            )}
          </Col>
        </Row>
        <Form.Item name="locationIds" label={t('inspections.fields.locations')} extra={t('inspections.scopeHint')}>
          <TreeSelect
            multiple
            allowClear
            treeDefaultExpandAll
            treeData={locationOptions(locations)}
            aria-label={t('inspections.fields.locations')}
          />
        </Form.Item>
        <Form.Item name="records" label={t('inspections.fields.records')}>
          <RecordPicker />
        </Form.Item>
        <HeaderFields rooms={locations.filter((l) => l.kind === 'room')} />
      </Form>
    </FormDrawer>
  )
}
