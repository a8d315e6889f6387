import { Card, Table, Tag } from 'antd'
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import type { PrivacyAlarm } from '@preload/contract'
import { call } from '@renderer/api/client'
import { RuleTag } from '@renderer/components/RuleTag'
import { useRemote } from '@renderer/useRemote'

/** S136–S137: the security officer's alarms about customer data: bulk reads, after hours, refusals, leaks reported. */
export function PrivacyAlarmsCard() {
  const { t } = useTranslation()
  const { data } = useRemote(useCallback(() => call('customerPrivacy.alarms', {}), []))
  return (
    <Card
      className="privacy-alarms"
      title={
        <>
          {t('customerPrivacy.alarms.title')}
          <RuleTag ruleId="S136" />
        </>
      }
      style={{ marginBottom: 16 }}
    >
      <Table<PrivacyAlarm>
        size="small"
        rowKey={(row, index) => `${row.kind}-${row.username}-${row.day}-${index}`}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        dataSource={data ?? []}
        locale={{ emptyText: t('customerPrivacy.alarms.none') }}
        columns={[
          { title: t('customerPrivacy.alarms.day'), dataIndex: 'day', width: 110 },
          { title: t('customerPrivacy.alarms.user'), dataIndex: 'username', width: 120 },
          {
            title: t('customerPrivacy.alarms.kind'),
            dataIndex: 'kind',
            render: (kind: PrivacyAlarm['kind'], row) => (
              <>
                <Tag color={kind === 'leakReported' ? 'red' : 'orange'}>
                  {t(`customerPrivacy.alarms.kinds.${kind}`)}
                </Tag>
                {row.description}
              </>
            )
          },
          { title: t('customerPrivacy.alarms.count'), dataIndex: 'count', width: 80 }
        ]}
      />
    </Card>
  )
}
