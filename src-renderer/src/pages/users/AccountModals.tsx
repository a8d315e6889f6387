import { Form, Input, Select, Switch } from 'antd'
import { useEffect, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Role, UserRow } from '@preload/contract'
import { ROLES, TWO_PERSON_ROLES } from '@preload/vocabulary'
import { call } from '@renderer/api/client'
import { useConfirmIrreversible } from '@renderer/components/ConfirmIrreversible'
import { FormModal } from '@renderer/components/FormModal'
import { HeldRecordsNotice } from '@renderer/components/HeldRecordsNotice'
import { WithRule } from '@renderer/components/RuleTag'
import { useForm } from '@renderer/useForm'
import { useSubmit, type SubmitOptions } from '@renderer/useSubmit'
import { optionsOf } from '@renderer/labels'

interface UserValues {
  username: string
  displayName: string
  department: string
  password: string
  active: boolean
}

/**
 * The administrator's dialog: a new account (no role, switched off, until the security officer authorises it), or an
 * existing one's name and department, and switching it off when its person leaves (R-ROLE-7, R-CUST-6).
 */
export function AccountModal({
  editing,
  onClose,
  onSaved
}: {
  editing: UserRow | 'new' | null
  onClose(): void
  onSaved(): void
}) {
  const { t } = useTranslation()
  const [form] = useForm<UserValues>()
  const { submit, busy } = useSubmit()
  const confirmation = useConfirmIrreversible()
  const departments = useDepartmentOptions(editing !== null && editing !== 'new' ? editing : null)

  const save = (values: UserValues) => {
    if (editing === null) return
    const common = { displayName: values.displayName, department: values.department ?? '' }
    const options = { close: onClose, onDone: onSaved, form }
    if (editing === 'new') {
      return submit(() => call('users.create', { ...common, username: values.username, password: values.password }), {
        ...options,
        success: 'users.created'
      })
    }
    const update = () =>
      submit(() => call('users.update', { ...common, id: editing.id, active: values.active }), {
        ...options,
        success: 'users.updated'
      })
    if (!editing.active || values.active) return update()
    confirmation.ask({
      title: t('irreversible.deactivate.title', { name: editing.displayName, username: editing.username }),
      consequence: t('irreversible.deactivate.consequence'),
      action: t('irreversible.deactivate.action'),
      run: update
    })
  }

  return (
    <FormModal
      open={editing !== null}
      title={t(editing === 'new' ? 'users.new' : 'users.edit')}
      values={
        editing === 'new' ? {} : editing ? { ...editing, department: editing.department || undefined } : undefined
      }
      form={form}
      busy={busy}
      onClose={onClose}
      name="account"
      onFinish={save}
      extra={
        <>
          {editing !== null && editing !== 'new' && <HeldRecordsNotice key={editing.id} userId={editing.id} />}
          {confirmation.dialog}
        </>
      }
    >
      <Form.Item name="username" label={t('users.username')} required>
        <Input disabled={editing !== 'new'} />
      </Form.Item>
      <Form.Item name="displayName" label={t('users.displayName')} required>
        <Input />
      </Form.Item>
      <Form.Item name="department" label={t('users.department')} extra={t('users.departmentHint')}>
        <Select allowClear showSearch optionFilterProp="label" options={departments} />
      </Form.Item>
      {editing === 'new' ? (
        <Form.Item name="password" label={t('users.password')} extra={t('setup.passwordHint')} required>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      ) : (
        <Form.Item name="active" label={t('users.status')} valuePropName="checked" extra={t('users.activeHint')}>
          <Switch
            disabled={editing !== null && !editing.active}
            checkedChildren={t('users.active')}
            unCheckedChildren={t('users.inactive')}
          />
        </Form.Item>
      )}
    </FormModal>
  )
}

/**
 * R-ROLE-3: the departments of the list to choose from. An account that still has a department the list does not
 * (entered before the list existed) keeps it as one more option, flagged, so an unrelated edit does not drop it.
 */
function useDepartmentOptions(editing: UserRow | null) {
  const { t } = useTranslation()
  const [list, setList] = useState<{ code: string; name: string }[]>([])
  useEffect(() => {
    call('setup.get', {})
      .then((setup) => setList(setup.departments))
      .catch(() => setList([]))
  }, [])
  const options = list.map((entry) => ({ value: entry.code, label: `${entry.code} ${entry.name}` }))
  if (editing && editing.departmentName === null)
    options.push({ value: editing.department, label: `${editing.department}（${t('users.departmentMissing')}）` })
  return options
}

/**
 * A dialog about one account: its username in the title, one form, one call when saved; it closes on success and
 * shows the server's field errors beside their fields.
 */
function AccountFormModal<Values extends object, Result>({
  user,
  title,
  name,
  values = {},
  run,
  success,
  onClose,
  onSaved,
  children
}: {
  user: UserRow | null
  title: string
  name: string
  values?: Partial<Values>
  run(user: UserRow, values: Values): Promise<Result>
  success: SubmitOptions<Result>['success']
  onClose(): void
  onSaved?(): void
  children: ReactNode
}) {
  const { t } = useTranslation()
  const [form] = useForm<Values>()
  const { submit, busy } = useSubmit()
  const save = (entered: Values) =>
    user && submit(() => run(user, entered), { success, close: onClose, onDone: onSaved, form })
  return (
    <FormModal
      open={user !== null}
      title={t('common.labelled', { label: title, value: user?.username ?? '' })}
      values={user ? values : undefined}
      form={form}
      busy={busy}
      onClose={onClose}
      name={name}
      onFinish={save}
    >
      {children}
    </FormModal>
  )
}

/** A new password for someone who forgot theirs. */
export function ResetPasswordModal({ user, onClose }: { user: UserRow | null; onClose(): void }) {
  const { t } = useTranslation()
  return (
    <AccountFormModal<{ password: string }, null>
      user={user}
      title={t('users.resetPassword')}
      name="reset-password"
      run={(account, { password }) => call('users.resetPassword', { id: account.id, password })}
      success="users.passwordReset"
      onClose={onClose}
    >
      <Form.Item name="password" label={t('users.newPassword')} extra={t('setup.passwordHint')} required>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </AccountFormModal>
  )
}

/**
 * R-ROLE-7: the security officer's dialog — the account's role and whether it may sign in. An administrator or
 * security officer can be chosen only where the administrator proposed exactly that.
 */
export function RoleModal({ user, onClose, onSaved }: { user: UserRow | null; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation()
  const needsProposal = (role: Role) =>
    (TWO_PERSON_ROLES as readonly Role[]).includes(role) && role !== user?.role && role !== user?.proposedRole
  const options = ROLES.map((role) => ({
    value: role,
    label: needsProposal(role) ? t('users.needsProposal', { role: t(`roles.${role}`) }) : t(`roles.${role}`),
    disabled: needsProposal(role)
  }))
  return (
    <AccountFormModal<{ role: Role; active: boolean }, UserRow>
      user={user}
      title={t('users.assignTitle')}
      name="assign-role"
      values={{ role: user?.role ?? user?.proposedRole ?? undefined, active: true }}
      run={(account, { role, active }) => call('users.assignRole', { id: account.id, role, active })}
      success="users.roleAssigned"
      onClose={onClose}
      onSaved={onSaved}
    >
      <Form.Item
        name="role"
        label={t('users.role')}
        extra={<WithRule text={t('users.assignHint')} ruleId="R-ROLE-7" />}
        required
      >
        <Select showSearch optionFilterProp="label" options={options} />
      </Form.Item>
      <Form.Item name="active" label={t('users.status')} valuePropName="checked">
        <Switch checkedChildren={t('users.active')} unCheckedChildren={t('users.inactive')} />
      </Form.Item>
    </AccountFormModal>
  )
}

/** R-ROLE-7: the administrator's half of making someone administrator or security officer. */
export function ProposeRoleModal({
  user,
  onClose,
  onSaved
}: {
  user: UserRow | null
  onClose(): void
  onSaved(): void
}) {
  const { t } = useTranslation()
  type ProposedRole = (typeof TWO_PERSON_ROLES)[number]
  return (
    <AccountFormModal<{ role: ProposedRole }, UserRow>
      user={user}
      title={t('users.proposeTitle')}
      name="propose-role"
      run={(account, { role }) => call('users.proposeRole', { id: account.id, role })}
      // The installation's first security officer is granted at once, leaving nothing proposed (R-ROLE-7).
      success={(result) => (result.proposedRole === null ? 'users.roleAssigned' : 'users.proposedDone')}
      onClose={onClose}
      onSaved={onSaved}
    >
      <Form.Item
        name="role"
        label={t('users.role')}
        extra={<WithRule text={t('users.proposeHint')} ruleId="R-ROLE-7" />}
        required
      >
        <Select options={optionsOf(t, TWO_PERSON_ROLES, 'roles')} />
      </Form.Item>
    </AccountFormModal>
  )
}
