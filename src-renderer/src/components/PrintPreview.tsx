import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons'
import { App, Button, Modal, Select, Space } from 'antd'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DesktopPrinting, PrintersForDocument } from '@preload/desktop'

declare global {
  interface Window {
    /** Only in the installed desktop app (src-preload/index.ts). */
    archiveDesktop?: DesktopPrinting
  }
}

interface PreviewProps {
  html: string
  title: string
  onClose(): void
}

/** Printer choice, print and save-as-PDF of the desktop app: no print dialog, the printer remembered per document kind. */
function DesktopPrintButtons({ html, title, desktop }: { html: string; title: string; desktop: DesktopPrinting }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [choices, setChoices] = useState<PrintersForDocument | null>(null)
  const [printer, setPrinter] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    void desktop.printers(html).then((found) => {
      setChoices(found)
      setPrinter(found.chosen ?? found.printers[0]?.name ?? null)
    })
  }, [desktop, html])

  const run = async (action: () => ReturnType<DesktopPrinting['print']>, done: (path?: string) => string) => {
    setBusy(true)
    try {
      const outcome = await action()
      if (!outcome.ok) void message.error(t(outcome.message))
      else if (!outcome.cancelled) void message.success(done(outcome.path))
    } finally {
      setBusy(false)
    }
  }

  const printers = choices?.printers ?? []
  return (
    <Space wrap>
      <Select
        aria-label={t('print.printer')}
        style={{ minWidth: 240 }}
        loading={choices === null}
        value={printer ?? undefined}
        placeholder={printers.length === 0 && choices ? t('print.noPrinters') : t('print.choosePrinter')}
        options={printers.map((choice) => ({ value: choice.name, label: choice.displayName }))}
        onChange={setPrinter}
      />
      <Button
        icon={<FilePdfOutlined />}
        loading={busy}
        onClick={() =>
          void run(
            () => desktop.savePdf(html, title),
            (path) => t('print.savedTo', { path })
          )
        }
      >
        {t('print.savePdf')}
      </Button>
      <Button
        type="primary"
        icon={<PrinterOutlined />}
        disabled={!printer}
        loading={busy}
        onClick={() =>
          printer &&
          void run(
            () => desktop.print(html, printer),
            () => t('print.printed', { printer })
          )
        }
      >
        {t('print.printTo')}
      </Button>
    </Space>
  )
}

/**
 * Shows a printable document as it will print. The desktop app prints to the printer chosen for this kind of document
 * or saves a PDF; browser mode prints, or saves as PDF, from the browser's print dialog.
 */
export function PrintPreview({ html, title, onClose }: PreviewProps) {
  const { t } = useTranslation()
  const frame = useRef<HTMLIFrameElement>(null)
  const desktop = window.archiveDesktop
  return (
    <Modal
      open
      width={1000}
      title={title}
      onCancel={onClose}
      footer={
        <Space wrap style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button onClick={onClose}>{t('common.close')}</Button>
          {desktop ? (
            <DesktopPrintButtons html={html} title={title} desktop={desktop} />
          ) : (
            <Button type="primary" icon={<PrinterOutlined />} onClick={() => frame.current?.contentWindow?.print()}>
              {t('print.print')}
            </Button>
          )}
        </Space>
      }
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
