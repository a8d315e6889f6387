import { describe, expect, it } from 'vitest'
import { refusalOf } from './refusal'
import {
  decideAccountChange,
  maskEmail,
  maskPhone,
  maySeePersonalData,
  roleAllows
} from '../../../src-main/policy/roles'
import { ROLES } from '../../../src-preload/contract'

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

describe('R-ROLE-7 account changes', () => {
  const base = {
    actorId: 1,
    targetId: 2,
    targetRole: 'archivist' as const,
    targetActive: true,
    newRole: 'archivist' as const,
    newActive: true,
    activeSysadmins: 1
  }

  it('allows changing another account', () => {
    expect(refusalOf(decideAccountChange({ ...base, newRole: 'archive_manager' }))).toBeNull()
  })

  it('refuses changing your own role or switching yourself off', () => {
    expect(
      refusalOf(decideAccountChange({ ...base, targetId: 1, targetRole: 'sysadmin', newRole: 'archivist' }))
    ).toEqual({ ruleId: 'R-ROLE-7', reason: 'errors.ownAccountRole' })
    expect(
      refusalOf(
        decideAccountChange({ ...base, targetId: 1, targetRole: 'sysadmin', newRole: 'sysadmin', newActive: false })
      )
    ).toEqual({ ruleId: 'R-ROLE-7', reason: 'errors.ownAccountRole' })
  })

  it('refuses removing the last active administrator but allows it when another remains', () => {
    const removing = { ...base, targetRole: 'sysadmin' as const, newRole: 'sysadmin' as const, newActive: false }
    expect(refusalOf(decideAccountChange(removing))).toEqual({ ruleId: 'R-ROLE-7', reason: 'errors.lastSysadmin' })
    expect(refusalOf(decideAccountChange({ ...removing, activeSysadmins: 2 }))).toBeNull()
  })
})
