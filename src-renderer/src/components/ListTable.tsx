import { Button, Card, Empty, Table, type TableColumnType, type TableProps } from 'antd'
import type { ReactNode } from 'react'

/** A table of rows keyed by their id (unless told otherwise) that says in a sentence when it has none. */
export function ListTable<T extends object>({ empty, ...table }: TableProps<T> & { empty: ReactNode }) {
  return <Table<T> rowKey="id" {...table} locale={{ emptyText: <Empty description={empty} /> }} />
}

/** A workbench card that is one short list, ten rows a page, and what the card says after it. */
export function WorkbenchListCard<T extends object>({
  title,
  className,
  children,
  ...table
}: Omit<TableProps<T>, 'title' | 'className' | 'children'> & {
  title: string
  /** Class on the card, which the end-to-end tests find it by. */
  className?: string
  empty: ReactNode
  children?: ReactNode
}) {
  return (
    <Card className={className} title={title} style={{ marginTop: 16 }}>
      <ListTable<T> size="small" pagination={{ pageSize: 10 }} {...table} />
      {children}
    </Card>
  )
}

/** A column whose value opens its row: a link, flush with the column's title like the other cells' text. */
export function openingColumn<T extends { id: number }, K extends keyof T & string>(
  title: string,
  dataIndex: K,
  open: (id: number) => void,
  show: (value: T[K]) => ReactNode = (value) => value as ReactNode
): TableColumnType<T> {
  return {
    title,
    dataIndex,
    render: (value: T[K], row) => (
      <Button type="link" size="small" style={{ padding: 0 }} onClick={() => open(row.id)}>
        {show(value)}
      </Button>
    )
  }
}

/** What a list's columns are given by its page: each column's sort order, and opening or editing a row. */
export interface ListColumnActions {
  sortOrderOf(field: string): 'ascend' | 'descend' | null
  view(id: number): void
  /** Absent for those who may only read. */
  edit: ((id: number) => void) | null
}
