import { Button, Drawer, Space, Spin, type ButtonProps, type FormInstance } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

interface FormDrawerProps {
  title: ReactNode
  /** Class on the drawer's root, which the end-to-end tests find it by. */
  className: string
  width: number
  form: FormInstance
  /** True while the save runs: the save button spins. */
  busy: boolean
  onClose(): void
  /** Text of the save button; "save" unless given. */
  submitText?: string
  /** Buttons shown before the save button, e.g. "save and continue". */
  extraActions?: ReactNode
  /** Shows a cancel button beside the save button. */
  cancel?: boolean
  /** True while what the form edits is still loading. */
  loading?: boolean
  destroyOnHidden?: boolean
  children: ReactNode
}

/**
 * A button that spins while its save runs. A quick save shows no spinner (150 ms delay). The button is drawn anew
 * when the save ends: antd removes the spinner only when its closing animation reports its end, which a spinner
 * stopped while it was still opening never does, and it would stay in the button's accessible name ("loading 保存")
 * after it has gone from the screen.
 */
export function SavingButton({ busy, onClick, ...props }: Omit<ButtonProps, 'loading'> & { busy: boolean }) {
  // antd lets clicks through until a delayed spinner shows: a double click would save the same record twice.
  return (
    <Button
      key={busy ? 'saving' : 'idle'}
      loading={busy && { delay: 150 }}
      onClick={(event) => {
        if (!busy) onClick?.(event)
      }}
      {...props}
    />
  )
}

/** A drawer holding one form, with its save (and, where asked, cancel) button at the top right. */
export function FormDrawer({
  title,
  className,
  width,
  form,
  busy,
  onClose,
  submitText,
  cancel = false,
  extraActions,
  loading,
  destroyOnHidden,
  children
}: FormDrawerProps) {
  const { t } = useTranslation()
  const save = (
    <SavingButton type="primary" busy={busy} onClick={() => form.submit()}>
      {submitText ?? t('common.save')}
    </SavingButton>
  )
  return (
    <Drawer
      open
      width={width}
      rootClassName={className}
      title={title}
      onClose={onClose}
      destroyOnHidden={destroyOnHidden}
      extra={
        cancel || extraActions ? (
          <Space>
            {cancel && <Button onClick={onClose}>{t('common.cancel')}</Button>}
            {extraActions}
            {save}
          </Space>
        ) : (
          save
        )
      }
    >
      {loading === undefined ? children : <Spin spinning={loading}>{children}</Spin>}
    </Drawer>
  )
}
