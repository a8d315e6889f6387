import { PlusOutlined } from '@ant-design/icons'
import { Button, Input, Space } from 'antd'
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

/** A list's search box: what it searches for is the text without its surrounding spaces, or nothing when that is empty. */
export function SearchBox({
  width,
  placeholder,
  label,
  onSearch
}: {
  width: number
  placeholder: string
  /** What a screen reader calls the box, where its placeholder does not say it. */
  label?: string
  onSearch(text: string | undefined): void
}) {
  return (
    <Input.Search
      allowClear
      style={{ width }}
      placeholder={placeholder}
      aria-label={label}
      onSearch={(text) => onSearch(text.trim() || undefined)}
    />
  )
}

/** The button above a list that starts a new entry. */
export function NewButton({ label, onClick }: { label: string; onClick(): void }) {
  return (
    <Button type="primary" icon={<PlusOutlined />} onClick={onClick}>
      {label}
    </Button>
  )
}
