import { AuditOutlined, PrinterOutlined } from '@ant-design/icons'
import { Alert, Button, Form, Input, InputNumber, Space } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AuditVerification, ChannelInput } from '@preload/contract'
import { call } from '@renderer/api/client'
import { FormModal } from '@renderer/components/FormModal'
import { PrintPreview } from '@renderer/components/PrintPreview'
import { useForm } from '@renderer/useForm'
import { useSubmit } from '@renderer/useSubmit'

type Seal = ChannelInput<'audit.checkSeal'>

/** How a verification reads: intact, or what is broken and which record outside the database showed it. */
export function verificationText(t: (key: string, params?: Record<string, unknown>) => string, v: AuditVerification) {
  if (v.ok) return t('audit.verifyOk', { checked: v.checked })
  const broken = t('audit.verifyBroken', { id: v.firstBrokenId, checked: v.checked })
  if (!v.problem || v.problem === 'audit.problems.entry') return broken
  return t(v.problem, { source: v.anchor ? t(`audit.anchors.${v.anchor.source}`) : '', lastId: v.anchor?.lastId })
}

/**
 * R-SEC-1: the auditor prints the 审计封存单 (the chain's head, to sign and keep outside the archive room) and later
 * checks the log against one: the entry it names must still be there with the hash printed on it.
 */
export function AuditSealButtons() {
  const { t } = useTranslation()
  const { submit } = useSubmit()
  const [html, setHtml] = useState<string | null>(null)
  const [checking, setChecking] = useState(false)
  const [result, setResult] = useState<AuditVerification | null>(null)
  const [form] = useForm<Seal>()

  const print = () => submit(() => call('audit.seal', {}), { onDone: ({ html }) => setHtml(html) })

  const check = (seal: Seal) => submit(() => call('audit.checkSeal', seal), { form, onDone: setResult })

  return (
    <Space>
      <Button icon={<PrinterOutlined />} onClick={print}>
        {t('audit.seal')}
      </Button>
      <Button
        icon={<AuditOutlined />}
        onClick={() => {
          setResult(null)
          setChecking(true)
        }}
      >
        {t('audit.checkSeal')}
      </Button>
      <FormModal
        open={checking}
        title={t('audit.checkSeal')}
        form={form}
        onClose={() => setChecking(false)}
        okText={t('audit.checkSeal')}
        name="audit-seal"
        onFinish={check}
      >
        <Form.Item name="lastId" label={t('audit.sealLastId')} required>
          <InputNumber precision={0} min={1} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="hash" label={t('audit.sealHash')} required>
          <Input.TextArea autoSize spellCheck={false} />
        </Form.Item>
        {result && (
          <Alert
            role="status"
            showIcon
            type={result.ok ? 'success' : 'error'}
            message={
              result.ok
                ? t('audit.sealMatches', { lastId: form.getFieldValue('lastId'), checked: result.checked })
                : verificationText(t, result)
            }
          />
        )}
      </FormModal>
      {html && <PrintPreview html={html} title={t('audit.sealTitle')} onClose={() => setHtml(null)} />}
    </Space>
  )
}
