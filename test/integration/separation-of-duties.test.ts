/**
 * Issue 15.4, R-ROLE-7 (三员分立, 003): the administrator opens accounts, the security officer gives them their role,
 * and neither makes an administrator or security officer alone. Each attack of the issue is one test here; every
 * act is in the audit log (R-SEC-1), and a password the administrator chose must be changed before anything else
 * (R-SEC-3).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { makeApp, sampleCustomer, USER_PASSWORD, type TestApp } from '../support/app'

let app: TestApp
afterEach(async () => app?.close())

const CHOSEN = 'Chosen-by-admin-1'

/** The audit entries about one account, oldest first. */
const trailOf = async (id: number, auditorKey: string) =>
  (await app.call('audit.list', { entity: 'user', pageSize: 200 }, auditorKey)).rows
    .filter((row) => row.entityId === String(id))
    .reverse()

const accountNamed = async (username: string, key: string) =>
  (await app.call('users.list', {}, key)).find((user) => user.username === username)!

describe('R-ROLE-7 the administrator alone gives nobody rights', () => {
  it('opens an account with a password of its choosing that has no role and cannot sign in to read customer files', async () => {
    app = await makeApp()
    const archivist = await app.signInAs('archivist', 'liwen')
    const customer = await app.call('customers.create', sampleCustomer(), archivist)
    const admin = await app.signInAs('sysadmin')

    const mole = await app.call(
      'users.create',
      { username: 'mole', displayName: '临时工', department: 'ZS', password: CHOSEN },
      admin
    )
    expect(mole).toMatchObject({ role: null, active: false, mustChangePassword: true })
    expect(await app.dispatch('auth.login', { username: 'mole', password: CHOSEN }, 'mole')).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'errors.accountPending', ruleId: 'R-ROLE-7' }
    })
    expect(await app.dispatch('customers.get', { id: customer.id }, 'mole')).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' }
    })
    // Nor can the administrator switch it on or give it a role.
    expect(
      await app.dispatch('users.update', { id: mole.id, displayName: '临时工', department: 'ZS', active: true }, admin)
    ).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED', message: 'errors.enableBySecurityOfficer' } })
    expect(
      await app.dispatch('users.assignRole', { id: mole.id, role: 'archivist', active: true }, admin)
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', ruleId: 'R-ROLE-7' } })

    // The security officer authorises it; the person's first act is to replace the administrator's password.
    const officer = await app.signInAs('security_officer')
    await app.call('users.assignRole', { id: mole.id, role: 'archivist', active: true }, officer)
    const session = await app.call('auth.login', { username: 'mole', password: CHOSEN }, 'mole')
    expect(session).toMatchObject({ role: 'archivist', mustChangePassword: true, lastSignInAt: null })
    expect(await app.dispatch('customers.get', { id: customer.id }, 'mole')).toMatchObject({
      ok: false,
      error: { message: 'errors.passwordChangeRequired', ruleId: 'R-SEC-3' }
    })

    const auditor = await app.signInAs('auditor', 'shenji')
    const trail = await trailOf(mole.id, auditor)
    expect(trail.map((row) => [row.username, row.action])).toEqual([
      ['admin', 'create'],
      ['mole', 'login_failed'],
      ['securityofficer', 'assign_role'],
      ['mole', 'login']
    ])
  })

  it('resets the auditor’s password and signs in as the auditor: must change it first, and it shows', async () => {
    app = await makeApp()
    const admin = await app.signInAs('sysadmin')
    const own = await app.signInAs('auditor', 'shenji')
    const firstSignIn = app.clock.now.toISOString()
    const auditor = await accountNamed('shenji', admin)

    app.clock.advanceMinutes(60)
    const resetAt = app.clock.now.toISOString()
    await app.call('users.resetPassword', { id: auditor.id, password: CHOSEN }, await app.signInAs('sysadmin'))
    expect(await app.dispatch('audit.list', {}, own)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })

    app.clock.advanceMinutes(5)
    const intruderSignIn = app.clock.now.toISOString()
    const intruder = await app.call('auth.login', { username: 'shenji', password: CHOSEN }, 'intruder')
    expect(intruder).toMatchObject({
      mustChangePassword: true,
      lastSignInAt: firstSignIn,
      passwordReset: { at: resetAt, by: '系统管理员' }
    })
    expect(await app.dispatch('audit.list', {}, 'intruder')).toMatchObject({
      ok: false,
      error: { message: 'errors.passwordChangeRequired', ruleId: 'R-SEC-3' }
    })

    // Changing it locks the auditor out of their own account, which they notice; back in, they see the sign-in they
    // did not make, and their log names the reset and that sign-in.
    await app.call('auth.changePassword', { currentPassword: CHOSEN, newPassword: 'Intruder-own-2' }, 'intruder')
    await app.call('auth.logout', {}, 'intruder')
    expect(await app.dispatch('auth.login', { username: 'shenji', password: USER_PASSWORD }, 'shenji')).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' }
    })
    app.clock.advanceMinutes(60)
    await app.call(
      'users.resetPassword',
      { id: auditor.id, password: 'Asked-for-reset-3' },
      await app.signInAs('sysadmin')
    )
    const back = await app.call('auth.login', { username: 'shenji', password: 'Asked-for-reset-3' }, 'shenji')
    expect(back.lastSignInAt).toBe(intruderSignIn)
    await app.call(
      'auth.changePassword',
      { currentPassword: 'Asked-for-reset-3', newPassword: 'Auditor-own-4' },
      'shenji'
    )
    const trail = await trailOf(auditor.id, 'shenji')
    const acts = trail.map((row) => [row.at, row.username, row.action])
    expect(acts).toContainEqual([resetAt, 'admin', 'reset_password'])
    expect(acts).toContainEqual([intruderSignIn, 'shenji', 'login'])
  })
})

describe('R-ROLE-7 an administrator or security officer takes both of them', () => {
  it('refuses the administrator making the security officer a second administrator', async () => {
    app = await makeApp()
    const admin = await app.signInAs('sysadmin')
    const officer = await app.signInAs('security_officer')
    const account = await accountNamed('securityofficer', admin)

    expect(
      await app.dispatch(
        'users.update',
        {
          id: account.id,
          displayName: account.displayName,
          department: account.department,
          role: 'sysadmin',
          active: true
        },
        admin
      )
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    const proposed = await app.call('users.proposeRole', { id: account.id, role: 'sysadmin' }, admin)
    expect(proposed).toMatchObject({ role: 'security_officer', proposedRole: 'sysadmin' })
    // The security officer cannot approve a proposal about themselves.
    expect(
      await app.dispatch('users.assignRole', { id: account.id, role: 'sysadmin', active: true }, officer)
    ).toMatchObject({
      ok: false,
      error: { code: 'POLICY_DENIED', ruleId: 'R-ROLE-7', message: 'errors.ownAccountRole' }
    })
    expect((await accountNamed('securityofficer', admin)).role).toBe('security_officer')
  })

  it('refuses the administrator making someone a security officer alone; the security officer completes it', async () => {
    app = await makeApp()
    const admin = await app.signInAs('sysadmin')
    const officer = await app.signInAs('security_officer')
    const friend = await app.call(
      'users.create',
      { username: 'friend', displayName: '亲信', department: 'ZS', password: CHOSEN },
      admin
    )
    const proposed = await app.call('users.proposeRole', { id: friend.id, role: 'security_officer' }, admin)
    expect(proposed).toMatchObject({ role: null, active: false, proposedRole: 'security_officer' })
    expect(await app.dispatch('auth.login', { username: 'friend', password: CHOSEN }, 'friend')).toMatchObject({
      ok: false,
      error: { message: 'errors.accountPending' }
    })
    // Nor does the security officer make one without the administrator's proposal.
    const other = await app.call(
      'users.create',
      { username: 'other', displayName: '另一人', department: 'ZS', password: CHOSEN },
      admin
    )
    expect(
      await app.dispatch('users.assignRole', { id: other.id, role: 'security_officer', active: true }, officer)
    ).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED', message: 'errors.roleNeedsProposal' } })
    expect(
      await app.dispatch('users.assignRole', { id: other.id, role: 'sysadmin', active: true }, officer)
    ).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED', message: 'errors.roleNeedsProposal' } })

    const granted = await app.call(
      'users.assignRole',
      { id: friend.id, role: 'security_officer', active: true },
      officer
    )
    expect(granted).toMatchObject({ role: 'security_officer', active: true, proposedRole: null })
    const auditor = await app.signInAs('auditor', 'shenji')
    const trail = await trailOf(friend.id, auditor)
    expect(trail.map((row) => [row.username, row.action, row.after])).toEqual([
      ['admin', 'create', expect.objectContaining({ role: null, active: false })],
      ['admin', 'propose_role', { proposedRole: 'security_officer' }],
      ['friend', 'login_failed', { reason: 'pending', failedLogins: 0, lockedUntil: null }],
      ['securityofficer', 'assign_role', { role: 'security_officer', active: true }]
    ])
  })

  it('lets the administrator set up the first security officer once, at installation', async () => {
    app = await makeApp()
    const admin = await app.signInAs('sysadmin')
    const open = (username: string) =>
      app.call('users.create', { username, displayName: username, department: '', password: CHOSEN }, admin)
    const first = await open('anquan')
    expect(await app.call('users.proposeRole', { id: first.id, role: 'security_officer' }, admin)).toMatchObject({
      role: 'security_officer',
      active: true,
      proposedRole: null
    })
    const second = await open('anquan2')
    expect(await app.call('users.proposeRole', { id: second.id, role: 'security_officer' }, admin)).toMatchObject({
      role: null,
      active: false,
      proposedRole: 'security_officer'
    })
    // Nor can the first be switched off by the administrator, to make room for another "first".
    expect(
      await app.dispatch('users.update', { id: first.id, displayName: 'anquan', department: '', active: false }, admin)
    ).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED', message: 'errors.officerBySecurityOfficer' } })
  })
})

describe('R-ROLE-7 each person sees their previous sign-in', () => {
  it('tells the person when they last signed in, and nothing of a reset that came before it', async () => {
    app = await makeApp()
    await app.signInAs('archivist', 'liwen')
    const firstAt = app.clock.now.toISOString()
    await app.call('auth.logout', {}, 'session-liwen')
    app.clock.advanceMinutes(30)
    const again = await app.call('auth.login', { username: 'liwen', password: USER_PASSWORD }, 'again')
    expect(again).toMatchObject({ lastSignInAt: firstAt, passwordReset: null })
  })
})
