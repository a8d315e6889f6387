import { Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Tag, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import type {
  ADHOC_REASONS,
  ChecklistAnswer,
  EnvironmentJudgement,
  FindingState,
  INSPECTION_KINDS,
  InspectionRow,
  LocationNode,
  RecordSummary
} from '@preload/contract'
import { WithRule } from '@renderer/components/RuleTag'

export interface HeaderValues {
  inspectedOn: Dayjs
  inspectors: string
  roomId?: number | null
  temperature?: number | null
  humidity?: number | null
  checklist: ChecklistAnswer[]
  notes?: string
}

export interface NewValues extends HeaderValues {
  kind: (typeof INSPECTION_KINDS)[number]
  reason?: (typeof ADHOC_REASONS)[number]
  locationIds?: number[]
  records?: RecordSummary[]
}

export const headerInput = (values: HeaderValues) => ({
  inspectedOn: values.inspectedOn.format('YYYY-MM-DD'),
  inspectors: values.inspectors ?? '',
  roomId: values.roomId ?? null,
  temperature: values.temperature ?? null,
  humidity: values.humidity ?? null,
  checklist: (values.checklist ?? []).map((answer) => ({
    item: answer.item,
    ok: Boolean(answer.ok),
    note: answer.note ?? ''
  })),
  notes: values.notes ?? ''
})

/** The found/missing/damaged counts of an inspection, in words. */
export const countsOf = (row: InspectionRow) => ({
  records: row.records,
  found: row.found,
  missing: row.missing,
  damaged: row.damaged,
  unchecked: row.unchecked
})

export const STATE_COLORS: Record<FindingState, string> = {
  unchecked: 'default',
  found: 'green',
  missing: 'red',
  damaged: 'orange'
}

/** Shows a measurement: the value, and when it is out of the band a red tag saying why, with the rule. */
export function Judgement({ judgement, unit }: { judgement: EnvironmentJudgement; unit: string }) {
  const { t } = useTranslation()
  if (judgement.value === 'not_measured')
    return <Typography.Text type="secondary">{t(judgement.reason)}</Typography.Text>
  if (judgement.value === 'in_range') return <Typography.Text>{`${judgement.params?.value} ${unit}`}</Typography.Text>
  return <WithRule text={<Tag color="red">{t(judgement.reason, judgement.params)}</Tag>} ruleId={judgement.ruleId} />
}

export /** Date, inspectors, the room measured with temperature and humidity, the room checklist and notes: shared by new and draft. */
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
            <Select
              allowClear
              options={rooms.map((room) => ({ value: room.id, label: `${room.path} ${room.name}` }))}
            />
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
