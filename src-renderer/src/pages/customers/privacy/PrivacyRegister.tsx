import { Button, Card, Table, type TableProps } from 'antd'
import type { ReactNode } from 'react'

/**
 * One of the registers on a customer's privacy tab (consents, disclosures, individuals' requests): a small card with
 * the register's table and, for those who may add to it, the button that opens the dialog doing so.
 */
export function PrivacyRegister<T extends { id: number }>({
  title,
  add,
  onAdd,
  empty,
  notice,
  children,
  ...table
}: Omit<TableProps<T>, 'title' | 'children'> & {
  title: string
  /** The button's text. */
  add: string
  /** False where this person may not add to the register: the button is not shown. */
  onAdd: false | (() => void)
  empty: string
  /** Shown above the table. */
  notice?: ReactNode
  /** The register's dialogs. */
  children?: ReactNode
}) {
  return (
    <Card
      size="small"
      title={title}
      extra={
        onAdd && (
          <Button size="small" onClick={onAdd}>
            {add}
          </Button>
        )
      }
    >
      {notice}
      <Table<T> size="small" rowKey="id" pagination={false} {...table} locale={{ emptyText: empty }} />
      {children}
    </Card>
  )
}
