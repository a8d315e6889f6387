import { afterEach, describe, expect, it } from 'vitest'
import { ROLES } from '@preload/contract'
import { makeApp, type TestApp } from '../support/app'
import { permissionsOf } from '../support/permissions'

let app: TestApp
afterEach(async () => app?.close())

describe('R-ROLE-7 a session tells the renderer which channels its role may call', () => {
  it('each role gets exactly the channels the access lists give it, and main refuses the rest', async () => {
    app = await makeApp()
    for (const role of ROLES) {
      const key = await app.signInAs(role, `who-${role}`)
      const status = await app.call('app.status', {}, key)
      expect([...(status.session?.channels ?? [])].sort(), role).toEqual([...permissionsOf(role).channels].sort())
      expect(status.session?.channels, role).not.toContain('nonexistent.channel')
    }
    const viewer = await app.signInAs('staff_viewer', 'viewer-2')
    const { session } = await app.call('app.status', {}, viewer)
    expect(session?.channels).not.toContain('users.create')
    const refused = await app.dispatch(
      'users.create',
      { username: 'x', displayName: 'x', role: 'staff_viewer' },
      viewer
    )
    expect(refused.ok || refused.error.code).toBe('FORBIDDEN')
  })
})
