import { Typography } from 'antd'
import type { ReactNode } from 'react'

/** About twenty characters: room enough to recognise a title, and the codes and dates beside it stay in view at 1366. */
const WIDTH = 300

/**
 * A title, name or reason in a table cell: one line cut with an ellipsis, the whole text on hover. Table cells do not
 * wrap (styles.css), so a long text would otherwise push every column after it out of the window.
 */
export function LongText({ text, children, width = WIDTH }: { text: string; children?: ReactNode; width?: number }) {
  return (
    <Typography.Text ellipsis={{ tooltip: text }} style={{ maxWidth: width, color: 'inherit' }}>
      {children ?? text}
    </Typography.Text>
  )
}
