import { Button, DatePicker, Form, Input, Space } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { Fragment, useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import type { Volume } from '@preload/contract'
import { call } from '@renderer/api/client'
import { useForm } from '@renderer/useForm'
import type { SubmitOptions } from '@renderer/useSubmit'

interface NoteValues {
  notes: string
  compiledBy: string
  compiledOn?: Dayjs | null
  checkedBy: string
  checkedOn?: Dayjs | null
}

const day = (value: string) => (value ? dayjs(value) : null)
const iso = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : '')

/** The volume's note (备考表): remarks, who compiled and who checked it, and when. */
export function VolumeNoteForm({
  volume,
  canWrite,
  act
}: {
  volume: Volume
  canWrite: boolean
  act(work: () => Promise<unknown>, done: string, options?: SubmitOptions<unknown>): Promise<boolean>
}) {
  const { t } = useTranslation()
  const [form, formProps] = useForm<NoteValues>()

  useEffect(() => {
    form.setFieldsValue({ ...volume, compiledOn: day(volume.compiledOn), checkedOn: day(volume.checkedOn) })
  }, [volume, form])

  const save = (values: NoteValues) =>
    act(
      () =>
        call('volumes.updateNote', {
          id: volume.id,
          version: volume.version,
          notes: values.notes ?? '',
          compiledBy: values.compiledBy ?? '',
          compiledOn: iso(values.compiledOn),
          checkedBy: values.checkedBy ?? '',
          checkedOn: iso(values.checkedOn)
        }),
      'common.saved',
      { form }
    )

  return (
    <Form
      name="volume-note"
      {...formProps}
      layout="vertical"
      style={{ marginTop: 24 }}
      onFinish={save}
      disabled={!canWrite}
    >
      <Form.Item name="notes" label={t('volumes.notes')}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Space wrap>
        {(['compiled', 'checked'] as const).map((step) => (
          <Fragment key={step}>
            <Form.Item name={`${step}By`} label={t(`volumes.${step}By`)}>
              <Input />
            </Form.Item>
            <Form.Item name={`${step}On`} label={t(`volumes.${step}On`)}>
              <DatePicker format="YYYY-MM-DD" />
            </Form.Item>
          </Fragment>
        ))}
      </Space>
      {canWrite && <Button htmlType="submit">{t('volumes.saveNote')}</Button>}
    </Form>
  )
}
