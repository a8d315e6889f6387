import { Space } from 'antd'
import type { ReactNode } from 'react'

const STYLE = { width: '100%', justifyContent: 'space-between', marginBottom: 16 }

/** The row above a table: its title or filters at the left, its buttons at the right. */
export function Toolbar({ wrap, children }: { wrap?: boolean; children: ReactNode }) {
  return (
    <Space wrap={wrap} style={STYLE}>
      {children}
    </Space>
  )
}
