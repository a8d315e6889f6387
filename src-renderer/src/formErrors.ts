import type { FormInstance } from 'antd'

type Container = Record<string | number, unknown>

// Only plain objects and arrays are the form's own shape; a date or a file is one field's value.
const isContainer = (value: unknown): value is Container =>
  Array.isArray(value) ||
  (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype)

/**
 * Whether an edit touched the field at `name`. `changed` is what antd hands `onValuesChange`: only the edited value,
 * placed where it sits in the form's values. An edit that replaced a whole group (a list row added or removed) touches
 * every field inside it.
 */
export function edits(changed: unknown, name: readonly (string | number)[]): boolean {
  let here = changed
  for (const [index, part] of name.entries()) {
    if (!isContainer(here)) return true
    if (!(part in here)) return false
    here = here[part]
    // Cleared to nothing is an edit of the field itself; above it, nothing means another branch was edited.
    if (here === undefined && index < name.length - 1) return false
  }
  return true
}

/** Takes the error off every field the edit touched, so main's refusal does not outlive the value it was about. */
export function clearEditedErrors(form: Pick<FormInstance, 'getFieldsError' | 'setFields'>, changed: unknown): void {
  const edited = form.getFieldsError().filter((field) => field.errors.length > 0 && edits(changed, field.name))
  if (edited.length > 0) form.setFields(edited.map(({ name }) => ({ name, errors: [] })))
}
