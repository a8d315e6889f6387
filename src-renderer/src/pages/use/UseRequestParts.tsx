import { DatePicker, Descriptions, Form, Input, InputNumber, Radio, Select, Space, Table, Typography } from 'antd'
import type { SelectProps } from 'antd'
import type { Dayjs } from 'dayjs'
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import type { UseRecord, UseRequest } from '@preload/contract'
import { RETURN_CONDITIONS, USE_EFFECTS } from '@preload/vocabulary'
import { call } from '@renderer/api/client'
import { useRemote } from '@renderer/useRemote'
import { RecordLabel } from '@renderer/components/RecordPicker'
import { nameOfCode, useFilingSettings } from '@renderer/useFilingSettings'
import { ISO } from './useLabels'
import { optionsOf } from '@renderer/labels'

/** `sign` enters a paper signature on the signer's behalf; `refuseMine` is a signer refusing in the app. */
export type Action = 'sign' | 'refuseMine' | 'withdraw' | 'return' | 'renew' | 'feedback' | 'cancel'

export interface ActionValues {
  signerUserId?: number
  signedOn?: Dayjs
  decision?: 'approved' | 'refused'
  reason?: string
  newDueOn?: Dayjs
  effect?: (typeof USE_EFFECTS)[number]
  note?: string
  records?: { condition: (typeof RETURN_CONDITIONS)[number]; pagesChecked: number; note?: string }[]
}

/** Who asked, for what, when, and the records with how each came back. */
export function UseRequestFacts({ request }: { request: UseRequest }) {
  const { t } = useTranslation()
  const settings = useFilingSettings()
  const who =
    request.applicantKind === 'external'
      ? `${request.externalUnit}（${t('use.applicantKinds.external')}）`
      : nameOfCode(settings?.departments, request.departmentCode)
  return (
    <>
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={t('use.fields.applicantName')}>{request.applicantName}</Descriptions.Item>
        <Descriptions.Item label={t('use.fields.unit')}>{who}</Descriptions.Item>
        {request.applicantKind === 'external' && (
          <Descriptions.Item label={t('use.fields.introductionLetter')} span={2}>
            {request.introductionLetter}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('use.fields.purpose')} span={2}>
          {request.purpose}
        </Descriptions.Item>
        <Descriptions.Item label={t('use.fields.reason')} span={2}>
          {request.reason}
        </Descriptions.Item>
        <Descriptions.Item label={t('use.fields.startOn')}>{request.startOn}</Descriptions.Item>
        <Descriptions.Item label={t('use.fields.dueOn')}>{request.dueOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('use.fields.outOn')}>{request.outOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('use.fields.returnedOn')}>{request.returnedOn ?? '—'}</Descriptions.Item>
        {request.kind !== 'consultation' && (
          <Descriptions.Item label={t('use.fields.copies')}>{request.copies}</Descriptions.Item>
        )}
        {request.kind === 'loan' && (
          <Descriptions.Item label={t('use.fields.offSite')}>
            {t(request.offSite ? 'common.yes' : 'common.no')}
          </Descriptions.Item>
        )}
        {request.excerptAnswer !== null && (
          <Descriptions.Item label={t('use.form.excerptQuestion')} span={2}>
            {t(`use.excerptAnswers.${request.excerptAnswer}`)}
          </Descriptions.Item>
        )}
        {request.effect !== null && (
          <Descriptions.Item
            label={t('use.fields.effect')}
            span={2}
          >{`${t(`use.effects.${request.effect}`)} ${request.effectNote}`}</Descriptions.Item>
        )}
        {request.closingNote !== '' && (
          <Descriptions.Item label={t('use.fields.closingNote')} span={2}>
            {request.closingNote}
          </Descriptions.Item>
        )}
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
          {
            title: t('use.fields.condition'),
            key: 'condition',
            render: (_v, r) =>
              r.condition ? `${t(`use.conditions.${r.condition}`)} ${r.pagesChecked ?? ''} ${r.returnNote}` : '—'
          }
        ]}
      />
    </>
  )
}

/** R-ROLE-3..5: the accounts that may sign the request's next step, to choose the one whose signature is on paper. */
function SignerSelect({ request, ...field }: { request: UseRequest } & SelectProps) {
  const { data } = useRemote(useCallback(() => call('use.signers', { id: request.id }), [request.id]))
  const signers = data?.find((s) => s.step === request.nextStep)?.signers ?? []
  return (
    <Select
      {...field}
      showSearch
      optionFilterProp="label"
      options={signers.map((s) => ({
        value: s.id,
        label: s.department ? `${s.displayName}（${s.department}）` : s.displayName
      }))}
    />
  )
}

/**
 * The fields of one step on a request: a signature from the paper form, a signer's refusal, withdrawing a signature
 * entered wrongly, the return check, a renewal, feedback, a cancellation.
 */
export function ActionFields({ action, request }: { action: Action; request: UseRequest }) {
  const { t } = useTranslation()
  return (
    <>
      {action === 'sign' && (
        <>
          <Typography.Paragraph type="secondary">{t('use.detail.signHint')}</Typography.Paragraph>
          <Form.Item name="signerUserId" label={t('use.fields.signer', { step: request.nextStep ?? '' })} required>
            <SignerSelect request={request} />
          </Form.Item>
          <Form.Item name="signedOn" label={t('use.fields.signedOn')} required>
            <DatePicker format={ISO} />
          </Form.Item>
          <Form.Item name="decision" label={t('use.fields.decision')}>
            <Radio.Group options={optionsOf(t, ['approved', 'refused'], 'use.decisions')} />
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
                <Select style={{ width: 110 }} options={optionsOf(t, RETURN_CONDITIONS, 'use.conditions')} />
              </Form.Item>
              <Form.Item
                name={['records', index, 'pagesChecked']}
                label={t('use.fields.pagesChecked', { pages: record.pageCount })}
              >
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
        <Form.Item
          name="newDueOn"
          label={t('use.fields.newDueOn')}
          required
          extra={t('use.detail.currentDue', { dueOn: request.dueOn })}
        >
          <DatePicker format={ISO} />
        </Form.Item>
      )}
      {action === 'feedback' && (
        <>
          <Form.Item name="effect" label={t('use.fields.effect')} required>
            <Select options={optionsOf(t, USE_EFFECTS, 'use.effects')} />
          </Form.Item>
          <Form.Item name="note" label={t('use.fields.effectNote')}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </>
      )}
      {action === 'refuseMine' && (
        <Form.Item name="reason" label={t('use.fields.refusalReason')} required>
          <Input.TextArea rows={3} />
        </Form.Item>
      )}
      {action === 'withdraw' && (
        <Form.Item name="reason" label={t('use.fields.withdrawReason')} required>
          <Input.TextArea rows={2} />
        </Form.Item>
      )}
      {action === 'cancel' && (
        <Form.Item name="reason" label={t('use.fields.cancelReason')} required>
          <Input.TextArea rows={2} />
        </Form.Item>
      )}
    </>
  )
}
