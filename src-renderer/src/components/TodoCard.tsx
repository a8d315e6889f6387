import { Button, Card, Empty, List, Tag, Typography } from 'antd'
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import type { TodoEntry } from '@preload/contract'
import { call } from '../api/client'
import { useRemote } from '../useRemote'
import { WithRule } from './RuleTag'

const SEVERITY_COLORS: Record<TodoEntry['severity'], string> = { error: 'red', warning: 'orange', info: 'blue' }

/** What needs doing today, each line with its rule and, where the person may open it, a way to the page. */
export function TodoCard({ linkOf }: { linkOf(section: string): string | null }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { data, loading } = useRemote(useCallback(() => call('dashboard.todo', {}), []))
  return (
    <Card title={t('todo.title')} style={{ marginTop: 16 }} className="todo-card">
      <List<TodoEntry>
        loading={loading}
        dataSource={data ?? []}
        locale={{ emptyText: <Empty description={t('todo.nothing')} /> }}
        renderItem={(entry) => (
          <List.Item
            actions={(() => {
              // Only to a page this person may open: a to-do of another role's page is listed without a way there.
              const section = linkOf(entry.section)
              return section === null
                ? []
                : [
                    <Button key="go" type="link" size="small" onClick={() => navigate(`/${section}`)}>
                      {t('todo.go')}
                    </Button>
                  ]
            })()}
          >
            <List.Item.Meta
              avatar={<Tag color={SEVERITY_COLORS[entry.severity]}>{entry.count}</Tag>}
              title={t(`todo.keys.${entry.key}`)}
              description={
                <Typography.Text type="secondary">
                  <WithRule text={t(entry.reason, entry.params)} ruleId={entry.ruleId} />
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  )
}
