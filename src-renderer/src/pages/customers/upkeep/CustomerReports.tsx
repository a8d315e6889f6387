import { Button, Card, DatePicker, Descriptions, Drawer, Form, Input, Space, Table, Tag, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type {
  AnalysisRow,
  CustomerAnalysis,
  IssuedCustomerReport,
  MonthlyCustomerReport,
  OutstandingCustomerDocument
} from '@preload/contract'
import { call } from '@renderer/api/client'
import { FormModal } from '@renderer/components/FormModal'
import { WithRule } from '@renderer/components/RuleTag'
import { formatDateTime } from '@renderer/errors'
import { useForm, useRequired } from '@renderer/useForm'
import { useRemote } from '@renderer/useRemote'
import { useSubmit } from '@renderer/useSubmit'
import { ListTable } from '@renderer/components/ListTable'

const lastMonth = () => dayjs().subtract(1, 'month')

/**
 * The customer-archive reports (issue 20): the monthly count due by the 5th (S165), the composition and credit
 * analysis (S170), and the reports prepared, approved and handed out (S167–S168). The drawer prints as it stands.
 */
export function CustomerReports({
  canPrepare,
  canApprove,
  onClose
}: {
  canPrepare: boolean
  canApprove: boolean
  onClose(): void
}) {
  const { t } = useTranslation()
  const [month, setMonth] = useState<Dayjs>(lastMonth)
  const monthText = month.format('YYYY-MM')
  const { data: monthly } = useRemote(
    useCallback(() => call('customerReports.monthly', { month: monthText }), [monthText])
  )
  const { data: analysis } = useRemote(useCallback(() => call('customerReports.analysis', {}), []))
  const { data: issued, reload } = useRemote(useCallback(() => call('customerReports.list', {}), []))
  const [handingOut, setHandingOut] = useState<IssuedCustomerReport | null>(null)
  const { submit, busy } = useSubmit()
  const thisMonth = issued?.find((report) => report.month === monthText)

  return (
    <Drawer
      open
      width={980}
      rootClassName="customer-reports"
      title={t('customerUpkeep.reports.title')}
      onClose={onClose}
      extra={<Button onClick={() => window.print()}>{t('customerUpkeep.reports.print')}</Button>}
    >
      <Space style={{ marginBottom: 12 }}>
        <Typography.Text>{t('customerUpkeep.reports.month')}</Typography.Text>
        <DatePicker
          picker="month"
          allowClear={false}
          aria-label={t('customerUpkeep.reports.month')}
          value={month}
          onChange={(value) => value && setMonth(value)}
        />
        {canPrepare && !thisMonth && (
          <Button
            type="primary"
            loading={busy}
            onClick={() =>
              void submit(() => call('customerReports.prepare', { month: monthText }), {
                success: 'customerUpkeep.reports.prepared',
                onDone: reload
              })
            }
          >
            {t('customerUpkeep.reports.prepare')}
          </Button>
        )}
      </Space>

      <MonthlyCountCard monthly={monthly} />

      {analysis && <AnalysisCard analysis={analysis} />}

      <Card size="small" style={{ marginTop: 12 }} title={t('customerUpkeep.reports.issued')}>
        <Table<IssuedCustomerReport>
          size="small"
          rowKey="id"
          dataSource={issued ?? []}
          pagination={{ pageSize: 6, hideOnSinglePage: true }}
          columns={[
            { title: t('customerUpkeep.reports.month'), dataIndex: 'month', width: 90 },
            {
              title: t('customerUpkeep.reports.preparedBy'),
              key: 'prepared',
              render: (_v, row) => `${row.preparedBy} ${formatDateTime(row.preparedAt)}`
            },
            {
              title: t('customerUpkeep.reports.approvedBy'),
              key: 'approved',
              render: (_v, row) =>
                row.approvedBy ? (
                  `${row.approvedBy} ${formatDateTime(row.approvedAt ?? '')}`
                ) : (
                  <Tag color="orange">{t('customerUpkeep.reports.notApproved')}</Tag>
                )
            },
            {
              title: t('customerUpkeep.reports.distribution'),
              key: 'distribution',
              render: (_v, row) =>
                row.distribution.map((entry) => `${entry.recipient}（${entry.distributedOn}）`).join('、') || '—'
            },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_v, row) => (
                <Space>
                  {canApprove && !row.approvedAt && (
                    <Button
                      size="small"
                      onClick={() =>
                        void submit(() => call('customerReports.approve', { id: row.id }), {
                          success: 'customerUpkeep.reports.approved',
                          onDone: reload
                        })
                      }
                    >
                      {t('customerUpkeep.reports.approve')}
                    </Button>
                  )}
                  {canPrepare && row.approvedAt && (
                    <Button size="small" onClick={() => setHandingOut(row)}>
                      {t('customerUpkeep.reports.distribute')}
                    </Button>
                  )}
                </Space>
              )
            }
          ]}
        />
      </Card>
      <DistributeDialog
        report={handingOut}
        onClose={() => setHandingOut(null)}
        onDone={async () => {
          setHandingOut(null)
          await reload()
        }}
      />
    </Drawer>
  )
}

/** S165: the month's count of customers and documents, and the documents still out. */
function MonthlyCountCard({ monthly }: { monthly: MonthlyCustomerReport | null }) {
  const { t } = useTranslation()
  return (
    <Card size="small" title={<WithRule text={t('customerUpkeep.reports.monthly')} ruleId="S165" />}>
      <Descriptions size="small" column={3} bordered>
        <Descriptions.Item label={t('customerUpkeep.reports.customers')}>{monthly?.customers ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('customerUpkeep.reports.originals')}>{monthly?.originals ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('customerUpkeep.reports.copies')}>{monthly?.copies ?? '—'}</Descriptions.Item>
      </Descriptions>
      <ListTable<OutstandingCustomerDocument>
        style={{ marginTop: 8 }}
        size="small"
        rowKey="itemId"
        title={() => t('customerUpkeep.reports.out')}
        dataSource={monthly?.out ?? []}
        pagination={false}
        empty={t('customerUpkeep.reports.noneOut')}
        columns={[
          {
            title: t('items.fields.archivalCode'),
            dataIndex: 'archivalCode',
            render: (v: string | null) => v ?? '—'
          },
          { title: t('items.fields.title'), dataIndex: 'title', ellipsis: true },
          { title: t('customers.fields.name'), dataIndex: 'customerName', ellipsis: true },
          { title: t('customerUpkeep.reports.holder'), dataIndex: 'holder', render: (v: string | null) => v ?? '—' },
          {
            title: t('customerUpkeep.reports.location'),
            dataIndex: 'location',
            render: (v: string | null) => v ?? '—'
          },
          { title: t('customerUpkeep.reports.dueOn'), dataIndex: 'dueOn', render: (v: string | null) => v ?? '—' }
        ]}
      />
    </Card>
  )
}

/** S170: each breakdown as a table whose bars are the customers counted, and the credit limits in force beside. */
function AnalysisCard({ analysis }: { analysis: CustomerAnalysis }) {
  const { t } = useTranslation()
  const label = (breakdown: keyof CustomerAnalysis, key: string) => {
    if (breakdown === 'byGrade') return t(`grades.${key}`)
    if (breakdown === 'byCredit')
      return key ? t(`customerUpkeep.credit.grades.${key}`) : t('customerUpkeep.reports.unrated')
    return key || t('customerUpkeep.reports.unspecified')
  }
  return (
    <Card
      size="small"
      style={{ marginTop: 12 }}
      title={<WithRule text={t('customerUpkeep.reports.analysis')} ruleId="S170" />}
    >
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
        {(['byGrade', 'byCredit', 'byIndustry', 'byRegion'] as const).map((breakdown) => {
          const rows = analysis[breakdown]
          const most = Math.max(1, ...rows.map((row) => row.customers))
          return (
            <Table<AnalysisRow>
              key={breakdown}
              size="small"
              className={`analysis-${breakdown}`}
              rowKey="key"
              title={() => <Typography.Text strong>{t(`customerUpkeep.reports.${breakdown}`)}</Typography.Text>}
              dataSource={rows}
              pagination={false}
              columns={[
                {
                  title: t('customerUpkeep.reports.key'),
                  dataIndex: 'key',
                  width: 110,
                  ellipsis: true,
                  render: (key: string) => label(breakdown, key)
                },
                {
                  title: t('customerUpkeep.reports.customers'),
                  dataIndex: 'customers',
                  render: (count: number) => (
                    <div style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
                      <div
                        aria-hidden
                        style={{
                          height: 10,
                          width: `${Math.round((count / most) * 100)}%`,
                          maxWidth: 120,
                          background: '#8c6d46',
                          borderRadius: 2,
                          printColorAdjust: 'exact'
                        }}
                      />
                      {count}
                    </div>
                  )
                },
                {
                  title: t('customerUpkeep.reports.creditLimit'),
                  dataIndex: 'creditLimit',
                  align: 'right' as const,
                  render: (amount: number) => amount.toLocaleString('zh-CN')
                }
              ]}
            />
          )
        })}
      </div>
    </Card>
  )
}

interface DistributeValues {
  recipient: string
  department?: string
  distributedOn: Dayjs
}

/** S168: one copy handed out, to whom and on which day. */
function DistributeDialog({
  report,
  onClose,
  onDone
}: {
  report: IssuedCustomerReport | null
  onClose(): void
  onDone(): Promise<void>
}) {
  const { t } = useTranslation()
  const required = useRequired()
  const [form] = useForm<DistributeValues>()
  const { submit, busy } = useSubmit()
  return (
    <FormModal
      open={report !== null}
      title={t('customerUpkeep.reports.distribute')}
      form={form}
      values={{ distributedOn: dayjs() }}
      busy={busy}
      onClose={onClose}
      onFinish={(values) =>
        report &&
        void submit(
          () =>
            call('customerReports.distribute', {
              id: report.id,
              recipient: values.recipient,
              department: values.department ?? '',
              distributedOn: values.distributedOn.format('YYYY-MM-DD')
            }),
          { success: 'customerUpkeep.reports.distributed', form, onDone }
        )
      }
    >
      <Form.Item name="recipient" label={t('customerUpkeep.reports.recipient')} rules={required}>
        <Input />
      </Form.Item>
      <Form.Item name="department" label={t('customerUpkeep.reports.department')}>
        <Input />
      </Form.Item>
      <Form.Item name="distributedOn" label={t('customerUpkeep.reports.distributedOn')} rules={required}>
        <DatePicker format="YYYY-MM-DD" />
      </Form.Item>
    </FormModal>
  )
}
