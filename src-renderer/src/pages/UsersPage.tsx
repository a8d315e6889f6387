import { PlusOutlined } from '@ant-design/icons'
import { Alert, Button, Empty, Table, Typography } from 'antd'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SessionInfo, UserRow } from '../../../src-preload/contract'
import { can } from '../access'
import { call } from '../api/client'
import { FirstRunReminder } from '../components/first-run/FirstRunReminder'
import { Toolbar } from '../components/Toolbar'
import { useRemote } from '../useRemote'
import { useSubmit } from '../useSubmit'
import { AccountModal, ResetPasswordModal } from './users/AccountModals'
import { userColumns } from './users/userColumns'

export function UsersPage({ session }: { session: SessionInfo }) {
  const { t } = useTranslation()
  const [editing, setEditing] = useState<UserRow | 'new' | null>(null)
  const [resetting, setResetting] = useState<UserRow | null>(null)
  const isAdmin = can(session, 'users.update')
  const { submit } = useSubmit()

  const { data: users, loading, reload: load } = useRemote(useCallback(() => call('users.list', {}), []))
  const closeReset = useCallback(() => setResetting(null), [])

  const unlock = (user: UserRow) =>
    submit(() => call('users.unlock', { id: user.id }), { success: 'users.unlocked', onDone: () => void load() })

  return (
    <>
      <Toolbar>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('users.title')}
        </Typography.Title>
        {isAdmin && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('users.new')}
          </Button>
        )}
      </Toolbar>
      {can(session, 'setup.get') && <FirstRunReminder />}
      <Alert type="info" showIcon message={t('users.separationNote')} style={{ marginBottom: 16 }} />
      <Table<UserRow>
        rowKey="id"
        loading={loading}
        dataSource={users ?? []}
        pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }) }}
        locale={{ emptyText: <Empty description={t('users.empty')} /> }}
        columns={userColumns(t, { isAdmin, edit: setEditing, resetPassword: setResetting, unlock })}
      />
      <AccountModal editing={editing} onClose={() => setEditing(null)} onSaved={() => void load()} />
      <ResetPasswordModal user={resetting} onClose={closeReset} />
    </>
  )
}
