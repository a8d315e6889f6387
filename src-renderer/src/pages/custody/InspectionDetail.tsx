import { PrinterOutlined } from '@ant-design/icons'
import { Alert, App, Button, Descriptions, Drawer, Form, Input, Radio, Space, Table, Tag } from 'antd'
import dayjs from 'dayjs'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FindingState, Inspection, InspectionFinding, LocationNode } from '../../../../src-preload/contract'
import { call } from '../../api/client'
import { PrintPreview } from '../../components/PrintPreview'
import { appErrorOf, describeError } from '../../errors'
import { useSubmit } from '../../useSubmit'
import { countsOf, HeaderFields, headerInput, Judgement, STATE_COLORS, type HeaderValues } from './inspectionForm'
import { useForm } from '../../useForm'

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

  const mark = (findings: InspectionFinding[], state: FindingState) =>
    act(
      () =>
        call('inspections.mark', {
          id,
          findings: findings.map((f) => ({ subject: f.subject, id: f.id, state, note: f.note }))
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
  const unchecked = inspection.findings.filter((f) => f.state === 'unchecked')
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
      <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('inspections.fields.scope')}>
          {inspection.locationPaths.join('、') || t('inspections.recordScope', { count: inspection.records })}
        </Descriptions.Item>
        <Descriptions.Item label={t('inspections.fields.status')}>
          {t(`inspections.statuses.${inspection.status}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('inspections.fields.temperature')}>
          <Judgement judgement={inspection.environment.temperature} unit="℃" />
        </Descriptions.Item>
        <Descriptions.Item label={t('inspections.fields.humidity')}>
          <Judgement judgement={inspection.environment.humidity} unit="%" />
        </Descriptions.Item>
        <Descriptions.Item label={t('inspections.fields.result')} span={2}>
          {t('inspections.counts', countsOf(inspection))}
        </Descriptions.Item>
      </Descriptions>
      <Table<InspectionFinding>
        size="small"
        rowKey={(row) => `${row.subject}-${row.id}`}
        dataSource={inspection.findings}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        title={() =>
          editable && unchecked.length > 0 ? (
            <Button size="small" onClick={() => mark(unchecked, 'found')}>
              {t('inspections.markAllFound')}
            </Button>
          ) : null
        }
        columns={[
          {
            title: t('items.fields.archivalCode'),
            dataIndex: 'archivalCode',
            render: (code: string | null) => code ?? t('recordPicker.uncoded')
          },
          { title: t('items.fields.title'), dataIndex: 'title' },
          { title: t('inspections.fields.home'), dataIndex: 'homePath' },
          {
            title: t('inspections.fields.result'),
            dataIndex: 'state',
            render: (state: FindingState, row) =>
              editable ? (
                <Radio.Group
                  size="small"
                  optionType="button"
                  value={state}
                  aria-label={`${row.archivalCode ?? row.title} ${t('inspections.fields.result')}`}
                  onChange={(event) => void mark([row], event.target.value)}
                  options={(['found', 'missing', 'damaged'] as const).map((value) => ({
                    value,
                    label: t(`inspections.states.${value}`)
                  }))}
                />
              ) : (
                <Tag color={STATE_COLORS[state]}>{t(`inspections.states.${state}`)}</Tag>
              )
          },
          {
            title: t('inspections.note'),
            dataIndex: 'note',
            render: (note: string, row) =>
              editable ? (
                <Input
                  size="small"
                  defaultValue={note}
                  aria-label={`${row.archivalCode ?? row.title} ${t('inspections.note')}`}
                  onBlur={(event) => {
                    if (event.target.value !== note)
                      void act(
                        () =>
                          call('inspections.mark', {
                            id,
                            findings: [{ subject: row.subject, id: row.id, state: row.state, note: event.target.value }]
                          }),
                        'inspections.marked'
                      )
                  }}
                />
              ) : (
                note
              )
          }
        ]}
      />
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
