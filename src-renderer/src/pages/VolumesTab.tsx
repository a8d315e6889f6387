import { PlusOutlined } from '@ant-design/icons'
import { App, Button, Checkbox, Empty, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CLASSIFICATIONS, type ChannelInput, type Volume } from '../../../src-preload/contract'
import { call } from '../api/client'
import { ExportButton } from '../components/ExportButton'
import { describeError, showFieldErrors } from '../errors'
import { codeOptions, nameOfCode, useFilingSettings } from '../useFilingSettings'
import { usePagedQuery } from '../useRemote'
import { VolumeDetail } from './VolumeDetail'

type NewVolume = ChannelInput<'volumes.create'>

export function VolumesTab({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const settings = useFilingSettings()
  const [creating, setCreating] = useState(false)
  const [viewing, setViewing] = useState<number | null>(null)
  const [form] = Form.useForm<NewVolume>()
  const closeDetail = useCallback(() => setViewing(null), [])

  const {
    query,
    filter,
    tableProps,
    reload: load
  } = usePagedQuery((q: ChannelInput<'volumes.list'>) => call('volumes.list', q), {})

  const openCreate = () => {
    form.resetFields()
    form.setFieldsValue({
      fondsCode: settings?.fonds[0]?.code,
      categoryCode: settings?.categories[0]?.code,
      retentionCode: settings?.retentionPeriods[0]?.code,
      departmentCode: settings?.departments[0]?.code,
      year: new Date().getFullYear() - 1,
      topSecret: false
    })
    setCreating(true)
  }

  const create = async (values: NewVolume) => {
    try {
      const volume = await call('volumes.create', values)
      void message.success(t('volumes.created', { code: volume.archivalCode }))
      setCreating(false)
      setViewing(volume.id)
      void load()
    } catch (error) {
      showFieldErrors(form, t, error)
      void message.error(describeError(t, error))
    }
  }

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
        <Space>
          <Input.Search
            allowClear
            style={{ width: 300 }}
            placeholder={t('volumes.searchPlaceholder')}
            onSearch={(search) => filter({ search: search.trim() || undefined })}
          />
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('volumes.status')}
            options={['open', 'closed'].map((value) => ({ value, label: t(`volumes.statuses.${value}`) }))}
            onChange={(status?: 'open' | 'closed') => filter({ status })}
          />
        </Space>
        <Space>
          <ExportButton
            request={{
              view: 'volumes',
              query: { ...query, page: 1 },
              columns: [
                { key: 'archivalCode', title: t('volumes.archivalCode') },
                { key: 'title', title: t('volumes.title') },
                { key: 'year', title: t('items.fields.year') },
                {
                  key: 'categoryCode',
                  title: t('items.fields.categoryCode'),
                  labels: Object.fromEntries((settings?.categories ?? []).map((c) => [c.code, c.name]))
                },
                {
                  key: 'retentionCode',
                  title: t('items.fields.retentionCode'),
                  labels: Object.fromEntries((settings?.retentionPeriods ?? []).map((c) => [c.code, c.name]))
                },
                {
                  key: 'classification',
                  title: t('items.fields.classification'),
                  labels: Object.fromEntries(CLASSIFICATIONS.map((c) => [c, t(`classifications.${c}`)]))
                },
                { key: 'itemCount', title: t('volumes.itemCount') },
                { key: 'pageCount', title: t('volumes.pageCount') },
                {
                  key: 'status',
                  title: t('volumes.status'),
                  labels: { open: t('volumes.statuses.open'), closed: t('volumes.statuses.closed') }
                },
                { key: 'homePath', title: t('storage.home') }
              ]
            }}
          />
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={openCreate}>
              {t('volumes.new')}
            </Button>
          )}
        </Space>
      </Space>
      <Table<Volume>
        rowKey="id"
        {...tableProps}
        locale={{ emptyText: <Empty description={canWrite ? t('volumes.empty') : t('volumes.emptyReadOnly')} /> }}
        columns={[
          {
            title: t('volumes.archivalCode'),
            dataIndex: 'archivalCode',
            render: (code: string, row) => (
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setViewing(row.id)}>
                {code}
              </Button>
            )
          },
          { title: t('volumes.title'), dataIndex: 'title' },
          { title: t('items.fields.year'), dataIndex: 'year' },
          {
            title: t('items.fields.categoryCode'),
            dataIndex: 'categoryCode',
            render: (value: string) => nameOfCode(settings?.categories, value)
          },
          {
            title: t('items.fields.retentionCode'),
            dataIndex: 'retentionCode',
            render: (value: string) => nameOfCode(settings?.retentionPeriods, value)
          },
          {
            title: t('items.fields.classification'),
            dataIndex: 'classification',
            render: (value: string) => t(`classifications.${value}`)
          },
          { title: t('volumes.itemCount'), dataIndex: 'itemCount' },
          { title: t('volumes.pageCount'), dataIndex: 'pageCount' },
          {
            title: t('volumes.status'),
            dataIndex: 'status',
            render: (value: string) => (
              <Tag color={value === 'closed' ? 'green' : 'blue'}>{t(`volumes.statuses.${value}`)}</Tag>
            )
          }
        ]}
      />
      <Modal
        open={creating}
        focusTriggerAfterClose={false}
        title={t('volumes.new')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        forceRender
      >
        <Form name="volume" form={form} layout="vertical" onFinish={create}>
          <Form.Item name="title" label={t('volumes.title')} required>
            <Input />
          </Form.Item>
          <Space wrap>
            <Form.Item name="year" label={t('items.fields.year')} required>
              <InputNumber precision={0} />
            </Form.Item>
            <Form.Item name="fondsCode" label={t('items.fields.fondsCode')} required>
              <Select
                style={{ width: 180 }}
                showSearch
                optionFilterProp="label"
                options={codeOptions(settings?.fonds)}
              />
            </Form.Item>
            <Form.Item name="categoryCode" label={t('items.fields.categoryCode')} required>
              <Select
                style={{ width: 180 }}
                showSearch
                optionFilterProp="label"
                options={codeOptions(settings?.categories)}
              />
            </Form.Item>
            <Form.Item name="retentionCode" label={t('items.fields.retentionCode')} required>
              <Select
                style={{ width: 180 }}
                showSearch
                optionFilterProp="label"
                options={codeOptions(settings?.retentionPeriods)}
              />
            </Form.Item>
            <Form.Item name="departmentCode" label={t('items.fields.departmentCode')}>
              <Select
                style={{ width: 180 }}
                showSearch
                optionFilterProp="label"
                options={codeOptions(settings?.departments)}
              />
            </Form.Item>
            <Form.Item name="catalogueCode" label={t('volumes.catalogueCode')}>
              <Input style={{ width: 120 }} placeholder={settings?.defaultCatalogueCode} />
            </Form.Item>
          </Space>
          <Form.Item name="topSecret" valuePropName="checked">
            <Checkbox>{t('volumes.topSecret')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
      {viewing !== null && (
        <VolumeDetail volumeId={viewing} canWrite={canWrite} onClose={closeDetail} onChanged={load} />
      )}
    </>
  )
}
