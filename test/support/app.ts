import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { inject } from 'vitest'
import { createApp, type App, type AppOptions } from '../../src-main/app'
import type { Db } from '../../src-main/db/connection'
import type { ChannelInput, ChannelOutput, Channel, Role } from '../../src-preload/contract'

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
}

export function tempDir(prefix = 'archive-room-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

/** The app's own files when it runs from source, as in these tests. */
export const REPOSITORY = path.resolve(__dirname, '../..')

export { ADMIN_PASSWORD, USER_PASSWORD, sampleCustomer } from './samples'
import { ADMIN_PASSWORD, USER_PASSWORD } from './samples'

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
  let counter = 0
  const signInAs = async (role: Role, username = `${role.replace(/_/g, '')}${++counter}`) => {
    const key = await admin()
    if (role === 'sysadmin') return key
    await call(
      'users.create',
      { username, displayName: username, role, department: 'ZS', password: USER_PASSWORD },
      key
    )
    // Stories start from a person who has already chosen their own password (test/integration/first-run.test.ts
    // covers the forced change itself).
    await app.database.query('UPDATE users SET must_change_password = 0 WHERE username = ?', [username])
    const sessionKey = `session-${username}`
    await call('auth.login', { username, password: USER_PASSWORD }, sessionKey)
    return sessionKey
  }
  return Object.assign(app, { dataDir, clock, call, signInAs })
}

/** Bench and test seeding straight into the tables, in one transaction of its own, behind the app's back. */
export async function seedInTransaction(app: App, work: (db: Db) => Promise<void>): Promise<void> {
  await app.database.query('BEGIN IMMEDIATE')
  try {
    await work(app.database)
    await app.database.query('COMMIT')
  } catch (error) {
    await app.database.query('ROLLBACK')
    throw error
  }
}
