import { describe, expect, it } from 'vitest'
import { decideAdministratorEdit, decideRoleGrant, decideRoleProposal, type AccountFacts } from '@main/policy/accounts'
import { resetSinceLastSignIn } from '@main/policy/login'
import { refusalOf } from './refusal'

const ADMIN = 1
const OFFICER = 2
const account = (facts: Partial<AccountFacts> = {}): AccountFacts => ({
  id: 10,
  role: 'archivist',
  active: true,
  proposedRole: null,
  proposedBy: null,
  ...facts
})
const refusedWith = (reason: string) => ({ ruleId: 'R-ROLE-7', reason })

describe('R-ROLE-7 the administrator edits accounts but does not switch them on', () => {
  it('switches an ordinary account off, never on', () => {
    expect(refusalOf(decideAdministratorEdit(ADMIN, account(), false))).toBeNull()
    expect(refusalOf(decideAdministratorEdit(ADMIN, account({ active: false }), true))).toEqual(
      refusedWith('errors.enableBySecurityOfficer')
    )
    expect(refusalOf(decideAdministratorEdit(ADMIN, account({ role: null, active: false }), true))).toEqual(
      refusedWith('errors.enableBySecurityOfficer')
    )
  })

  it('leaves the three officers’ accounts, and their own, to the security officer', () => {
    for (const role of ['sysadmin', 'security_officer', 'auditor'] as const) {
      expect(refusalOf(decideAdministratorEdit(ADMIN, account({ role }), false))).toEqual(
        refusedWith('errors.officerBySecurityOfficer')
      )
    }
    expect(refusalOf(decideAdministratorEdit(ADMIN, account({ id: ADMIN, role: 'sysadmin' }), false))).toEqual(
      refusedWith('errors.ownAccountRole')
    )
  })
})

describe('R-ROLE-7 the security officer assigns roles', () => {
  const grant = { actorId: OFFICER, activeSysadmins: 1, activeSecurityOfficers: 1, newActive: true }

  it('gives a pending account an ordinary role, but not themselves', () => {
    const pending = account({ role: null, active: false })
    expect(refusalOf(decideRoleGrant({ ...grant, target: pending, newRole: 'auditor' }))).toBeNull()
    const self = account({ id: OFFICER, role: 'security_officer' })
    expect(refusalOf(decideRoleGrant({ ...grant, target: self, newRole: 'archivist' }))).toEqual(
      refusedWith('errors.ownAccountRole')
    )
  })

  it('makes an administrator or security officer only on the administrator’s proposal of that role', () => {
    for (const newRole of ['sysadmin', 'security_officer'] as const) {
      expect(refusalOf(decideRoleGrant({ ...grant, target: account(), newRole }))).toEqual(
        refusedWith('errors.roleNeedsProposal')
      )
      const proposed = account({ proposedRole: newRole, proposedBy: ADMIN })
      expect(refusalOf(decideRoleGrant({ ...grant, target: proposed, newRole }))).toBeNull()
    }
    const otherRole = account({ proposedRole: 'security_officer', proposedBy: ADMIN })
    expect(refusalOf(decideRoleGrant({ ...grant, target: otherRole, newRole: 'sysadmin' }))).toEqual(
      refusedWith('errors.roleNeedsProposal')
    )
  })

  it('keeps the last active administrator and the last active security officer', () => {
    const admin = account({ role: 'sysadmin' })
    expect(refusalOf(decideRoleGrant({ ...grant, target: admin, newRole: 'archivist' }))).toEqual(
      refusedWith('errors.lastSysadmin')
    )
    expect(refusalOf(decideRoleGrant({ ...grant, activeSysadmins: 2, target: admin, newRole: 'archivist' }))).toBeNull()
    const officer = account({ role: 'security_officer' })
    expect(
      refusalOf(decideRoleGrant({ ...grant, target: officer, newRole: 'security_officer', newActive: false }))
    ).toEqual(refusedWith('errors.lastSecurityOfficer'))
  })
})

describe('R-ROLE-7 the administrator proposes', () => {
  it('proposes an administrator or security officer for the security officer to grant', () => {
    const proposal = { actorId: ADMIN, target: account(), securityOfficers: 1 }
    expect(decideRoleProposal({ ...proposal, role: 'sysadmin' })).toEqual({ ok: true, value: 'proposed' })
    expect(decideRoleProposal({ ...proposal, role: 'security_officer' })).toEqual({ ok: true, value: 'proposed' })
    expect(refusalOf(decideRoleProposal({ ...proposal, target: account({ id: ADMIN }), role: 'sysadmin' }))).toEqual(
      refusedWith('errors.ownAccountRole')
    )
  })

  it('grants the first security officer at once, while no account has ever held the role', () => {
    const first = { actorId: ADMIN, target: account({ role: null, active: false }), securityOfficers: 0 }
    expect(decideRoleProposal({ ...first, role: 'security_officer' })).toEqual({ ok: true, value: 'granted' })
    expect(decideRoleProposal({ ...first, role: 'sysadmin' })).toEqual({ ok: true, value: 'proposed' })
  })
})

describe('R-ROLE-7 a reset is told at sign-in', () => {
  const reset = { passwordResetAt: '2026-03-02T10:00:00.000Z', passwordResetBy: '张管理' }

  it('names the reset that came after the previous sign-in, and not an older one', () => {
    expect(resetSinceLastSignIn({ lastLoginAt: '2026-03-01T09:00:00.000Z', ...reset })).toEqual({
      at: reset.passwordResetAt,
      by: '张管理'
    })
    expect(resetSinceLastSignIn({ lastLoginAt: null, ...reset })).toEqual({ at: reset.passwordResetAt, by: '张管理' })
    expect(resetSinceLastSignIn({ lastLoginAt: '2026-03-03T09:00:00.000Z', ...reset })).toBeNull()
    expect(resetSinceLastSignIn({ lastLoginAt: null, passwordResetAt: null, passwordResetBy: null })).toBeNull()
  })
})
