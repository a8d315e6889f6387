import { Modal, type FormInstance } from 'antd'
import { useEffect, useRef, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

interface FormModalProps {
  open: boolean
  title: ReactNode
  form: FormInstance
  /** What the form is reset to each time the dialog opens; left as it was when absent. */
  values?: object
  /** True while the save runs: the OK button spins. */
  busy?: boolean
  onClose(): void
  /** Keeps antd's own OK and Cancel buttons instead of "save" and "cancel". */
  plainButtons?: boolean
  width?: number
  /** False where the button that opened it is gone once it closes. */
  focusTriggerAfterClose?: boolean
  children: ReactNode
}

/** A dialog holding one form, rendered before it first opens so the form can be filled in advance; OK submits it. */
export function FormModal({ form, values, busy, onClose, plainButtons = false, children, ...modal }: FormModalProps) {
  const { t } = useTranslation()
  const { open } = modal
  // The values as they were when it opened: they are often built afresh on every render.
  const latest = useRef(values)
  useEffect(() => {
    latest.current = values
  })
  useEffect(() => {
    if (!open || !latest.current) return
    form.resetFields()
    form.setFieldsValue(latest.current)
  }, [open, form])
  const buttons = plainButtons ? {} : { okText: t('common.save'), cancelText: t('common.cancel') }
  return (
    <Modal {...modal} {...buttons} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} forceRender>
      {children}
    </Modal>
  )
}
