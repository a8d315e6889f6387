import { Space } from 'antd'
import type { ReactNode } from 'react'

const STYLE = { width: '100%', justifyContent: 'space-between', marginBottom: 16 }

/**
 * The row above a table: its title or filters at the left, its buttons at the right. On a narrow screen (1366 px
 * with the menu) the groups wrap as wholes, and a group's own controls wrap between controls, never inside a label.
 */
export function Toolbar({ children }: { children: ReactNode }) {
  return (
    <Space wrap style={STYLE}>
      {children}
    </Space>
  )
}
