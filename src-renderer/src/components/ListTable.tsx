import { Empty, Table, type TableProps } from 'antd'
import type { ReactNode } from 'react'

/** A table of rows keyed by their id (unless told otherwise) that says in a sentence when it has none. */
export function ListTable<T extends object>({ empty, ...table }: TableProps<T> & { empty: ReactNode }) {
  return <Table<T> rowKey="id" {...table} locale={{ emptyText: <Empty description={empty} /> }} />
}
