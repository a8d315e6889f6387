import { PlusOutlined } from '@ant-design/icons'
import { Alert, App, Button, Empty, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ROLES, type Role, type SessionInfo, type UserRow } from '../../../src-preload/contract'
import { can } from '../access'
import { call } from '../api/client'
import { HeldRecordsNotice } from '../components/HeldRecordsNotice'
import { describeError, formatDateTime, showFieldErrors } from '../errors'
import { useRemote } from '../useRemote'

interface UserValues {
  username: string
  displayName: string
  role: Role
  department: string
  password: string
  active: boolean
}

export function UsersPage({ session }: { session: SessionInfo }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [editing, setEditing] = useState<UserRow | 'new' | null>(null)
  const [resetting, setResetting] = useState<UserRow | null>(null)
  const [form] = Form.useForm<UserValues>()
  const [resetForm] = Form.useForm<{ password: string }>()
  const isAdmin = can(session, 'users.update')

  const { data: users, loading, reload: load } = useRemote(useCallback(() => call('users.list', {}), []))

  const open = (user: UserRow | 'new') => {
    form.resetFields()
    form.setFieldsValue(user === 'new' ? { role: 'archivist', active: true, department: '' } : user)
    setEditing(user)
  }

  const save = async (values: UserValues) => {
    try {
      if (editing === 'new') {
        await call('users.create', {
          username: values.username,
          displayName: values.displayName,
          role: values.role,
          department: values.department ?? '',
          password: values.password
        })
        void message.success(t('users.created'))
      } else if (editing) {
        await call('users.update', {
          id: editing.id,
          displayName: values.displayName,
          role: values.role,
          department: values.department ?? '',
          active: values.active
        })
        void message.success(t('users.updated'))
      }
      setEditing(null)
      void load()
    } catch (error) {
      showFieldErrors(form, t, error)
      void message.error(describeError(t, error))
    }
  }

  const resetPassword = async ({ password }: { password: string }) => {
    if (!resetting) return
    try {
      await call('users.resetPassword', { id: resetting.id, password })
      void message.success(t('users.passwordReset'))
      setResetting(null)
    } catch (error) {
      showFieldErrors(resetForm, t, error)
      void message.error(describeError(t, error))
    }
  }

  const unlock = async (user: UserRow) => {
    try {
      await call('users.unlock', { id: user.id })
      void message.success(t('users.unlocked'))
      void load()
    } catch (error) {
      void message.error(describeError(t, error))
    }
  }

  const lockedNow = (user: UserRow) => user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > Date.now()

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('users.title')}
        </Typography.Title>
        {isAdmin && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
            {t('users.new')}
          </Button>
        )}
      </Space>
      <Alert type="info" showIcon message={t('users.separationNote')} style={{ marginBottom: 16 }} />
      <Table<UserRow>
        rowKey="id"
        loading={loading}
        dataSource={users ?? []}
        pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }) }}
        locale={{ emptyText: <Empty description={t('users.empty')} /> }}
        columns={[
          { title: t('users.username'), dataIndex: 'username', sorter: (a, b) => a.username.localeCompare(b.username) },
          {
            title: t('users.displayName'),
            dataIndex: 'displayName',
            sorter: (a, b) => a.displayName.localeCompare(b.displayName)
          },
          {
            title: t('users.role'),
            dataIndex: 'role',
            filters: ROLES.map((role) => ({ text: t(`roles.${role}`), value: role })),
            onFilter: (value, row) => row.role === value,
            render: (role: Role) => t(`roles.${role}`)
          },
          { title: t('users.department'), dataIndex: 'department' },
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
                <Tag color={row.active ? 'green' : 'default'}>
                  {row.active ? t('users.active') : t('users.inactive')}
                </Tag>
                {lockedNow(row) && (
                  <Tag color="red">{t('users.lockedUntil', { until: formatDateTime(row.lockedUntil ?? '') })}</Tag>
                )}
              </Space>
            )
          },
          {
            title: t('users.createdAt'),
            dataIndex: 'createdAt',
            sorter: (a, b) => a.createdAt.localeCompare(b.createdAt),
            render: (value: string) => formatDateTime(value)
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_value, row) => (
              <Space>
                {isAdmin && <Typography.Link onClick={() => open(row)}>{t('common.edit')}</Typography.Link>}
                {isAdmin && (
                  <Typography.Link
                    onClick={() => {
                      resetForm.resetFields()
                      setResetting(row)
                    }}
                  >
                    {t('users.resetPassword')}
                  </Typography.Link>
                )}
                {lockedNow(row) && <Typography.Link onClick={() => unlock(row)}>{t('users.unlock')}</Typography.Link>}
              </Space>
            )
          }
        ]}
      />
      <Modal
        open={editing !== null}
        title={t(editing === 'new' ? 'users.new' : 'users.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        forceRender
      >
        {editing !== null && editing !== 'new' && <HeldRecordsNotice key={editing.id} userId={editing.id} />}
        <Form name="account" form={form} layout="vertical" onFinish={save}>
          <Form.Item name="username" label={t('users.username')} required>
            <Input disabled={editing !== 'new'} />
          </Form.Item>
          <Form.Item name="displayName" label={t('users.displayName')} required>
            <Input />
          </Form.Item>
          <Form.Item name="role" label={t('users.role')} required>
            <Select options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))} />
          </Form.Item>
          <Form.Item name="department" label={t('users.department')}>
            <Input />
          </Form.Item>
          {editing === 'new' ? (
            <Form.Item name="password" label={t('users.password')} extra={t('setup.passwordHint')} required>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          ) : (
            <Form.Item name="active" label={t('users.status')} valuePropName="checked">
              <Switch checkedChildren={t('users.active')} unCheckedChildren={t('users.inactive')} />
            </Form.Item>
          )}
        </Form>
      </Modal>
      <Modal
        open={resetting !== null}
        title={t('common.labelled', { label: t('users.resetPassword'), value: resetting?.username ?? '' })}
        onCancel={() => setResetting(null)}
        onOk={() => resetForm.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        forceRender
      >
        <Form name="reset-password" form={resetForm} layout="vertical" onFinish={resetPassword}>
          <Form.Item name="password" label={t('users.newPassword')} extra={t('setup.passwordHint')} required>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  )
}
