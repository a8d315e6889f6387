import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons'
import { App, Button, Empty, Form, Input, Modal, Select, Space, Table, Tag } from 'antd'
import type { TableProps } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChannelInput, DueRecord } from '../../../../src-preload/contract'
import { call } from '../../api/client'
import { RecordLabel, recordKey } from '../../components/RecordPicker'
import { downloadWorkbook } from '../../download'
import { describeError } from '../../errors'
import { codeOptions, nameOfCode, useFilingSettings } from '../../useFilingSettings'
import { usePagedQuery } from '../../useRemote'
import { useDisposalPrint } from './usePrint'

type Query = ChannelInput<'disposal.due'>

/** R-DISP-4: records whose retention period has ended, filtered, printed or exported as the listing, and batched. */
export function DueTab({ canWrite, onBatchCreated }: { canWrite: boolean; onBatchCreated(id: number): void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const settings = useFilingSettings()
  const [selected, setSelected] = useState<DueRecord[]>([])
  const [naming, setNaming] = useState(false)
  const [form] = Form.useForm<{ title: string }>()
  const print = useDisposalPrint()
  const {
    query,
    filter: setFilter,
    tableProps,
    reload
  } = usePagedQuery((q: Query) => call('disposal.due', q), {}, { sizeChanger: true })
  const { page: _page, pageSize: _size, ...filter } = query
  const years = Array.from({ length: 40 }, (_value, index) => new Date().getFullYear() - 10 - index)

  const exportListing = async () => {
    try {
      const result = await call('export.dueList', filter)
      downloadWorkbook(result.base64, result.fileName)
      void message.success(t('common.exported', { rows: result.rows }))
    } catch (error) {
      void message.error(describeError(t, error))
    }
  }

  const createBatch = async ({ title }: { title: string }) => {
    try {
      const batch = await call('appraisal.create', {
        title,
        records: selected.map(({ subject, id }) => ({ subject, id }))
      })
      void message.success(t('disposal.batchCreated'))
      setNaming(false)
      setSelected([])
      onBatchCreated(batch.id)
    } catch (error) {
      void message.error(describeError(t, error))
      void reload()
    }
  }

  const columns: TableProps<DueRecord>['columns'] = [
    {
      title: t('disposal.record'),
      key: 'record',
      render: (_v, row) => (
        <Space wrap size={4}>
          <RecordLabel record={row} />
          {row.holds.map((name) => (
            <Tag key={name} color="purple">
              {t('disposal.holdTag', { name })}
            </Tag>
          ))}
          {row.openBatchId && <Tag color="blue">{t('disposal.inBatch', { id: row.openBatchId })}</Tag>}
        </Space>
      )
    },
    { title: t('items.fields.dateFormed'), dataIndex: 'dateFormed' },
    { title: t('disposal.year'), dataIndex: 'year' },
    {
      title: t('disposal.category'),
      dataIndex: 'categoryCode',
      render: (value: string) => nameOfCode(settings?.categories, value)
    },
    {
      title: t('disposal.department'),
      dataIndex: 'departmentCode',
      render: (value: string) => nameOfCode(settings?.departments, value)
    },
    {
      title: t('disposal.retention'),
      dataIndex: 'retentionCode',
      render: (value: string) => nameOfCode(settings?.retentionPeriods, value)
    },
    { title: t('disposal.expiresOn'), dataIndex: 'expiresOn' }
  ]

  return (
    <>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
        <Space wrap>
          <Select
            allowClear
            mode="multiple"
            style={{ minWidth: 160 }}
            placeholder={t('disposal.year')}
            aria-label={t('disposal.year')}
            options={years.map((year) => ({ value: year, label: String(year) }))}
            onChange={(year: number[]) => setFilter({ year: year.length ? year : undefined })}
          />
          <Select
            allowClear
            mode="multiple"
            style={{ minWidth: 180 }}
            placeholder={t('disposal.category')}
            aria-label={t('disposal.category')}
            options={codeOptions(settings?.categories)}
            onChange={(categoryCode: string[]) =>
              setFilter({ categoryCode: categoryCode.length ? categoryCode : undefined })
            }
          />
          <Select
            allowClear
            mode="multiple"
            style={{ minWidth: 180 }}
            placeholder={t('disposal.department')}
            aria-label={t('disposal.department')}
            options={codeOptions(settings?.departments)}
            onChange={(departmentCode: string[]) =>
              setFilter({ departmentCode: departmentCode.length ? departmentCode : undefined })
            }
          />
          <Select
            allowClear
            style={{ width: 130 }}
            placeholder={t('disposal.anySubject')}
            aria-label={t('disposal.subject')}
            options={(['item', 'volume'] as const).map((value) => ({ value, label: t(`recordKinds.${value}`) }))}
            onChange={(subject?: 'item' | 'volume') => setFilter({ subject })}
          />
        </Space>
        <Space>
          <Button
            icon={<PrinterOutlined />}
            onClick={() => print.open({ document: 'dueListing', ...filter }, t('disposal.printListing'))}
          >
            {t('disposal.printListing')}
          </Button>
          <Button icon={<FileExcelOutlined />} onClick={exportListing}>
            {t('common.export')}
          </Button>
          {canWrite && (
            <Button
              type="primary"
              onClick={() => {
                if (selected.length === 0) return void message.warning(t('disposal.selectFirst'))
                form.setFieldsValue({ title: t('disposal.batchTitleDefault', { date: dayjs().format('YYYY-MM-DD') }) })
                setNaming(true)
              }}
            >
              {t('disposal.newBatch')}
            </Button>
          )}
        </Space>
      </Space>
      <Table<DueRecord>
        rowKey={recordKey}
        size="middle"
        columns={columns}
        {...tableProps}
        rowSelection={
          canWrite
            ? {
                selectedRowKeys: selected.map(recordKey),
                preserveSelectedRowKeys: true,
                onChange: (_keys, rows) => setSelected(rows),
                getCheckboxProps: (row) => ({ disabled: row.holds.length > 0 || row.openBatchId !== null })
              }
            : undefined
        }
        locale={{ emptyText: <Empty description={t('disposal.dueEmpty')} /> }}
      />
      <Modal
        open={naming}
        title={t('disposal.newBatch')}
        onCancel={() => setNaming(false)}
        onOk={() => form.submit()}
        focusTriggerAfterClose={false}
      >
        <Form name="new-batch" form={form} layout="vertical" onFinish={createBatch}>
          <Form.Item
            name="title"
            label={t('disposal.batchTitle')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
      {print.element}
    </>
  )
}
