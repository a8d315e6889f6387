import { afterEach, describe, expect, it } from 'vitest'
import { ROLES, type Role } from '@preload/contract'
import { makeApp, USER_PASSWORD, type TestApp } from '../support/app'

/**
 * Adversary brief, separation of duties (R-ROLE-7, 三员分立): every account channel against every role, written from
 * domain.md (the administrator opens and edits accounts, the security officer gives roles, either unlocks), and the
 * paths around the two-person rule that the separation-of-duties tests do not take.
 */

let app: TestApp
afterEach(async () => app?.close())

const CHOSEN = 'Chosen-by-admin-1'
const usersTable = () => app.database.query('SELECT * FROM users ORDER BY id')

const accountNamed = async (username: string, key: string) =>
  (await app.call('users.list', {}, key)).find((user) => user.username === username)!

/** Who may call each account channel, from domain.md. */
const MAY: Record<string, readonly Role[]> = {
  'users.create': ['sysadmin'],
  'users.update': ['sysadmin'],
  'users.proposeRole': ['sysadmin'],
  'users.resetPassword': ['sysadmin'],
  'users.assignRole': ['security_officer'],
  'users.unlock': ['sysadmin', 'security_officer']
}

describe('adversary: every account channel × every role', () => {
  it('only the roles of domain.md get through; every other role is refused and nothing in users changes', async () => {
    app = await makeApp()
    const admin = await app.signInAs('sysadmin')
    const keys = new Map<Role, string>()
    for (const role of ROLES)
      keys.set(role, await app.signInAs(role, role === 'sysadmin' ? undefined : `m${role.replace(/_/g, '')}`))
    const pending = await app.call(
      'users.create',
      { username: 'pending', displayName: '待授权', department: '', password: CHOSEN },
      admin
    )
    const inputs: Record<string, Record<string, unknown>> = {
      'users.create': { username: 'intruder', displayName: 'x', department: '', password: CHOSEN },
      'users.update': { id: pending.id, displayName: '改名', department: '', active: false },
      'users.proposeRole': { id: pending.id, role: 'sysadmin' },
      'users.resetPassword': { id: pending.id, password: CHOSEN },
      'users.assignRole': { id: pending.id, role: 'archivist', active: true },
      'users.unlock': { id: pending.id }
    }
    for (const [channel, input] of Object.entries(inputs))
      for (const role of ROLES) {
        if (MAY[channel].includes(role)) continue
        const before = await usersTable()
        const result = await app.dispatch(channel as 'users.unlock', input as { id: number }, keys.get(role)!)
        expect([channel, role, result.ok ? 'ok' : result.error.code]).toEqual([channel, role, 'FORBIDDEN'])
        expect(await usersTable()).toEqual(before)
      }
  })
})

describe('adversary: the administrator getting a role onto an account', () => {
  it('through extra fields on create or update, or a proposal of an ordinary role: each a validation error', async () => {
    app = await makeApp()
    const admin = await app.signInAs('sysadmin')
    const base = { username: 'mole', displayName: 'mole', department: '', password: CHOSEN }
    for (const extra of [
      { role: 'archivist' },
      { active: true },
      { mustChangePassword: false },
      { proposedRole: 'gm' }
    ])
      expect(await app.dispatch('users.create', { ...base, ...extra } as typeof base, admin)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' }
      })
    const mole = await app.call('users.create', base, admin)
    const edit = { id: mole.id, displayName: 'mole', department: '', active: false }
    for (const extra of [{ role: 'archivist' }, { proposedRole: 'sysadmin', proposedBy: 999 }])
      expect(await app.dispatch('users.update', { ...edit, ...extra } as typeof edit, admin)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' }
      })
    for (const role of ROLES.filter((role) => role !== 'sysadmin' && role !== 'security_officer'))
      expect(await app.dispatch('users.proposeRole', { id: mole.id, role: role as 'sysadmin' }, admin)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' }
      })
    expect(await accountNamed('mole', admin)).toMatchObject({ role: null, active: false, proposedRole: null })
  })

  it('cannot switch a privileged account back on once the security officer switched it off', async () => {
    app = await makeApp()
    const admin = await app.signInAs('sysadmin')
    const officer = await app.signInAs('security_officer')
    await app.signInAs('auditor', 'shenji')
    await app.signInAs('archivist', 'keeper')
    for (const name of ['shenji', 'keeper']) {
      const account = await accountNamed(name, admin)
      await app.call('users.assignRole', { id: account.id, role: account.role!, active: false }, officer)
      expect(
        await app.dispatch('users.update', { id: account.id, displayName: name, department: '', active: true }, admin)
      ).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED', message: 'errors.enableBySecurityOfficer' } })
      expect(
        await app.dispatch('auth.login', { username: name, password: USER_PASSWORD }, `again-${name}`)
      ).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    }
  })

  it('the first-security-officer shortcut does not come back once the first one is demoted or switched off', async () => {
    app = await makeApp()
    const admin = await app.signInAs('sysadmin')
    const first = await app.signInAs('security_officer', 'anquan1')
    const second = await app.signInAs('security_officer', 'anquan2')
    const one = await accountNamed('anquan1', admin)
    // The second officer demotes the first; no account is a security officer but the second.
    await app.call('users.assignRole', { id: one.id, role: 'archivist', active: false }, second)
    const newcomer = await app.call(
      'users.create',
      { username: 'anquan3', displayName: 'anquan3', department: '', password: CHOSEN },
      admin
    )
    expect(await app.call('users.proposeRole', { id: newcomer.id, role: 'security_officer' }, admin)).toMatchObject({
      role: null,
      active: false,
      proposedRole: 'security_officer'
    })
    // Nor is there a second first start.
    expect(
      await app.dispatch('auth.setupAdmin', { username: 'root2', displayName: 'root2', password: CHOSEN }, 'root2')
    ).toMatchObject({ ok: false })
    expect((await app.call('app.status', {}, admin)).needsSetup).toBe(false)
    void first
  })
})

describe('adversary: the security officer alone', () => {
  it('neither grants themselves anything nor makes a second officer or an administrator without a proposal', async () => {
    app = await makeApp()
    const admin = await app.signInAs('sysadmin')
    const officer = await app.signInAs('security_officer')
    await app.signInAs('archivist', 'keeper')
    const self = (await app.call('users.list', {}, officer)).find((user) => user.role === 'security_officer')!
    for (const role of ['sysadmin', 'auditor', 'security_officer'] as const)
      expect(await app.dispatch('users.assignRole', { id: self.id, role, active: true }, officer)).toMatchObject({
        ok: false,
        error: { code: 'POLICY_DENIED' }
      })
    const keeper = await accountNamed('keeper', admin)
    for (const role of ['sysadmin', 'security_officer'] as const)
      expect(await app.dispatch('users.assignRole', { id: keeper.id, role, active: true }, officer)).toMatchObject({
        ok: false,
        error: { code: 'POLICY_DENIED', message: 'errors.roleNeedsProposal' }
      })
    expect(await accountNamed('keeper', admin)).toMatchObject({ role: 'archivist' })
  })
})

describe('adversary: a pending or switched-off account signing in another way', () => {
  it('an old session of an account switched off ends, and unlocking a locked one does not bring it back', async () => {
    app = await makeApp()
    const admin = await app.signInAs('sysadmin')
    const officer = await app.signInAs('security_officer')
    const keeper = await app.signInAs('archivist', 'keeper')
    await app.call('auth.lock', {}, keeper)
    const account = await accountNamed('keeper', admin)
    await app.call('users.assignRole', { id: account.id, role: 'archivist', active: false }, officer)
    expect(await app.dispatch('auth.unlock', { password: USER_PASSWORD }, keeper)).toMatchObject({ ok: false })
    expect(await app.dispatch('customers.list', {}, keeper)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' }
    })
  })

  it('a pending account neither signs in nor unlocks a session that was never its own', async () => {
    app = await makeApp()
    const admin = await app.signInAs('sysadmin')
    await app.call('users.create', { username: 'pending', displayName: 'p', department: '', password: CHOSEN }, admin)
    expect(await app.dispatch('auth.login', { username: 'pending', password: CHOSEN }, 'p')).toMatchObject({
      ok: false,
      error: { message: 'errors.accountPending' }
    })
    expect(await app.dispatch('auth.unlock', { password: CHOSEN }, 'p')).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' }
    })
    expect(await app.dispatch('customers.list', {}, 'p')).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' }
    })
  })

  it('a role given but the account left switched off does not sign in', async () => {
    app = await makeApp()
    const admin = await app.signInAs('sysadmin')
    const officer = await app.signInAs('security_officer')
    const mole = await app.call(
      'users.create',
      { username: 'mole', displayName: 'm', department: '', password: CHOSEN },
      admin
    )
    await app.call('users.assignRole', { id: mole.id, role: 'archivist', active: false }, officer)
    expect(await app.dispatch('auth.login', { username: 'mole', password: CHOSEN }, 'm')).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' }
    })
  })
})
