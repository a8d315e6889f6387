import { App } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChannelInput } from '@preload/contract'
import { call } from '@renderer/api/client'
import { PrintPreview } from '@renderer/components/PrintPreview'
import { describeError } from '@renderer/errors'

/** Opens one of the disposal printables in the print preview; returns the opener and the preview to render. */
export function useDisposalPrint() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [preview, setPreview] = useState<{ html: string; title: string } | null>(null)
  const open = async (input: ChannelInput<'print.disposal'>, title: string) => {
    try {
      setPreview({ html: (await call('print.disposal', input)).html, title })
    } catch (error) {
      void message.error(describeError(t, error))
    }
  }
  const element = preview && <PrintPreview html={preview.html} title={preview.title} onClose={() => setPreview(null)} />
  return { open, element }
}
