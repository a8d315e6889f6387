import { FileSearchOutlined } from '@ant-design/icons'
import { Button, Card, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { call } from '../api/client'
import { downloadFile } from '../download'
import { useSubmit } from '../useSubmit'

/** 导出诊断信息: a file for whoever supports the app — versions, sizes and the log, none of the records. */
export function DiagnosticsCard() {
  const { t } = useTranslation()
  const { submit, busy } = useSubmit()
  const save = () =>
    submit(() => call('support.diagnostics', {}), {
      success: 'support.saved',
      onDone: ({ content, fileName }) => downloadFile(new Blob([content], { type: 'application/json' }), fileName)
    })
  return (
    <Card title={t('support.title')} style={{ marginTop: 16, maxWidth: 760 }}>
      <Typography.Paragraph type="secondary">{t('support.hint')}</Typography.Paragraph>
      <Button icon={<FileSearchOutlined />} loading={busy} onClick={() => void save()}>
        {t('support.export')}
      </Button>
    </Card>
  )
}
