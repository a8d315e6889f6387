import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { makeApp, sampleCustomer, tempDir, type TestApp } from '../support/app'

let app: TestApp
afterEach(async () => app?.close())

const namesIn = (file: string) => {
  const db = new Database(file, { readonly: true })
  try {
    return (db.prepare('SELECT name FROM customers ORDER BY name').all() as { name: string }[]).map((r) => r.name)
  } finally {
    db.close()
  }
}

describe('restoring twice within one second (a double click)', () => {
  it('keeps a safety copy of the data as it was before the first restore', async () => {
    app = await makeApp()
    const admin = await app.signInAs('sysadmin')
    const key = await app.signInAs('archivist', 'keeper')
    await app.call('customers.create', sampleCustomer({ name: '备份里的客户' }), key)
    const folder = tempDir('usb-')
    const backup = await app.call('backup.create', { folder }, key)
    // Acknowledged after the backup: only the safety copy of the first restore holds it.
    await app.call('customers.create', sampleCustomer({ name: '备份之后的客户' }), key)
    const [first, second] = await Promise.all([
      app.dispatch('backup.restore', { file: backup.file }, admin),
      app.dispatch('backup.restore', { file: backup.file }, admin)
    ])
    expect(first.ok).toBe(true)
    const safetyDir = path.join(app.dataDir, 'backups')
    const copies = fs.readdirSync(safetyDir).filter((name) => name.endsWith('.sqlite'))
    const holding = copies.filter((name) => namesIn(path.join(safetyDir, name)).includes('备份之后的客户'))
    expect({ second: second.ok, holding: holding.length }).toEqual({ second: true, holding: 1 })
  })
})
