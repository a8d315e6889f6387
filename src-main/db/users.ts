import type { Role } from '@preload/contract'
import { insertRow, updateRow, type Db } from './connection'
import { sql } from './sql'

export interface UserRecord {
  id: number
  username: string
  displayName: string
  /** Null while the account waits for the security officer to give it a role (待授权, R-ROLE-7); never active then. */
  role: Role | null
  department: string
  passwordHash: string
  active: boolean
  /** Set when the administrator chose the password; cleared when the person changes it. */
  mustChangePassword: boolean
  failedLogins: number
  lockedUntil: string | null
  createdAt: string
  updatedAt: string
  /** R-ROLE-7: the administrator's proposal of a role that also needs the security officer, and who made it. */
  proposedRole: Role | null
  proposedBy: number | null
  lastLoginAt: string | null
  /** The last reset of the password, and the display name of who reset it: shown to the person at sign-in. */
  passwordResetAt: string | null
  passwordResetBy: string | null
}

const USER_COLUMNS = sql`id, username, display_name AS displayName, role, department, password_hash AS passwordHash,
  active, must_change_password AS mustChangePassword, failed_logins AS failedLogins, locked_until AS lockedUntil, created_at AS createdAt, updated_at AS updatedAt, proposed_role AS proposedRole,
  proposed_by AS proposedBy, last_login_at AS lastLoginAt, password_reset_at AS passwordResetAt,
  password_reset_by AS passwordResetBy`

type StoredUser = Omit<UserRecord, 'active' | 'mustChangePassword'> & {
  active: number | boolean
  mustChangePassword: number | boolean
}

/** SQLite keeps booleans as 0 and 1. */
const userRecord = (row: StoredUser): UserRecord => ({
  ...row,
  active: Boolean(row.active),
  mustChangePassword: Boolean(row.mustChangePassword)
})

export async function countUsers(db: Db): Promise<number> {
  const [{ n }] = await db.query<{ n: number }>(sql`SELECT COUNT(*) AS n FROM users`)
  return n
}

export async function anyUserExists(db: Db): Promise<boolean> {
  return (await db.query(sql`SELECT 1 FROM users LIMIT 1`)).length > 0
}

/** When this installation was set up: the first account is the administrator's, created at first start. */
export async function firstAccountCreatedAt(db: Db): Promise<string | null> {
  const [row] = await db.query<{ at: string | null }>(sql`SELECT MIN(created_at) AS at FROM users`)
  return row?.at ?? null
}

export async function findUser(db: Db, id: number): Promise<UserRecord | undefined> {
  const [row] = await db.query<StoredUser>(sql`SELECT ${USER_COLUMNS} FROM users WHERE id = ${id}`)
  return row && userRecord(row)
}

/** Usernames are unique regardless of case, so "Wang" and "wang" are the same account. */
export async function findUserIdByName(db: Db, username: string): Promise<number | undefined> {
  const [row] = await db.query<{ id: number }>(sql`SELECT id FROM users WHERE username = ${username} COLLATE NOCASE`)
  return row?.id
}

/** Ordered by username. */
export async function listUsers(db: Db): Promise<UserRecord[]> {
  return (await db.query<StoredUser>(sql`SELECT ${USER_COLUMNS} FROM users ORDER BY username`)).map(userRecord)
}

export async function countActive(db: Db, role: Role): Promise<number> {
  const [{ n }] = await db.query<{ n: number }>(
    sql`SELECT COUNT(*) AS n FROM users WHERE role = ${role} AND active = 1`
  )
  return n
}

/** Accounts holding the role, switched on or off: none only before the first security officer was set up. */
export async function countHolding(db: Db, role: Role): Promise<number> {
  const [{ n }] = await db.query<{ n: number }>(sql`SELECT COUNT(*) AS n FROM users WHERE role = ${role}`)
  return n
}

export const insertUser = (db: Db, user: Omit<UserRecord, 'id'>): Promise<number> => insertRow(db, 'users', user)

export const updateUser = (db: Db, id: number, fields: Partial<Omit<UserRecord, 'id'>>): Promise<void> =>
  updateRow(db, 'users', id, fields)
