import Database from 'better-sqlite3'
import path from 'node:path'
import type { QueryRunner } from 'typeorm'
import { afterEach, describe, expect, it } from 'vitest'
import { DATABASE_FILE } from '@main/db/data-source'
import { FirstRun1764913000000 } from '@main/db/migrations/1764913000000-FirstRun'
import { ADMIN_PASSWORD, makeApp, tempDir, USER_PASSWORD, type TestApp } from '../support/app'

let app: TestApp
afterEach(async () => app?.close())

const NEW_PASSWORD = 'Own-choice-2026'

async function adminKey(): Promise<string> {
  return app.signInAs('sysadmin')
}

/** Opened by the administrator and authorised by the security officer, as R-ROLE-7 has it. */
async function newAccount(department = 'ZS') {
  return app.createAccount({ role: 'archivist', username: 'wangwu', displayName: '王五', department })
}

describe('R-SEC-3 a password the administrator chose is changed at first sign-in', () => {
  it('refuses every channel but changing the password, signing out and the status until it is changed', async () => {
    app = await makeApp()
    const created = await newAccount()
    expect(created.mustChangePassword).toBe(true)
    const session = await app.call('auth.login', { username: 'wangwu', password: USER_PASSWORD }, 'wangwu')
    expect(session.mustChangePassword).toBe(true)
    for (const [channel, input] of [
      ['customers.list', {}],
      ['items.list', {}],
      ['backup.status', {}]
    ] as const) {
      expect(await app.dispatch(channel, input, 'wangwu')).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'errors.passwordChangeRequired', ruleId: 'R-SEC-3' }
      })
    }
    expect((await app.call('app.status', {}, 'wangwu')).session?.mustChangePassword).toBe(true)
    await app.call('auth.changePassword', { currentPassword: USER_PASSWORD, newPassword: NEW_PASSWORD }, 'wangwu')
    expect(await app.dispatch('customers.list', {}, 'wangwu')).toMatchObject({ ok: true })
    expect((await app.call('app.status', {}, 'wangwu')).session?.mustChangePassword).toBe(false)

    // The flag lives on the account, not only in the session: signing in again is not forced any more.
    await app.call('auth.logout', {}, 'wangwu')
    const again = await app.call('auth.login', { username: 'wangwu', password: NEW_PASSWORD }, 'wangwu')
    expect(again.mustChangePassword).toBe(false)
  })

  it('a password reset by the administrator is forced again; the administrator set up at first start is not', async () => {
    app = await makeApp()
    const created = await newAccount()
    await app.call('auth.login', { username: 'wangwu', password: USER_PASSWORD }, 'wangwu')
    await app.call('auth.changePassword', { currentPassword: USER_PASSWORD, newPassword: NEW_PASSWORD }, 'wangwu')
    await app.call('users.resetPassword', { id: created.id, password: USER_PASSWORD }, await adminKey())
    const reset = await app.call('auth.login', { username: 'wangwu', password: USER_PASSWORD }, 'wangwu')
    expect(reset.mustChangePassword).toBe(true)
    expect(await app.dispatch('customers.list', {}, 'wangwu')).toMatchObject({
      ok: false,
      error: { message: 'errors.passwordChangeRequired' }
    })
    const admin = await app.call('auth.login', { username: 'admin', password: ADMIN_PASSWORD }, 'admin-again')
    expect(admin.mustChangePassword).toBe(false)
  })

  it('migration 1764913000000 does not force the accounts that already exist', async () => {
    app = await makeApp()
    await newAccount()
    const dataDir = app.dataDir
    await app.close()
    const legacy = new Database(path.join(dataDir, DATABASE_FILE))
    const runner = { query: async (text: string) => legacy.exec(text) } as unknown as QueryRunner
    await new FirstRun1764913000000().down(runner)
    legacy.prepare('DELETE FROM migrations WHERE name = ?').run('FirstRun1764913000000')
    legacy.close()

    app = await makeApp(dataDir)
    const session = await app.call('auth.login', { username: 'wangwu', password: USER_PASSWORD }, 'wangwu')
    expect(session.mustChangePassword).toBe(false)
    expect(await app.dispatch('customers.list', {}, 'wangwu')).toMatchObject({ ok: true })
  })
})

describe('R-ROLE-3 an account’s department is one of the department list', () => {
  it('refuses a department that is not on the list, as a field error', async () => {
    app = await makeApp()
    const refused = await app.dispatch(
      'users.create',
      { username: 'wangwu', displayName: '王五', department: '销售部', password: USER_PASSWORD },
      await adminKey()
    )
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        ruleId: 'R-ROLE-3',
        details: [{ path: 'department', message: 'validation.departmentUnknown' }]
      }
    })
    const created = await newAccount('BGS')
    expect(created.department).toBe('BGS')
    const moved = await app.dispatch(
      'users.update',
      { id: created.id, displayName: '王五', department: '销售部', active: true },
      await adminKey()
    )
    expect(moved).toMatchObject({ ok: false, error: { details: [{ path: 'department' }] } })
  })

  it('keeps an old free-text department readable and accepts an unrelated edit without changing it', async () => {
    app = await makeApp()
    const created = await newAccount()
    await app.database.query('UPDATE users SET department = ? WHERE id = ?', ['老销售部', created.id])
    const listed = (await app.call('users.list', {}, await adminKey())).find((user) => user.id === created.id)
    expect(listed?.department).toBe('老销售部')
    const renamed = await app.call(
      'users.update',
      { id: created.id, displayName: '王五五', department: '老销售部', active: true },
      await adminKey()
    )
    expect(renamed).toMatchObject({ displayName: '王五五', department: '老销售部' })
  })
})

describe('issue 13 first-run setup', () => {
  it('writes the company as the first fonds, the departments and the backup folder; reports what is missing', async () => {
    app = await makeApp()
    const admin = await adminKey()
    const fresh = await app.call('setup.get', {}, admin)
    expect(fresh).toMatchObject({
      companyName: '本公司',
      fondsCode: 'J001',
      missing: ['companyName', 'backupFolder', 'recoveryPassphrase']
    })
    const folder = tempDir('first-run-backup-')
    const saved = await app.call(
      'setup.save',
      {
        companyName: '某某商业管理有限公司',
        fondsCode: 'J027',
        departments: [
          { code: 'ZS', name: '招商运营部' },
          { code: 'CW', name: '财务部' }
        ],
        backupFolder: folder
      },
      admin
    )
    expect(saved).toMatchObject({
      companyName: '某某商业管理有限公司',
      fondsCode: 'J027',
      missing: ['recoveryPassphrase']
    })
    // Issue 15.2: the wizard's last step sets the recovery passphrase, through the backup page's own channel.
    await app.call('backup.setPassphrase', { passphrase: '档案室的钥匙在二楼保险柜里' }, admin)
    expect((await app.call('setup.get', {}, admin)).missing).toEqual([])
    const archivist = await app.signInAs('archivist')
    const filing = (await app.call('settings.getFiling', {}, archivist)).data
    expect(filing.fonds[0]).toEqual({ code: 'J027', name: '某某商业管理有限公司' })
    expect(filing.departments.map((d) => d.code)).toEqual(['ZS', 'CW'])
    expect((await app.call('backup.status', {}, admin)).settings.folder).toBe(folder)
  })

  it('R-ROLE-3 refuses to drop a department that an account still names, and names the account', async () => {
    app = await makeApp()
    await newAccount('BGS')
    const refused = await app.dispatch(
      'setup.save',
      {
        companyName: '某某公司',
        fondsCode: 'J001',
        departments: [{ code: 'ZS', name: '招商运营部' }],
        backupFolder: ''
      },
      await adminKey()
    )
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'POLICY_DENIED',
        ruleId: 'R-ROLE-3',
        message: 'errors.departmentInUse',
        params: { department: 'BGS', users: '王五' }
      }
    })
    const manager = await app.signInAs('archive_manager')
    const filing = (await app.call('settings.getFiling', {}, manager)).data
    const viaSettings = await app.dispatch(
      'settings.saveFiling',
      { ...filing, departments: filing.departments.filter((d) => d.code !== 'BGS') },
      manager
    )
    expect(viaSettings).toMatchObject({ ok: false, error: { message: 'errors.departmentInUse' } })
  })
})
