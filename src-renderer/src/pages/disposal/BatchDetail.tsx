import { PrinterOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Select, Space, Spin, Table, Tag, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppraisalBatch, AppraisalEntry, ChannelInput, SessionInfo } from '../../../../src-preload/contract'
import { call } from '../../api/client'
import { RecordLabel } from '../../components/RecordPicker'
import { describeError, showFieldErrors } from '../../errors'
import { codeOptions, nameOfCode, useFilingSettings } from '../../useFilingSettings'
import { STATE_COLORS } from './BatchesTab'
import { useDisposalPrint } from './usePrint'

interface Props {
  batchId: number
  session: SessionInfo
  canWrite: boolean
  canDecide: boolean
  onClose(): void
  onChanged(): void
}

const day = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : '')

/** One appraisal batch from listing to destruction: decisions, appraisers, hold period, verification, register. */
export function BatchDetail({ batchId, session, canWrite, canDecide, onClose, onChanged }: Props) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const settings = useFilingSettings()
  const print = useDisposalPrint()
  const [batch, setBatch] = useState<AppraisalBatch | null>(null)
  const [methods, setMethods] = useState<string[]>([])
  const [completeForm] = Form.useForm()
  const [destroyForm] = Form.useForm()
  const [signForm] = Form.useForm()

  const load = useCallback(async () => {
    try {
      setBatch(await call('appraisal.get', { id: batchId }))
    } catch (error) {
      void message.error(describeError(t, error))
      onClose()
    }
  }, [batchId, message, onClose, t])

  useEffect(() => {
    void load()
    call('settings.getDisposal', {})
      .then((policy) => setMethods(policy.data.methods))
      .catch(() => setMethods([]))
  }, [load])

  /** Runs one step; main's refusal (with its rule) is shown, fields it names are marked, and nothing is lost. */
  const act = async (work: () => Promise<AppraisalBatch>, done: string, form?: ReturnType<typeof Form.useForm>[0]) => {
    try {
      setBatch(await work())
      void message.success(t(done))
      onChanged()
    } catch (error) {
      if (form) showFieldErrors(form, t, error)
      void message.error(describeError(t, error))
      void load()
    }
  }

  if (!batch) {
    return (
      <Drawer open width={1100} rootClassName="batch-detail" onClose={onClose}>
        <Spin />
      </Drawer>
    )
  }
  const step = { batchId: batch.id, version: batch.version }
  const today = dayjs().format('YYYY-MM-DD')
  const holdOver = batch.holdUntil !== null && today >= batch.holdUntil

  const decide = (entry: AppraisalEntry, input: Pick<ChannelInput<'appraisal.decide'>, 'decision' | 'newRetentionCode' | 'reason'>) =>
    act(() => call('appraisal.decide', { ...step, entryId: entry.id, ...input }), 'disposal.decided')

  const verify = (entry: AppraisalEntry, stillToGo: boolean, note = '') => act(() => call('appraisal.verify', { ...step, entryId: entry.id, stillToGo, note }), 'disposal.verified')

  const columns = [
    { title: t('disposal.record'), key: 'record', render: (_v: unknown, entry: AppraisalEntry) => <RecordLabel record={entry.record} /> },
    { title: t('disposal.retention'), key: 'retention', render: (_v: unknown, entry: AppraisalEntry) => nameOfCode(settings?.retentionPeriods, entry.record.retentionCode) },
    { title: t('disposal.expiresOn'), dataIndex: 'expiresOn' },
    {
      title: t('disposal.decision'),
      key: 'decision',
      width: 360,
      render: (_v: unknown, entry: AppraisalEntry) =>
        batch.state === 'listed' && canDecide ? (
          <DecisionForm entry={entry} retentionOptions={codeOptions(settings?.retentionPeriods)} onDecide={(input) => decide(entry, input)} />
        ) : entry.decision ? (
          <Space direction="vertical" size={0}>
            <Tag color={entry.decision === 'destroy' ? 'red' : 'green'}>{t(`disposal.decisions.${entry.decision}`)}</Tag>
            {entry.newRetentionCode && <span>{`${t('disposal.newRetention')}: ${nameOfCode(settings?.retentionPeriods, entry.newRetentionCode)} (${entry.newExpiresOn ?? t('disposal.permanent')})`}</span>}
            {entry.reason && <Typography.Text type="secondary">{entry.reason}</Typography.Text>}
          </Space>
        ) : (
          <Tag>{t('disposal.undecided')}</Tag>
        )
    },
    {
      title: t('disposal.verification'),
      key: 'verification',
      render: (_v: unknown, entry: AppraisalEntry) => {
        if (entry.registerLine) return <Tag color="red">{t('disposal.registerLine', { line: entry.registerLine })}</Tag>
        if (entry.verification) return <Tag color={entry.verification === 'confirmed' ? 'red' : 'green'}>{t(`disposal.verifications.${entry.verification}`)}</Tag>
        if (batch.state !== 'awaiting' || entry.decision !== 'destroy' || !canWrite) return null
        return <VerifyButtons onConfirm={() => verify(entry, true)} onPull={(note) => verify(entry, false, note)} />
      }
    }
  ]

  const supervisorsNeeded = Math.max(2, batch.register?.supervisors.length ?? 2)

  return (
    <Drawer open width={1100} rootClassName="batch-detail" title={t('disposal.batch', { id: batch.id, title: batch.title })} onClose={onClose}>
      <Space style={{ marginBottom: 16 }} wrap>
        <Tag color={STATE_COLORS[batch.state]}>{t(`disposal.states.${batch.state}`)}</Tag>
        {batch.holdUntil && batch.state === 'awaiting' && (
          <Tag color={holdOver ? 'green' : 'orange'}>
            {t('disposal.holdUntil', { date: batch.holdUntil })} · {holdOver ? t('disposal.holdOver') : t('disposal.daysLeft', { days: dayjs(batch.holdUntil).diff(dayjs(today), 'day') })}
          </Tag>
        )}
        {batch.appraisedOn && (
          <Button icon={<PrinterOutlined />} onClick={() => print.open({ document: 'appraisalReport', id: batch.id }, t('disposal.printReport'))}>
            {t('disposal.printReport')}
          </Button>
        )}
        {batch.register && (
          <Button icon={<PrinterOutlined />} onClick={() => print.open({ document: 'destructionRegister', id: batch.register!.id }, t('disposal.printRegister'))}>
            {t('disposal.printRegister')}
          </Button>
        )}
      </Space>
      {batch.state === 'listed' && !canDecide && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('disposal.managerOnly')} />}
      <Table<AppraisalEntry> rowKey="id" size="small" pagination={false} dataSource={batch.entriesDetail} columns={columns} />

      {batch.appraisedOn && (
        <Descriptions size="small" bordered column={3} style={{ marginTop: 16 }}>
          <Descriptions.Item label={t('disposal.managerName')}>{batch.managerName}</Descriptions.Item>
          <Descriptions.Item label={t('disposal.departmentLeaderName')}>{batch.departmentLeaderName}</Descriptions.Item>
          <Descriptions.Item label={t('disposal.appraisedOn')}>{batch.appraisedOn}</Descriptions.Item>
        </Descriptions>
      )}

      {batch.state === 'listed' && canDecide && (
        <Card size="small" title={t('disposal.appraisers')} style={{ marginTop: 16 }}>
          <Form
            name="appraisal-complete"
            form={completeForm}
            layout="inline"
            initialValues={{ managerName: session.displayName, appraisedOn: dayjs() }}
            onFinish={(values) =>
              act(() => call('appraisal.complete', { ...step, managerName: values.managerName ?? '', departmentLeaderName: values.departmentLeaderName ?? '', appraisedOn: day(values.appraisedOn) }), 'disposal.completed', completeForm)
            }
          >
            <Form.Item name="managerName" label={t('disposal.managerName')}>
              <Input style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="departmentLeaderName" label={t('disposal.departmentLeaderName')}>
              <Input style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="appraisedOn" label={t('disposal.appraisedOn')}>
              <DatePicker />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              {t('disposal.complete')}
            </Button>
          </Form>
        </Card>
      )}

      {batch.state === 'verified' && canWrite && (
        <Card size="small" title={t('disposal.destruction')} style={{ marginTop: 16 }}>
          <Typography.Paragraph type="secondary">{t('disposal.signOnPaper')}</Typography.Paragraph>
          <Form
            name="destruction-register"
            form={destroyForm}
            layout="vertical"
            initialValues={{
              destroyedOn: dayjs(),
              supervisors: batch.register?.supervisors ?? Array.from({ length: supervisorsNeeded }, () => ''),
              place: batch.register?.place,
              method: batch.register?.method,
              approvedBy: batch.register?.approvedBy,
              countConfirmed: batch.register?.countConfirmed
            }}
            onFinish={(values) =>
              act(
                () =>
                  call('destruction.create', {
                    ...step,
                    place: values.place ?? '',
                    destroyedOn: day(values.destroyedOn),
                    method: values.method ?? '',
                    approvedBy: values.approvedBy ?? '',
                    supervisors: (values.supervisors ?? []).map((name: string | undefined) => name ?? ''),
                    countConfirmed: values.countConfirmed ?? 0
                  }),
                'disposal.registerDrawn',
                destroyForm
              )
            }
          >
            <Space wrap align="start">
              <Form.Item name="place" label={t('disposal.place')}>
                <Input style={{ width: 200 }} />
              </Form.Item>
              <Form.Item name="destroyedOn" label={t('disposal.destroyedOn')}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="method" label={t('disposal.method')}>
                <Select style={{ width: 200 }} showSearch options={methods.map((value) => ({ value, label: value }))} />
              </Form.Item>
              <Form.Item name="approvedBy" label={t('disposal.approvedBy')}>
                <Input style={{ width: 140 }} />
              </Form.Item>
              <Form.Item name="countConfirmed" label={t('disposal.countConfirmed')}>
                <InputNumber min={0} precision={0} />
              </Form.Item>
            </Space>
            <Form.List name="supervisors">
              {(fields, { add }) => (
                <Space wrap align="start">
                  {fields.map((field, index) => (
                    <Form.Item key={field.key} name={field.name} label={t('disposal.supervisor', { n: index + 1 })}>
                      <Input style={{ width: 140 }} />
                    </Form.Item>
                  ))}
                  <Button style={{ marginTop: 30 }} onClick={() => add('')}>
                    {t('disposal.addSupervisor')}
                  </Button>
                </Space>
              )}
            </Form.List>
            <Button type="primary" htmlType="submit">
              {t('disposal.drawRegister')}
            </Button>
          </Form>
          {batch.register && !batch.register.signedOn && (
            <Form
              name="destruction-sign"
              form={signForm}
              layout="inline"
              style={{ marginTop: 16 }}
              initialValues={{ signedOn: dayjs() }}
              onFinish={(values) => act(() => call('destruction.sign', { ...step, signedOn: day(values.signedOn) }), 'disposal.signed', signForm)}
            >
              <Form.Item name="signedOn" label={t('disposal.signedOn')}>
                <DatePicker />
              </Form.Item>
              <Button type="primary" danger htmlType="submit">
                {t('disposal.sign')}
              </Button>
            </Form>
          )}
        </Card>
      )}
      {batch.register?.signedOn && <Alert type="success" showIcon style={{ marginTop: 16 }} message={t('disposal.signed')} />}
      {print.element}
    </Drawer>
  )
}

function DecisionForm({
  entry,
  retentionOptions,
  onDecide
}: {
  entry: AppraisalEntry
  retentionOptions: { value: string; label: string }[]
  onDecide(input: Pick<ChannelInput<'appraisal.decide'>, 'decision' | 'newRetentionCode' | 'reason'>): void
}) {
  const { t } = useTranslation()
  const [decision, setDecision] = useState<'destroy' | 'keep' | null>(entry.decision)
  const [code, setCode] = useState<string | null>(entry.newRetentionCode)
  const [reason, setReason] = useState(entry.reason)
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      <Space>
        <Select
          style={{ width: 110 }}
          aria-label={t('disposal.decision')}
          placeholder={t('disposal.undecided')}
          value={decision}
          onChange={setDecision}
          options={(['destroy', 'keep'] as const).map((value) => ({ value, label: t(`disposal.decisions.${value}`) }))}
        />
        {decision === 'keep' && (
          <Select style={{ width: 140 }} aria-label={t('disposal.newRetention')} placeholder={t('disposal.newRetention')} value={code} onChange={setCode} options={retentionOptions} />
        )}
        <Button size="small" disabled={decision === null} onClick={() => decision && onDecide({ decision, newRetentionCode: decision === 'keep' ? code : null, reason })}>
          {t('disposal.decide')}
        </Button>
        {entry.decision && <Tag color={entry.decision === 'destroy' ? 'red' : 'green'}>{t(`disposal.decisions.${entry.decision}`)}</Tag>}
      </Space>
      {decision === 'keep' && <Input size="small" aria-label={t('disposal.reason')} placeholder={t('disposal.reason')} value={reason} onChange={(event) => setReason(event.target.value)} />}
    </Space>
  )
}

function VerifyButtons({ onConfirm, onPull }: { onConfirm(): void; onPull(note: string): void }) {
  const { t } = useTranslation()
  const [note, setNote] = useState('')
  return (
    <Space>
      <Button size="small" danger onClick={onConfirm}>
        {t('disposal.confirm')}
      </Button>
      <Input size="small" style={{ width: 140 }} aria-label={t('disposal.pullReason')} placeholder={t('disposal.pullReason')} value={note} onChange={(event) => setNote(event.target.value)} />
      <Button size="small" onClick={() => onPull(note)}>
        {t('disposal.pull')}
      </Button>
    </Space>
  )
}
