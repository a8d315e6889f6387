import { Form, type FormInstance } from 'antd'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { clearEditedErrors } from './formErrors'

export interface FormProps<T> {
  form: FormInstance<T>
  onValuesChange(changed: Partial<T>): void
}

/** The props a `<Form>` spreads for a form instance made elsewhere (a settings card handed its form by the page). */
export const formPropsOf = <T>(form: FormInstance<T>): FormProps<T> => ({
  form,
  onValuesChange: (changed) => clearEditedErrors(form, changed)
})

/**
 * Every form's instance, with the props its `<Form>` spreads: an error main put under a field (`useSubmit` with
 * `form`) goes as soon as the person edits that field, while the other fields keep theirs.
 */
export function useForm<T = Record<string, unknown>>(): [FormInstance<T>, FormProps<T>] {
  const [form] = Form.useForm<T>()
  const props = useMemo(() => formPropsOf(form), [form])
  return [form, props]
}

/** The rule of a field that must be filled in before the form is sent, with its message in the person's language. */
export function useRequired() {
  const { t } = useTranslation()
  return useMemo(() => [{ required: true, message: t('validation.required') }], [t])
}
