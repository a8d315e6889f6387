import fs from 'node:fs'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { makeApp, sampleCustomer, tempDir, type TestApp } from '../support/app'
import { openedBackup } from '../support/backups'

let app: TestApp
afterEach(async () => {
  vi.restoreAllMocks()
  await app?.close()
})

const inBackup = async (file: string) => {
  const db = new Database(await openedBackup(app.dataDir, file), { readonly: true })
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      customers: (db.prepare('SELECT name FROM customers ORDER BY name').all() as { name: string }[]).map((r) => r.name)
    }
  } finally {
    db.close()
  }
}

async function setUp() {
  app = await makeApp()
  const admin = await app.signInAs('sysadmin')
  const key = await app.signInAs('archivist', 'keeper')
  for (let i = 0; i < 5; i += 1) await app.call('customers.create', sampleCustomer({ name: `备份前客户${i}` }), key)
  return { admin, key, folder: tempDir('usb-') }
}

describe('R-SEC-2 issue 19: a backup copies the database file itself, held still by a read transaction', () => {
  it('copies the file while the app writes and checkpoints: the copy is the state the backup began with', async () => {
    const { admin, key, folder } = await setUp()
    const pageByPage = vi.spyOn(app.store, 'backupTo')
    const settle = app.store.withSettledFile.bind(app.store)
    let during: { log: number; checkpointed: number } | null = null
    // The backup worker reads the file in a thread of its own; what it copies is what the file holds once the read
    // transaction has begun, so that is when the app goes on writing.
    vi.spyOn(app.store, 'withSettledFile').mockImplementation((work) =>
      settle(async (settled) => {
        // While the file is copied: commits go on, and a checkpoint tries to write them into the file.
        for (let i = 0; i < 50; i += 1)
          await app.call('customers.create', sampleCustomer({ name: `备份中客户${i}` }), key)
        const other = new Database(app.store.file, { timeout: 0 })
        during = (other.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[])[0]
        other.close()
        return work(settled)
      })
    )
    const info = await app.call('backup.create', { folder }, key)
    expect(pageByPage).not.toHaveBeenCalled()
    expect(during!.checkpointed).toBeLessThan(during!.log)
    expect(await inBackup(info.file)).toEqual({
      integrity: 'ok',
      customers: Array.from({ length: 5 }, (_v, i) => `备份前客户${i}`)
    })
    expect(fs.readFileSync(await openedBackup(app.dataDir, info.file))[18]).toBe(1)
    expect(info.counts.customers).toBe(5)
    expect(await app.call('backup.verify', { file: info.file }, admin)).toMatchObject({ ok: true })
    expect((await app.call('customers.list', { pageSize: 100 }, key)).total).toBe(55)
  })

  it('falls back to the page-by-page copy while another reader keeps an older state in the log', async () => {
    const { admin, key, folder } = await setUp()
    const pageByPage = vi.spyOn(app.store, 'backupTo')
    const other = new Database(app.store.file, { readonly: true })
    other.exec('BEGIN')
    other.prepare('SELECT COUNT(*) FROM customers').get()
    await app.call('customers.create', sampleCustomer({ name: '之后的客户' }), key)
    try {
      const info = await app.call('backup.create', { folder }, key)
      expect(pageByPage).toHaveBeenCalledTimes(1)
      expect((await inBackup(info.file)).customers).toContain('之后的客户')
      expect(fs.readFileSync(await openedBackup(app.dataDir, info.file))[18]).toBe(1)
      expect(await app.call('backup.verify', { file: info.file }, admin)).toMatchObject({ ok: true })
    } finally {
      other.close()
    }
  })
})
