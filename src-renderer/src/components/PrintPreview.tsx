import { PrinterOutlined } from '@ant-design/icons'
import { Button, Modal } from 'antd'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'

/** Shows a printable document as it will print (A4) and prints it, or saves it as PDF from the print dialog. */
export function PrintPreview({ html, title, onClose }: { html: string; title: string; onClose(): void }) {
  const { t } = useTranslation()
  const frame = useRef<HTMLIFrameElement>(null)
  return (
    <Modal
      open
      width={1000}
      title={title}
      onCancel={onClose}
      footer={[
        <Button key="close" onClick={onClose}>
          {t('common.close')}
        </Button>,
        <Button
          key="print"
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => frame.current?.contentWindow?.print()}
        >
          {t('print.print')}
        </Button>
      ]}
    >
      <iframe
        ref={frame}
        title={title}
        srcDoc={html}
        style={{ width: '100%', height: '70vh', border: '1px solid #ddd', background: '#fff' }}
      />
    </Modal>
  )
}
