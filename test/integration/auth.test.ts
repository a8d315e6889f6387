import { afterEach, describe, expect, it } from 'vitest'
import { PASSWORD_KDF } from '@main/services/passwords'
import { ADMIN_PASSWORD, makeApp, tempDir, USER_PASSWORD, type TestApp } from '../support/app'

let app: TestApp
afterEach(async () => app?.close())

const login = (username: string, password: string, key = 'client-1') =>
  app.dispatch('auth.login', { username, password }, key)

describe('R-SEC-3 accounts', () => {
  it('has no default account: the first start asks for the administrator, and only once', async () => {
    app = await makeApp()
    expect((await app.call('app.status', {}, 'k')).needsSetup).toBe(true)
    for (const [username, password] of [
      ['admin', 'admin'],
      ['admin', '123456'],
      ['root', 'root']
    ]) {
      expect(await login(username, password)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    }
    const session = await app.call(
      'auth.setupAdmin',
      { username: 'admin', displayName: '管理员', password: ADMIN_PASSWORD },
      'k'
    )
    expect(session.role).toBe('sysadmin')
    const again = await app.dispatch(
      'auth.setupAdmin',
      { username: 'admin2', displayName: 'x', password: ADMIN_PASSWORD },
      'other'
    )
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'errors.setupDone' } })
    expect((await app.call('users.list', {}, 'k')).map((u) => u.username)).toEqual(['admin'])
  })

  it('stores passwords as salted scrypt hashes at the production cost, never as given', async () => {
    app = await makeApp(tempDir(), { passwordKdf: PASSWORD_KDF })
    await app.signInAs('archivist', 'zhangsan')
    // The administrator, the security officer who authorised the archivist, and the archivist: the last two share
    // a password, and their salts still tell the hashes apart.
    const rows: { password_hash: string }[] = await app.database.query('SELECT password_hash FROM users')
    expect(rows).toHaveLength(3)
    for (const row of rows) {
      expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/)
      expect(row.password_hash).not.toContain(USER_PASSWORD)
    }
    expect(new Set(rows.map((row) => row.password_hash)).size).toBe(3)
  })

  it('locks the account for 15 minutes after 5 failures, even against the right password', async () => {
    app = await makeApp()
    await app.signInAs('archivist', 'zhangsan')
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect(await login('zhangsan', 'wrong-password-1')).toMatchObject({
        ok: false,
        error: {
          code: 'UNAUTHENTICATED',
          message: 'errors.badCredentialsRemaining',
          params: { remaining: 5 - attempt }
        }
      })
    }
    expect(await login('zhangsan', 'wrong-password-1')).toMatchObject({
      ok: false,
      error: { message: 'errors.accountLocked', ruleId: 'R-SEC-3' }
    })
    expect(await login('zhangsan', USER_PASSWORD)).toMatchObject({
      ok: false,
      error: { message: 'errors.accountLocked' }
    })
    app.clock.advanceMinutes(14)
    expect(await login('zhangsan', USER_PASSWORD)).toMatchObject({
      ok: false,
      error: { message: 'errors.accountLocked' }
    })
    app.clock.advanceMinutes(1)
    expect(await login('zhangsan', USER_PASSWORD)).toMatchObject({ ok: true, data: { username: 'zhangsan' } })
    const audit: { action: string }[] = await app.database.query(
      "SELECT action FROM audit_log WHERE entity = 'user' AND action LIKE 'login%'"
    )
    expect(audit.filter((a) => a.action === 'login_failed')).toHaveLength(7)
  })

  it('lets the security officer unlock a locked account', async () => {
    app = await makeApp()
    await app.signInAs('archivist', 'zhangsan')
    const officer = await app.signInAs('security_officer', 'anquan')
    for (let attempt = 0; attempt < 5; attempt += 1) await login('zhangsan', 'wrong-password-1')
    const locked = (await app.call('users.list', {}, officer)).find((u) => u.username === 'zhangsan')
    expect(locked?.lockedUntil).not.toBeNull()
    await app.call('users.unlock', { id: locked!.id }, officer)
    expect(await login('zhangsan', USER_PASSWORD)).toMatchObject({ ok: true })
  })

  it('answers unknown user names exactly like wrong passwords', async () => {
    app = await makeApp()
    await app.signInAs('archivist', 'zhangsan')
    const unknown = await login('nobody', 'whatever-123')
    expect(unknown).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'errors.badCredentials', ruleId: 'R-SEC-3' }
    })
  })

  it('locks an idle session after the set minutes; only the password unlocks it', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist', 'zhangsan')
    app.clock.advanceMinutes(14)
    expect(await app.dispatch('customers.list', {}, key)).toMatchObject({ ok: true })
    app.clock.advanceMinutes(15)
    expect(await app.dispatch('customers.list', {}, key)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'errors.sessionLocked' }
    })
    expect((await app.call('app.status', {}, key)).session?.locked).toBe(true)
    expect(await app.dispatch('auth.unlock', { password: 'wrong-password-1' }, key)).toMatchObject({ ok: false })
    expect(await app.dispatch('customers.list', {}, key)).toMatchObject({
      ok: false,
      error: { message: 'errors.sessionLocked' }
    })
    await app.call('auth.unlock', { password: USER_PASSWORD }, key)
    expect(await app.dispatch('customers.list', {}, key)).toMatchObject({ ok: true })
  })

  it('uses the idle time the security officer sets, as a new settings version', async () => {
    app = await makeApp()
    const officer = await app.signInAs('security_officer', 'anquan')
    const key = await app.signInAs('archivist', 'zhangsan')
    const saved = await app.call(
      'settings.saveSecurity',
      { idleLockMinutes: 5, maxFailedLogins: 5, lockoutMinutes: 15 },
      officer
    )
    // Version 1 is the built-in defaults; saved versions count on from 2.
    expect(saved.version).toBe(2)
    await app.call('settings.saveSecurity', { idleLockMinutes: 5, maxFailedLogins: 4, lockoutMinutes: 30 }, officer)
    const history = await app.call('settings.securityHistory', {}, officer)
    expect(history.map((v) => [v.version, v.data.maxFailedLogins, v.createdBy])).toEqual([
      [3, 4, 'anquan'],
      [2, 5, 'anquan']
    ])
    const refused = await app.dispatch(
      'settings.saveSecurity',
      { idleLockMinutes: 0, maxFailedLogins: 5, lockoutMinutes: 15 },
      officer
    )
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        details: [{ path: 'idleLockMinutes', message: 'validation.between', params: { min: 1, max: 240 } }]
      }
    })
    app.clock.advanceMinutes(4)
    expect(await app.dispatch('customers.list', {}, key)).toMatchObject({ ok: true })
    app.clock.advanceMinutes(5)
    expect(await app.dispatch('customers.list', {}, key)).toMatchObject({
      ok: false,
      error: { message: 'errors.sessionLocked' }
    })
  })

  it('changes a password only with the current one, and the new one works', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist', 'zhangsan')
    const wrong = await app.dispatch(
      'auth.changePassword',
      { currentPassword: 'not-it-123', newPassword: 'Brand-new-2025' },
      key
    )
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: [{ path: 'currentPassword', message: 'errors.wrongPassword' }] }
    })
    const weak = await app.dispatch(
      'auth.changePassword',
      { currentPassword: USER_PASSWORD, newPassword: 'short1' },
      key
    )
    expect(weak).toMatchObject({
      ok: false,
      error: { details: [{ path: 'newPassword', message: 'validation.passwordLength' }] }
    })
    await app.call('auth.changePassword', { currentPassword: USER_PASSWORD, newPassword: 'Brand-new-2025' }, key)
    expect(await login('zhangsan', USER_PASSWORD, 'c2')).toMatchObject({ ok: false })
    expect(await login('zhangsan', 'Brand-new-2025', 'c3')).toMatchObject({ ok: true })
  })

  it('signs out, and a switched-off account loses its session and cannot sign in', async () => {
    app = await makeApp()
    const admin = await app.signInAs('sysadmin')
    const key = await app.signInAs('archivist', 'zhangsan')
    await app.call('auth.logout', {}, key)
    expect(await app.dispatch('customers.list', {}, key)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' }
    })
    const again = await app.signInAs('archive_manager', 'wangli')
    const user = (await app.call('users.list', {}, admin)).find((u) => u.username === 'wangli')!
    await app.call(
      'users.update',
      { id: user.id, displayName: user.displayName, department: user.department, active: false },
      admin
    )
    expect(await app.dispatch('customers.list', {}, again)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' }
    })
    expect(await login('wangli', USER_PASSWORD)).toMatchObject({
      ok: false,
      error: { message: 'errors.accountInactive' }
    })
  })

  it('ends the sessions of an account whose role changes or whose password is reset', async () => {
    app = await makeApp()
    const admin = await app.signInAs('sysadmin')
    const key = await app.signInAs('archivist', 'zhangsan')
    const user = (await app.call('users.list', {}, admin)).find((u) => u.username === 'zhangsan')!
    const officer = await app.signInAs('security_officer')
    await app.call('users.assignRole', { id: user.id, role: 'staff_viewer', active: true }, officer)
    expect(await app.dispatch('customers.list', {}, key)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' }
    })
    const again = 'zhangsan-again'
    await app.call('auth.login', { username: 'zhangsan', password: USER_PASSWORD }, again)
    expect(await app.dispatch('customers.create', { name: 'x' }, again)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    })
    await app.call('users.resetPassword', { id: user.id, password: 'Reset-pass-2025' }, admin)
    expect(await app.dispatch('customers.list', {}, again)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' }
    })
  })

  it('refuses a duplicate user name regardless of case', async () => {
    app = await makeApp()
    const admin = await app.signInAs('sysadmin')
    await app.signInAs('archivist', 'zhangsan')
    const duplicate = await app.dispatch(
      'users.create',
      { username: 'ZhangSan', displayName: 'x', password: USER_PASSWORD },
      admin
    )
    expect(duplicate).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: [{ path: 'username' }] } })
  })
})
