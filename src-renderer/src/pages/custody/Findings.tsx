import { Button, Descriptions, Input, Radio, Table, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import type { FindingState, Inspection, InspectionFinding } from '@preload/contract'
import { ScanTickInput } from '@renderer/components/ScanTickInput'
import { countsOf, Judgement, STATE_COLORS } from './inspectionForm'
import { optionsOf } from '@renderer/labels'

/** A finding as marked: found, missing or damaged, with a note. */
export type Mark = Pick<InspectionFinding, 'subject' | 'id' | 'state' | 'note'>

/** What the inspection covered, the environment it judged, and how many records were found. */
export function InspectionSummary({ inspection }: { inspection: Inspection }) {
  const { t } = useTranslation()
  return (
    <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }}>
      <Descriptions.Item label={t('inspections.fields.scope')}>
        {inspection.locationPaths.join(t('common.listSeparator')) ||
          t('inspections.recordScope', { count: inspection.records })}
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
  )
}

/** R-KEEP-2: every record in scope, ticked off one by one (or all at once) while the inspection is a draft. */
export function FindingsTable({
  inspection,
  editable,
  mark
}: {
  inspection: Inspection
  editable: boolean
  mark(findings: Mark[]): Promise<unknown>
}) {
  const { t } = useTranslation()
  const unchecked = inspection.findings.filter((f) => f.state === 'unchecked')
  const keyOf = (row: InspectionFinding) => `${row.subject}-${row.id}`
  const scanned = (key: string) => {
    const row = inspection.findings.find((finding) => keyOf(finding) === key)
    return row && mark([{ ...row, state: 'found' }])
  }
  return (
    <>
      {editable && (
        <ScanTickInput
          records={inspection.findings.map((row) => ({
            key: keyOf(row),
            archivalCode: row.archivalCode,
            ticked: row.state !== 'unchecked'
          }))}
          onTick={scanned}
        />
      )}
      <Table<InspectionFinding>
        size="small"
        rowKey={keyOf}
        dataSource={inspection.findings}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        title={() =>
          editable && unchecked.length > 0 ? (
            <Button size="small" onClick={() => mark(unchecked.map((f) => ({ ...f, state: 'found' })))}>
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
                  onChange={(event) => void mark([{ ...row, state: event.target.value }])}
                  options={optionsOf(t, ['found', 'missing', 'damaged'] as const, 'inspections.states')}
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
                    if (event.target.value !== note) void mark([{ ...row, note: event.target.value }])
                  }}
                />
              ) : (
                note
              )
          }
        ]}
      />
    </>
  )
}
