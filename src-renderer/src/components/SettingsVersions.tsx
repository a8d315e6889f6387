import { MinusCircleOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Col, Form, Space, Table, Typography, type FormItemProps } from 'antd'
import type { TFunction } from 'i18next'
import type { CSSProperties, ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { PolicyVersion } from '@preload/contract'
import { DEFAULT_POLICY_VERSION } from '@preload/vocabulary'
import { formatDateTime } from '../errors'
import { WithRule } from './RuleTag'
import { useForm } from '../useForm'
import { useVersionedSettings, type VersionedChannels } from '../useVersionedSettings'

/** One settings namespace's card: where it loads and saves, what it says, and its fields. */
export interface SettingsCardDeclaration<T> {
  /** Catalogue key of the card's title. */
  title: string
  /** The form's name (its fields' ids start with it). */
  name: string
  channels: VersionedChannels<T>
  /** Catalogue key of the note above a read-only form. */
  readOnlyNote?: string
  layout?: 'vertical' | 'inline'
  style?: CSSProperties
  /** One line per earlier version in the history. */
  summary(data: T, t: TFunction): string
  /** The form's fields; the buttons that add or remove rows only where the person may save. */
  fields(t: TFunction, editable: boolean): ReactNode
}

/**
 * A settings namespace kept in versions: the card with which version is in force, the form (read-only unless
 * editable) with its save button, and below it every earlier version, which only who may save sees.
 */
export function VersionedSettingsCard<T>({ card, editable }: { card: SettingsCardDeclaration<T>; editable: boolean }) {
  const { t } = useTranslation()
  const [form, formProps] = useForm<T>()
  const { current, versions, save } = useVersionedSettings(form, card.channels, editable)
  const { layout = 'vertical', style = { marginTop: 16 } } = card
  const saveButton = (
    <Button type="primary" htmlType="submit">
      {t('common.save')}
    </Button>
  )
  return (
    <>
      <Card title={t(card.title)} style={style}>
        {!editable && card.readOnlyNote && (
          <Alert type="info" showIcon message={t(card.readOnlyNote)} style={{ marginBottom: 16 }} />
        )}
        <SettingsVersionNote current={current} />
        <Form<T> name={card.name} {...formProps} layout={layout} onFinish={save} disabled={!editable}>
          {card.fields(t, editable)}
          {editable && (layout === 'vertical' ? <div>{saveButton}</div> : saveButton)}
        </Form>
      </Card>
      {editable && (
        <SettingsHistory
          versions={versions}
          summary={(data) => card.summary(data, t)}
          style={style.maxWidth ? { maxWidth: style.maxWidth } : undefined}
        />
      )}
    </>
  )
}

/** A field of a settings form in its grid column, labelled from the catalogue, with the rule it follows if any. */
export function SettingsField({
  span,
  label,
  ruleId,
  ...item
}: Omit<FormItemProps, 'label'> & { span: number; label: string; ruleId?: string }) {
  const { t } = useTranslation()
  return (
    <Col span={span}>
      <Form.Item label={ruleId ? <WithRule text={t(label)} ruleId={ruleId} /> : t(label)} {...item} />
    </Col>
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

interface EditableRowsProps {
  /** The list's field name. */
  name: string
  editable: boolean
  /** Catalogue key of what each row's remove button says. */
  removeLabel: string
  rowStyle?: CSSProperties
  /** A row's fields, under its index in the list. */
  row(index: number): ReactNode
  /** The buttons below the rows, given the list's `add`; only where the person may save. */
  actions(add: (row: object) => void): ReactNode
}

/** A list setting edited as rows, each with a button that removes it, and below them what adds one. */
export function EditableRows({ name, editable, removeLabel, rowStyle, row, actions }: EditableRowsProps) {
  const { t } = useTranslation()
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Space key={field.key} align="start" style={rowStyle}>
              {row(field.name)}
              {editable && (
                <Button icon={<MinusCircleOutlined />} aria-label={t(removeLabel)} onClick={() => remove(field.name)} />
              )}
            </Space>
          ))}
          {editable && actions(add)}
        </>
      )}
    </Form.List>
  )
}
