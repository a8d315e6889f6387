import { FileExcelOutlined } from '@ant-design/icons'
import { Button } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ChannelInput } from '@preload/contract'
import { call } from '../api/client'
import { savedWorkbook } from '../download'
import { useSubmit } from '../useSubmit'

type ExportRequest = ChannelInput<'export.list'>

/** Saves what the list shows — all pages, the visible columns, the filters in force — as an .xlsx file. */
export function ExportButton({ request, label }: { request: ExportRequest; label?: string }) {
  const { t } = useTranslation()
  const { submit, busy } = useSubmit()

  const download = () =>
    submit(() => call('export.list', request).then(savedWorkbook), {
      success: 'common.exported',
      successParams: (result) => ({ rows: result.rows })
    })

  return (
    <Button icon={<FileExcelOutlined />} loading={busy} onClick={download}>
      {label ?? t('common.export')}
    </Button>
  )
}
