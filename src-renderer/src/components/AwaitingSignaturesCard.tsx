import { Button } from 'antd'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SessionInfo, UseRequestRow } from '@preload/contract'
import { call } from '../api/client'
import { UseRequestDetail } from '../pages/use/UseRequestDetail'
import { requestSummaryColumns } from '../pages/use/requestColumns'
import { useFilingSettings } from '../useFilingSettings'
import { useRemote } from '../useRemote'
import { WorkbenchListCard } from './ListTable'

/**
 * 待我签批 (R-ROLE-3..5): the requests whose next signature is the signed-in person's — for a department head only
 * those of their own department's staff — each opened to sign or refuse with a reason.
 */
export function AwaitingSignaturesCard({ session }: { session: SessionInfo }) {
  const { t } = useTranslation()
  const settings = useFilingSettings()
  const [viewing, setViewing] = useState<number | null>(null)
  const { data, loading, reload } = useRemote(useCallback(() => call('use.awaiting', {}), []))
  const close = useCallback(() => setViewing(null), [])

  return (
    <WorkbenchListCard<UseRequestRow>
      className="awaiting-signatures"
      title={t('use.awaiting.title')}
      loading={loading}
      dataSource={data ?? []}
      empty={t('use.awaiting.none')}
      columns={[
        { title: t('use.list.number'), dataIndex: 'number' },
        ...requestSummaryColumns(t, settings),
        { title: t('use.fields.purpose'), dataIndex: 'purpose', ellipsis: true },
        {
          title: t('common.actions'),
          key: 'actions',
          render: (_v, row) => (
            <Button size="small" type="primary" onClick={() => setViewing(row.id)}>
              {t('use.awaiting.open')}
            </Button>
          )
        }
      ]}
    >
      {viewing !== null && (
        <UseRequestDetail requestId={viewing} session={session} onClose={close} onChanged={() => void reload()} />
      )}
    </WorkbenchListCard>
  )
}
