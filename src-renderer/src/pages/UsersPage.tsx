import { Alert, Typography } from 'antd'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SessionInfo, UserRow } from '@preload/contract'
import { can } from '../access'
import { call } from '../api/client'
import { FirstRunReminder } from '../components/first-run/FirstRunReminder'
import { NewButton, Toolbar } from '../components/Toolbar'
import { WithRule } from '../components/RuleTag'
import { useRemote } from '../useRemote'
import { useSubmit } from '../useSubmit'
import { AccountModal, ProposeRoleModal, ResetPasswordModal, RoleModal } from './users/AccountModals'
import { userColumns } from './users/userColumns'
import { ListTable } from '../components/ListTable'

export function UsersPage({ session }: { session: SessionInfo }) {
  const { t } = useTranslation()
  const [editing, setEditing] = useState<UserRow | 'new' | null>(null)
  const [resetting, setResetting] = useState<UserRow | null>(null)
  const [proposing, setProposing] = useState<UserRow | null>(null)
  const [assigning, setAssigning] = useState<UserRow | null>(null)
  const isAdmin = can(session, 'users.update')
  const isOfficer = can(session, 'users.assignRole')
  const { submit } = useSubmit()

  const { data: users, loading, reload: load } = useRemote(useCallback(() => call('users.list', {}), []))
  const closeReset = useCallback(() => setResetting(null), [])
  // R-ROLE-7: what waits for the security officer, and whether the installation has one yet.
  const waiting = (users ?? []).filter((user) => user.role === null || user.proposedRole !== null).length
  const noOfficer = users !== null && !users.some((user) => user.role === 'security_officer')

  const unlock = (user: UserRow) =>
    submit(() => call('users.unlock', { id: user.id }), { success: 'users.unlocked', onDone: () => void load() })

  return (
    <>
      <Toolbar>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('users.title')}
        </Typography.Title>
        {isAdmin && <NewButton label={t('users.new')} onClick={() => setEditing('new')} />}
      </Toolbar>
      {can(session, 'setup.get') && <FirstRunReminder />}
      <Alert
        type="info"
        showIcon
        message={<WithRule text={t('users.separationNote')} ruleId="R-ROLE-7" />}
        style={{ marginBottom: 16 }}
      />
      {isAdmin && noOfficer && (
        <Alert type="warning" showIcon message={t('users.noSecurityOfficer')} style={{ marginBottom: 16 }} />
      )}
      {isOfficer && waiting > 0 && (
        <Alert
          type="warning"
          showIcon
          message={t('users.pendingCount', { count: waiting })}
          style={{ marginBottom: 16 }}
        />
      )}
      <ListTable<UserRow>
        loading={loading}
        dataSource={users ?? []}
        pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }) }}
        empty={t('users.empty')}
        columns={userColumns(t, {
          isAdmin,
          isOfficer,
          edit: setEditing,
          resetPassword: setResetting,
          propose: setProposing,
          assign: setAssigning,
          unlock
        })}
      />
      <AccountModal editing={editing} onClose={() => setEditing(null)} onSaved={() => void load()} />
      <ResetPasswordModal user={resetting} onClose={closeReset} />
      <ProposeRoleModal user={proposing} onClose={() => setProposing(null)} onSaved={() => void load()} />
      <RoleModal user={assigning} onClose={() => setAssigning(null)} onSaved={() => void load()} />
    </>
  )
}
