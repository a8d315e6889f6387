import { App, Button, Empty, Form, Input, Modal, Segmented, Select, Space, Table, Tag } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChannelInput, Hold, RecordSummary } from '../../../../src-preload/contract'
import { call } from '../../api/client'
import { RecordPicker } from '../../components/RecordPicker'
import { describeError, formatDateTime, showFieldErrors } from '../../errors'
import { usePagedQuery } from '../../useRemote'

type HoldState = 'open' | 'released' | 'all'

/** R-DISP-3: holds on records or a customer's whole file; released only by the archive manager, with a reason. */
export function HoldsTab({ canWrite, canRelease }: { canWrite: boolean; canRelease: boolean }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [placing, setPlacing] = useState(false)
  const [releasing, setReleasing] = useState<Hold | null>(null)
  const [customers, setCustomers] = useState<{ value: number; label: string }[]>([])
  const [placeForm] = Form.useForm<{
    name: string
    reason: string
    records?: RecordSummary[]
    customerIds?: number[]
  }>()
  const [releaseForm] = Form.useForm<{ reason: string }>()
  const { reload, tableProps, query, filter } = usePagedQuery(
    (q: ChannelInput<'holds.list'>) => call('holds.list', q),
    { state: 'open' as HoldState }
  )

  const findCustomers = async (search: string) => {
    try {
      const page = await call('customers.list', { search: search.trim() || undefined, pageSize: 20 })
      setCustomers(page.rows.map((row) => ({ value: row.id, label: row.name })))
    } catch {
      setCustomers([])
    }
  }

  const place = async (values: { name: string; reason: string; records?: RecordSummary[]; customerIds?: number[] }) => {
    try {
      await call('holds.place', {
        name: values.name ?? '',
        reason: values.reason ?? '',
        records: (values.records ?? []).map(({ subject, id }) => ({ subject, id })),
        customerIds: values.customerIds ?? []
      })
      void message.success(t('disposal.holdPlaced'))
      setPlacing(false)
      placeForm.resetFields()
      void reload()
    } catch (error) {
      showFieldErrors(placeForm, t, error)
      void message.error(describeError(t, error))
    }
  }

  const release = async ({ reason }: { reason: string }) => {
    try {
      await call('holds.release', { id: releasing!.id, reason: reason ?? '' })
      void message.success(t('disposal.released'))
      setReleasing(null)
      releaseForm.resetFields()
      void reload()
    } catch (error) {
      showFieldErrors(releaseForm, t, error)
      void message.error(describeError(t, error))
    }
  }

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
        <Segmented<HoldState>
          value={query.state}
          onChange={(state) => filter({ state })}
          options={(['open', 'released', 'all'] as const).map((value) => ({
            value,
            label: t(`disposal.holdState.${value}`)
          }))}
        />
        {canWrite && (
          <Button type="primary" onClick={() => setPlacing(true)}>
            {t('disposal.placeHold')}
          </Button>
        )}
      </Space>
      <Table<Hold>
        rowKey="id"
        size="middle"
        {...tableProps}
        locale={{ emptyText: <Empty description={t('disposal.holdsEmpty')} /> }}
        columns={[
          { title: t('disposal.holdName'), dataIndex: 'name' },
          { title: t('disposal.holdReason'), dataIndex: 'reason' },
          {
            title: t('disposal.subjects'),
            key: 'subjects',
            render: (_v, hold) => (
              <Space wrap size={4}>
                {hold.subjects.map((subject) => (
                  <Tag key={`${subject.subject}:${subject.id}`}>
                    {subject.subject === 'customer' ? `${t('nav.customers')}：${subject.label}` : subject.label}
                  </Tag>
                ))}
              </Space>
            )
          },
          { title: t('disposal.placedBy'), dataIndex: 'placedBy' },
          { title: t('disposal.placedAt'), dataIndex: 'placedAt', render: (value: string) => formatDateTime(value) },
          {
            title: t('disposal.state'),
            key: 'state',
            render: (_v, hold) =>
              hold.releasedAt ? (
                t('disposal.releasedInfo', {
                  by: hold.releasedBy,
                  at: formatDateTime(hold.releasedAt),
                  reason: hold.releaseReason
                })
              ) : canRelease ? (
                <Button size="small" onClick={() => setReleasing(hold)}>
                  {t('disposal.release')}
                </Button>
              ) : (
                <Tag color="purple">{t('disposal.holdState.open')}</Tag>
              )
          }
        ]}
      />
      <Modal
        open={placing}
        width={720}
        title={t('disposal.placeHold')}
        onCancel={() => setPlacing(false)}
        onOk={() => placeForm.submit()}
      >
        <Form name="place-hold" form={placeForm} layout="vertical" onFinish={place}>
          <Form.Item name="name" label={t('disposal.holdName')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="reason" label={t('disposal.holdReason')}>
            <Input.TextArea maxLength={500} rows={2} />
          </Form.Item>
          <Form.Item name="records" label={t('disposal.holdRecords')}>
            <RecordPicker />
          </Form.Item>
          <Form.Item name="customerIds" label={t('disposal.holdCustomers')}>
            <Select
              mode="multiple"
              showSearch={{ filterOption: false, onSearch: (text) => void findCustomers(text) }}
              onFocus={() => void findCustomers('')}
              options={customers}
              placeholder={t('disposal.customerSearch')}
            />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={releasing !== null}
        title={t('disposal.release')}
        onCancel={() => setReleasing(null)}
        onOk={() => releaseForm.submit()}
      >
        <Form name="release-hold" form={releaseForm} layout="vertical" onFinish={release}>
          <Form.Item name="reason" label={t('disposal.releaseReason')}>
            <Input.TextArea maxLength={500} rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  )
}
