import { describe, expect, it } from 'vitest'
import { roleAllows } from '@main/policy/roles'
import { CHANNELS, contract, ROLES } from '@preload/contract'
import { can, sectionsOf } from '@renderer/access'
import { permissionsOf } from '../support/permissions'

describe("the renderer's permissions come from the contract's access lists", () => {
  it('can() agrees with main on every channel for every role and for nobody', () => {
    for (const channel of CHANNELS) {
      expect(can(null, channel), `nobody signed in: ${channel}`).toBe(false)
      for (const role of ROLES)
        expect(can(permissionsOf(role), channel), `${role} ${channel}`).toBe(roleAllows(contract[channel].access, role))
    }
  })

  it('each role sees the sections it always saw, in the same order', () => {
    const business = ['dashboard', 'customers', 'records', 'use', 'disposal', 'storage', 'statistics']
    expect(Object.fromEntries(ROLES.map((role) => [role, sectionsOf(permissionsOf(role))]))).toEqual({
      sysadmin: ['users', 'backup', 'settings'],
      // S136: the security officer's workbench holds the customer-information alarms.
      security_officer: ['dashboard', 'users', 'settings'],
      auditor: ['audit'],
      archivist: business,
      archive_manager: [...business, 'settings'],
      department_head: business,
      staff_viewer: business,
      // R-ROLE-5: the deputy GM and GM read what the other readers read, and sign.
      deputy_gm: business,
      gm: business
    })
  })
})
