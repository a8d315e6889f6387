import { PERSONAL_DATA_ROLES, UNREADABLE_VALUE, type Role } from '@preload/contract'

/** R-ROLE-7: one rule for main and the renderer, in the contract kit. */
export { roleAllows } from '@preload/contract-kit'

/** R-ROLE-1, R-ROLE-4: the archive's own people, whom the staff statistics list by name (R-STAT-1). */
export const ARCHIVE_STAFF_ROLES = ['archivist', 'archive_manager'] as const satisfies readonly Role[]

/** R-CUST-5: contact persons' phones and e-mails are masked for roles that may not see personal data. */
export function maySeePersonalData(role: Role): boolean {
  return PERSONAL_DATA_ROLES.includes(role)
}

/**
 * Keeps the first 3 and last 2 characters of a phone number, enough to tell numbers apart. A value that does not open
 * says so to every role (S125): masking it would only hide that it is damaged.
 */
export function maskPhone(value: string): string {
  if (value === '' || value === UNREADABLE_VALUE) return value
  if (value.length <= 5) return '*'.repeat(value.length)
  return value.slice(0, 3) + '*'.repeat(value.length - 5) + value.slice(-2)
}

export function maskEmail(value: string): string {
  if (value === UNREADABLE_VALUE) return value
  const at = value.indexOf('@')
  if (at <= 0) return value === '' ? '' : '***'
  return `${value[0]}***${value.slice(at)}`
}

/**
 * R-CUST-5: a recorded value (an audit entry's before or after) with every contact person's phone and e-mail masked,
 * wherever the value holds a customer's contacts: a customer saved by the form, one imported, or a list row.
 */
export function maskPersonalData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskPersonalData)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => {
      if (key === 'contacts' && Array.isArray(field)) return [key, field.map(maskContactValue)]
      if (key === 'primaryContactPhone' && typeof field === 'string') return [key, maskPhone(field)]
      return [key, maskPersonalData(field)]
    })
  )
}

function maskContactValue(contact: unknown): unknown {
  if (typeof contact !== 'object' || contact === null || Array.isArray(contact)) return maskPersonalData(contact)
  const { phone, email, ...rest } = contact as Record<string, unknown>
  return {
    ...(maskPersonalData(rest) as Record<string, unknown>),
    ...(typeof phone === 'string' ? { phone: maskPhone(phone) } : {}),
    ...(typeof email === 'string' ? { email: maskEmail(email) } : {})
  }
}

/** A person's name as 王** : the family name tells the room who to ask, the rest stays private (R-CUST-5). */
export function maskName(value: string): string {
  return value === '' ? '' : value[0] + '*'.repeat(Math.max(value.length - 1, 1))
}
