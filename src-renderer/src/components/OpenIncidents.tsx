import { Alert } from 'antd'
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import type { RecordKind } from '@preload/contract'
import { call } from '../api/client'
import { useRemote } from '../useRemote'

/** R-KEEP-3: a record found missing or damaged says so wherever it is shown, until a follow-up resolves it. */
export function OpenIncidents({ subject, id }: { subject: RecordKind; id: number }) {
  const { t } = useTranslation()
  const { data } = useRemote(
    useCallback(() => call('incidents.list', { state: 'open', subject: { subject, id } }), [subject, id])
  )
  if (!data || data.total === 0) return null
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      message={t('incidents.openOnRecord', { count: data.total })}
      description={data.rows.map((incident) => (
        <div key={incident.id}>
          {t(`incidents.kinds.${incident.kind}`)} · {incident.openedOn} · {t(`incidents.sources.${incident.source}`)} ·{' '}
          {incident.note}
        </div>
      ))}
    />
  )
}
