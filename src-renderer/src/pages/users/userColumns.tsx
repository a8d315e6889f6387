import { Space, Tag, Typography, type TableProps } from 'antd'
import type { TFunction } from 'i18next'
import type { Role, UserRow } from '@preload/contract'
import { ROLES } from '@preload/vocabulary'
import { formatDateTime } from '@renderer/errors'

export const lockedNow = (user: UserRow) =>
  user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > Date.now()

interface UserActions {
  isAdmin: boolean
  isOfficer: boolean
  edit(user: UserRow): void
  resetPassword(user: UserRow): void
  propose(user: UserRow): void
  assign(user: UserRow): void
  unlock(user: UserRow): Promise<unknown>
}

const byText = (key: 'username' | 'displayName' | 'createdAt') => (a: UserRow, b: UserRow) =>
  a[key].localeCompare(b[key])

/** The accounts table: sorted and filtered in the page, since every account is loaded at once. */
export function userColumns(t: TFunction, actions: UserActions): TableProps<UserRow>['columns'] {
  const { isAdmin, isOfficer } = actions
  return [
    { title: t('users.username'), dataIndex: 'username', sorter: byText('username') },
    { title: t('users.displayName'), dataIndex: 'displayName', sorter: byText('displayName') },
    {
      title: t('users.role'),
      dataIndex: 'role',
      filters: [
        { text: t('users.pending'), value: '' },
        ...ROLES.map((role) => ({ text: t(`roles.${role}`), value: role }))
      ],
      onFilter: (value, row) => (row.role ?? '') === value,
      // R-ROLE-7: an account without a role waits for the security officer; a proposal waits for them too.
      render: (role: Role | null, row) => (
        <Space>
          {role === null ? <Tag color="orange">{t('users.pending')}</Tag> : t(`roles.${role}`)}
          {row.proposedRole && (
            <Tag color="purple">{t('users.proposed', { role: t(`roles.${row.proposedRole}`) })}</Tag>
          )}
        </Space>
      )
    },
    {
      title: t('users.department'),
      dataIndex: 'department',
      // R-ROLE-3: an old free-text department stays as it was written, flagged for the administrator to settle.
      render: (_value, row) =>
        row.departmentName === null ? (
          <Space>
            {row.department}
            <Tag color="orange">{t('users.departmentMissing')}</Tag>
          </Space>
        ) : (
          row.departmentName
        )
    },
    {
      title: t('users.status'),
      key: 'status',
      filters: [
        { text: t('users.active'), value: true },
        { text: t('users.inactive'), value: false }
      ],
      onFilter: (value, row) => row.active === value,
      render: (_value, row) => (
        <Space>
          <Tag color={row.active ? 'green' : 'default'}>{row.active ? t('users.active') : t('users.inactive')}</Tag>
          {row.mustChangePassword && <Tag color="blue">{t('users.mustChangePassword')}</Tag>}
          {lockedNow(row) && (
            <Tag color="red">{t('users.lockedUntil', { until: formatDateTime(row.lockedUntil ?? '') })}</Tag>
          )}
        </Space>
      )
    },
    {
      title: t('users.lastLoginAt'),
      dataIndex: 'lastLoginAt',
      render: (value: string | null) => (value === null ? '' : formatDateTime(value))
    },
    {
      title: t('users.createdAt'),
      dataIndex: 'createdAt',
      sorter: byText('createdAt'),
      render: (value: string) => formatDateTime(value)
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_value, row) => (
        <Space>
          {isAdmin && <Typography.Link onClick={() => actions.edit(row)}>{t('common.edit')}</Typography.Link>}
          {isAdmin && (
            <Typography.Link onClick={() => actions.resetPassword(row)}>{t('users.resetPassword')}</Typography.Link>
          )}
          {isAdmin && <Typography.Link onClick={() => actions.propose(row)}>{t('users.proposeRole')}</Typography.Link>}
          {isOfficer && <Typography.Link onClick={() => actions.assign(row)}>{t('users.assignRole')}</Typography.Link>}
          {lockedNow(row) && <Typography.Link onClick={() => actions.unlock(row)}>{t('users.unlock')}</Typography.Link>}
        </Space>
      )
    }
  ]
}
