import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHANNELS, contract, ROLES, type Channel, type Role } from '@preload/contract'
import { makeApp, sampleCustomer, type TestApp } from '../support/app'

let app: TestApp
const sessions = {} as Record<Role, string>

beforeAll(async () => {
  app = await makeApp()
  for (const role of ROLES) sessions[role] = await app.signInAs(role)
  await app.call('customers.create', sampleCustomer(), sessions.archivist)
}, 60_000)
afterAll(async () => app.close())

const allowedRoles = (channel: Channel): readonly Role[] => {
  const access = contract[channel].access
  return access === 'public' || access === 'authenticated' ? ROLES : access
}

async function databaseSnapshot(): Promise<string> {
  const tables: { name: string; withoutRowid: number }[] = await app.database.query(
    // Search indexes (virtual tables and their shadow tables) only mirror the tables compared here.
    `SELECT name, sql LIKE '%WITHOUT ROWID' AS withoutRowid FROM sqlite_master t WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'
       AND NOT EXISTS (SELECT 1 FROM sqlite_master v WHERE v.sql LIKE 'CREATE VIRTUAL%' AND t.name LIKE v.name || '!_%' ESCAPE '!')
     ORDER BY name`
  )
  const dump: Record<string, unknown> = {}
  // A table without rowid is read in the order of its primary key.
  for (const { name, withoutRowid } of tables)
    dump[name] = await app.database.query(`SELECT * FROM "${name}" ${withoutRowid ? '' : 'ORDER BY rowid'}`)
  return JSON.stringify(dump)
}

describe('every channel of the contract', () => {
  it.each(CHANNELS)('%s refuses malformed input with VALIDATION and field details', async (channel) => {
    const role = allowedRoles(channel)[0]
    for (const junk of [42, 'text', [], null, { unexpectedField: 1 }]) {
      const result = await app.dispatch(channel, junk, sessions[role])
      expect(result.ok, `${channel} ${JSON.stringify(junk)}`).toBe(false)
      if (!result.ok) {
        expect(result.error.code).toBe('VALIDATION')
        expect(result.error.details?.length).toBeGreaterThan(0)
      }
    }
  })

  it.each(CHANNELS.filter((channel) => contract[channel].access !== 'public'))(
    '%s requires a signed-in session',
    async (channel) => {
      expect(await app.dispatch(channel, {}, 'stranger')).toEqual({
        ok: false,
        error: { code: 'UNAUTHENTICATED', message: 'errors.unauthenticated' }
      })
    }
  )

  it.each(CHANNELS)('%s admits exactly its roles (R-ROLE-7)', async (channel) => {
    for (const role of ROLES) {
      const result = await app.dispatch(channel, { unexpectedField: 1 }, sessions[role])
      const expected = allowedRoles(channel).includes(role) ? 'VALIDATION' : 'FORBIDDEN'
      expect(result.ok ? 'ok' : result.error.code, `${channel} as ${role}`).toBe(expected)
    }
  })

  it('refuses unknown channels', async () => {
    expect(await app.dispatch('customers.delete', { id: 1 }, sessions.archivist)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' }
    })
    expect(await app.dispatch('__proto__', {}, sessions.archivist)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' }
    })
  })
})

describe('R-ROLE-7 separation of duties', () => {
  const channelsOf = (role: Role) =>
    CHANNELS.filter((c) => Array.isArray(contract[c].access) && allowedRoles(c).includes(role))

  it('the administrator manages accounts and cannot touch records', () => {
    expect(
      channelsOf('sysadmin').every(
        (c) =>
          c.startsWith('users.') ||
          c.startsWith('backup.') ||
          // Issue 13: the first-run setup (company, fonds, departments, backup folder) comes right after the
          // administrator's account; it writes reference settings, never a record.
          c.startsWith('setup.') ||
          c === 'settings.getSecurity' ||
          c === 'support.diagnostics'
      )
    ).toBe(true)
    expect(allowedRoles('customers.create')).not.toContain('sysadmin')
  })

  it('the auditor reads, verifies and seals the audit log and nothing else', () => {
    expect(channelsOf('auditor').sort()).toEqual(['audit.checkSeal', 'audit.list', 'audit.seal', 'audit.verify'])
  })

  it('only archivists and archive managers change customers', () => {
    for (const channel of ['customers.create', 'customers.update'] as const) {
      expect([...allowedRoles(channel)].sort()).toEqual(['archive_manager', 'archivist'])
    }
  })
})

describe('fuzzing', () => {
  let seed = 20261125
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed / 2147483648
  }
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]
  const junk = (depth = 0): unknown => {
    const kind = Math.floor(random() * (depth > 3 ? 6 : 9))
    switch (kind) {
      case 0:
        return pick([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, -0])
      case 1:
        return pick([
          '',
          ' ',
          '上海',
          "'; DROP TABLE customers; --",
          '%',
          '"',
          '\u0000',
          'x'.repeat(10_000),
          '2024-13-45'
        ])
      case 2:
        return pick([true, false, null, undefined])
      case 3:
        return BigInt(Math.floor(random() * 1000))
      case 4:
        return Symbol('junk').description
      case 5:
        return new Date(random() * 1e13)
      case 6:
        return Array.from({ length: Math.floor(random() * 4) }, () => junk(depth + 1))
      default: {
        const object: Record<string, unknown> = { [`junk${Math.floor(random() * 100)}`]: junk(depth + 1) }
        for (let i = 0; i < Math.floor(random() * 4); i += 1) {
          object[pick(['id', 'name', 'page', 'password', 'username', '__proto__', 'constructor', 'role', 'search'])] =
            junk(depth + 1)
        }
        return object
      }
    }
  }

  it('sends random junk to every channel: every answer is an envelope, the database is unchanged', async () => {
    const before = await databaseSnapshot()
    const keys = ['nobody', sessions.sysadmin, sessions.archivist, sessions.auditor, sessions.staff_viewer]
    let calls = 0
    for (const channel of CHANNELS) {
      for (let round = 0; round < 60; round += 1) {
        const result = await app.dispatch(channel, junk(), pick(keys))
        calls += 1
        expect(typeof result.ok).toBe('boolean')
        if (!result.ok) expect(['VALIDATION', 'FORBIDDEN', 'UNAUTHENTICATED']).toContain(result.error.code)
      }
    }
    expect(calls).toBe(CHANNELS.length * 60)
    expect(await databaseSnapshot()).toBe(before)
    expect(await app.dispatch('customers.list', {}, sessions.archivist)).toMatchObject({ ok: true, data: { total: 1 } })
  })
})
