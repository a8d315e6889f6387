import { Alert, Button, Checkbox, DatePicker, Form, Input, Select, Space, Tag } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RightsKind, RightsOutcome, RightsRequest } from '@preload/contract'
import { RIGHTS_KINDS } from '@preload/vocabulary'
import { call } from '@renderer/api/client'
import { FormModal } from '@renderer/components/FormModal'
import { formatDateTime } from '@renderer/errors'
import { useRemote } from '@renderer/useRemote'
import { useSubmit } from '@renderer/useSubmit'
import { PrivacyRegister } from './PrivacyRegister'
import { optionsOf } from '@renderer/labels'

const OUTCOMES_OF: Record<RightsKind, RightsOutcome[]> = {
  access: ['shown', 'refused'],
  correct: ['corrected', 'refused'],
  delete: ['anonymised', 'purged', 'refused']
}

interface RegisterValues {
  kind: RightsKind
  requester: string
  identityChecked: boolean
  details: string
  receivedOn: Dayjs
}

/** S103, S139–S148: individuals' requests about their information, what became of it and what a retention period keeps. */
export function RightsRequests({ customerId, canEdit }: { customerId: number; canEdit: boolean }) {
  const { t } = useTranslation()
  const { submit, busy } = useSubmit()
  const list = useRemote(useCallback(() => call('customerPrivacy.rightsRequests', { customerId }), [customerId]))
  const state = useRemote(useCallback(() => call('customerPrivacy.state', { customerId }), [customerId]))
  const [answerForm] = Form.useForm<{ outcome: RightsOutcome; answer: string }>()
  const [answering, setAnswering] = useState<RightsRequest | null>(null)
  const today = dayjs().format('YYYY-MM-DD')

  const register = (values: RegisterValues) =>
    call('customerPrivacy.registerRightsRequest', {
      ...values,
      identityChecked: values.identityChecked as true,
      details: values.details ?? '',
      customerId,
      receivedOn: values.receivedOn.format('YYYY-MM-DD')
    })

  const answer = (request: RightsRequest, values: { outcome: RightsOutcome; answer: string }) =>
    submit(() => call('customerPrivacy.answerRightsRequest', { id: request.id, version: request.version, ...values }), {
      form: answerForm,
      success: 'customerPrivacy.rights.answered',
      close: () => setAnswering(null),
      onDone: async () => {
        await Promise.all([list.reload(), state.reload()])
      }
    })

  const kept = state.data
  return (
    <>
      <PrivacyRegister<RightsRequest, RegisterValues>
        title={t('customerPrivacy.rights.title')}
        add={t('customerPrivacy.rights.register')}
        canAdd={canEdit}
        adding={{
          name: 'rightsRequest',
          values: { kind: 'delete', receivedOn: dayjs(), identityChecked: false, details: '' },
          send: register,
          success: 'customerPrivacy.rights.registered',
          onDone: list.reload
        }}
        empty={t('customerPrivacy.rights.none')}
        notice={
          kept &&
          (kept.archivedAt || kept.anonymisedAt || kept.protectedRecords > 0) && (
            <Alert
              className="privacy-state"
              type="info"
              style={{ marginBottom: 12 }}
              message={[
                kept.archivedAt &&
                  t('customerPrivacy.state.archived', { at: formatDateTime(kept.archivedAt).slice(0, 10) }),
                kept.anonymisedAt &&
                  t('customerPrivacy.state.anonymised', { at: formatDateTime(kept.anonymisedAt).slice(0, 10) }),
                kept.protectedRecords > 0 &&
                  t('customerPrivacy.state.protectedRecords', { count: kept.protectedRecords })
              ]
                .filter(Boolean)
                .join('；')}
            />
          )
        }
        className="rights-requests"
        dataSource={list.data ?? []}
        columns={[
          { title: t('customerPrivacy.rights.receivedOn'), dataIndex: 'receivedOn', width: 100 },
          {
            title: t('customerPrivacy.rights.kind'),
            dataIndex: 'kind',
            render: (value: string) => t(`customerPrivacy.rights.kinds.${value}`)
          },
          { title: t('customerPrivacy.rights.requester'), dataIndex: 'requester', width: 90 },
          { title: t('customerPrivacy.rights.dueOn'), dataIndex: 'dueOn', width: 100 },
          {
            title: t('customerPrivacy.rights.status'),
            key: 'status',
            render: (_: unknown, row) =>
              row.outcome ? (
                <>
                  <Tag color="green">{t(`customerPrivacy.rights.outcomes.${row.outcome}`)}</Tag>
                  <div style={{ color: '#888', fontSize: 12 }}>{row.answer}</div>
                </>
              ) : (
                <Tag color={row.dueOn < today ? 'red' : 'gold'}>
                  {t(row.dueOn < today ? 'customerPrivacy.rights.overdue' : 'customerPrivacy.rights.open')}
                </Tag>
              )
          },
          ...(canEdit
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 80,
                  render: (_: unknown, row: RightsRequest) =>
                    row.status === 'open' && (
                      <Button size="small" onClick={() => setAnswering(row)}>
                        {t('customerPrivacy.rights.answer')}
                      </Button>
                    )
                }
              ]
            : [])
        ]}
      >
        <Space size={16}>
          <Form.Item name="kind" label={t('customerPrivacy.rights.kind')} required>
            <Select style={{ width: 180 }} options={optionsOf(t, RIGHTS_KINDS, 'customerPrivacy.rights.kinds')} />
          </Form.Item>
          <Form.Item name="receivedOn" label={t('customerPrivacy.rights.receivedOn')} required>
            <DatePicker format="YYYY-MM-DD" />
          </Form.Item>
        </Space>
        <Form.Item name="requester" label={t('customerPrivacy.rights.requester')} required>
          <Input />
        </Form.Item>
        <Form.Item name="details" label={t('customerPrivacy.rights.details')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="identityChecked" valuePropName="checked">
          <Checkbox>{t('customerPrivacy.rights.identityChecked')}</Checkbox>
        </Form.Item>
      </PrivacyRegister>
      <FormModal
        open={answering !== null}
        title={t('customerPrivacy.rights.answerTitle')}
        form={answerForm}
        busy={busy}
        onClose={() => setAnswering(null)}
        values={{ outcome: answering ? OUTCOMES_OF[answering.kind][0] : undefined, answer: '' }}
        name="rightsAnswer"
        onFinish={(values) => answering && answer(answering, values)}
      >
        <Form.Item name="outcome" label={t('customerPrivacy.rights.outcome')} required>
          <Select
            options={optionsOf(t, answering ? OUTCOMES_OF[answering.kind] : [], 'customerPrivacy.rights.outcomes')}
          />
        </Form.Item>
        <Form.Item name="answer" label={t('customerPrivacy.rights.answer')} required>
          <Input.TextArea rows={3} />
        </Form.Item>
      </FormModal>
    </>
  )
}
