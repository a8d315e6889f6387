import { Button, Card, Form, Table, type TableProps } from 'antd'
import { useState, type ReactNode } from 'react'
import { FormModal } from '@renderer/components/FormModal'
import { useSubmit } from '@renderer/useSubmit'

/** How the register's dialog adds an entry. */
interface Adding<V> {
  /** The form's name (its fields' ids start with it). */
  name: string
  /** What the form is reset to each time the dialog opens. */
  values: object
  width?: number
  send(values: V): Promise<unknown>
  /** Catalogue key of the message once it worked. */
  success: string
  onDone(): void | Promise<unknown>
}

/**
 * One of the registers on a customer's privacy tab (consents, disclosures, individuals' requests): a small card with
 * the register's table and, for those who may add to it, the button that opens the dialog doing so, which closes once
 * main took the entry.
 */
export function PrivacyRegister<T extends { id: number }, V>({
  title,
  add,
  canAdd,
  adding,
  empty,
  notice,
  children,
  ...table
}: Omit<TableProps<T>, 'title' | 'children'> & {
  title: string
  /** The button's text, and the dialog's title. */
  add: string
  /** False where this person may not add to the register: the button is not shown. */
  canAdd: boolean
  adding: Adding<V>
  empty: string
  /** Shown above the table. */
  notice?: ReactNode
  /** The dialog's fields. */
  children: ReactNode
}) {
  const { submit, busy } = useSubmit()
  const [form] = Form.useForm<V>()
  const [open, setOpen] = useState(false)
  const close = () => setOpen(false)
  const send = (values: V) =>
    submit(() => adding.send(values), { form, success: adding.success, close, onDone: adding.onDone })
  return (
    <Card
      size="small"
      title={title}
      extra={
        canAdd && (
          <Button size="small" onClick={() => setOpen(true)}>
            {add}
          </Button>
        )
      }
    >
      {notice}
      <Table<T> size="small" rowKey="id" pagination={false} {...table} locale={{ emptyText: empty }} />
      <FormModal
        open={open}
        title={add}
        form={form}
        busy={busy}
        width={adding.width}
        onClose={close}
        values={adding.values}
        name={adding.name}
        onFinish={send}
      >
        {children}
      </FormModal>
    </Card>
  )
}
