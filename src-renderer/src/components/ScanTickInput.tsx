import { BarcodeOutlined } from '@ant-design/icons'
import { Alert, Input } from 'antd'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { tickByScan, type ScanOutcome, type Tickable } from '../scanTick'

/** A short tone the person hears without looking up: high for a tick, low for a record that is not on the list. */
function beep(ok: boolean): void {
  try {
    const audio = new AudioContext()
    const tone = audio.createOscillator()
    tone.frequency.value = ok ? 1320 : 220
    tone.connect(audio.destination)
    tone.start()
    tone.stop(audio.currentTime + (ok ? 0.08 : 0.3))
    tone.onended = () => void audio.close()
  } catch {
    // No audio device: the message below still says what happened.
  }
}

/**
 * The box a USB scanner types into (it types the code and Enter): each scan ticks its record off at once, with a
 * tone and a message; a record that is not on the list is named in red. Typing a code and Enter works the same.
 */
export function ScanTickInput({ records, onTick }: { records: readonly Tickable[]; onTick(key: string): unknown }) {
  const { t } = useTranslation()
  const [text, setText] = useState('')
  const [last, setLast] = useState<ScanOutcome | null>(null)
  const input = useRef<HTMLInputElement>(null)

  const scan = () => {
    if (!text.trim()) return
    const outcome = tickByScan(text, records)
    setLast(outcome)
    setText('')
    beep(outcome.kind !== 'unknown')
    if (outcome.kind === 'ticked') void onTick(outcome.key)
  }

  return (
    <div style={{ marginBottom: 12 }}>
      <Input
        ref={(element) => {
          input.current = element?.input ?? null
        }}
        prefix={<BarcodeOutlined />}
        aria-label={t('scan.tickLabel')}
        placeholder={t('scan.tickPlaceholder')}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onPressEnter={(event) => {
          event.preventDefault()
          scan()
        }}
        style={{ maxWidth: 420 }}
      />
      {last && (
        <Alert
          role="status"
          style={{ marginTop: 8, maxWidth: 420 }}
          showIcon
          type={last.kind === 'ticked' ? 'success' : last.kind === 'again' ? 'info' : 'error'}
          message={t(`scan.${last.kind}`, { code: last.code })}
        />
      )}
    </div>
  )
}
