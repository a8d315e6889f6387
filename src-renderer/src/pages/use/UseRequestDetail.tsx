import { Col, Drawer, Row, Spin, Typography } from 'antd'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SessionInfo, UseRequest } from '@preload/contract'
import { can } from '@renderer/access'
import { call } from '@renderer/api/client'
import { FormModal } from '@renderer/components/FormModal'
import { PrintPreview } from '@renderer/components/PrintPreview'
import { ScanChecklist, useScanChecklist } from '@renderer/components/ScanChecklist'
import { useForm } from '@renderer/useForm'
import { useRemote } from '@renderer/useRemote'
import { useSubmit } from '@renderer/useSubmit'
import { ChainView } from './ChainView'
import { ActionFields, UseRequestFacts, type Action, type ActionValues } from './UseRequestParts'
import { actionCall, actionDefaults } from './requestActions'
import { RequestActionBar, RequestDocuments, type RequestDocument } from './RequestActionBar'
import { policyVersionText } from '@renderer/labels'

/**
 * One request: its chain with the signatures entered so far, and the next thing to do — the signer whose step it
 * awaits signs or refuses; the archivist enters a signature from the paper form (or withdraws one entered wrongly),
 * takes the records out (printing the out-cards), renews, takes them back (注销) with a completeness check.
 */
export function UseRequestDetail({
  requestId,
  session,
  onClose,
  onChanged
}: {
  requestId: number
  session: SessionInfo
  onClose(): void
  onChanged(): void
}) {
  const { t } = useTranslation()
  const canWrite = can(session, 'use.create')
  const { submit: send, busy } = useSubmit()
  const [action, setAction] = useState<Action | null>(null)
  const [preview, setPreview] = useState<{ html: string; title: string } | null>(null)
  const [form] = useForm<ActionValues>()

  const { data: request, setData: setRequest } = useRemote(
    useCallback(() => call('use.get', { id: requestId }), [requestId]),
    onClose
  )
  const counter = useScanChecklist(request?.records ?? [], request?.status ?? '')

  const print = (document: RequestDocument) =>
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
  const submit = (values: ActionValues) => {
    if (!action) return
    const step = () => run(...actionCall(action, request, values))
    if (action === 'return') counter.confirmIfMissing(step)
    else void step()
  }

  const checkout = () =>
    counter.confirmIfMissing(() =>
      run(
        () => call('use.checkout', { id: request.id, version: request.version }),
        'use.detail.checkedOut',
        () => void print('outCards')
      )
    )
  const atCounter = canWrite && request.status === 'approved'
  const scanChecklist = (
    <>
      <Typography.Text type="secondary">{t('scan.counterTitle')}</Typography.Text>
      <ScanChecklist records={request.records} scanned={counter.scanned} onTick={counter.tick} />
    </>
  )
  // The step is the signer's role by name (R-ROLE-3..5); main checks the department and the rest.
  const canSign = can(session, 'use.sign') && request.status === 'pending' && request.nextStep === session.role
  const approveMine = () =>
    run(
      () => call('use.sign', { id: request.id, version: request.version, decision: 'approved' }),
      'use.detail.signedMine'
    )

  return (
    <Drawer
      open
      width={1040}
      rootClassName="use-request-detail"
      title={t('use.detail.title', { number: request.number, kind: t(`use.kinds.${request.kind}`) })}
      onClose={onClose}
      extra={<RequestDocuments request={request} onPrint={(document) => void print(document)} />}
    >
      <RequestActionBar
        request={request}
        canWrite={canWrite}
        canSign={canSign}
        onAction={setAction}
        onCheckout={checkout}
        onApproveMine={approveMine}
      />
      {atCounter && <div style={{ marginBottom: 16 }}>{scanChecklist}</div>}
      <Row gutter={24}>
        <Col span={15}>
          <UseRequestFacts request={request} />
        </Col>
        <Col span={9}>
          <Typography.Title level={5}>{t('use.chain.title')}</Typography.Title>
          <ChainView steps={request.chain} approvals={request.approvals} withdrawn={request.withdrawnSignatures} />
          <Typography.Text type="secondary">{policyVersionText(t, request.policyVersion)}</Typography.Text>
        </Col>
      </Row>
      <FormModal
        open={action !== null}
        width={action === 'return' ? 860 : 560}
        values={action ? actionDefaults(action, request) : undefined}
        title={
          action
            ? t(`use.actions.${action}`, { step: request.nextStep ? t(`use.approvers.${request.nextStep}`) : '' })
            : ''
        }
        form={form}
        busy={busy}
        onClose={() => setAction(null)}
        focusTriggerAfterClose={false}
        name="use-action"
        onFinish={submit}
        extra={action === 'return' && <div style={{ marginBottom: 16 }}>{scanChecklist}</div>}
      >
        {action && <ActionFields action={action} request={request} />}
      </FormModal>
      {preview && <PrintPreview html={preview.html} title={preview.title} onClose={() => setPreview(null)} />}
    </Drawer>
  )
}
