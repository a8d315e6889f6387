import { Button, Card, Statistic } from 'antd'
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import { call } from '../../api/client'
import { useRemote } from '../../useRemote'

/**
 * The workbench's place for requests waiting for a signature (R-USE-1/2). For now it counts the requests still
 * pending; the list of those awaiting this person's own signature replaces it when signing is built.
 */
export function AwaitingSignatureCard({ link }: { link: string | null }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { data } = useRemote(useCallback(() => call('use.list', { status: ['pending'], pageSize: 1 }), []))
  return (
    <Card className="awaiting-signature-card">
      <Statistic title={t('dashboard.awaitingSignature')} value={data?.total ?? '—'} />
      {link !== null && (
        <Button type="link" style={{ padding: 0 }} onClick={() => navigate(`/${link}`)}>
          {t('use.overdue.goUse')}
        </Button>
      )}
    </Card>
  )
}
