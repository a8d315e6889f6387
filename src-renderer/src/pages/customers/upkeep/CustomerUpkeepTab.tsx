import { Button, Card, DatePicker, Descriptions, Form, Space, Tag, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useCallback, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { CustomerUpkeep, UpkeepEntry } from '@preload/contract'
import { call } from '@renderer/api/client'
import { WithRule } from '@renderer/components/RuleTag'
import { formatDateTime } from '@renderer/errors'
import { useRemote } from '@renderer/useRemote'
import { useSubmit } from '@renderer/useSubmit'
import { ContactLogDialog, CreditDialog, StaffDialog, VerifyDialog } from './UpkeepDialogs'
import { ListTable } from '@renderer/components/ListTable'

const iso = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : null)
const dash = (value: string | null | undefined) => (value ? value : '—')

type Dialog = 'verify' | 'log' | 'review' | 'staff' | 'credit' | null

/**
 * The customer file's upkeep (issue 20): its filing from temporary to formal (S29, S37–S40), the return visits and
 * reviews due (S46–S47, S59–S61), the contact log (S35, S44, S52, S63), the staff in touch (S154) and the credit file
 * (S19–S21).
 */
export function CustomerUpkeepTab({ customerId, canEdit }: { customerId: number; canEdit: boolean }) {
  const { t } = useTranslation()
  const { data, reload } = useRemote(useCallback(() => call('customerUpkeep.get', { customerId }), [customerId]))
  const [dialog, setDialog] = useState<Dialog>(null)
  if (!data) return null
  const close = () => setDialog(null)
  const done = async () => {
    setDialog(null)
    await reload()
  }

  return (
    <div className="customer-upkeep">
      <RegistrationCard
        customerId={customerId}
        upkeep={data}
        canEdit={canEdit}
        onVerify={() => setDialog('verify')}
        onSaved={reload}
      />

      <UpkeepSection title={t('customerUpkeep.visits.title')}>
        {data.visits.length === 0 ? (
          <Typography.Text type="secondary">{t('customerUpkeep.visits.noContract')}</Typography.Text>
        ) : (
          <Space wrap>
            {data.visits.map((visit) => (
              <Tag key={visit.day} color={visit.doneOn ? 'green' : visit.due ? 'red' : 'default'}>
                {t('customerUpkeep.visits.day', { day: visit.day })} ·{' '}
                {visit.doneOn
                  ? t('customerUpkeep.visits.doneOn', { date: visit.doneOn })
                  : t('customerUpkeep.visits.dueOn', { date: visit.dueOn })}
                {visit.due && ` · ${t('customerUpkeep.visits.due')}`}
              </Tag>
            ))}
          </Space>
        )}
        <div style={{ marginTop: 8 }}>
          <Typography.Text strong>{t('customerUpkeep.review.title')}：</Typography.Text>
          <Tag color={data.review.due ? 'red' : 'default'}>
            {t('customerUpkeep.review.dueOn', { date: data.review.dueOn })}
            {data.review.due && ` · ${t('customerUpkeep.review.due')}`}
          </Tag>
          {canEdit && (
            <Button size="small" onClick={() => setDialog('review')}>
              {t('customerUpkeep.review.record')}
            </Button>
          )}
        </div>
      </UpkeepSection>

      <UpkeepSection
        title={t('customerUpkeep.log.title')}
        action={canEdit && { label: t('customerUpkeep.log.add'), onClick: () => setDialog('log') }}
      >
        <ListTable<UpkeepEntry>
          size="small"
          dataSource={data.log}
          pagination={{ pageSize: 8, hideOnSinglePage: true }}
          empty={t('customerUpkeep.log.empty')}
          columns={[
            { title: t('customerUpkeep.log.happenedOn'), dataIndex: 'happenedOn', width: 100 },
            {
              title: t('customerUpkeep.log.kind'),
              dataIndex: 'kind',
              width: 110,
              render: (kind: UpkeepEntry['kind'], row) =>
                `${t(`customerUpkeep.log.kinds.${kind}`)}${row.planDay ? ` (${t('customerUpkeep.log.planDayValue', { day: row.planDay })})` : ''}`
            },
            {
              title: t('customerUpkeep.log.channel'),
              dataIndex: 'channel',
              width: 70,
              render: (channel: UpkeepEntry['channel']) => t(`customerUpkeep.log.channels.${channel}`)
            },
            { title: t('customerUpkeep.log.staffName'), dataIndex: 'staffName', width: 80 },
            { title: t('customerUpkeep.log.summary'), dataIndex: 'summary', ellipsis: true },
            { title: t('customerUpkeep.log.outcome'), dataIndex: 'outcome', ellipsis: true }
          ]}
        />
      </UpkeepSection>

      <UpkeepSection
        title={t('customerUpkeep.staff.title')}
        action={canEdit && { label: t('customerUpkeep.staff.edit'), onClick: () => setDialog('staff') }}
      >
        {data.staff.length === 0 ? (
          <Typography.Text type="secondary">{t('customerUpkeep.staff.none')}</Typography.Text>
        ) : (
          <Space wrap>
            {data.staff.map((member) => (
              <Tag key={member.userId}>
                {member.name} {t('customerUpkeep.staff.assignedOn', { date: member.assignedOn })}
              </Tag>
            ))}
          </Space>
        )}
        {data.staffShort && (
          <Typography.Paragraph type="warning" style={{ margin: '8px 0 0' }}>
            <WithRule text={t('customerUpkeep.staff.short')} ruleId="S154" />
          </Typography.Paragraph>
        )}
      </UpkeepSection>

      <CreditCard upkeep={data} canEdit={canEdit} onAdd={() => setDialog('credit')} />

      <VerifyDialog open={dialog === 'verify'} customerId={customerId} onClose={close} onDone={done} />
      <ContactLogDialog
        open={dialog === 'log' || dialog === 'review'}
        review={dialog === 'review'}
        customerId={customerId}
        visits={data.visits}
        onClose={close}
        onDone={done}
      />
      <StaffDialog
        open={dialog === 'staff'}
        customerId={customerId}
        staff={data.staff.map((member) => member.userId)}
        onClose={close}
        onDone={done}
      />
      <CreditDialog open={dialog === 'credit'} customerId={customerId} onClose={close} onDone={done} />
    </div>
  )
}

/** S29, S37–S40: the filing from temporary to formal, and the contract's dates the return visits count from. */
function RegistrationCard({
  customerId,
  upkeep,
  canEdit,
  onVerify,
  onSaved
}: {
  customerId: number
  upkeep: CustomerUpkeep
  canEdit: boolean
  onVerify(): void
  onSaved(): Promise<void>
}) {
  const { t } = useTranslation()
  const [dates, setDates] = useState<{ contract: Dayjs | null; completion: Dayjs | null } | null>(null)
  const { submit, busy } = useSubmit()
  const registration = upkeep.registration
  const contract = dates?.contract ?? (registration.contractSignedOn ? dayjs(registration.contractSignedOn) : null)
  const completion = dates?.completion ?? (registration.completionOn ? dayjs(registration.completionOn) : null)
  return (
    <Card
      size="small"
      title={t('customerUpkeep.registration.title')}
      extra={
        upkeep.mayVerify && (
          <Button type="primary" size="small" onClick={onVerify}>
            {t('customerUpkeep.registration.verify')}
          </Button>
        )
      }
    >
      <Descriptions size="small" column={3} bordered>
        <Descriptions.Item label={t('customerUpkeep.registration.status')}>
          <Tag color={registration.status === 'formal' ? 'green' : 'orange'}>
            {t(`customerUpkeep.registration.statuses.${registration.status}`)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('customerUpkeep.registration.formalDueOn')}>
          {dash(registration.formalDueOn)}
          {registration.late && (
            <Tag color="red" style={{ marginLeft: 4 }}>
              <WithRule text={t('customerUpkeep.registration.late')} ruleId="S29" />
            </Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('customerUpkeep.registration.createdBy')}>
          {registration.createdBy} {formatDateTime(registration.createdAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('customerUpkeep.registration.verifiedBy')} span={2}>
          {registration.verifiedBy
            ? `${registration.verifiedBy} ${formatDateTime(registration.verifiedAt ?? '')}`
            : registration.status === 'formal'
              ? t('customerUpkeep.registration.migrated')
              : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('customerUpkeep.registration.note')}>
          {dash(registration.verificationNote)}
        </Descriptions.Item>
      </Descriptions>
      <Form layout="inline" style={{ marginTop: 12 }} disabled={!canEdit}>
        <Form.Item label={t('customerUpkeep.registration.contractSignedOn')} htmlFor="contractSignedOn">
          <DatePicker
            format="YYYY-MM-DD"
            id="contractSignedOn"
            value={contract}
            onChange={(value) => setDates({ contract: value, completion })}
          />
        </Form.Item>
        <Form.Item label={t('customerUpkeep.registration.completionOn')} htmlFor="completionOn">
          <DatePicker
            format="YYYY-MM-DD"
            id="completionOn"
            value={completion}
            onChange={(value) => setDates({ contract, completion: value })}
          />
        </Form.Item>
        {canEdit && (
          <Button
            loading={busy}
            onClick={() =>
              void submit(
                () =>
                  call('customerUpkeep.register', {
                    customerId,
                    contractSignedOn: iso(contract),
                    completionOn: iso(completion)
                  }),
                { success: 'customerUpkeep.registration.saved', onDone: onSaved }
              )
            }
          >
            {t('customerUpkeep.registration.saveDates')}
          </Button>
        )}
      </Form>
    </Card>
  )
}

/** S19–S21: the rating in force, why it is to be reviewed, and every earlier one. */
function CreditCard({ upkeep, canEdit, onAdd }: { upkeep: CustomerUpkeep; canEdit: boolean; onAdd(): void }) {
  const { t } = useTranslation()
  return (
    <UpkeepSection
      title={t('customerUpkeep.credit.title')}
      action={canEdit && { label: t('customerUpkeep.credit.add'), onClick: onAdd }}
    >
      {upkeep.creditReview && (
        <Typography.Paragraph type="warning">
          <WithRule
            text={`${t('customerUpkeep.credit.review')}：${t(`customerUpkeep.credit.reviewReasons.${upkeep.creditReview}`)}`}
            ruleId={upkeep.creditReview === 'unrated' ? 'S21' : 'S19'}
          />
        </Typography.Paragraph>
      )}
      <ListTable
        size="small"
        dataSource={upkeep.credit}
        pagination={{ pageSize: 5, hideOnSinglePage: true }}
        empty={t('customerUpkeep.credit.empty')}
        columns={[
          { title: t('customerUpkeep.credit.decidedOn'), dataIndex: 'decidedOn', width: 100 },
          {
            title: t('customerUpkeep.credit.grade'),
            dataIndex: 'grade',
            width: 90,
            render: (grade: string, _row, index) => (
              <>
                {t(`customerUpkeep.credit.grades.${grade}`)}
                {index === 0 && (
                  <Tag color="blue" style={{ marginLeft: 4 }}>
                    {t('customerUpkeep.credit.inForce')}
                  </Tag>
                )}
              </>
            )
          },
          {
            title: t('customerUpkeep.credit.limitAmount'),
            dataIndex: 'limitAmount',
            width: 120,
            align: 'right' as const,
            render: (amount: number) => amount.toLocaleString('zh-CN')
          },
          { title: t('customerUpkeep.credit.limitYear'), dataIndex: 'limitYear', width: 90 },
          {
            title: t('customerUpkeep.credit.report'),
            dataIndex: 'reportTitle',
            ellipsis: true,
            render: (title: string | null) => title ?? t('customerUpkeep.credit.noReport')
          },
          { title: t('customerUpkeep.credit.riskEvaluation'), dataIndex: 'riskEvaluation', ellipsis: true },
          { title: t('customerUpkeep.credit.reason'), dataIndex: 'reason', ellipsis: true }
        ]}
      />
    </UpkeepSection>
  )
}

/** One part of the customer's upkeep: a small card, with the button of its action for those who may take it. */
function UpkeepSection({
  title,
  action,
  children
}: {
  title: string
  action?: false | { label: string; onClick(): void }
  children: ReactNode
}) {
  return (
    <Card
      size="small"
      style={{ marginTop: 12 }}
      title={title}
      extra={
        action && (
          <Button size="small" onClick={action.onClick}>
            {action.label}
          </Button>
        )
      }
    >
      {children}
    </Card>
  )
}
