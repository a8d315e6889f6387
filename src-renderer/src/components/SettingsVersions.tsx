import { Alert, Button, Card, Form, Table, Typography, type FormInstance } from 'antd'
import type { CSSProperties, ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { PolicyVersion } from '@preload/contract'
import { DEFAULT_POLICY_VERSION } from '@preload/vocabulary'
import { formatDateTime } from '../errors'
import { formPropsOf, useForm } from '../useForm'
import { useVersionedSettings, type VersionedChannels } from '../useVersionedSettings'

interface VersionedSettingsCardProps<T> {
  title: string
  /** The form's name (its fields' ids start with it). */
  name: string
  /** The form, where the card's page needs it too; the card makes its own otherwise. */
  form?: FormInstance<T>
  channels: VersionedChannels<T>
  /** Whether this person may save a new version: the form is read-only otherwise and the history is not shown. */
  editable: boolean
  /** Said above a read-only form. */
  readOnlyNote?: string
  layout?: 'vertical' | 'inline'
  /** One line per earlier version in the history. */
  summary(data: T): string
  style?: CSSProperties
  children: ReactNode
}

/**
 * A settings namespace kept in versions: the card with which version is in force, the form (read-only unless
 * editable) with its save button, and below it every earlier version.
 */
export function VersionedSettingsCard<T>({
  title,
  name,
  form,
  channels,
  editable,
  readOnlyNote,
  layout = 'vertical',
  summary,
  style = { marginTop: 16 },
  children
}: VersionedSettingsCardProps<T>) {
  const { t } = useTranslation()
  const [own] = useForm<T>()
  const formProps = formPropsOf(form ?? own)
  const { current, versions, save } = useVersionedSettings(formProps.form, channels, editable)
  const saveButton = (
    <Button type="primary" htmlType="submit">
      {t('common.save')}
    </Button>
  )
  return (
    <>
      <Card title={title} style={style}>
        {!editable && readOnlyNote && (
          <Alert type="info" showIcon message={readOnlyNote} style={{ marginBottom: 16 }} />
        )}
        <SettingsVersionNote current={current} />
        <Form<T> name={name} {...formProps} layout={layout} onFinish={save} disabled={!editable}>
          {children}
          {editable && (layout === 'vertical' ? <div>{saveButton}</div> : saveButton)}
        </Form>
      </Card>
      {editable && (
        <SettingsHistory
          versions={versions}
          summary={summary}
          style={style.maxWidth ? { maxWidth: style.maxWidth } : undefined}
        />
      )}
    </>
  )
}

/** Which version of a settings namespace is in force, who saved it and when; or that the defaults apply. */
export function SettingsVersionNote<T>({ current }: { current: PolicyVersion<T> | null }) {
  const { t } = useTranslation()
  return (
    <Typography.Paragraph type="secondary">
      {current && current.version > DEFAULT_POLICY_VERSION
        ? t('settings.version', {
            version: current.version,
            by: current.createdBy,
            at: formatDateTime(current.createdAt)
          })
        : t('settings.defaultVersion')}
    </Typography.Paragraph>
  )
}

/** Every saved version of a settings namespace, newest first, with a one-line summary of its values. */
export function SettingsHistory<T>({
  versions,
  summary,
  style
}: {
  versions: PolicyVersion<T>[]
  summary(data: T): string
  style?: CSSProperties
}) {
  const { t } = useTranslation()
  return (
    <Card title={t('settings.history')} style={{ marginTop: 16, ...style }}>
      <Table<PolicyVersion<T>>
        size="small"
        rowKey="version"
        dataSource={versions}
        pagination={{ pageSize: 10 }}
        columns={[
          { title: t('settings.versionColumn'), dataIndex: 'version' },
          { title: t('settings.savedAt'), dataIndex: 'createdAt', render: (value: string) => formatDateTime(value) },
          { title: t('settings.savedBy'), dataIndex: 'createdBy' },
          { title: t('settings.values'), key: 'values', render: (_value, row) => summary(row.data) }
        ]}
      />
    </Card>
  )
}
