import { Alert, Button, Input, Modal, Typography } from 'antd'
import { useCallback, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

export interface Irreversible {
  /** What is about to happen, as a question. */
  title: string
  /** What can no longer be undone once it happened. */
  consequence: string
  /** A risk beyond the loss itself, shown apart (an old backup nobody can vouch for). */
  warning?: string
  /** The button's text: the action itself, never a bare "OK". */
  action: string
  /** What the person must type exactly (the register number, the backup's name) before the button unlocks. */
  typed?: string
  run(): Promise<unknown>
}

/**
 * The one way an action that cannot be undone is confirmed: a dialog that says what will be lost and asks for a click
 * on a button named after the action. Nothing in it reacts to Enter, so a key pressed in the form that asked for it
 * (or in the box below) never confirms; where the brief asks for it, the button stays off until the person typed the
 * register number or the backup's name, so the right paper or file is in front of them.
 */
function ConfirmIrreversible({ request, onClose }: { request: Irreversible; onClose(): void }) {
  const { t } = useTranslation()
  const [typed, setTyped] = useState('')
  const [busy, setBusy] = useState(false)
  const matches = request.typed === undefined || typed.trim() === request.typed
  const confirm = async () => {
    setBusy(true)
    try {
      await request.run()
    } finally {
      setBusy(false)
      onClose()
    }
  }
  return (
    <Modal
      open
      rootClassName="confirm-irreversible"
      title={request.title}
      onCancel={onClose}
      maskClosable={false}
      footer={[
        <Button key="cancel" onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>,
        <Button key="confirm" type="primary" danger disabled={!matches} loading={busy} onClick={() => void confirm()}>
          {request.action}
        </Button>
      ]}
    >
      <Alert type="warning" showIcon message={request.consequence} style={{ marginBottom: 16 }} />
      {request.warning && <Alert type="error" showIcon message={request.warning} style={{ marginBottom: 16 }} />}
      {request.typed !== undefined && (
        <>
          <Typography.Paragraph>
            {t('irreversible.typeToConfirm')} <Typography.Text code>{request.typed}</Typography.Text>
          </Typography.Paragraph>
          <Input
            aria-label={t('irreversible.typedLabel')}
            autoComplete="off"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
          />
        </>
      )}
    </Modal>
  )
}

/** `ask` opens the confirmation for one irreversible action; render `dialog` once where the page renders. */
export function useConfirmIrreversible(): { ask(request: Irreversible): void; dialog: ReactNode } {
  const [request, setRequest] = useState<Irreversible | null>(null)
  const ask = useCallback((next: Irreversible) => setRequest(next), [])
  const close = useCallback(() => setRequest(null), [])
  return { ask, dialog: request && <ConfirmIrreversible request={request} onClose={close} /> }
}

/**
 * Spread on a form that carries an irreversible action: Enter in one of its fields does not submit it (the browser
 * would, from the only text field of a form, and once that destroyed a batch from the signature date). Enter still
 * reaches the field first, so a date picker takes the typed date.
 */
export const NO_ENTER_SUBMIT = {
  onKeyDown: (event: React.KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Enter' && event.target instanceof HTMLInputElement) event.preventDefault()
  }
}
