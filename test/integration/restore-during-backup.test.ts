import path from 'node:path'
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

describe('a backup asked for while a restore is under way', () => {
  it("the restore waits for the backup's copy (before: the backup failed as an internal error), and the app keeps working", async () => {
    app = await makeApp()
    const admin = await app.signInAs('sysadmin')
    const key = await app.signInAs('archivist', 'keeper')
    await app.call('customers.create', sampleCustomer({ name: '小备份里的客户' }), key)
    const folder = tempDir('usb-')
    const small = await app.call('backup.create', { folder }, key)
    await seedBulk(150_000)
    // Asked for once the restore's safety copy is done: the swap, moments later, closes the reader that the backup
    // still copies from.
    const t0 = performance.now()
    const events: string[] = []
    const store = app.store
    const backupTo = store.backupTo.bind(store)
    store.backupTo = async (file: string) => {
      events.push(`backupTo start ${path.basename(file)} ${Math.round(performance.now() - t0)}`)
      try {
        await backupTo(file)
      } finally {
        events.push(`backupTo end ${path.basename(file)} ${Math.round(performance.now() - t0)}`)
      }
    }
    const swap = store.swapDatabaseFile.bind(store)
    store.swapDatabaseFile = async (file: string) => {
      events.push(`swap ${Math.round(performance.now() - t0)}`)
      await swap(file)
    }
    const restoring = app.dispatch('backup.restore', { file: small.file }, admin)
    // The wait ends when the restore does too: a restore refused before its safety copy must fail this test in words,
    // not spin past the timeout and keep the worker busy for every file after it.
    let restoreSettled = false
    void restoring.finally(() => {
      restoreSettled = true
    })
    const safetyCopied = () => events.some((event) => event.startsWith('backupTo end before-restore-'))
    while (!safetyCopied() && !restoreSettled) await new Promise((resolve) => setTimeout(resolve, 1))
    if (!safetyCopied()) expect.fail(`the restore ended before its safety copy: ${JSON.stringify(await restoring)}`)
    const backed = await app.dispatch('backup.create', { folder }, key)
    const restore = await restoring
    expect(restore.ok || restore.error.code).not.toBe('INTERNAL')
    expect(backed.ok || backed.error.code).not.toBe('INTERNAL')
    const key2 = await app.signInAs('archivist', 'keeper2')
    const after = await app.dispatch('customers.create', sampleCustomer({ name: '之后的客户' }), key2)
    expect(after.ok).toBe(true)
    expect((await app.dispatch('customers.list', { pageSize: 5 }, key2)).ok).toBe(true)
  }, 120_000)
})
