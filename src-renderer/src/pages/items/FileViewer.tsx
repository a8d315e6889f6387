import { PrinterOutlined } from '@ant-design/icons'
import { Button, Modal, Spin } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ViewedFile } from '@preload/contract'
import { call } from '@renderer/api/client'
import { PrintPreview } from '@renderer/components/PrintPreview'
import { useSubmit } from '@renderer/useSubmit'

const MIME = { pdf: 'application/pdf', jpeg: 'image/jpeg', png: 'image/png', tiff: 'image/tiff' } as const
/** The images main prints under the watermark (R-ELEC-8). */
const PRINTABLE = ['jpeg', 'png']

/**
 * R-ELEC-8: a file shown inside the app, never handed to the operating system's programs: a PDF in Chromium's own
 * viewer, an image as an image. The viewer's name and the time lie over it, so a photo of the screen says who saw it.
 * An image prints through main, which lays the printer's name and the time over it on paper. Chromium's PDF viewer
 * prints and saves without anything laid over it, so its toolbar (print, download) is hidden.
 */
export function FileViewer({ file, onClose }: { file: ViewedFile; onClose(): void }) {
  const { t } = useTranslation()
  const { submit, busy } = useSubmit()
  const [url, setUrl] = useState<string | null>(null)
  const [preview, setPreview] = useState<string | null>(null)
  const mime = file.type in MIME ? MIME[file.type as keyof typeof MIME] : null

  useEffect(() => {
    if (!mime) return
    const bytes = Uint8Array.from(atob(file.base64), (ch) => ch.charCodeAt(0))
    const made = URL.createObjectURL(new Blob([bytes], { type: mime }))
    setUrl(made)
    return () => URL.revokeObjectURL(made)
  }, [file, mime])

  const footer = PRINTABLE.includes(file.type) ? (
    <Button
      icon={<PrinterOutlined />}
      loading={busy}
      onClick={() =>
        void submit(() => call('print.viewedFile', { fileId: file.id }), {
          onDone: (printed) => setPreview(printed.html)
        })
      }
    >
      {t('electronic.printViewed')}
    </Button>
  ) : null

  return (
    <Modal open width={1000} footer={footer} title={file.originalName} onCancel={onClose} rootClassName="file-viewer">
      <div className="file-viewer-frame">
        {!url ? (
          <Spin />
        ) : file.type === 'pdf' ? (
          <iframe title={file.originalName} src={`${url}#toolbar=0`} />
        ) : (
          <img alt={file.originalName} src={url} />
        )}
        <div className="watermark" aria-hidden>
          {Array.from({ length: 12 }, (_, index) => (
            <span key={index}>{file.watermark}</span>
          ))}
        </div>
      </div>
      {preview && <PrintPreview html={preview} title={file.originalName} onClose={() => setPreview(null)} />}
    </Modal>
  )
}
