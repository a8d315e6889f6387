import { Modal, type FormInstance } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

interface FormModalProps {
  open: boolean
  title: ReactNode
  form: FormInstance
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
export function FormModal({ form, busy, onClose, plainButtons = false, children, ...modal }: FormModalProps) {
  const { t } = useTranslation()
  const buttons = plainButtons ? {} : { okText: t('common.save'), cancelText: t('common.cancel') }
  return (
    <Modal {...modal} {...buttons} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} forceRender>
      {children}
    </Modal>
  )
}
