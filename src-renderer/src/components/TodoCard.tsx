import { Button, Card, Empty, List, Tag, Typography } from 'antd'
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import type { TodoEntry } from '../../../src-preload/contract'
import { call } from '../api/client'
import { useRemote } from '../useRemote'
import { WithRule } from './RuleTag'

const SEVERITY_COLORS: Record<TodoEntry['severity'], string> = { error: 'red', warning: 'orange', info: 'blue' }

/** What needs doing today, each line with its rule and a way to the page where it is done. */
export function TodoCard() {
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
            actions={[
              <Button key="go" type="link" size="small" onClick={() => navigate(`/${entry.section}`)}>
                {t('todo.go')}
              </Button>
            ]}
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
