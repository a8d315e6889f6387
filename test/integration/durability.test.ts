import http from 'node:http'
import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Envelope } from '@preload/contract'
import { startWebServer, type WebServer } from '@main/web/server'
import { makeApp, sampleCustomer, tempDir, USER_PASSWORD, type TestApp } from '../support/app'
import { crashLoop } from '../support/crash'

let app: TestApp | null = null
let server: WebServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
  await app?.close()
  app = null
})

const NO_LIMIT = 1_073_741_823

/** Lets the writer connection grow by only `pages` more pages: SQLite then answers SQLITE_FULL as a full disk would. */
async function fillDisk(target: TestApp, pages: number): Promise<void> {
  const [{ page_count: used }] = await target.database.query('PRAGMA page_count')
  await target.database.query(`PRAGMA max_page_count = ${used + pages}`)
}

/** Customers with enough text that a handful of them needs a new page. */
const bulky = (name: string) => sampleCustomer({ name, background: `${name}的背景资料`.repeat(60) })

async function customerNames(target: TestApp, key: string): Promise<string[]> {
  const page = await target.call('customers.list', { pageSize: 100 }, key)
  return page.rows.map((row) => row.name).sort()
}

describe('acknowledged writes survive a full disk', () => {
  it('refuses the write that found the disk full in words, and every write acknowledged after it is still there after a restart', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist', 'keeper')
    const acknowledged: string[] = []
    const refusals = new Set<string>()
    const attempt = async (name: string) => {
      const result = await app!.dispatch('customers.create', bulky(name), key)
      if (result.ok) acknowledged.push(name)
      else refusals.add(`${result.error.code} ${result.error.message}`)
    }
    for (let i = 0; i < 3; i += 1) await attempt(`满盘之前的客户${i}`)
    await fillDisk(app, 2)
    for (let i = 0; i < 12; i += 1) await attempt(`满盘期间的客户${i}`)
    expect(refusals).toEqual(new Set(['STORAGE errors.diskFull']))
    // Space is freed (the limit lifted on the connection in use, or a fresh connection without one).
    await app.database.query(`PRAGMA max_page_count = ${NO_LIMIT}`)
    // After a write that SQLite rolled back by itself, an ordinary refusal inside a write (a duplicate name) left
    // TypeORM's query runner inside a transaction that never committed again: every later write was lost.
    const duplicate = await app.dispatch('customers.create', bulky('满盘之前的客户0'), key)
    expect(duplicate.ok || duplicate.error.code).toBe('CONFLICT')
    for (let i = 0; i < 20; i += 1) await attempt(`清理之后的客户${i}`)

    const dataDir = app.dataDir
    await app.close()
    app = await makeApp(dataDir)
    const reader = await app.signInAs('staff_viewer', 'reader')
    expect(await customerNames(app, reader)).toEqual([...acknowledged].sort())
    expect(acknowledged.filter((name) => name.startsWith('清理之后'))).toHaveLength(20)
    expect((await app.services.audit.verify()).ok).toBe(true)
  })

  it('a COMMIT that fails with the transaction still open is rolled back, and the next write commits', async () => {
    app = await makeApp()
    const actor = { userId: null, username: 'test' }
    const failing = app.store.write(actor, async ({ db }) => {
      // A deferred foreign key is checked only at COMMIT, and SQLite keeps the transaction open when it fails.
      await db.query('PRAGMA defer_foreign_keys = ON')
      await db.query('INSERT INTO customer_contacts (customer_id, position, name) VALUES (?, 0, ?)', [
        999_999,
        '无主联系人'
      ])
    })
    await expect(failing).rejects.toThrow(/FOREIGN KEY/)
    expect(app.database.connection.inTransaction).toBe(false)
    const key = await app.signInAs('archivist', 'keeper')
    await app.call('customers.create', sampleCustomer({ name: '失败之后的客户' }), key)

    const dataDir = app.dataDir
    await app.close()
    app = await makeApp(dataDir)
    expect(await app.database.query('SELECT name FROM customer_contacts WHERE customer_id = 999999')).toEqual([])
    const reader = await app.signInAs('staff_viewer', 'reader')
    expect(await customerNames(app, reader)).toEqual(['失败之后的客户'])
  })

  it('over browser mode: the full disk is explained, and what was acknowledged is there after a restart', async () => {
    app = await makeApp()
    await app.signInAs('archivist', 'keeper')
    const rendererDir = tempDir('renderer-')
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>档案室</title>')
    server = await startWebServer({ dispatch: app.dispatch, rendererDir })
    const rpc = (channel: string, input: unknown) =>
      new Promise<Envelope<unknown>>((resolve, reject) => {
        const body = JSON.stringify({ input })
        const request = http.request(
          {
            host: '127.0.0.1',
            port: server!.port,
            path: `/rpc/${channel}`,
            method: 'POST',
            headers: {
              Host: `127.0.0.1:${server!.port}`,
              'Content-Type': 'application/json',
              'X-Archive-Token': server!.token
            }
          },
          (response) => {
            let text = ''
            response.on('data', (chunk) => (text += chunk))
            response.on('end', () => resolve(JSON.parse(text)))
          }
        )
        request.on('error', reject)
        request.end(body)
      })
    expect((await rpc('auth.login', { username: 'keeper', password: USER_PASSWORD })).ok).toBe(true)
    const acknowledged: string[] = []
    const failures: string[] = []
    await fillDisk(app, 2)
    for (let i = 0; i < 10; i += 1) {
      const reply = await rpc('customers.create', bulky(`浏览器客户${i}`))
      if (reply.ok) acknowledged.push(`浏览器客户${i}`)
      else failures.push(reply.error.message)
    }
    expect(failures.length).toBeGreaterThan(0)
    expect(new Set(failures)).toEqual(new Set(['errors.diskFull']))
    await app.database.query(`PRAGMA max_page_count = ${NO_LIMIT}`)
    const duplicate = await rpc('customers.create', bulky(acknowledged[0] ?? '浏览器客户0'))
    expect(duplicate.ok || duplicate.error.code).toBe('CONFLICT')
    for (let i = 10; i < 15; i += 1) {
      if ((await rpc('customers.create', bulky(`浏览器客户${i}`))).ok) acknowledged.push(`浏览器客户${i}`)
    }
    expect(acknowledged.filter((name) => Number(name.replace('浏览器客户', '')) >= 10)).toHaveLength(5)

    await server.close()
    server = null
    const dataDir = app.dataDir
    await app.close()
    app = await makeApp(dataDir)
    const reader = await app.signInAs('staff_viewer', 'reader')
    expect(await customerNames(app, reader)).toEqual([...acknowledged].sort())
  })
})

describe('a database that cannot be written', () => {
  it('refuses the change in words (read-only), and saves again once it can', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist', 'keeper')
    // As a write-protected disk or folder answers (SQLITE_READONLY), which permissions cannot show to root.
    await app.database.query('PRAGMA query_only = ON')
    const refused = await app.dispatch('customers.create', sampleCustomer({ name: '只读时的客户' }), key)
    expect(refused).toEqual({ ok: false, error: { code: 'STORAGE', message: 'errors.storageReadOnly' } })
    await app.database.query('PRAGMA query_only = OFF')
    await app.call('customers.create', sampleCustomer({ name: '恢复之后的客户' }), key)
    const reader = await app.signInAs('staff_viewer', 'reader')
    expect(await customerNames(app, reader)).toEqual(['恢复之后的客户'])
  })
})

describe('readers see committed data only', () => {
  it('a list call during a write that is still open shows none of its rows, and none of them after it rolls back', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist', 'keeper')
    await app.call('customers.create', sampleCustomer({ name: '早已保存的客户' }), key)
    const reader = await app.signInAs('staff_viewer', 'reader')
    let seenDuringWrite: string[] = []
    const write = app.store.write({ userId: null, username: 'importer' }, async ({ db, now }) => {
      for (let i = 0; i < 50; i += 1) {
        await db.query(
          `INSERT INTO customers (name, legal_representative, grade, date_opened, created_at, updated_at, created_by)
           VALUES (?, '法人', 'general', '2026-01-01', ?, ?, 1)`,
          [`导入中的客户${i}`, now.toISOString(), now.toISOString()]
        )
      }
      seenDuringWrite = await customerNames(app!, reader)
      throw new Error('the import is cancelled')
    })
    await expect(write).rejects.toThrow('the import is cancelled')
    expect(seenDuringWrite).toEqual(['早已保存的客户'])
    expect(await customerNames(app, reader)).toEqual(['早已保存的客户'])
  })
})

describe('backups hold committed data only', () => {
  it('a backup taken while a write is still open holds none of its rows', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist', 'keeper')
    await app.call('customers.create', sampleCustomer({ name: '早已保存的客户' }), key)
    const copy = path.join(tempDir('copy-'), 'during-write.sqlite')
    await app.store.write({ userId: null, username: 'importer' }, async ({ db, now }) => {
      await db.query(
        `INSERT INTO customers (name, legal_representative, grade, date_opened, created_at, updated_at, created_by)
         VALUES ('导入中的客户', '法人', 'general', '2026-01-01', ?, ?, 1)`,
        [now.toISOString(), now.toISOString()]
      )
      await app!.store.backupTo(copy)
    })
    const backup = new Database(copy, { readonly: true })
    const names = backup.prepare('SELECT name FROM customers ORDER BY name').all()
    backup.close()
    expect(names).toEqual([{ name: '早已保存的客户' }])
  })
})

describe('durable commits', () => {
  it('the connection that writes syncs every commit (synchronous=FULL in WAL mode)', async () => {
    app = await makeApp()
    expect((await app.database.query('PRAGMA journal_mode'))[0].journal_mode).toBe('wal')
    expect((await app.database.query('PRAGMA synchronous'))[0].synchronous).toBe(2)
  })
})

describe('kill -9 while writing, with the disk filling up now and then', () => {
  it('every acknowledged write is there after each restart (a bounded loop; npm run bench runs a long one)', async () => {
    const report = await crashLoop(3)
    expect(report.acknowledged).toBeGreaterThan(0)
    expect(report.refused).toBeGreaterThan(0)
    expect(report.lost).toEqual([])
    expect(report.unacknowledgedPresent).toBeLessThanOrEqual(report.rounds)
    expect(report.auditIntact).toBe(true)
    expect(report.integrity).toBe('ok')
  }, 120_000)
})
