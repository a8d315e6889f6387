import { CheckCircleOutlined, ClockCircleOutlined, CloseCircleOutlined } from '@ant-design/icons'
import { Alert, Space, Steps, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ChainStep, PolicyReason, UseApproval, UseWithdrawnSignature } from '@preload/contract'
import { WithRule } from '@renderer/components/RuleTag'
import { formatDateTime } from '@renderer/errors'

/** One reason of the policy engine in the user's language, with the rule it applies. */
export function ReasonText({ reason }: { reason: PolicyReason }) {
  const { t } = useTranslation()
  return <WithRule text={t(reason.reason, reason.params ?? {})} ruleId={reason.ruleId} />
}

/**
 * The signers a request needs, in order, each with every reason that puts them there; signed steps show who signed
 * and when, and who entered it from the paper form; a refused step its reason; withdrawn signatures stay listed
 * with who took them back and why (R-USE-1, R-ROLE-7).
 */
export function ChainView({
  steps,
  approvals = [],
  withdrawn = [],
  refusal
}: {
  steps: ChainStep[]
  approvals?: UseApproval[]
  withdrawn?: UseWithdrawnSignature[]
  refusal?: PolicyReason | null
}) {
  const { t } = useTranslation()
  if (refusal)
    return (
      <Alert
        className="use-chain-refusal"
        type="error"
        showIcon
        message={t('use.chain.refused')}
        description={<ReasonText reason={refusal} />}
      />
    )
  const current = steps.findIndex((step) => !approvals.some((a) => a.step === step.step))
  return (
    <Steps
      className="use-chain"
      direction="vertical"
      size="small"
      current={current === -1 ? steps.length : current}
      items={steps.map(({ step, reasons }) => {
        const signed = approvals.find((a) => a.step === step)
        const refused = signed?.decision === 'refused'
        return {
          title: t(`use.approvers.${step}`),
          status: refused ? 'error' : signed ? 'finish' : 'wait',
          icon: refused ? <CloseCircleOutlined /> : signed ? <CheckCircleOutlined /> : <ClockCircleOutlined />,
          description: (
            <Space direction="vertical" size={0}>
              {signed && (
                <Typography.Text strong>
                  {t(refused ? 'use.chain.refusedBy' : 'use.chain.signedBy', {
                    name: signed.signerName,
                    on: signed.signedOn,
                    by: signed.enteredBy,
                    reason: signed.reason
                  })}
                </Typography.Text>
              )}
              {signed?.onBehalf && (
                <Typography.Text type="secondary">{t('use.chain.onBehalf', { by: signed.enteredBy })}</Typography.Text>
              )}
              {withdrawn
                .filter((w) => w.step === step)
                .map((w) => (
                  <Typography.Text key={w.withdrawnAt} type="warning" className="use-chain-withdrawn">
                    {t('use.chain.withdrawn', {
                      name: w.signerName,
                      step: w.step,
                      by: w.withdrawnBy,
                      at: formatDateTime(w.withdrawnAt),
                      reason: w.withdrawnReason
                    })}
                  </Typography.Text>
                ))}
              {reasons.map((reason) => (
                <Typography.Text key={`${reason.ruleId}-${reason.reason}`} type="secondary">
                  <ReasonText reason={reason} />
                </Typography.Text>
              ))}
            </Space>
          )
        }
      })}
    />
  )
}
