import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { LOG_FILE } from '@main/log'
import { makeApp, sampleCustomer, tempDir, type TestApp } from '../support/app'

let app: TestApp
afterEach(async () => app?.close())

interface DiagnosticsReport {
  app: { version: string }
  runtime: { node: string; platform: string }
  database: { migrations: { name: string }[]; settingsVersions: { namespace: string }[]; rows: Record<string, number> }
  log: string[]
}

describe('the support log and 导出诊断信息', () => {
  it('an unexpected error is logged with its stack and channel, never with what was typed', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    await app.database.query('DROP TABLE holds')
    const failed = await app.dispatch('holds.list', {}, key)
    expect(failed).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })

    const sysadmin = await app.signInAs('sysadmin')
    const { content, fileName } = await app.call('support.diagnostics', {}, sysadmin)
    expect(fileName).toMatch(/^archive-room-diagnostics-\d{8}-\d{6}\.json$/)
    const report = JSON.parse(content) as DiagnosticsReport
    const entries = report.log.map((line) => JSON.parse(line) as Record<string, unknown>)
    const failure = entries.find((entry) => entry.event === 'request failed')
    expect(failure).toMatchObject({
      level: 'error',
      channel: 'holds.list',
      err: { message: expect.stringContaining('holds') }
    })
    expect(String((failure?.err as { stack?: string }).stack)).toMatch(/at /)
    expect(entries[0]).toMatchObject({ event: 'database opened', migrated: false })
    expect(fs.existsSync(path.join(app.dataDir, 'logs', LOG_FILE))).toBe(true)
  })

  it('holds versions, migrations, settings versions and table sizes, but nothing of the records or people', async () => {
    app = await makeApp()
    const archivist = await app.signInAs('archivist', 'liwen')
    await app.call(
      'customers.create',
      sampleCustomer({ name: '绝不外传的客户有限公司', phone: '13912345678' }),
      archivist
    )
    const sysadmin = await app.signInAs('sysadmin')
    const { content } = await app.call('support.diagnostics', {}, sysadmin)
    const report = JSON.parse(content) as DiagnosticsReport
    expect(report.app.version).toMatch(/^\d+\.\d+\.\d+/)
    expect(report.runtime.node).toBe(process.versions.node)
    expect(report.database.migrations.length).toBeGreaterThan(5)
    expect(report.database.rows.customers).toBe(1)
    expect(report.database.rows.users).toBeGreaterThanOrEqual(2)
    for (const secret of ['绝不外传', '13912345678', 'liwen', 'Admin-pass']) expect(content).not.toContain(secret)

    const audit = await app.database.query("SELECT action FROM audit_log WHERE entity = 'support'")
    expect(audit).toEqual([{ action: 'export' }])
  })

  it('backups and refused restores are logged by file name, without the folder', async () => {
    app = await makeApp()
    const sysadmin = await app.signInAs('sysadmin')
    const folder = tempDir('stick-')
    const backup = await app.call('backup.create', { folder }, sysadmin)
    await app.dispatch('backup.restore', { file: path.join(folder, 'missing.sqlite') }, sysadmin)
    await app.log.flush()
    const text = fs.readFileSync(path.join(app.dataDir, 'logs', LOG_FILE), 'utf8')
    const entries = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(entries).toContainEqual(expect.objectContaining({ event: 'backup done', file: path.basename(backup.file) }))
    expect(entries).toContainEqual(expect.objectContaining({ event: 'restore refused', level: 'info' }))
    expect(text).not.toContain(folder)
  })

  it('only the system administrator exports diagnostics', async () => {
    app = await makeApp()
    for (const role of ['archivist', 'auditor', 'security_officer'] as const) {
      const key = await app.signInAs(role)
      expect(await app.dispatch('support.diagnostics', {}, key)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' }
      })
    }
  })
})
