// Printouts and the annual workbook are Chinese (R-STAT-2): their wording is the zh-CN translation the screens use.
import zhCN from '@preload/i18n/zh-CN'

/** A zh-CN translation by dotted key, e.g. `statistics.columns.items`, with {{params}} filled in; an unknown key prints as itself. */
export function zh(key: string, params: Record<string, string | number> = {}): string {
  const text = key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], zhCN)
  if (typeof text !== 'string') return key
  return text.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => String(params[name] ?? ''))
}
