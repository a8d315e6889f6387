import { roleAllows } from '@main/policy/roles'
import { CHANNELS, contract, type Role } from '@preload/contract'
import type { Permissions } from '@renderer/access'

/** What main puts in a session of this role (handlers-admin.ts); test/integration/session-channels.test.ts holds it to that. */
export const permissionsOf = (role: Role): Permissions => ({
  channels: CHANNELS.filter((channel) => roleAllows(contract[channel].access, role))
})
