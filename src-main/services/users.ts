import type { Db } from '../db/connection'
import type { Role, UserRow } from '../../src-preload/contract'
import {
  anyUserExists,
  countActiveSysadmins,
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
import type { MessageKey } from '../../src-preload/i18n/zh-CN'
import { decideLogin } from '../policy/login'
import { decideAccountDepartment } from '../policy/departments'
import { decideAccountChange } from '../policy/roles'
import { refuseClosingAccount } from '../policy/use'
import type { Actor, Store } from '../store'
import { hashPassword, verifyPassword } from './passwords'
import type { SettingsService } from './settings'

/** An account as listed; `departments` is the filing settings' list, to name the department or flag it missing. */
export function toUserRow(user: UserRecord, departments: { code: string; name: string }[]): UserRow {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    department: user.department,
    departmentName:
      user.department === '' ? '' : (departments.find((entry) => entry.code === user.department)?.name ?? null),
    active: Boolean(user.active),
    mustChangePassword: user.mustChangePassword,
    lockedUntil: user.lockedUntil,
    createdAt: user.createdAt
  }
}

/** What the audit log keeps of an account: everything but the password hash. */
/** The audit log names why a login failed in the words it always has. */
const LOGIN_FAILURES: Partial<Record<MessageKey, string>> = {
  'errors.accountInactive': 'inactive',
  'errors.accountLocked': 'locked',
  'errors.badCredentialsRemaining': 'badPassword'
}

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
  role: Role
  department: string
  password: string
}

export class UsersService {
  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService
  ) {}

  count(): Promise<number> {
    return countUsers(this.store.db)
  }

  async get(id: number, db: Db = this.store.db): Promise<UserRecord> {
    const user = await findUser(db, id)
    if (!user) throw notFound('errors.userNotFound')
    return user
  }

  /** First start only: there is no default password, the first person sets up the administrator. */
  async setupAdmin(input: { username: string; displayName: string; password: string }): Promise<UserRecord> {
    const passwordHash = await hashPassword(input.password)
    return this.store.write({ userId: null, username: input.username }, async ({ db, now, audit }) => {
      if (await anyUserExists(db)) throw conflict('errors.setupDone')
      const user = await this.insert(db, now, { ...input, role: 'sysadmin', department: '' }, passwordHash, false)
      await audit({ entity: 'user', entityId: user.id, action: 'setup', after: auditView(user) })
      return user
    })
  }

  async create(actor: Actor, input: NewUser): Promise<UserRow> {
    const passwordHash = await hashPassword(input.password)
    return this.store.write(actor, async ({ db, now, audit }) => {
      await this.checkDepartment(db, input.department)
      // The administrator knows this password, so the person replaces it at first sign-in.
      const user = await this.insert(db, now, input, passwordHash, true)
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
    input: NewUser,
    passwordHash: string,
    mustChangePassword: boolean
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
      active: true,
      mustChangePassword,
      failedLogins: 0,
      lockedUntil: null,
      createdAt: stamp,
      updatedAt: stamp
    }
    const id = await insertUser(db, record)
    return { ...record, id }
  }

  async list(): Promise<UserRow[]> {
    const departments = await this.departments()
    return (await listUsers(this.store.db)).map((user) => toUserRow(user, departments))
  }

  async update(
    actor: Actor,
    input: { id: number; displayName: string; role: Role; department: string; active: boolean }
  ): Promise<UserRow> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const before = await this.get(input.id, db)
      await this.checkDepartment(db, input.department, before.department)
      const activeSysadmins = await countActiveSysadmins(db)
      enforce(
        decideAccountChange({
          actorId: actor.userId ?? 0,
          targetId: before.id,
          targetRole: before.role,
          targetActive: Boolean(before.active),
          newRole: input.role,
          newActive: input.active,
          activeSysadmins
        })
      )
      if (before.active && !input.active) {
        const held = await heldBy(db, before.id)
        enforce(refuseClosingAccount(held.map((record) => record.archivalCode ?? record.title)))
      }
      const after: UserRecord = { ...before, ...input, updatedAt: now.toISOString() }
      await updateUser(db, before.id, {
        displayName: after.displayName,
        role: after.role,
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

  async resetPassword(actor: Actor, id: number, password: string): Promise<void> {
    const passwordHash = await hashPassword(password)
    await this.store.write(actor, async ({ db, now, audit }) => {
      const user = await this.get(id, db)
      await updateUser(db, id, {
        passwordHash,
        mustChangePassword: true,
        failedLogins: 0,
        lockedUntil: null,
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
   * so the login form does not reveal which accounts exist.
   */
  async authenticate(username: string, password: string): Promise<UserRecord> {
    const id = await findUserIdByName(this.store.db, username)
    if (id === undefined) {
      await verifyPassword(password, await unknownUserHash())
      throw new AppFailure('UNAUTHENTICATED', 'errors.badCredentials', { ruleId: 'R-SEC-3' })
    }
    const user = await this.get(id)
    const matches = await verifyPassword(password, user.passwordHash)
    const settings = (await this.settings.security()).data
    const refusal = await this.store.write(actorOf(user), async ({ db, now, audit }) => {
      const current = await this.get(user.id, db)
      const decision = decideLogin(
        { active: Boolean(current.active), failedLogins: current.failedLogins, lockedUntil: current.lockedUntil },
        matches,
        now,
        settings
      )
      const { failedLogins, lockedUntil } = decision
      await updateUser(db, user.id, { failedLogins, lockedUntil })
      const refusal = decision.decision.ok ? null : decision.decision.refusal
      await audit({
        entity: 'user',
        entityId: user.id,
        action: refusal ? 'login_failed' : 'login',
        after: refusal ? { reason: LOGIN_FAILURES[refusal.reason], failedLogins, lockedUntil } : undefined
      })
      return refusal
    })
    if (refusal === null) return { ...user, failedLogins: 0, lockedUntil: null }
    const { reason, ...extra } = refusal
    throw new AppFailure('UNAUTHENTICATED', reason, extra)
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
    const passwordHash = await hashPassword(newPassword)
    await this.store.write(actor, async ({ db, now, audit }) => {
      await updateUser(db, id, { passwordHash, mustChangePassword: false, updatedAt: now.toISOString() })
      await audit({ entity: 'user', entityId: id, action: 'change_password' })
    })
  }
}

let dummyHash: Promise<string> | null = null

/** Spends the same work on unknown usernames as on real ones, so timing does not reveal them either. */
function unknownUserHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-account-0')
  return dummyHash
}
