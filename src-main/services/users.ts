import type { Db } from '../db/connection'
import type { Role, UserRow } from '@preload/contract'
import {
  anyUserExists,
  countActive,
  countHolding,
  countUsers,
  findUser,
  findUserIdByName,
  insertUser,
  listUsers,
  updateUser,
  type UserRecord
} from '../db/users'
import { heldBy } from '../db/use'
import { AppFailure, conflict, enforce, notFound } from '../errors'
import type { MessageKey } from '@preload/i18n/zh-CN'
import { decideAdministratorEdit, decideRoleGrant, decideRoleProposal, type AccountFacts } from '../policy/accounts'
import { decideLogin, resetSinceLastSignIn } from '../policy/login'
import { decideAccountDepartment } from '../policy/departments'
import { refuseClosingAccount } from '../policy/use'
import type { Actor, Store } from '../store'
import { hashPassword, PASSWORD_KDF, verifyPassword, type PasswordKdf } from './passwords'
import type { SettingsService } from './settings'
import type { CustomerUpkeepService } from './customer-upkeep'

/** An account as listed; `departments` is the filing settings' list, to name the department or flag it missing. */
export function toUserRow(user: UserRecord, departments: { code: string; name: string }[]): UserRow {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    proposedRole: user.proposedRole,
    department: user.department,
    departmentName:
      user.department === '' ? '' : (departments.find((entry) => entry.code === user.department)?.name ?? null),
    active: Boolean(user.active),
    mustChangePassword: user.mustChangePassword,
    lockedUntil: user.lockedUntil,
    createdAt: user.createdAt,
    lastLoginAt: user.lastLoginAt
  }
}

/** The audit log names why a login failed in the words it always has. */
const LOGIN_FAILURES: Partial<Record<MessageKey, string>> = {
  'errors.accountPending': 'pending',
  'errors.accountInactive': 'inactive',
  'errors.accountLocked': 'locked',
  'errors.badCredentialsRemaining': 'badPassword'
}

/** What the audit log keeps of an account: everything but the password hash. */
const auditView = (user: UserRecord) => {
  const { passwordHash: _hash, ...rest } = user
  return { ...rest, active: Boolean(user.active) }
}

export const actorOf = (user: Pick<UserRecord, 'id' | 'username'>): Actor => ({
  userId: user.id,
  username: user.username
})

export interface NewUser {
  username: string
  displayName: string
  department: string
  password: string
}

/** An account signed in: the login policy has checked that it holds a role. */
export type SignedInUser = UserRecord & {
  role: Role
  /** What the person is shown at sign-in (R-ROLE-7). */
  lastSignInAt: string | null
  passwordReset: { at: string; by: string } | null
}

const factsOf = (user: UserRecord): AccountFacts => ({
  id: user.id,
  role: user.role,
  active: user.active,
  proposedRole: user.proposedRole,
  proposedBy: user.proposedBy
})

export class UsersService {
  /** Spent on unknown usernames as on real ones, so timing does not reveal them either. */
  private unknownUserHash: Promise<string> | null = null

  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService,
    private readonly customerUpkeep: CustomerUpkeepService,
    private readonly passwordKdf: PasswordKdf = PASSWORD_KDF
  ) {}

  private hash(password: string): Promise<string> {
    return hashPassword(password, this.passwordKdf)
  }

  count(): Promise<number> {
    return countUsers(this.store.db)
  }

  async get(id: number, db: Db = this.store.db): Promise<UserRecord> {
    const user = await findUser(db, id)
    if (!user) throw notFound('errors.userNotFound')
    return user
  }

  /** First start only: there is no default password, the first person sets up the administrator. */
  async setupAdmin(input: { username: string; displayName: string; password: string }): Promise<SignedInUser> {
    const passwordHash = await this.hash(input.password)
    return this.store.write({ userId: null, username: input.username }, async ({ db, now, audit }) => {
      if (await anyUserExists(db)) throw conflict('errors.setupDone')
      const account = { ...input, role: 'sysadmin' as const, department: '', active: true, mustChangePassword: false }
      const user = await this.insert(db, now, account, passwordHash)
      await updateUser(db, user.id, { lastLoginAt: now.toISOString() })
      await audit({ entity: 'user', entityId: user.id, action: 'setup', after: auditView(user) })
      return { ...user, role: 'sysadmin' as const, lastSignInAt: null, passwordReset: null }
    })
  }

  /**
   * R-ROLE-7: the administrator opens the account without a role and switched off, so it cannot sign in until the
   * security officer authorises it; the person replaces the administrator's password at first sign-in.
   */
  async create(actor: Actor, input: NewUser): Promise<UserRow> {
    const passwordHash = await this.hash(input.password)
    return this.store.write(actor, async ({ db, now, audit }) => {
      await this.checkDepartment(db, input.department)
      const account = { ...input, role: null, active: false, mustChangePassword: true }
      const user = await this.insert(db, now, account, passwordHash)
      await audit({ entity: 'user', entityId: user.id, action: 'create', after: auditView(user) })
      return toUserRow(user, await this.departments(db))
    })
  }

  private async departments(db: Db = this.store.db) {
    return (await this.settings.filing(db)).data.departments
  }

  /** R-ROLE-3: the department must be one of the list; `previous` (the account's own) is kept even if it is not. */
  private async checkDepartment(db: Db, department: string, previous?: string): Promise<void> {
    const known = (await this.departments(db)).map((entry) => entry.code)
    const decision = decideAccountDepartment(department, known, previous)
    if (!decision.ok) {
      throw new AppFailure('VALIDATION', 'errors.validation', {
        ruleId: decision.refusal.ruleId,
        details: [{ path: 'department', message: decision.refusal.reason }]
      })
    }
  }

  private async insert(
    db: Db,
    now: Date,
    input: Omit<NewUser, 'password'> & Pick<UserRecord, 'role' | 'active' | 'mustChangePassword'>,
    passwordHash: string
  ): Promise<UserRecord> {
    if ((await findUserIdByName(db, input.username)) !== undefined) {
      throw new AppFailure('CONFLICT', 'errors.usernameTaken', {
        details: [{ path: 'username', message: 'errors.usernameTaken' }]
      })
    }
    const stamp = now.toISOString()
    const record = {
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      department: input.department,
      passwordHash,
      active: input.active,
      mustChangePassword: input.mustChangePassword,
      failedLogins: 0,
      lockedUntil: null,
      createdAt: stamp,
      updatedAt: stamp,
      proposedRole: null,
      proposedBy: null,
      lastLoginAt: null,
      passwordResetAt: null,
      passwordResetBy: null
    }
    const id = await insertUser(db, record)
    return { ...record, id }
  }

  async list(): Promise<UserRow[]> {
    const departments = await this.departments()
    return (await listUsers(this.store.db)).map((user) => toUserRow(user, departments))
  }

  /** The administrator's edit (R-ROLE-7): name, department, and switching an ordinary account off. */
  async update(
    actor: Actor,
    input: { id: number; displayName: string; department: string; active: boolean }
  ): Promise<UserRow> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const before = await this.get(input.id, db)
      await this.checkDepartment(db, input.department, before.department)
      enforce(decideAdministratorEdit(actor.userId ?? 0, factsOf(before), input.active))
      if (before.active && !input.active) await this.checkNothingHeld(db, before.id)
      const after: UserRecord = { ...before, ...input, updatedAt: now.toISOString() }
      await updateUser(db, before.id, {
        displayName: after.displayName,
        department: after.department,
        active: after.active,
        updatedAt: after.updatedAt
      })
      await audit({
        entity: 'user',
        entityId: before.id,
        action: 'update',
        before: auditView(before),
        after: auditView(after)
      })
      return toUserRow(after, await this.departments(db))
    })
  }

  /** R-ROLE-7: the security officer's act: the account's role, and whether it may sign in. */
  async assignRole(actor: Actor, input: { id: number; role: Role; active: boolean }): Promise<UserRow> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const before = await this.get(input.id, db)
      enforce(
        decideRoleGrant({
          actorId: actor.userId ?? 0,
          target: factsOf(before),
          newRole: input.role,
          newActive: input.active,
          activeSysadmins: await countActive(db, 'sysadmin'),
          activeSecurityOfficers: await countActive(db, 'security_officer')
        })
      )
      if (before.active && !input.active) await this.checkNothingHeld(db, before.id)
      const granted = before.proposedRole === input.role
      const after: UserRecord = {
        ...before,
        role: input.role,
        active: input.active,
        proposedRole: granted ? null : before.proposedRole,
        proposedBy: granted ? null : before.proposedBy,
        updatedAt: now.toISOString()
      }
      await updateUser(db, before.id, {
        role: after.role,
        active: after.active,
        proposedRole: after.proposedRole,
        proposedBy: after.proposedBy,
        updatedAt: after.updatedAt
      })
      await audit({
        entity: 'user',
        entityId: before.id,
        action: 'assign_role',
        before: { role: before.role, active: before.active, proposedRole: before.proposedRole },
        after: { role: after.role, active: after.active }
      })
      return toUserRow(after, await this.departments(db))
    })
  }

  /**
   * R-ROLE-7: the administrator's half of making someone administrator or security officer. The installation's
   * first security officer, with nobody yet to approve, is granted at once.
   */
  async proposeRole(actor: Actor, input: { id: number; role: Role }): Promise<UserRow> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const before = await this.get(input.id, db)
      const outcome = enforce(
        decideRoleProposal({
          actorId: actor.userId ?? 0,
          target: factsOf(before),
          role: input.role,
          securityOfficers: await countHolding(db, 'security_officer')
        })
      )
      const stamp = now.toISOString()
      const after: UserRecord =
        outcome === 'granted'
          ? { ...before, role: input.role, active: true, proposedRole: null, proposedBy: null, updatedAt: stamp }
          : { ...before, proposedRole: input.role, proposedBy: actor.userId, updatedAt: stamp }
      await updateUser(db, before.id, {
        role: after.role,
        active: after.active,
        proposedRole: after.proposedRole,
        proposedBy: after.proposedBy,
        updatedAt: stamp
      })
      await audit({
        entity: 'user',
        entityId: before.id,
        action: outcome === 'granted' ? 'assign_role' : 'propose_role',
        before: { role: before.role, active: before.active, proposedRole: before.proposedRole },
        after:
          outcome === 'granted'
            ? { role: after.role, active: after.active, firstSecurityOfficer: true }
            : { proposedRole: after.proposedRole }
      })
      return toUserRow(after, await this.departments(db))
    })
  }

  /**
   * R-CUST-6: an account is switched off only when its person has handed back everything they borrowed and handed
   * their customers over (S151).
   */
  private async checkNothingHeld(db: Db, userId: number): Promise<void> {
    const held = await heldBy(db, userId)
    enforce(refuseClosingAccount(held.map((record) => record.archivalCode ?? record.title)))
    await this.customerUpkeep.refuseClosingWithCustomers(db, userId)
  }

  async resetPassword(actor: Actor, id: number, password: string): Promise<void> {
    const passwordHash = await this.hash(password)
    await this.store.write(actor, async ({ db, now, audit }) => {
      const user = await this.get(id, db)
      const resetter = actor.userId === null ? undefined : await findUser(db, actor.userId)
      // Kept on the account so that whoever signs in with this password is told who reset it and when (R-ROLE-7).
      await updateUser(db, id, {
        passwordHash,
        mustChangePassword: true,
        failedLogins: 0,
        lockedUntil: null,
        passwordResetAt: now.toISOString(),
        passwordResetBy: resetter?.displayName ?? actor.username,
        updatedAt: now.toISOString()
      })
      await audit({ entity: 'user', entityId: user.id, action: 'reset_password' })
    })
  }

  async unlock(actor: Actor, id: number): Promise<void> {
    await this.store.write(actor, async ({ db, now, audit }) => {
      const user = await this.get(id, db)
      await updateUser(db, id, { failedLogins: 0, lockedUntil: null, updatedAt: now.toISOString() })
      await audit({
        entity: 'user',
        entityId: user.id,
        action: 'unlock',
        before: { failedLogins: user.failedLogins, lockedUntil: user.lockedUntil },
        after: { failedLogins: 0, lockedUntil: null }
      })
    })
  }

  /**
   * R-SEC-3: checks a password and records the outcome. Unknown names and wrong passwords get the same answer,
   * so the login form does not reveal which accounts exist. `startsSession` is false when a locked session is
   * unlocked: that is no new sign-in to show next time.
   */
  async authenticate(username: string, password: string, startsSession = true): Promise<SignedInUser> {
    const id = await findUserIdByName(this.store.db, username)
    if (id === undefined) {
      await verifyPassword(password, await (this.unknownUserHash ??= this.hash('not-a-real-account-0')))
      throw new AppFailure('UNAUTHENTICATED', 'errors.badCredentials', { ruleId: 'R-SEC-3' })
    }
    const user = await this.get(id)
    const matches = await verifyPassword(password, user.passwordHash)
    const settings = (await this.settings.security()).data
    const outcome = await this.store.write(actorOf(user), async ({ db, now, audit }) => {
      const current = await this.get(user.id, db)
      const decision = decideLogin(
        {
          role: current.role,
          active: Boolean(current.active),
          failedLogins: current.failedLogins,
          lockedUntil: current.lockedUntil
        },
        matches,
        now,
        settings
      )
      const { failedLogins, lockedUntil } = decision
      const signsIn = decision.decision.ok && startsSession
      await updateUser(db, user.id, {
        failedLogins,
        lockedUntil,
        ...(signsIn ? { lastLoginAt: now.toISOString() } : {})
      })
      if (!decision.decision.ok) {
        const { refusal } = decision.decision
        const after = { reason: LOGIN_FAILURES[refusal.reason], failedLogins, lockedUntil }
        await audit({ entity: 'user', entityId: user.id, action: 'login_failed', after })
        return { ok: false as const, refusal }
      }
      await audit({ entity: 'user', entityId: user.id, action: 'login' })
      return { ok: true as const, role: decision.decision.value, current }
    })
    if (!outcome.ok) {
      const { reason, ...extra } = outcome.refusal
      throw new AppFailure('UNAUTHENTICATED', reason, extra)
    }
    const { role, current } = outcome
    return {
      ...current,
      role,
      failedLogins: 0,
      lockedUntil: null,
      lastSignInAt: current.lastLoginAt,
      passwordReset: resetSinceLastSignIn(current)
    }
  }

  async checkPassword(id: number, password: string): Promise<boolean> {
    const user = await this.get(id)
    return verifyPassword(password, user.passwordHash)
  }

  async changePassword(actor: Actor, id: number, currentPassword: string, newPassword: string): Promise<void> {
    if (!(await this.checkPassword(id, currentPassword))) {
      throw new AppFailure('VALIDATION', 'errors.validation', {
        details: [{ path: 'currentPassword', message: 'errors.wrongPassword' }]
      })
    }
    if (currentPassword === newPassword) {
      throw new AppFailure('VALIDATION', 'errors.validation', {
        details: [{ path: 'newPassword', message: 'validation.passwordUnchanged' }]
      })
    }
    const passwordHash = await this.hash(newPassword)
    await this.store.write(actor, async ({ db, now, audit }) => {
      await updateUser(db, id, { passwordHash, mustChangePassword: false, updatedAt: now.toISOString() })
      await audit({ entity: 'user', entityId: id, action: 'change_password' })
    })
  }
}
