import { PrinterOutlined } from '@ant-design/icons'
import { Button, Tag } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import type { OverdueLoan } from '@preload/contract'
import { call } from '../api/client'
import { nameOfCode, useFilingSettings } from '../useFilingSettings'
import { usePagedQuery, type Paging } from '../useRemote'
import { useSubmit } from '../useSubmit'
import { LongText } from './LongText'
import { PrintPreview } from './PrintPreview'
import { WorkbenchListCard } from './ListTable'

const overdueLoans = (paging: Paging) => call('use.overdue', paging)

/**
 * R-USE-8: loans out past their due date, shown every day ten at a time, each with its printable reminder (催还单).
 * The first page is what `workbench.ts` asks ahead for this card at sign-in.
 */
export function OverdueLoansCard({ link }: { link: string | null }) {
  const { t } = useTranslation()
  const { submit } = useSubmit()
  const navigate = useNavigate()
  const settings = useFilingSettings()
  const [preview, setPreview] = useState<{ html: string; title: string } | null>(null)
  const { tableProps } = usePagedQuery(overdueLoans, { page: 1, pageSize: 10 })

  const remind = (loan: OverdueLoan) =>
    submit(() => call('print.use', { document: 'reminder', id: loan.id }), {
      onDone: ({ html }) => setPreview({ html, title: t('use.documents.reminder') })
    })

  return (
    <WorkbenchListCard<OverdueLoan>
      className="overdue-loans"
      title={t('use.overdue.title')}
      {...tableProps}
      empty={t('use.overdue.none')}
      columns={[
        { title: t('use.list.number'), dataIndex: 'number' },
        { title: t('use.fields.applicantName'), dataIndex: 'applicantName' },
        {
          title: t('use.fields.unit'),
          key: 'unit',
          render: (_v, row) => row.externalUnit || nameOfCode(settings?.departments, row.departmentCode)
        },
        {
          title: t('use.fields.records'),
          dataIndex: 'recordsText',
          render: (text: string) => <LongText text={text} width={200} />
        },
        { title: t('use.fields.outOn'), dataIndex: 'outOn' },
        { title: t('use.fields.dueOn'), dataIndex: 'dueOn' },
        {
          title: t('dashboard.daysLate'),
          dataIndex: 'daysLate',
          render: (value: number) => <Tag color="red">{t('use.overdueDays', { count: value })}</Tag>
        },
        {
          title: t('common.actions'),
          key: 'actions',
          render: (_v, row) => (
            <Button size="small" icon={<PrinterOutlined />} onClick={() => remind(row)}>
              {t('use.documents.reminder')}
            </Button>
          )
        }
      ]}
    >
      {link !== null && (
        <Button type="link" style={{ padding: 0 }} onClick={() => navigate(`/${link}`)}>
          {t('use.overdue.goUse')}
        </Button>
      )}
      {preview && <PrintPreview html={preview.html} title={preview.title} onClose={() => setPreview(null)} />}
    </WorkbenchListCard>
  )
}
