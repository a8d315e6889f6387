import Database from 'better-sqlite3'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DATABASE_FILE } from '@main/db/data-source'
import { makeApp, sampleCustomer, USER_PASSWORD, type TestApp } from '../support/app'

let app: TestApp
afterEach(async () => app?.close())

describe('R-SEC-1 audit log', () => {
  it('records who, when, what, before and after for a change, in the same transaction', async () => {
    app = await makeApp()
    const archivist = await app.signInAs('archivist', 'zhangsan')
    const auditor = await app.signInAs('auditor', 'shenji')
    const created = await app.call('customers.create', sampleCustomer(), archivist)
    app.clock.advanceMinutes(3)
    await app.call(
      'customers.update',
      { ...sampleCustomer({ legalRepresentative: '王建华' }), id: created.id, version: created.version },
      archivist
    )
    const page = await app.call('audit.list', { entity: 'customer', action: 'update' }, auditor)
    expect(page.total).toBe(1)
    expect(page.rows[0]).toMatchObject({
      username: 'zhangsan',
      entity: 'customer',
      entityId: String(created.id),
      action: 'update',
      at: '2026-03-02T09:03:00.000Z',
      before: { legalRepresentative: '王建国' },
      after: { legalRepresentative: '王建华' }
    })
  })

  it('writes nothing, not even an audit entry, when the change is refused', async () => {
    app = await makeApp()
    const archivist = await app.signInAs('archivist', 'zhangsan')
    await app.call('customers.create', sampleCustomer(), archivist)
    const count = async () => (await app.database.query('SELECT COUNT(*) AS n FROM audit_log'))[0].n
    const before = await count()
    const refused = await app.dispatch('customers.create', sampleCustomer(), archivist)
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await count()).toBe(before)
    expect((await app.database.query('SELECT COUNT(*) AS n FROM customers'))[0].n).toBe(1)
  })

  it('filters by user, object, action and dates, newest first, in pages', async () => {
    app = await makeApp()
    const archivist = await app.signInAs('archivist', 'zhangsan')
    const auditor = await app.signInAs('auditor', 'shenji')
    for (let i = 0; i < 5; i += 1) {
      await app.call('customers.create', sampleCustomer({ name: `客户${i}` }), archivist)
      app.clock.advanceMinutes(24 * 60)
      await app.call('auth.unlock', { password: USER_PASSWORD }, archivist)
    }
    await app.call('auth.unlock', { password: USER_PASSWORD }, auditor)
    const byUser = await app.call(
      'audit.list',
      { username: 'zhangsan', action: 'create', pageSize: 2, page: 1 },
      auditor
    )
    expect(byUser.total).toBe(5)
    expect(byUser.rows).toHaveLength(2)
    expect(byUser.rows[0].id).toBeGreaterThan(byUser.rows[1].id)
    const oneDay = await app.call('audit.list', { entity: 'customer', from: '2026-03-03', to: '2026-03-03' }, auditor)
    expect(oneDay.rows.map((r) => (r.after as { name: string }).name)).toEqual(['客户1'])
  })

  it('keeps the log append-only inside the database', async () => {
    app = await makeApp()
    await app.signInAs('archivist', 'zhangsan')
    await expect(app.database.query("UPDATE audit_log SET username = 'someone' WHERE id = 1")).rejects.toThrow(
      /append-only/
    )
    await expect(app.database.query('DELETE FROM audit_log WHERE id = 1')).rejects.toThrow(/append-only/)
  })

  it('verify finds an entry edited behind the app’s back, and the first one broken', async () => {
    app = await makeApp()
    const archivist = await app.signInAs('archivist', 'zhangsan')
    const auditor = await app.signInAs('auditor', 'shenji')
    for (let i = 0; i < 4; i += 1) await app.call('customers.create', sampleCustomer({ name: `客户${i}` }), archivist)
    const intact = await app.call('audit.verify', {}, auditor)
    expect(intact.ok).toBe(true)
    expect(intact.checked).toBeGreaterThan(8)
    const [{ id: victim }] = await app.database.query(
      "SELECT id FROM audit_log WHERE action = 'create' AND entity = 'customer' ORDER BY id LIMIT 1 OFFSET 2"
    )
    await app.close()

    const db = new Database(path.join(app.dataDir, DATABASE_FILE))
    db.exec('DROP TRIGGER audit_log_no_update')
    db.prepare("UPDATE audit_log SET after = replace(after, '客户2', '客户X') WHERE id = ?").run(victim)
    db.close()

    app = await makeApp(app.dataDir)
    const auditorAgain = await app.signInAs('auditor', 'shenji2')
    const broken = await app.call('audit.verify', {}, auditorAgain)
    expect(broken).toEqual({
      ok: false,
      firstBrokenId: victim,
      checked: victim - 1,
      problem: 'audit.problems.entry',
      anchor: null
    })
  })

  it('verify also finds a deleted entry', async () => {
    app = await makeApp()
    const archivist = await app.signInAs('archivist', 'zhangsan')
    for (let i = 0; i < 3; i += 1) await app.call('customers.create', sampleCustomer({ name: `客户${i}` }), archivist)
    await app.close()
    const db = new Database(path.join(app.dataDir, DATABASE_FILE))
    db.exec('DROP TRIGGER audit_log_no_delete')
    db.prepare('DELETE FROM audit_log WHERE id = 4').run()
    db.close()
    app = await makeApp(app.dataDir)
    const auditor = await app.signInAs('auditor', 'shenji')
    expect(await app.call('audit.verify', {}, auditor)).toMatchObject({ ok: false, firstBrokenId: 5 })
  })
})
