import { describe, expect, it } from 'vitest'
import { clearEditedErrors, edits } from '@renderer/formErrors'

type Field = { name: (string | number)[]; errors: string[]; warnings: string[] }

/** Enough of an antd form instance: the fields with their errors, and setFields changing them. */
function fakeForm(errors: Record<string, string[]>) {
  const fields: Field[] = Object.entries(errors).map(([path, list]) => ({
    name: path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
    errors: list,
    warnings: []
  }))
  return {
    getFieldsError: () => fields.map((field) => ({ ...field })),
    setFields: (changes: { name: (string | number)[]; errors?: string[] }[]) => {
      for (const change of changes) {
        const field = fields.find((f) => f.name.join('.') === change.name.join('.'))
        if (field && change.errors) field.errors = change.errors
      }
    },
    errorsOf: () => Object.fromEntries(fields.map((field) => [field.name.join('.'), field.errors]))
  }
}

describe('issue 14: an error main put under a field disappears as soon as that field is edited', () => {
  it('clears the edited field only; the other fields keep the error main gave them', () => {
    const form = fakeForm({ name: ['名称已存在'], phone: ['电话格式不对'], address: [] })
    clearEditedErrors(form, { name: '新名称' })
    expect(form.errorsOf()).toEqual({ name: [], phone: ['电话格式不对'], address: [] })
  })

  it('clears a field inside a list row when that row is edited, not the same field of another row', () => {
    const form = fakeForm({ 'contacts.0.name': ['必填'], 'contacts.1.name': ['必填'], 'contacts.1.email': ['格式'] })
    // As antd reports it: the edited row in its place, the rows before it absent.
    const rows: unknown[] = []
    rows[1] = { name: '张三' }
    clearEditedErrors(form, { contacts: rows })
    expect(form.errorsOf()).toEqual({
      'contacts.0.name': ['必填'],
      'contacts.1.name': [],
      'contacts.1.email': ['格式']
    })
  })

  it('clears every field of a list when rows are added or removed, since their places moved', () => {
    const form = fakeForm({ 'contacts.0.name': ['必填'], 'contacts.1.phone': ['格式'], title: ['必填'] })
    clearEditedErrors(form, { contacts: [{ name: 'a' }] })
    clearEditedErrors(form, { contacts: null })
    expect(form.errorsOf()).toEqual({ 'contacts.0.name': [], 'contacts.1.phone': [], title: ['必填'] })
  })

  it('treats a date or a choice of several as the value of one field (the backup folder, a destruction date)', () => {
    const date = new Date('2026-01-01')
    expect(edits({ destroyedOn: date }, ['destroyedOn'])).toBe(true)
    expect(edits({ folder: '/mnt/backup' }, ['folder'])).toBe(true)
    expect(edits({ witnesses: ['甲', '乙'] }, ['witnesses'])).toBe(true)
    expect(edits({ witnesses: ['甲'] }, ['folder'])).toBe(false)
    expect(edits({ customerId: undefined }, ['customerId'])).toBe(true)
  })

  it('leaves the form alone when no edited field had an error', () => {
    const form = fakeForm({ name: [], phone: ['格式'] })
    let calls = 0
    clearEditedErrors({ getFieldsError: form.getFieldsError, setFields: () => void calls++ }, { name: 'x' })
    expect(calls).toBe(0)
  })
})
