import { PrinterOutlined } from '@ant-design/icons'
import { Button, Col, Drawer, Form, Modal, Row, Space, Spin, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type ChannelInput, type UseRequest } from '../../../../src-preload/contract'
import { call } from '../../api/client'
import { PrintPreview } from '../../components/PrintPreview'
import { useSubmit } from '../../useSubmit'
import { ChainView } from './ChainView'
import { ActionFields, UseRequestFacts, type Action, type ActionValues } from './UseRequestParts'
import { ISO, STATUS_COLORS } from './useLabels'

type Document = 'form' | 'outCards' | 'reminder'

/**
 * One request: its chain with the signatures entered so far, and the next thing to do — enter a signature from the
 * paper form, take the records out (printing the out-cards), renew, take them back (注销) with a completeness check.
 */
export function UseRequestDetail({
  requestId,
  canWrite,
  onClose,
  onChanged
}: {
  requestId: number
  canWrite: boolean
  onClose(): void
  onChanged(): void
}) {
  const { t } = useTranslation()
  const { submit: send, fail } = useSubmit()
  const [request, setRequest] = useState<UseRequest | null>(null)
  const [action, setAction] = useState<Action | null>(null)
  const [preview, setPreview] = useState<{ html: string; title: string } | null>(null)
  const [form] = Form.useForm<ActionValues>()

  const load = useCallback(async () => {
    try {
      setRequest(await call('use.get', { id: requestId }))
    } catch (error) {
      fail(error)
      onClose()
    }
  }, [requestId, fail, onClose])

  useEffect(() => {
    void load()
  }, [load])

  const print = (document: Document) =>
    send(() => call('print.use', { document, id: requestId }), {
      onDone: ({ html }) => setPreview({ html, title: t(`use.documents.${document}`) })
    })

  const run = (work: () => Promise<UseRequest>, done: string, after?: (next: UseRequest) => void) =>
    send(work, {
      success: done,
      form,
      onDone: (next) => {
        setRequest(next)
        setAction(null)
        onChanged()
        after?.(next)
      }
    })

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
    if (next === 'return')
      form.setFieldsValue({
        records: request.records.map((r) => ({ condition: 'complete', pagesChecked: r.pageCount }))
      })
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
        return run(
          () => call('use.renew', { ...versioned, newDueOn: values.newDueOn?.format(ISO) ?? '' }),
          'use.detail.renewed'
        )
      case 'feedback':
        return run(
          () => call('use.feedback', { ...versioned, effect: values.effect!, note: values.note ?? '' }),
          'common.saved'
        )
      case 'cancel':
        return run(() => call('use.cancel', { ...versioned, reason: values.reason ?? '' }), 'use.detail.cancelled')
    }
  }

  const checkout = () =>
    run(
      () => call('use.checkout', versioned),
      'use.detail.checkedOut',
      () => void print('outCards')
    )
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
            {t(
              request.kind === 'loan'
                ? 'use.detail.checkoutLoan'
                : request.kind === 'consultation'
                  ? 'use.detail.checkoutReading'
                  : 'use.detail.checkoutCopies'
            )}
          </Button>
        )}
        {canWrite && outNow && (
          <Button type="primary" onClick={() => open('return')}>
            {t('use.detail.return')}
          </Button>
        )}
        {canWrite && outNow && request.kind === 'loan' && (
          <Button onClick={() => open('renew')}>{t('use.detail.renew')}</Button>
        )}
        {canWrite && <Button onClick={() => open('feedback')}>{t('use.detail.feedback')}</Button>}
        {canWrite && (request.status === 'pending' || request.status === 'approved') && (
          <Button danger onClick={() => open('cancel')}>
            {t('use.detail.cancel')}
          </Button>
        )}
      </Space>
      <Row gutter={24}>
        <Col span={15}>
          <UseRequestFacts request={request} />
        </Col>
        <Col span={9}>
          <Typography.Title level={5}>{t('use.chain.title')}</Typography.Title>
          <ChainView steps={request.chain} approvals={request.approvals} />
          <Typography.Text type="secondary">
            {t('use.chain.policyVersion', { version: request.policyVersion })}
          </Typography.Text>
        </Col>
      </Row>
      <Modal
        open={action !== null}
        width={action === 'return' ? 860 : 560}
        title={
          action
            ? t(`use.actions.${action}`, { step: request.nextStep ? t(`use.approvers.${request.nextStep}`) : '' })
            : ''
        }
        onCancel={() => setAction(null)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        forceRender
        focusTriggerAfterClose={false}
      >
        <Form name="use-action" form={form} layout="vertical" onFinish={submit}>
          {action && <ActionFields action={action} request={request} />}
        </Form>
      </Modal>
      {preview && <PrintPreview html={preview.html} title={preview.title} onClose={() => setPreview(null)} />}
    </Drawer>
  )
}
