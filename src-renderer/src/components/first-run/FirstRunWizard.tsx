import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { Button, Form, Input, Space, Steps, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FirstRunInput } from '@preload/contract'
import { call } from '@renderer/api/client'
import { useForm, useRequired } from '@renderer/useForm'
import { useSubmit } from '@renderer/useSubmit'
import { RecoveryPassphraseForm } from '../RecoveryPassphrase'

/** The fields each step asks, so "next" checks only what the step shows. */
const STEPS: { key: string; fields: (keyof FirstRunInput)[] }[] = [
  { key: 'company', fields: ['companyName', 'fondsCode'] },
  { key: 'departments', fields: ['departments'] },
  { key: 'backup', fields: ['backupFolder'] },
  { key: 'passphrase', fields: [] }
]

/**
 * Issue 13: the company (全宗名称 and 全宗号), the departments and the backup folder, after the administrator's
 * account; issue 15.2: the recovery passphrase, set through its own form (it is kept beside the database, not in the
 * settings, and shown once). Every step can be skipped; what is saved lands in the filing and backup settings.
 */
export function FirstRunWizard({ onClose }: { onClose(): void }) {
  const { t } = useTranslation()
  const [form, formProps] = useForm<FirstRunInput>()
  const [step, setStep] = useState(0)
  const required = useRequired()
  const { submit, busy, fail } = useSubmit()

  useEffect(() => {
    call('setup.get', {})
      .then(({ missing, ...values }) =>
        form.setFieldsValue({ ...values, companyName: missing.includes('companyName') ? '' : values.companyName })
      )
      .catch(fail)
  }, [form, fail])

  const next = async () => {
    await form.validateFields(STEPS[step].fields)
    setStep(step + 1)
  }

  const save = (values: FirstRunInput) =>
    submit(() => call('setup.save', values), {
      success: 'firstRun.saved',
      form,
      onDone: onClose,
      // A field main marks may sit on an earlier step: go to the first one that has a mark.
      after: () => {
        const marked = form.getFieldsError().find((field) => field.errors.length > 0)
        const at = STEPS.findIndex((s) => s.fields.some((name) => name === marked?.name[0]))
        if (at >= 0) setStep(at)
      }
    })

  return (
    <div data-testid="first-run">
      <Typography.Paragraph type="secondary">{t('firstRun.intro')}</Typography.Paragraph>
      <Steps
        current={step}
        size="small"
        style={{ marginBottom: 24 }}
        items={STEPS.map((s) => ({ title: t(`firstRun.steps.${s.key}`) }))}
      />
      <Form name="first-run" {...formProps} layout="vertical" onFinish={save} requiredMark>
        <div hidden={step !== 0}>
          <Form.Item
            name="companyName"
            label={t('firstRun.companyName')}
            extra={t('firstRun.companyHint')}
            rules={required}
          >
            <Input placeholder={t('firstRun.companyPlaceholder')} />
          </Form.Item>
          <Form.Item name="fondsCode" label={t('firstRun.fondsCode')} extra={t('firstRun.fondsHint')} rules={required}>
            <Input style={{ width: 160 }} />
          </Form.Item>
        </div>
        <div hidden={step !== 1}>
          <Typography.Paragraph>{t('firstRun.departmentsHint')}</Typography.Paragraph>
          <Form.List name="departments">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <Space key={field.key} align="baseline">
                    <Form.Item
                      name={[field.name, 'code']}
                      label={index === 0 ? t('firstRun.departmentCode') : undefined}
                      rules={required}
                    >
                      <Input style={{ width: 120 }} aria-label={t('firstRun.departmentCodeOf', { n: index + 1 })} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'name']}
                      label={index === 0 ? t('firstRun.departmentName') : undefined}
                      rules={required}
                    >
                      <Input style={{ width: 240 }} aria-label={t('firstRun.departmentNameOf', { n: index + 1 })} />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={t('firstRun.removeDepartment', { n: index + 1 })}
                      disabled={fields.length === 1}
                      onClick={() => remove(field.name)}
                    />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ code: '', name: '' })}>
                  {t('firstRun.addDepartment')}
                </Button>
              </>
            )}
          </Form.List>
        </div>
        <div hidden={step !== 2}>
          <Form.Item name="backupFolder" label={t('backup.folder')} extra={t('backup.folderHint')}>
            <Input />
          </Form.Item>
        </div>
      </Form>
      {/* A form of its own, outside the wizard's: forms cannot nest. */}
      <div hidden={step !== 3}>
        <RecoveryPassphraseForm />
      </div>
      <Space style={{ marginTop: 16, width: '100%', justifyContent: 'space-between' }}>
        <Button onClick={onClose}>{t('firstRun.later')}</Button>
        <Space>
          {step > 0 && <Button onClick={() => setStep(step - 1)}>{t('firstRun.back')}</Button>}
          {step < STEPS.length - 1 ? (
            <Button type="primary" onClick={() => void next().catch(() => undefined)}>
              {t('firstRun.next')}
            </Button>
          ) : (
            <Button type="primary" loading={busy} onClick={() => form.submit()}>
              {t('firstRun.finish')}
            </Button>
          )}
        </Space>
      </Space>
    </div>
  )
}
