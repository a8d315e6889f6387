import { useState } from 'react'
import type { ChannelInput } from '@preload/contract'
import { call } from '@renderer/api/client'
import { PrintPreview } from '@renderer/components/PrintPreview'
import { useSubmit } from '@renderer/useSubmit'

/** Opens one of the disposal printables in the print preview; returns the opener and the preview to render. */
export function useDisposalPrint() {
  const { submit } = useSubmit()
  const [preview, setPreview] = useState<{ html: string; title: string } | null>(null)
  const open = (input: ChannelInput<'print.disposal'>, title: string) =>
    submit(() => call('print.disposal', input), { onDone: ({ html }) => setPreview({ html, title }) })
  const element = preview && <PrintPreview html={preview.html} title={preview.title} onClose={() => setPreview(null)} />
  return { open, element }
}
