import { Modal, Spin } from 'antd'
import { useEffect, useState } from 'react'
import type { ViewedFile } from '../../../../src-preload/contract'

const MIME = { pdf: 'application/pdf', jpeg: 'image/jpeg', png: 'image/png', tiff: 'image/tiff' } as const

/**
 * R-ELEC-8: a file shown inside the app, never handed to the operating system's programs: a PDF in Chromium's own
 * viewer, an image as an image. The viewer's name and the time lie over it, so a photo of the screen says who saw it.
 */
export function FileViewer({ file, onClose }: { file: ViewedFile; onClose(): void }) {
  const [url, setUrl] = useState<string | null>(null)
  const mime = file.type in MIME ? MIME[file.type as keyof typeof MIME] : null

  useEffect(() => {
    if (!mime) return
    const bytes = Uint8Array.from(atob(file.base64), (ch) => ch.charCodeAt(0))
    const made = URL.createObjectURL(new Blob([bytes], { type: mime }))
    setUrl(made)
    return () => URL.revokeObjectURL(made)
  }, [file, mime])

  return (
    <Modal open width={1000} footer={null} title={file.originalName} onCancel={onClose} rootClassName="file-viewer">
      <div className="file-viewer-frame">
        {!url ? (
          <Spin />
        ) : file.type === 'pdf' ? (
          <iframe title={file.originalName} src={url} />
        ) : (
          <img alt={file.originalName} src={url} />
        )}
        <div className="watermark" aria-hidden>
          {Array.from({ length: 12 }, (_, index) => (
            <span key={index}>{file.watermark}</span>
          ))}
        </div>
      </div>
    </Modal>
  )
}
