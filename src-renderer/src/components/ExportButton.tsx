import { FileExcelOutlined } from '@ant-design/icons'
import { App, Button } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChannelInput } from '@preload/contract'
import { call } from '../api/client'
import { downloadWorkbook } from '../download'
import { describeError } from '../errors'

type ExportRequest = ChannelInput<'export.list'>

/** Saves what the list shows — all pages, the visible columns, the filters in force — as an .xlsx file. */
export function ExportButton({ request, label }: { request: ExportRequest; label?: string }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [busy, setBusy] = useState(false)

  const download = async () => {
    setBusy(true)
    try {
      const result = await call('export.list', request)
      downloadWorkbook(result.base64, result.fileName)
      void message.success(t('common.exported', { rows: result.rows }))
    } catch (error) {
      void message.error(describeError(t, error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Button icon={<FileExcelOutlined />} loading={busy} onClick={download}>
      {label ?? t('common.export')}
    </Button>
  )
}
