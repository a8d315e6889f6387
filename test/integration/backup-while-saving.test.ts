import { afterEach, describe, expect, it } from 'vitest'
import { makeApp, sampleCustomer, seedInTransaction, tempDir, type TestApp } from '../support/app'

let app: TestApp
afterEach(async () => app?.close())

async function seedBulk(rows: number) {
  await seedInTransaction(app, async (db) => {
    const insert = db.connection.prepare(
      `INSERT INTO customers (name, legal_representative, grade, date_opened, background, created_at, updated_at, created_by)
       VALUES (?, '法人', 'general', '2026-01-01', ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 1)`
    )
    for (let i = 0; i < rows; i += 1) insert.run(`种子客户${i}`, '背景'.repeat(200))
  })
}

describe('a backup while other people keep saving', () => {
  it('finishes although commits keep arriving (SQLite restarts an online backup after each commit by another connection)', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist', 'keeper')
    await seedBulk(30_000)
    const folder = tempDir('usb-')
    let stop = false
    let writes = 0
    const writer = (async () => {
      while (!stop) {
        const r = await app.dispatch('customers.create', sampleCustomer({ name: `并发客户${writes}` }), key)
        if (r.ok) writes += 1
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    })()
    const started = performance.now()
    const outcome = await Promise.race([
      app.dispatch('backup.create', { folder }, key).then((r) => (r.ok ? 'done' : JSON.stringify(r.error))),
      new Promise<string>((resolve) => setTimeout(() => resolve('still running after 20 s'), 20_000))
    ])
    stop = true
    await writer
    console.log(JSON.stringify({ outcome, ms: Math.round(performance.now() - started), writes }))
    expect(outcome).toBe('done')
  }, 60_000)
})
