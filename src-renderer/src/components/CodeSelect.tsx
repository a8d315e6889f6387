import { Select, type SelectProps } from 'antd'
import { codeOptions } from '../useFilingSettings'

/** A choice among reference codes (fonds, categories, periods, departments), searched by code or name. */
export function CodeSelect({
  entries,
  ...props
}: SelectProps & { entries: { code: string; name: string }[] | undefined }) {
  return <Select showSearch optionFilterProp="label" options={codeOptions(entries)} {...props} />
}
