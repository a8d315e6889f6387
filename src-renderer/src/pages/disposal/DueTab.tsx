import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons'
import { App, Button, Space } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChannelInput, DueRecord } from '@preload/contract'
import { call } from '@renderer/api/client'
import { recordKey } from '@renderer/components/RecordPicker'
import { Toolbar } from '@renderer/components/Toolbar'
import { downloadWorkbook } from '@renderer/download'
import { useFilingSettings } from '@renderer/useFilingSettings'
import { useForm } from '@renderer/useForm'
import { usePagedQuery } from '@renderer/useRemote'
import { useSubmit } from '@renderer/useSubmit'
import { DueFilters, dueColumns, NewBatchModal } from './DueParts'
import { useDisposalPrint } from './usePrint'
import { ListTable } from '@renderer/components/ListTable'

type Query = ChannelInput<'disposal.due'>

/** R-DISP-4: records whose retention period has ended, filtered, printed or exported as the listing, and batched. */
export function DueTab({ canWrite, onBatchCreated }: { canWrite: boolean; onBatchCreated(id: number): void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const settings = useFilingSettings()
  const [selected, setSelected] = useState<DueRecord[]>([])
  const [naming, setNaming] = useState(false)
  const [form] = useForm<{ title: string }>()
  const print = useDisposalPrint()
  const { submit } = useSubmit()
  const {
    query,
    filter: setFilter,
    tableProps,
    reload
  } = usePagedQuery((q: Query) => call('disposal.due', q), {}, { sizeChanger: true })
  const { page: _page, pageSize: _size, ...filter } = query

  const exportListing = () =>
    submit(() => call('export.dueList', filter), {
      success: 'common.exported',
      successParams: (result) => ({ rows: result.rows }),
      onDone: (result) => downloadWorkbook(result.base64, result.fileName)
    })

  const startBatch = () => {
    if (selected.length === 0) return void message.warning(t('disposal.selectFirst'))
    form.setFieldsValue({ title: t('disposal.batchTitleDefault', { date: dayjs().format('YYYY-MM-DD') }) })
    setNaming(true)
  }

  return (
    <>
      <Toolbar>
        <DueFilters settings={settings} filter={setFilter} />
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
            <Button type="primary" onClick={startBatch}>
              {t('disposal.newBatch')}
            </Button>
          )}
        </Space>
      </Toolbar>
      <ListTable<DueRecord>
        rowKey={recordKey}
        size="middle"
        columns={dueColumns(t, settings)}
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
        empty={t('disposal.dueEmpty')}
      />
      <NewBatchModal
        open={naming}
        records={selected}
        form={form}
        onClose={() => setNaming(false)}
        onCreated={(id) => {
          setNaming(false)
          setSelected([])
          onBatchCreated(id)
        }}
        onRefused={() => void reload()}
      />
      {print.element}
    </>
  )
}
