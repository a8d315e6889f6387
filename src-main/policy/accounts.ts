import { OFFICER_ROLES, TWO_PERSON_ROLES, type Role } from '@preload/contract'
import { allow, allowed, refuse, type Decision } from './decision'

/** What the account rules need to know of an account. */
export interface AccountFacts {
  id: number
  /** Null while the account waits for its role (待授权). */
  role: Role | null
  active: boolean
  proposedRole: Role | null
  proposedBy: number | null
}

const isOfficer = (role: Role | null) => role !== null && (OFFICER_ROLES as readonly Role[]).includes(role)
const needsTwo = (role: Role) => (TWO_PERSON_ROLES as readonly Role[]).includes(role)

/**
 * R-ROLE-7 (三员分立, 003): the administrator keeps an account's name and department and may switch off an ordinary
 * account (a person leaving, R-CUST-6), but switching one on is the security officer's act, and the three officers'
 * accounts are not the administrator's to switch off: one of the three must not silence another.
 */
export function decideAdministratorEdit(actorId: number, target: AccountFacts, newActive: boolean): Decision {
  if (newActive === target.active) return allowed
  if (newActive) return refuse('R-ROLE-7', 'errors.enableBySecurityOfficer')
  if (actorId === target.id) return refuse('R-ROLE-7', 'errors.ownAccountRole')
  if (isOfficer(target.role)) return refuse('R-ROLE-7', 'errors.officerBySecurityOfficer')
  return allowed
}

export interface RoleGrant {
  actorId: number
  target: AccountFacts
  newRole: Role
  newActive: boolean
  /** Active accounts holding each role that must never be left without one. */
  activeSysadmins: number
  activeSecurityOfficers: number
}

/**
 * R-ROLE-7: the security officer gives an account its role and switches it on or off, never their own. Making
 * someone administrator or security officer takes the administrator's proposal of exactly that role first, so
 * neither of the two can make a second one of either alone. The last active administrator and the last active
 * security officer keep their role, or nobody could open or authorise accounts on this PC any more.
 */
export function decideRoleGrant(grant: RoleGrant): Decision {
  const { target, newRole, newActive } = grant
  if (grant.actorId === target.id) return refuse('R-ROLE-7', 'errors.ownAccountRole')
  const proposedByAnother =
    target.proposedRole === newRole && target.proposedBy !== null && target.proposedBy !== grant.actorId
  if (needsTwo(newRole) && newRole !== target.role && !proposedByAnother) {
    return refuse('R-ROLE-7', 'errors.roleNeedsProposal')
  }
  const removes = (role: Role) => target.role === role && target.active && (newRole !== role || !newActive)
  if (removes('sysadmin') && grant.activeSysadmins <= 1) return refuse('R-ROLE-7', 'errors.lastSysadmin')
  if (removes('security_officer') && grant.activeSecurityOfficers <= 1) {
    return refuse('R-ROLE-7', 'errors.lastSecurityOfficer')
  }
  return allowed
}

export interface RoleProposal {
  actorId: number
  target: AccountFacts
  role: Role
  /** Accounts holding the security officer's role, switched on or off. */
  securityOfficers: number
}

/**
 * R-ROLE-7: the administrator proposes that an account become administrator or security officer; the security
 * officer's grant completes it ('proposed'). The one exception is the installation's first security officer: until
 * an account has ever held that role there is nobody to approve, so the administrator's proposal takes effect at once
 * ('granted'). That happens once, since the last active security officer can never lose the role.
 */
export function decideRoleProposal(proposal: RoleProposal): Decision<'proposed' | 'granted'> {
  const { target, role } = proposal
  if (proposal.actorId === target.id) return refuse('R-ROLE-7', 'errors.ownAccountRole')
  if (target.role === role) return refuse('R-ROLE-7', 'errors.roleAlreadyHeld')
  if (role === 'security_officer' && proposal.securityOfficers === 0) return allow('granted')
  return allow('proposed')
}
