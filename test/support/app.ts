import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { inject } from 'vitest'
import { createApp, type App, type AppOptions } from '@main/app'
import type { Db } from '@main/db/connection'
import {
  TWO_PERSON_ROLES,
  type ChannelInput,
  type ChannelOutput,
  type Channel,
  type Role,
  type UserRow
} from '@preload/contract'

export interface TestClock {
  now: Date
  advanceMinutes(minutes: number): void
}

export interface TestApp extends App {
  dataDir: string
  clock: TestClock
  /** Calls a channel and returns its data, failing the test with the error envelope otherwise. */
  call<C extends Channel>(channel: C, input: ChannelInput<C>, sessionKey: string): Promise<ChannelOutput<C>>
  signInAs(role: Role, username?: string): Promise<string>
  /**
   * An account opened as R-ROLE-7 has it: the administrator creates it, the security officer gives it its role and
   * switches it on (after the administrator's proposal, for an administrator or security officer). Its person has
   * not signed in yet; the password is USER_PASSWORD.
   */
  createAccount(account: { role: Role; username: string; displayName?: string; department?: string }): Promise<UserRow>
}

export function tempDir(prefix = 'archive-room-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

/** The app's own files when it runs from source, as in these tests. */
export const REPOSITORY = path.resolve(__dirname, '../..')

export { ADMIN_PASSWORD, USER_PASSWORD, sampleCustomer } from './samples'
import { ADMIN_PASSWORD, USER_PASSWORD } from './samples'

/**
 * Cheaper scrypt than production, which spends about half a second a guess on purpose: the suite opens thousands of
 * accounts. The production costs are checked in auth.test.ts and backup-encryption.test.ts.
 */
export const TEST_RECOVERY_KDF = { N: 2 ** 14, r: 8 as const, p: 1 }
export const TEST_PASSWORD_KDF = { N: 2 ** 10, r: 8, p: 1 }

export async function makeApp(dataDir = tempDir(), more: Partial<AppOptions> = {}): Promise<TestApp> {
  const clock: TestClock = {
    now: new Date('2026-03-02T09:00:00.000Z'),
    advanceMinutes(minutes) {
      this.now = new Date(this.now.getTime() + minutes * 60_000)
    }
  }
  const app = await createApp({
    dataDir,
    appFolders: [REPOSITORY],
    clock: () => clock.now,
    importWorker: inject('importWorker'),
    backupWorker: inject('backupWorker'),
    recoveryKdf: TEST_RECOVERY_KDF,
    passwordKdf: TEST_PASSWORD_KDF,
    ...more
  })
  let adminKey: string | null = null
  const call: TestApp['call'] = async (channel, input, sessionKey) => {
    const result = await app.dispatch(channel, input, sessionKey)
    if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`)
    return result.data as never
  }
  const admin = async () => {
    adminKey ??= 'admin-session'
    const status = await call('app.status', {}, adminKey)
    if (status.session?.locked) {
      await call('auth.unlock', { password: ADMIN_PASSWORD }, adminKey)
    } else if (status.session) {
      return adminKey
    } else if (status.needsSetup) {
      await call(
        'auth.setupAdmin',
        { username: 'admin', displayName: '系统管理员', password: ADMIN_PASSWORD },
        adminKey
      )
    } else {
      await call('auth.login', { username: 'admin', password: ADMIN_PASSWORD }, adminKey)
    }
    return adminKey
  }
  /** Signs the account in under `key`, or unlocks the session there that the test clock's idle time locked. */
  const sessionOf = async (key: string, username: string) => {
    const status = await call('app.status', {}, key)
    if (status.session?.locked) await call('auth.unlock', { password: USER_PASSWORD }, key)
    else if (!status.session) await call('auth.login', { username, password: USER_PASSWORD }, key)
    return key
  }
  // Stories start from a person who has already chosen their own password (test/integration/first-run.test.ts
  // covers the forced change itself).
  const passwordChosen = (id: number) =>
    app.database.query('UPDATE users SET must_change_password = 0 WHERE id = ?', [id])
  let officer: { key: string; username: string } | null = null
  /** The security officer who authorises accounts: the installation's first, whom the administrator sets up once. */
  const securityOfficer = async (username = 'securityofficer') => {
    if (!officer) {
      const key = await admin()
      // A data folder opened again keeps the officer the previous app set up.
      const existing = (await call('users.list', {}, key)).find((user) => user.role === 'security_officer')
      if (!existing) {
        const created = await call(
          'users.create',
          { username, displayName: username, department: 'ZS', password: USER_PASSWORD },
          key
        )
        await call('users.proposeRole', { id: created.id, role: 'security_officer' }, key)
        await passwordChosen(created.id)
      }
      const name = existing?.username ?? username
      officer = { key: `session-${name}`, username: name }
    }
    return sessionOf(officer.key, officer.username)
  }
  const createAccount: TestApp['createAccount'] = async ({
    role,
    username,
    displayName = username,
    department = 'ZS'
  }) => {
    const key = await admin()
    const created = await call('users.create', { username, displayName, department, password: USER_PASSWORD }, key)
    if ((TWO_PERSON_ROLES as readonly Role[]).includes(role)) {
      await call('users.proposeRole', { id: created.id, role: role as (typeof TWO_PERSON_ROLES)[number] }, key)
    }
    return call('users.assignRole', { id: created.id, role, active: true }, await securityOfficer())
  }
  let counter = 0
  /** Any role; a security officer without a name is the one who authorises accounts, set up on first need. */
  const signInAs = async (role: Role, username?: string) => {
    const key = await admin()
    if (role === 'sysadmin') return key
    if (role === 'security_officer' && (!officer || username === undefined)) return securityOfficer(username)
    const name = username ?? `${role.replace(/_/g, '')}${++counter}`
    await passwordChosen((await createAccount({ role, username: name })).id)
    return sessionOf(`session-${name}`, name)
  }
  return Object.assign(app, { dataDir, clock, call, signInAs, createAccount })
}

/** Bench and test seeding straight into the tables, in one transaction of its own, behind the app's back. */
export async function seedInTransaction(app: App, work: (db: Db) => Promise<void>): Promise<void> {
  await app.database.query('BEGIN IMMEDIATE')
  try {
    await work(app.database)
    await app.database.query('COMMIT')
  } catch (error) {
    // SQLite rolls the whole transaction back itself on some errors (a full disk in the middle of an FTS5 write).
    if (app.database.connection.inTransaction) await app.database.query('ROLLBACK')
    throw error
  }
}
