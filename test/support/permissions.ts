import { roleAllows } from '../../src-main/policy/roles'
import { CHANNELS, contract, type Role } from '../../src-preload/contract'
import type { Permissions } from '../../src-renderer/src/access'

/** What main puts in a session of this role (handlers-admin.ts); test/integration/session-channels.test.ts holds it to that. */
export const permissionsOf = (role: Role): Permissions => ({
  channels: CHANNELS.filter((channel) => roleAllows(contract[channel].access, role))
})
