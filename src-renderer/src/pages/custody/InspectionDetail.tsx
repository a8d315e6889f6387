import { PrinterOutlined } from '@ant-design/icons'
import { Alert, App, Button, Drawer, Form, Space } from 'antd'
import dayjs from 'dayjs'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Inspection, LocationNode } from '@preload/contract'
import { call } from '@renderer/api/client'
import { PrintPreview } from '@renderer/components/PrintPreview'
import { appErrorOf, describeError } from '@renderer/errors'
import { useSubmit } from '@renderer/useSubmit'
import { FindingsTable, InspectionSummary, type Mark } from './Findings'
import { HeaderFields, headerInput, type HeaderValues } from './inspectionForm'
import { useForm } from '@renderer/useForm'

/** One inspection: ticking records off, its environment judgement, header and report; read-only once completed. */
export function InspectionDetail({
  id,
  canWrite,
  rooms,
  onClose,
  onChanged
}: {
  id: number
  canWrite: boolean
  rooms: LocationNode[]
  onClose(): void
  onChanged(): void
}) {
  const { t } = useTranslation()
  const { modal } = App.useApp()
  const { submit, fail } = useSubmit()
  const [inspection, setInspection] = useState<Inspection | null>(null)
  const [preview, setPreview] = useState<string | null>(null)
  const [form, formProps] = useForm<HeaderValues>()
  const editable = canWrite && inspection?.status === 'draft'

  const show = useCallback(
    (loaded: Inspection) => {
      setInspection(loaded)
      form.setFieldsValue({ ...loaded, inspectedOn: dayjs(loaded.inspectedOn) })
    },
    [form]
  )

  useEffect(() => {
    call('inspections.get', { id })
      .then(show)
      .catch((error) => {
        fail(error)
        onClose()
      })
  }, [fail, id, onClose, show])

  const act = (work: () => Promise<Inspection>, done: string, refused?: (error: unknown) => boolean) =>
    submit(work, {
      success: done,
      onDone: (changed) => {
        show(changed)
        onChanged()
      },
      form,
      refused
    })

  const mark = (findings: Mark[]) =>
    act(
      () =>
        call('inspections.mark', {
          id,
          findings: findings.map((f) => ({ subject: f.subject, id: f.id, state: f.state, note: f.note }))
        }),
      'inspections.marked'
    )

  const complete = async (confirmMissing: boolean): Promise<unknown> =>
    inspection &&
    act(
      () => call('inspections.complete', { id, version: inspection.version, confirmMissing }),
      'inspections.completed',
      (error) => {
        // R-KEEP-2: records not ticked off become missing only once the person agrees.
        if (appErrorOf(error).ruleId !== 'R-KEEP-2' || confirmMissing) return false
        modal.confirm({
          title: t('inspections.confirmComplete'),
          content: describeError(t, error),
          okText: t('inspections.complete'),
          cancelText: t('common.cancel'),
          onOk: () => complete(true)
        })
        return true
      }
    )

  const print = () => submit(() => call('print.inspection', { id }), { onDone: (printed) => setPreview(printed.html) })

  if (!inspection) return null
  return (
    <Drawer
      open
      width={1000}
      onClose={onClose}
      rootClassName="inspection-detail"
      title={`${t(`inspections.kinds.${inspection.kind}`)} ${inspection.inspectedOn}`}
      extra={
        <Space>
          <Button icon={<PrinterOutlined />} onClick={print}>
            {t('inspections.print')}
          </Button>
          {editable && (
            <Button type="primary" onClick={() => complete(false)}>
              {t('inspections.complete')}
            </Button>
          )}
        </Space>
      }
    >
      {inspection.status === 'completed' && (
        <Alert type="success" showIcon message={t('inspections.readOnlyCompleted')} style={{ marginBottom: 16 }} />
      )}
      <InspectionSummary inspection={inspection} />
      <FindingsTable inspection={inspection} editable={editable} mark={mark} />
      <Form<HeaderValues>
        name="inspection-header"
        {...formProps}
        layout="vertical"
        disabled={!editable}
        style={{ marginTop: 24 }}
        onFinish={(values) =>
          act(
            () => call('inspections.update', { id, version: inspection.version, ...headerInput(values) }),
            'inspections.saved'
          )
        }
      >
        <HeaderFields rooms={rooms} />
        {editable && <Button htmlType="submit">{t('inspections.saveHeader')}</Button>}
      </Form>
      {preview && <PrintPreview html={preview} title={t('inspections.print')} onClose={() => setPreview(null)} />}
    </Drawer>
  )
}
