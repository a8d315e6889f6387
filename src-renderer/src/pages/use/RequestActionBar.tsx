import { PrinterOutlined } from '@ant-design/icons'
import { Button, Space, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import type { UseRequest } from '@preload/contract'
import { lastSigned } from './requestActions'
import type { Action } from './UseRequestParts'
import { STATUS_COLORS } from './useLabels'

const CHECKOUT_TEXT = {
  loan: 'use.detail.checkoutLoan',
  consultation: 'use.detail.checkoutReading'
} as const

/** The request's state and the things that can be done with it now. */
export function RequestActionBar({
  request,
  canWrite,
  canSign,
  onAction,
  onCheckout,
  onApproveMine
}: {
  request: UseRequest
  canWrite: boolean
  /** The signed-in person signs the step the request awaits. */
  canSign: boolean
  onAction(action: Action): void
  onCheckout(): void
  onApproveMine(): void
}) {
  const { t } = useTranslation()
  const outNow = request.status === 'out'
  const last = lastSigned(request)
  const withdrawable =
    canWrite &&
    ['pending', 'approved', 'refused'].includes(request.status) &&
    request.approvals.some((a) => a.step === last && a.onBehalf)
  return (
    <Space style={{ marginBottom: 16 }} wrap>
      <Tag color={STATUS_COLORS[request.status]}>{t(`use.statuses.${request.status}`)}</Tag>
      {request.overdue && <Tag color="red">{t('use.overdueDays', { count: request.daysLate })}</Tag>}
      {canSign && (
        <Button type="primary" onClick={onApproveMine}>
          {t('use.detail.approveMine')}
        </Button>
      )}
      {canSign && (
        <Button danger onClick={() => onAction('refuseMine')}>
          {t('use.detail.refuseMine')}
        </Button>
      )}
      {canWrite && request.status === 'pending' && request.nextStep && (
        <Button type="primary" onClick={() => onAction('sign')}>
          {t('use.detail.sign', { step: t(`use.approvers.${request.nextStep}`) })}
        </Button>
      )}
      {withdrawable && <Button onClick={() => onAction('withdraw')}>{t('use.detail.withdraw')}</Button>}
      {canWrite && request.status === 'approved' && (
        <Button type="primary" onClick={onCheckout}>
          {t(
            request.kind === 'loan' || request.kind === 'consultation'
              ? CHECKOUT_TEXT[request.kind]
              : 'use.detail.checkoutCopies'
          )}
        </Button>
      )}
      {canWrite && outNow && (
        <Button type="primary" onClick={() => onAction('return')}>
          {t('use.detail.return')}
        </Button>
      )}
      {canWrite && outNow && request.kind === 'loan' && (
        <Button onClick={() => onAction('renew')}>{t('use.detail.renew')}</Button>
      )}
      {canWrite && <Button onClick={() => onAction('feedback')}>{t('use.detail.feedback')}</Button>}
      {canWrite && (request.status === 'pending' || request.status === 'approved') && (
        <Button danger onClick={() => onAction('cancel')}>
          {t('use.detail.cancel')}
        </Button>
      )}
    </Space>
  )
}

export type RequestDocument = 'form' | 'outCards' | 'reminder'

/** The papers of a request that can be printed now: the form, the out-cards once taken out, a reminder while on loan. */
export function RequestDocuments({
  request,
  onPrint
}: {
  request: UseRequest
  onPrint(document: RequestDocument): void
}) {
  const { t } = useTranslation()
  const button = (document: RequestDocument) => (
    <Button icon={<PrinterOutlined />} onClick={() => onPrint(document)}>
      {t(`use.documents.${document}`)}
    </Button>
  )
  return (
    <Space wrap>
      {button('form')}
      {request.outOn && request.kind !== 'excerpt' && button('outCards')}
      {request.status === 'out' && request.kind === 'loan' && button('reminder')}
    </Space>
  )
}
