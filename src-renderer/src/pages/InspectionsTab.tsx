import { PlusOutlined, PrinterOutlined } from '@ant-design/icons'
import { Alert, App, Button, Checkbox, Col, DatePicker, Descriptions, Drawer, Empty, Form, Input, InputNumber, Radio, Row, Select, Space, Table, Tag, TreeSelect, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  ADHOC_REASONS,
  INSPECTION_KINDS,
  type ChecklistAnswer,
  type EnvironmentJudgement,
  type FindingState,
  type Inspection,
  type InspectionFinding,
  type InspectionRow,
  type LocationNode,
  type RecordSummary
} from '../../../src-preload/contract'
import { call } from '../api/client'
import { locationOptions } from '../components/LocationPanel'
import { PrintPreview } from '../components/PrintPreview'
import { RecordPicker } from '../components/RecordPicker'
import { appErrorOf, describeError, showFieldErrors } from '../errors'
import { usePagedQuery, type Paging } from '../useRemote'

interface HeaderValues {
  inspectedOn: Dayjs
  inspectors: string
  roomId?: number | null
  temperature?: number | null
  humidity?: number | null
  checklist: ChecklistAnswer[]
  notes?: string
}

interface NewValues extends HeaderValues {
  kind: (typeof INSPECTION_KINDS)[number]
  reason?: (typeof ADHOC_REASONS)[number]
  locationIds?: number[]
  records?: RecordSummary[]
}

const headerInput = (values: HeaderValues) => ({
  inspectedOn: values.inspectedOn.format('YYYY-MM-DD'),
  inspectors: values.inspectors ?? '',
  roomId: values.roomId ?? null,
  temperature: values.temperature ?? null,
  humidity: values.humidity ?? null,
  checklist: (values.checklist ?? []).map((answer) => ({ item: answer.item, ok: Boolean(answer.ok), note: answer.note ?? '' })),
  notes: values.notes ?? ''
})

/** The found/missing/damaged counts of an inspection, in words. */
const countsOf = (row: InspectionRow) => ({ records: row.records, found: row.found, missing: row.missing, damaged: row.damaged, unchecked: row.unchecked })

const STATE_COLORS: Record<FindingState, string> = { unchecked: 'default', found: 'green', missing: 'red', damaged: 'orange' }

const listInspections = (paging: Paging) => call('inspections.list', paging)

/** Shows a measurement: the value, and when it is out of the band a red tag saying why, with the rule. */
export function Judgement({ judgement, unit }: { judgement: EnvironmentJudgement; unit: string }) {
  const { t } = useTranslation()
  if (judgement.value === 'not_measured') return <Typography.Text type="secondary">{t(judgement.reason)}</Typography.Text>
  if (judgement.value === 'in_range') return <Typography.Text>{`${judgement.params?.value} ${unit}`}</Typography.Text>
  return <Tag color="red">{t('common.withRule', { text: t(judgement.reason, judgement.params), rule: judgement.ruleId })}</Tag>
}

/** Date, inspectors, the room measured with temperature and humidity, the room checklist and notes: shared by new and draft. */
function HeaderFields({ rooms }: { rooms: LocationNode[] }) {
  const { t } = useTranslation()
  return (
    <>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="inspectedOn" label={t('inspections.fields.inspectedOn')} required>
            <DatePicker style={{ width: '100%' }} disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="inspectors" label={t('inspections.fields.inspectors')} required>
            <Input />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="roomId" label={t('inspections.fields.room')} extra={t('inspections.roomHint')}>
            <Select allowClear options={rooms.map((room) => ({ value: room.id, label: `${room.path} ${room.name}` }))} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="temperature" label={t('inspections.fields.temperature')}>
            <InputNumber style={{ width: '100%' }} step={0.1} precision={1} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="humidity" label={t('inspections.fields.humidity')}>
            <InputNumber style={{ width: '100%' }} step={1} precision={1} />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Title level={5}>{t('inspections.fields.checklist')}</Typography.Title>
      <Form.List name="checklist">
        {(fields) =>
          fields.map((field) => (
            <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
              <Form.Item name={[field.name, 'item']} hidden>
                <Input />
              </Form.Item>
              <Form.Item name={[field.name, 'ok']} valuePropName="checked" style={{ marginBottom: 8 }}>
                <Checkbox>
                  <Form.Item noStyle shouldUpdate>
                    {(form) => form.getFieldValue(['checklist', field.name, 'item'])}
                  </Form.Item>
                </Checkbox>
              </Form.Item>
              <Form.Item name={[field.name, 'note']} style={{ marginBottom: 8, width: 260 }}>
                <Input size="small" placeholder={t('inspections.note')} />
              </Form.Item>
            </Space>
          ))
        }
      </Form.List>
      <Form.Item name="notes" label={t('inspections.fields.notes')}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </>
  )
}

/** R-KEEP-2..4: periodic and ad-hoc inspections, their stock check and report. */
export function InspectionsTab({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation()
  const [creating, setCreating] = useState(false)
  const [viewing, setViewing] = useState<number | null>(null)
  const [locations, setLocations] = useState<LocationNode[]>([])
  const { reload, tableProps } = usePagedQuery(listInspections, {})

  useEffect(() => {
    call('locations.tree', {})
      .then(setLocations)
      .catch(() => setLocations([]))
  }, [])

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'flex-end', marginBottom: 16 }}>
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('inspections.new')}
          </Button>
        )}
      </Space>
      <Table<InspectionRow>
        rowKey="id"
        size="middle"
        {...tableProps}
        locale={{ emptyText: <Empty description={canWrite ? t('inspections.empty') : t('inspections.emptyReadOnly')} /> }}
        columns={[
          {
            title: t('inspections.fields.inspectedOn'),
            dataIndex: 'inspectedOn',
            render: (value: string, row) => (
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setViewing(row.id)}>
                {value}
              </Button>
            )
          },
          {
            title: t('inspections.fields.kind'),
            dataIndex: 'kind',
            render: (kind: string, row) => `${t(`inspections.kinds.${kind}`)}${row.reason ? `（${t(`inspections.reasons.${row.reason}`)}）` : ''}`
          },
          { title: t('inspections.fields.scope'), dataIndex: 'scope', render: (scope: string, row) => scope || t('inspections.recordScope', { count: row.records }) },
          { title: t('inspections.fields.inspectors'), dataIndex: 'inspectors' },
          {
            title: t('inspections.fields.result'),
            key: 'result',
            render: (_value, row) => (
              <Space size={4} wrap>
                <span>{t('inspections.counts', countsOf(row))}</span>
                {row.outOfRange && <Tag color="red">{t('inspections.outOfRange')}</Tag>}
              </Space>
            )
          },
          {
            title: t('inspections.fields.status'),
            dataIndex: 'status',
            render: (status: string) => <Tag color={status === 'completed' ? 'green' : 'blue'}>{t(`inspections.statuses.${status}`)}</Tag>
          }
        ]}
      />
      {creating && (
        <NewInspection
          locations={locations}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false)
            setViewing(id)
            void reload()
          }}
        />
      )}
      {viewing !== null && <InspectionDetail id={viewing} canWrite={canWrite} rooms={locations.filter((l) => l.kind === 'room')} onClose={() => setViewing(null)} onChanged={() => void reload()} />}
    </>
  )
}

function NewInspection({ locations, onClose, onCreated }: { locations: LocationNode[]; onClose(): void; onCreated(id: number): void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<NewValues>()
  const [busy, setBusy] = useState(false)
  const kind = Form.useWatch('kind', form)

  useEffect(() => {
    call('settings.getCustody', {})
      .then((settings) => {
        if (!form.isFieldTouched('checklist')) form.setFieldValue('checklist', settings.data.checklist.map((item) => ({ item, ok: true, note: '' })))
      })
      .catch((error) => void message.error(describeError(t, error)))
  }, [form, message, t])

  const submit = async (values: NewValues) => {
    setBusy(true)
    try {
      const created = await call('inspections.create', {
        ...headerInput(values),
        kind: values.kind,
        reason: values.kind === 'adhoc' ? (values.reason ?? null) : null,
        locationIds: values.locationIds ?? [],
        records: (values.records ?? []).map((record) => ({ subject: record.subject, id: record.id }))
      })
      void message.success(t('inspections.created'))
      onCreated(created.id)
    } catch (error) {
      showFieldErrors(form, t, error)
      void message.error(describeError(t, error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Drawer open width={760} title={t('inspections.new')} onClose={onClose} rootClassName="inspection-form" extra={<Button type="primary" loading={busy} onClick={() => form.submit()}>{t('common.save')}</Button>}>
      <Form<NewValues> name="inspection-new" form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'periodic', inspectedOn: dayjs(), checklist: [] }}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="kind" label={t('inspections.fields.kind')} required>
              <Radio.Group optionType="button" options={INSPECTION_KINDS.map((value) => ({ value, label: t(`inspections.kinds.${value}`) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            {kind === 'adhoc' && (
              <Form.Item name="reason" label={t('inspections.fields.reason')} required>
                <Select options={ADHOC_REASONS.map((value) => ({ value, label: t(`inspections.reasons.${value}`) }))} />
              </Form.Item>
            )}
          </Col>
        </Row>
        <Form.Item name="locationIds" label={t('inspections.fields.locations')} extra={t('inspections.scopeHint')}>
          <TreeSelect multiple allowClear treeDefaultExpandAll treeData={locationOptions(locations)} aria-label={t('inspections.fields.locations')} />
        </Form.Item>
        <Form.Item name="records" label={t('inspections.fields.records')}>
          <RecordPicker />
        </Form.Item>
        <HeaderFields rooms={locations.filter((l) => l.kind === 'room')} />
      </Form>
    </Drawer>
  )
}

function InspectionDetail({ id, canWrite, rooms, onClose, onChanged }: { id: number; canWrite: boolean; rooms: LocationNode[]; onClose(): void; onChanged(): void }) {
  const { t } = useTranslation()
  const { message, modal } = App.useApp()
  const [inspection, setInspection] = useState<Inspection | null>(null)
  const [preview, setPreview] = useState<string | null>(null)
  const [form] = Form.useForm<HeaderValues>()
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
        void message.error(describeError(t, error))
        onClose()
      })
  }, [id, message, onClose, show, t])

  const act = async (work: () => Promise<Inspection>, done: string) => {
    try {
      show(await work())
      void message.success(t(done))
      onChanged()
    } catch (error) {
      showFieldErrors(form, t, error)
      void message.error(describeError(t, error))
    }
  }

  const mark = (findings: InspectionFinding[], state: FindingState) =>
    act(() => call('inspections.mark', { id, findings: findings.map((f) => ({ subject: f.subject, id: f.id, state, note: f.note })) }), 'inspections.marked')

  const complete = async (confirmMissing: boolean) => {
    if (!inspection) return
    try {
      show(await call('inspections.complete', { id, version: inspection.version, confirmMissing }))
      void message.success(t('inspections.completed'))
      onChanged()
    } catch (error) {
      // R-KEEP-2: records not ticked off become missing only once the person agrees.
      if (appErrorOf(error).ruleId === 'R-KEEP-2' && !confirmMissing) {
        modal.confirm({ title: t('inspections.confirmComplete'), content: describeError(t, error), okText: t('inspections.complete'), cancelText: t('common.cancel'), onOk: () => complete(true) })
      } else void message.error(describeError(t, error))
    }
  }

  const print = async () => {
    try {
      setPreview((await call('print.inspection', { id })).html)
    } catch (error) {
      void message.error(describeError(t, error))
    }
  }

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
      {inspection.status === 'completed' && <Alert type="success" showIcon message={t('inspections.readOnlyCompleted')} style={{ marginBottom: 16 }} />}
      <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('inspections.fields.scope')}>{inspection.locationPaths.join('、') || t('inspections.recordScope', { count: inspection.records })}</Descriptions.Item>
        <Descriptions.Item label={t('inspections.fields.status')}>{t(`inspections.statuses.${inspection.status}`)}</Descriptions.Item>
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
          { title: t('items.fields.archivalCode'), dataIndex: 'archivalCode', render: (code: string | null) => code ?? t('recordPicker.uncoded') },
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
                  options={(['found', 'missing', 'damaged'] as const).map((value) => ({ value, label: t(`inspections.states.${value}`) }))}
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
                    if (event.target.value !== note) void act(() => call('inspections.mark', { id, findings: [{ subject: row.subject, id: row.id, state: row.state, note: event.target.value }] }), 'inspections.marked')
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
        form={form}
        layout="vertical"
        disabled={!editable}
        style={{ marginTop: 24 }}
        onFinish={(values) => act(() => call('inspections.update', { id, version: inspection.version, ...headerInput(values) }), 'inspections.saved')}
      >
        <HeaderFields rooms={rooms} />
        {editable && <Button htmlType="submit">{t('inspections.saveHeader')}</Button>}
      </Form>
      {preview && <PrintPreview html={preview} title={t('inspections.print')} onClose={() => setPreview(null)} />}
    </Drawer>
  )
}
