import { PrinterOutlined } from '@ant-design/icons'
import { App, Button, Col, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Spin, Table, Tag, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { RETURN_CONDITIONS, USE_EFFECTS, type ChannelInput, type UseRecord, type UseRequest } from '../../../../src-preload/contract'
import { call } from '../../api/client'
import { PrintPreview } from '../../components/PrintPreview'
import { RecordLabel } from '../../components/RecordPicker'
import { describeError, showFieldErrors } from '../../errors'
import { nameOfCode, useFilingSettings } from '../../useFilingSettings'
import { ChainView } from './ChainView'
import { ISO, STATUS_COLORS } from './useLabels'

type Action = 'sign' | 'return' | 'renew' | 'feedback' | 'cancel'
type Document = 'form' | 'outCards' | 'reminder'
interface ActionValues {
  signerName?: string
  signedOn?: Dayjs
  decision?: 'approved' | 'refused'
  reason?: string
  newDueOn?: Dayjs
  effect?: (typeof USE_EFFECTS)[number]
  note?: string
  records?: { condition: (typeof RETURN_CONDITIONS)[number]; pagesChecked: number; note?: string }[]
}

/**
 * One request: its chain with the signatures entered so far, and the next thing to do — enter a signature from the
 * paper form, take the records out (printing the out-cards), renew, take them back (注销) with a completeness check.
 */
export function UseRequestDetail({ requestId, canWrite, onClose, onChanged }: { requestId: number; canWrite: boolean; onClose(): void; onChanged(): void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const settings = useFilingSettings()
  const [request, setRequest] = useState<UseRequest | null>(null)
  const [action, setAction] = useState<Action | null>(null)
  const [preview, setPreview] = useState<{ html: string; title: string } | null>(null)
  const [form] = Form.useForm<ActionValues>()

  const load = useCallback(async () => {
    try {
      setRequest(await call('use.get', { id: requestId }))
    } catch (error) {
      void message.error(describeError(t, error))
      onClose()
    }
  }, [requestId, message, onClose, t])

  useEffect(() => {
    void load()
  }, [load])

  const print = async (document: Document) => {
    try {
      const { html } = await call('print.use', { document, id: requestId })
      setPreview({ html, title: t(`use.documents.${document}`) })
    } catch (error) {
      void message.error(describeError(t, error))
    }
  }

  const run = async (work: () => Promise<UseRequest>, done: string, after?: (next: UseRequest) => void) => {
    try {
      const next = await work()
      setRequest(next)
      setAction(null)
      void message.success(t(done))
      onChanged()
      after?.(next)
    } catch (error) {
      showFieldErrors(form, t, error)
      void message.error(describeError(t, error))
    }
  }

  if (!request) {
    return (
      <Drawer open width={1000} rootClassName="use-request-detail" onClose={onClose}>
        <Spin />
      </Drawer>
    )
  }
  const versioned = { id: request.id, version: request.version }

  const open = (next: Action) => {
    form.resetFields()
    if (next === 'sign') form.setFieldsValue({ signedOn: dayjs(), decision: 'approved' })
    if (next === 'return') form.setFieldsValue({ records: request.records.map((r) => ({ condition: 'complete', pagesChecked: r.pageCount })) })
    if (next === 'feedback') form.setFieldsValue({ effect: request.effect ?? undefined, note: request.effectNote })
    setAction(next)
  }

  const submit = (values: ActionValues) => {
    switch (action) {
      case 'sign':
        return run(
          () =>
            call('use.approve', {
              ...versioned,
              step: request.nextStep!,
              signerName: values.signerName ?? '',
              signedOn: values.signedOn?.format(ISO) ?? '',
              decision: values.decision ?? 'approved',
              reason: values.reason ?? ''
            }),
          'use.detail.signed'
        )
      case 'return': {
        const records: ChannelInput<'use.return'>['records'] = request.records.map((r, i) => ({
          subject: r.subject,
          id: r.id,
          condition: values.records?.[i]?.condition ?? 'complete',
          pagesChecked: values.records?.[i]?.pagesChecked ?? 0,
          note: values.records?.[i]?.note ?? ''
        }))
        return run(() => call('use.return', { ...versioned, records, note: values.note ?? '' }), 'use.detail.returned')
      }
      case 'renew':
        return run(() => call('use.renew', { ...versioned, newDueOn: values.newDueOn?.format(ISO) ?? '' }), 'use.detail.renewed')
      case 'feedback':
        return run(() => call('use.feedback', { ...versioned, effect: values.effect!, note: values.note ?? '' }), 'common.saved')
      case 'cancel':
        return run(() => call('use.cancel', { ...versioned, reason: values.reason ?? '' }), 'use.detail.cancelled')
    }
  }

  const checkout = () => run(() => call('use.checkout', versioned), 'use.detail.checkedOut', () => void print('outCards'))
  const who = request.applicantKind === 'external' ? `${request.externalUnit}（${t('use.applicantKinds.external')}）` : nameOfCode(settings?.departments, request.departmentCode)
  const outNow = request.status === 'out'

  return (
    <Drawer
      open
      width={1040}
      rootClassName="use-request-detail"
      title={t('use.detail.title', { id: request.id, kind: t(`use.kinds.${request.kind}`) })}
      onClose={onClose}
      extra={
        <Space wrap>
          <Button icon={<PrinterOutlined />} onClick={() => print('form')}>
            {t('use.documents.form')}
          </Button>
          {request.outOn && request.kind !== 'excerpt' && (
            <Button icon={<PrinterOutlined />} onClick={() => print('outCards')}>
              {t('use.documents.outCards')}
            </Button>
          )}
          {outNow && request.kind === 'loan' && (
            <Button icon={<PrinterOutlined />} onClick={() => print('reminder')}>
              {t('use.documents.reminder')}
            </Button>
          )}
        </Space>
      }
    >
      <Space style={{ marginBottom: 16 }} wrap>
        <Tag color={STATUS_COLORS[request.status]}>{t(`use.statuses.${request.status}`)}</Tag>
        {request.overdue && <Tag color="red">{t('use.overdueDays', { count: request.daysLate })}</Tag>}
        {canWrite && request.status === 'pending' && request.nextStep && (
          <Button type="primary" onClick={() => open('sign')}>
            {t('use.detail.sign', { step: t(`use.approvers.${request.nextStep}`) })}
          </Button>
        )}
        {canWrite && request.status === 'approved' && (
          <Button type="primary" onClick={checkout}>
            {t(request.kind === 'loan' ? 'use.detail.checkoutLoan' : request.kind === 'consultation' ? 'use.detail.checkoutReading' : 'use.detail.checkoutCopies')}
          </Button>
        )}
        {canWrite && outNow && (
          <Button type="primary" onClick={() => open('return')}>
            {t('use.detail.return')}
          </Button>
        )}
        {canWrite && outNow && request.kind === 'loan' && <Button onClick={() => open('renew')}>{t('use.detail.renew')}</Button>}
        {canWrite && <Button onClick={() => open('feedback')}>{t('use.detail.feedback')}</Button>}
        {canWrite && (request.status === 'pending' || request.status === 'approved') && (
          <Button danger onClick={() => open('cancel')}>
            {t('use.detail.cancel')}
          </Button>
        )}
      </Space>
      <Row gutter={24}>
        <Col span={15}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('use.fields.applicantName')}>{request.applicantName}</Descriptions.Item>
            <Descriptions.Item label={t('use.fields.unit')}>{who}</Descriptions.Item>
            {request.applicantKind === 'external' && <Descriptions.Item label={t('use.fields.introductionLetter')} span={2}>{request.introductionLetter}</Descriptions.Item>}
            <Descriptions.Item label={t('use.fields.purpose')} span={2}>{request.purpose}</Descriptions.Item>
            <Descriptions.Item label={t('use.fields.reason')} span={2}>{request.reason}</Descriptions.Item>
            <Descriptions.Item label={t('use.fields.startOn')}>{request.startOn}</Descriptions.Item>
            <Descriptions.Item label={t('use.fields.dueOn')}>{request.dueOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('use.fields.outOn')}>{request.outOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('use.fields.returnedOn')}>{request.returnedOn ?? '—'}</Descriptions.Item>
            {request.kind !== 'consultation' && <Descriptions.Item label={t('use.fields.copies')}>{request.copies}</Descriptions.Item>}
            {request.kind === 'loan' && <Descriptions.Item label={t('use.fields.offSite')}>{t(request.offSite ? 'common.yes' : 'common.no')}</Descriptions.Item>}
            {request.excerptAnswer !== null && <Descriptions.Item label={t('use.form.excerptQuestion')} span={2}>{t(`use.excerptAnswers.${request.excerptAnswer}`)}</Descriptions.Item>}
            {request.effect !== null && <Descriptions.Item label={t('use.fields.effect')} span={2}>{`${t(`use.effects.${request.effect}`)} ${request.effectNote}`}</Descriptions.Item>}
            {request.closingNote !== '' && <Descriptions.Item label={t('use.fields.closingNote')} span={2}>{request.closingNote}</Descriptions.Item>}
            {request.renewals.length > 0 && (
              <Descriptions.Item label={t('use.fields.renewals')} span={2}>
                {request.renewals.map((r) => t('use.detail.renewal', { ...r })).join('；')}
              </Descriptions.Item>
            )}
          </Descriptions>
          <Table<UseRecord>
            style={{ marginTop: 16 }}
            size="small"
            rowKey={(r) => `${r.subject}:${r.id}`}
            pagination={false}
            dataSource={request.records}
            columns={[
              { title: t('use.fields.records'), key: 'record', render: (_v, r) => <RecordLabel record={r} /> },
              { title: t('items.fields.pageCount'), dataIndex: 'pageCount' },
              { title: t('use.fields.custody'), key: 'custody', render: (_v, r) => t(`custody.${r.effectiveCustody}`) },
              { title: t('use.fields.condition'), key: 'condition', render: (_v, r) => (r.condition ? `${t(`use.conditions.${r.condition}`)} ${r.pagesChecked ?? ''} ${r.returnNote}` : '—') }
            ]}
          />
        </Col>
        <Col span={9}>
          <Typography.Title level={5}>{t('use.chain.title')}</Typography.Title>
          <ChainView steps={request.chain} approvals={request.approvals} />
          <Typography.Text type="secondary">{t('use.chain.policyVersion', { version: request.policyVersion })}</Typography.Text>
        </Col>
      </Row>
      <Modal
        open={action !== null}
        width={action === 'return' ? 860 : 560}
        title={action ? t(`use.actions.${action}`, { step: request.nextStep ? t(`use.approvers.${request.nextStep}`) : '' }) : ''}
        onCancel={() => setAction(null)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        forceRender
        focusTriggerAfterClose={false}
      >
        <Form name="use-action" form={form} layout="vertical" onFinish={submit}>
          {action === 'sign' && (
            <>
              <Typography.Paragraph type="secondary">{t('use.detail.signHint')}</Typography.Paragraph>
              <Form.Item name="signerName" label={t('use.fields.signerName')} required>
                <Input />
              </Form.Item>
              <Form.Item name="signedOn" label={t('use.fields.signedOn')} required>
                <DatePicker format={ISO} />
              </Form.Item>
              <Form.Item name="decision" label={t('use.fields.decision')}>
                <Radio.Group options={['approved', 'refused'].map((value) => ({ value, label: t(`use.decisions.${value}`) }))} />
              </Form.Item>
              <Form.Item name="reason" label={t('use.fields.refusalReason')}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </>
          )}
          {action === 'return' && (
            <>
              {request.records.map((record, index) => (
                <Space key={`${record.subject}:${record.id}`} align="start" wrap>
                  <div style={{ width: 280, paddingTop: 4 }}>
                    <RecordLabel record={record} />
                  </div>
                  <Form.Item name={['records', index, 'condition']} label={t('use.fields.condition')}>
                    <Select style={{ width: 110 }} options={RETURN_CONDITIONS.map((value) => ({ value, label: t(`use.conditions.${value}`) }))} />
                  </Form.Item>
                  <Form.Item name={['records', index, 'pagesChecked']} label={t('use.fields.pagesChecked', { pages: record.pageCount })}>
                    <InputNumber min={0} precision={0} />
                  </Form.Item>
                  <Form.Item name={['records', index, 'note']} label={t('use.fields.returnNote')}>
                    <Input style={{ width: 160 }} />
                  </Form.Item>
                </Space>
              ))}
              <Form.Item name="note" label={t('use.fields.closingNote')}>
                <Input />
              </Form.Item>
            </>
          )}
          {action === 'renew' && (
            <Form.Item name="newDueOn" label={t('use.fields.newDueOn')} required extra={t('use.detail.currentDue', { dueOn: request.dueOn })}>
              <DatePicker format={ISO} />
            </Form.Item>
          )}
          {action === 'feedback' && (
            <>
              <Form.Item name="effect" label={t('use.fields.effect')} required>
                <Select options={USE_EFFECTS.map((value) => ({ value, label: t(`use.effects.${value}`) }))} />
              </Form.Item>
              <Form.Item name="note" label={t('use.fields.effectNote')}>
                <Input.TextArea rows={3} />
              </Form.Item>
            </>
          )}
          {action === 'cancel' && (
            <Form.Item name="reason" label={t('use.fields.cancelReason')} required>
              <Input.TextArea rows={2} />
            </Form.Item>
          )}
        </Form>
      </Modal>
      {preview && <PrintPreview html={preview.html} title={preview.title} onClose={() => setPreview(null)} />}
    </Drawer>
  )
}
