import type { ReactNode } from 'react'

/**
 * Text with the given [start, end) ranges marked, as a search's highlights come with an item row. One span holds the
 * pieces: inside a button (a flex box) loose pieces would each become an item, and the title would read "关于 续签 …".
 */
export function Marked({ text, ranges }: { text: string; ranges?: [number, number][] }) {
  if (!ranges || ranges.length === 0) return <>{text}</>
  const parts: ReactNode[] = []
  let at = 0
  for (const [start, end] of ranges) {
    parts.push(text.slice(at, start), <mark key={start}>{text.slice(start, end)}</mark>)
    at = end
  }
  parts.push(text.slice(at))
  return <span>{parts}</span>
}
