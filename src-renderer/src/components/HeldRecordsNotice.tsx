import { Alert, List } from 'antd'
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../api/client'
import { WithRule } from './RuleTag'
import { useRemote } from '../useRemote'

/** R-CUST-6: what a person still has out, so their account is not switched off before everything is handed back. */
export function HeldRecordsNotice({ userId }: { userId: number }) {
  const { t } = useTranslation()
  const { data: held } = useRemote(useCallback(() => call('users.outstanding', { userId }), [userId]))
  if (!held) return null
  if (held.length === 0)
    return <Alert type="success" showIcon message={t('users.holdsNothing')} style={{ marginBottom: 16 }} />
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      message={<WithRule text={t('users.holdsRecords', { count: held.length })} ruleId="R-CUST-6" />}
      description={
        <List
          size="small"
          dataSource={held}
          renderItem={(record) => (
            <List.Item>
              {t('users.heldRecord', {
                request: record.requestNumber,
                kind: t(`use.kinds.${record.kind}`),
                code: record.archivalCode ?? t('recordPicker.uncoded'),
                title: record.title,
                due: record.dueOn ?? '—'
              })}
            </List.Item>
          )}
        />
      }
    />
  )
}
