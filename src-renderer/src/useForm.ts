import { Form, type FormInstance } from 'antd'
import { useMemo } from 'react'
import { clearEditedErrors } from './formErrors'

export interface FormProps<T> {
  form: FormInstance<T>
  onValuesChange(changed: Partial<T>): void
}

/**
 * Every form's instance, with the props its `<Form>` spreads: an error main put under a field (`useSubmit` with
 * `form`) goes as soon as the person edits that field, while the other fields keep theirs.
 */
export function useForm<T = Record<string, unknown>>(): [FormInstance<T>, FormProps<T>] {
  const [form] = Form.useForm<T>()
  const props = useMemo(
    () => ({ form, onValuesChange: (changed: Partial<T>) => clearEditedErrors(form, changed) }),
    [form]
  )
  return [form, props]
}
