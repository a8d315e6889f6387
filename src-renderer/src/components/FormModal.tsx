import { Form, Modal, type FormInstance } from 'antd'
import { useEffect, useRef, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { formPropsOf } from '../useForm'

interface FormModalProps<T> {
  open: boolean
  title: ReactNode
  form: FormInstance<T>
  /** The form's name (its fields' ids start with it). */
  name?: string
  className?: string
  onFinish(values: T): unknown
  /** What the form is reset to each time the dialog opens; left as it was when absent. */
  values?: object
  /** True while the save runs: the OK button spins. */
  busy?: boolean
  onClose(): void
  /** Keeps antd's own OK and Cancel buttons instead of "save" and "cancel". */
  plainButtons?: boolean
  /** The OK button's text where it does something other than save (print, check). */
  okText?: string
  width?: number
  /** False where the button that opened it is gone once it closes. */
  focusTriggerAfterClose?: boolean
  /** What the dialog holds besides the form: a note shown above it, or a confirmation dialog of its own. */
  extra?: ReactNode
  children: ReactNode
}

/**
 * A dialog holding one vertical form, rendered before it first opens so the form can be filled in advance; OK
 * submits it, and a mark main put under a field goes once that field is edited (see `useForm`).
 */
export function FormModal<T>({
  form,
  name,
  className,
  onFinish,
  values,
  busy,
  onClose,
  plainButtons = false,
  okText,
  extra,
  children,
  ...modal
}: FormModalProps<T>) {
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
    form.setFieldsValue(latest.current as Parameters<FormInstance<T>['setFieldsValue']>[0])
  }, [open, form])
  const buttons = plainButtons ? {} : { okText: okText ?? t('common.save'), cancelText: t('common.cancel') }
  return (
    <Modal {...modal} {...buttons} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} forceRender>
      {extra}
      <Form<T> name={name} {...formPropsOf(form)} className={className} layout="vertical" onFinish={onFinish}>
        {children}
      </Form>
    </Modal>
  )
}
