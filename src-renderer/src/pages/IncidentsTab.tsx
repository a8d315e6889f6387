import { App, DatePicker, Empty, Form, Input, Modal, Segmented, Select, Table, Tag } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { INCIDENT_RESOLUTIONS, type Incident } from '../../../src-preload/contract'
import { call } from '../api/client'
import { describeError, showFieldErrors } from '../errors'
import { usePagedQuery } from '../useRemote'

type State = 'open' | 'resolved' | 'all'

interface ResolveValues {
  resolution: (typeof INCIDENT_RESOLUTIONS)[number]
  note: string
  resolvedOn: Dayjs
}

export const incidentRecord = (incident: Pick<Incident, 'archivalCode' | 'title'>) =>
  `${incident.archivalCode ?? ''} ${incident.title}`.trim()

/** R-KEEP-3: missing and damaged records until a follow-up (found, repaired, written off) resolves them. */
export function IncidentsTab({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [resolving, setResolving] = useState<Incident | null>(null)
  const [form] = Form.useForm<ResolveValues>()
  const { query, filter, tableProps, reload } = usePagedQuery((q: { state: State }) => call('incidents.list', q), {
    state: 'open' as State
  })

  const resolve = async (values: ResolveValues) => {
    if (!resolving) return
    try {
      await call('incidents.resolve', {
        id: resolving.id,
        resolution: values.resolution,
        note: values.note ?? '',
        resolvedOn: values.resolvedOn.format('YYYY-MM-DD')
      })
      void message.success(t('incidents.resolved'))
      setResolving(null)
      void reload()
    } catch (error) {
      showFieldErrors(form, t, error)
      void message.error(describeError(t, error))
    }
  }

  return (
    <>
      <Segmented<State>
        style={{ marginBottom: 16 }}
        value={query.state}
        onChange={(state) => filter({ state })}
        options={(['open', 'resolved', 'all'] as const).map((value) => ({
          value,
          label: t(`incidents.states.${value}`)
        }))}
      />
      <Table<Incident>
        rowKey="id"
        size="middle"
        {...tableProps}
        locale={{
          emptyText: <Empty description={query.state === 'open' ? t('incidents.empty') : t('incidents.emptyAll')} />
        }}
        columns={[
          {
            title: t('incidents.fields.record'),
            key: 'record',
            render: (_v, row) => `${t(`recordKinds.${row.subject}`)} ${incidentRecord(row)}`
          },
          {
            title: t('incidents.fields.kind'),
            dataIndex: 'kind',
            render: (kind: string) => (
              <Tag color={kind === 'missing' ? 'red' : 'orange'}>{t(`incidents.kinds.${kind}`)}</Tag>
            )
          },
          {
            title: t('incidents.fields.source'),
            dataIndex: 'source',
            render: (source: string) => t(`incidents.sources.${source}`)
          },
          { title: t('incidents.fields.note'), dataIndex: 'note' },
          { title: t('incidents.fields.openedOn'), dataIndex: 'openedOn' },
          { title: t('incidents.fields.openedBy'), dataIndex: 'openedBy' },
          {
            title: t('incidents.fields.resolution'),
            key: 'resolution',
            render: (_v, row) =>
              row.resolution ? (
                <span>
                  <Tag color="green">{t(`incidents.resolutions.${row.resolution}`)}</Tag>
                  {row.resolvedOn} {row.resolvedBy} {row.resolutionNote}
                </span>
              ) : canWrite ? (
                <a
                  onClick={() => {
                    form.resetFields()
                    form.setFieldsValue({ resolvedOn: dayjs() })
                    setResolving(row)
                  }}
                >
                  {t('incidents.resolve')}
                </a>
              ) : (
                <Tag color="red">{t('incidents.states.open')}</Tag>
              )
          }
        ]}
      />
      <Modal
        open={resolving !== null}
        title={resolving ? t('incidents.resolveTitle', { record: incidentRecord(resolving) }) : ''}
        onCancel={() => setResolving(null)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        forceRender
      >
        <Form<ResolveValues> name="incident-resolve" form={form} layout="vertical" onFinish={resolve}>
          <Form.Item name="resolution" label={t('incidents.fields.resolution')} required>
            <Select
              options={INCIDENT_RESOLUTIONS.map((value) => ({ value, label: t(`incidents.resolutions.${value}`) }))}
            />
          </Form.Item>
          <Form.Item name="note" label={t('incidents.fields.resolutionNote')} required>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="resolvedOn" label={t('incidents.fields.resolvedOn')} required>
            <DatePicker disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  )
}
