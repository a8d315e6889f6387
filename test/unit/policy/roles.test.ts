import { describe, expect, it } from 'vitest'
import { maskEmail, maskPhone, maySeePersonalData, roleAllows } from '@main/policy/roles'
import { ROLES } from '@preload/contract'

describe('R-ROLE-7 access', () => {
  it('public channels need no session, authenticated ones any role, listed ones exactly those roles', () => {
    expect(roleAllows('public', null)).toBe(true)
    expect(roleAllows('authenticated', null)).toBe(false)
    for (const role of ROLES) {
      expect(roleAllows('authenticated', role)).toBe(true)
      expect(roleAllows(['auditor'], role)).toBe(role === 'auditor')
    }
  })
})

describe('R-CUST-5 personal data', () => {
  it('only archivists and archive managers see contact details unmasked', () => {
    expect(ROLES.filter(maySeePersonalData)).toEqual(['archivist', 'archive_manager'])
  })

  it.each([
    ['13812345678', '138******78'],
    ['021-58881234', '021*******34'],
    ['12345', '*****'],
    ['', '']
  ])('masks phone %s as %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked)
  })

  it('masks e-mail but keeps the domain', () => {
    expect(maskEmail('lina@shunda.example')).toBe('l***@shunda.example')
    expect(maskEmail('')).toBe('')
  })
})
