import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, inject, it } from 'vitest'
import type { OpeningProgress, StartupFailure } from '@preload/contract'
import { DATABASE_FILE, pendingMigrations } from '@main/db/data-source'
import { LOG_FILE, logFolder } from '@main/log'
import { MIGRATIONS } from '@main/db/migrations'
import { startingDispatcher } from '@main/ipc/starting'
import { StartFailed, startupFailure } from '@main/app'
import { makeApp, tempDir } from '../support/app'
import { bundleScript, CHILD_OPTIONS } from '../support/child'
import { olderDatabase } from '../support/older-database'

/** A database three migrations behind this version, in a data folder of its own. */
async function olderDataDir(): Promise<string> {
  return path.dirname(await olderDatabase(MIGRATIONS.slice(0, -3)))
}

/** What the start-up screen was told, stage by stage. */
function stagesOf(reports: OpeningProgress[]) {
  return [...new Set(reports.map((report) => report.stage))]
}

describe('a start that upgrades the database says how far it has come (issue 19)', () => {
  it.each([
    ['in the migration worker', true],
    ['on the main thread', false]
  ])('copies the database page by page, then counts the migrations as each begins, %s', async (_where, inWorker) => {
    const dataDir = await olderDataDir()
    const reports: OpeningProgress[] = []
    const app = await makeApp(dataDir, {
      migrationWorker: inWorker ? inject('migrationWorker') : undefined,
      onStartup: (progress) => reports.push(progress)
    })
    try {
      expect(stagesOf(reports)).toEqual(['copying', 'upgrading'])
      const copying = reports.filter((report) => report.stage === 'copying')
      expect(copying.at(-1)).toEqual({ stage: 'copying', done: copying[0].total, total: copying[0].total })
      expect(reports.filter((report) => report.stage === 'upgrading')).toEqual([
        { stage: 'upgrading', done: 0, total: 3 },
        { stage: 'upgrading', done: 0, total: 3 },
        { stage: 'upgrading', done: 1, total: 3 },
        { stage: 'upgrading', done: 2, total: 3 }
      ])
      expect(pendingMigrations(path.join(dataDir, DATABASE_FILE))).toEqual([])
      // The copy kept before the upgrade is the database as it was: three migrations behind.
      expect(pendingMigrations(app.preMigrationBackup!)).toEqual(MIGRATIONS.slice(-3).map((m) => m.name))
      expect((await app.call('app.status', {}, 'someone')).startup).toBeNull()
    } finally {
      await app.close()
    }
  })

  it('a migration that fails in the worker fails the start with its reason, and leaves the database as it was', async () => {
    const dataDir = await olderDataDir()
    const file = path.join(dataDir, DATABASE_FILE)
    // The last migration makes this index: already there, its CREATE fails, after the two before it ran.
    const db = new Database(file)
    db.exec('CREATE INDEX items_year_date_formed ON items (year)')
    db.close()
    const before = pendingMigrations(file)
    const failed = await makeApp(dataDir, { migrationWorker: inject('migrationWorker') }).then(
      () => expect.fail('the start should have failed'),
      (error: unknown) => error
    )
    expect(failed).toBeInstanceOf(StartFailed)
    expect((failed as StartFailed).message).toMatch(/items_year_date_formed already exists/)
    expect(pendingMigrations(file)).toEqual(before)
    // The copy named to the person is the one kept before the upgrade, whole and as far behind as the database.
    const copy = (failed as StartFailed).copy!
    expect(path.dirname(copy)).toBe(path.join(dataDir, 'backups'))
    expect(pendingMigrations(copy)).toEqual(before)
    // The support log says what failed, for whoever the screen sends the person to.
    const log = fs.readFileSync(path.join(logFolder(dataDir), LOG_FILE), 'utf8')
    expect(log).toContain('the app could not start')
    expect(log).toContain('items_year_date_formed already exists')

    const starting = startingDispatcher('9.9.9', () => new Date('2026-12-03T08:00:00.000Z'))
    starting.report({ stage: 'upgrading', done: 2, total: 3 })
    starting.fail(startupFailure(failed, dataDir))
    // A report arriving after the failure does not hide it.
    starting.report({ stage: 'upgrading', done: 3, total: 3 })
    expect(await starting.dispatch('app.status', {}, 'tab')).toEqual({
      ok: true,
      data: {
        needsSetup: false,
        version: '9.9.9',
        session: null,
        startup: {
          stage: 'failed',
          reason: (failed as Error).message,
          copy,
          logFolder: path.join(dataDir, 'logs'),
          startedAt: '2026-12-03T08:00:00.000Z'
        }
      }
    })
    expect(await starting.dispatch('auth.login', { username: 'x', password: 'y' }, 'tab')).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'errors.startFailed' }
    })
  })

  it('a database that cannot be opened at all fails the start naming no copy: none was made', async () => {
    const dataDir = tempDir()
    fs.writeFileSync(path.join(dataDir, DATABASE_FILE), 'these bytes are no SQLite database'.repeat(200))
    const failed = await makeApp(dataDir).then(
      () => expect.fail('the start should have failed'),
      (error: unknown) => error
    )
    const starting = startingDispatcher('9.9.9')
    starting.fail(startupFailure(failed, dataDir))
    const { data } = (await starting.dispatch('app.status', {}, 'tab')) as { data: { startup: StartupFailure } }
    expect(data.startup).toMatchObject({ stage: 'failed', copy: null, logFolder: path.join(dataDir, 'logs') })
    expect(data.startup.reason).toMatch(/not a database/)
    expect(fs.readFileSync(path.join(dataDir, DATABASE_FILE), 'utf8')).toBe(
      'these bytes are no SQLite database'.repeat(200)
    )
  })

  it('while starting, the status says how far it is and every other call is refused until the back end takes over', async () => {
    const starting = startingDispatcher('9.9.9', () => new Date('2026-12-03T08:00:00.000Z'))
    const status = () => starting.dispatch('app.status', {}, 'tab')
    expect(await status()).toEqual({
      ok: true,
      data: {
        needsSetup: false,
        version: '9.9.9',
        session: null,
        startup: { stage: 'opening', done: 0, total: 0, startedAt: '2026-12-03T08:00:00.000Z' }
      }
    })
    starting.report({ stage: 'upgrading', done: 1, total: 3 })
    expect(await status()).toMatchObject({ data: { startup: { stage: 'upgrading', done: 1, total: 3 } } })
    for (const channel of ['auth.login', 'items.list', 'no.such'])
      expect(await starting.dispatch(channel, { username: 'x', password: 'y' }, 'tab')).toEqual({
        ok: false,
        error: { code: 'CONFLICT', message: 'errors.starting' }
      })
    const app = await makeApp()
    try {
      starting.handOver(app.dispatch)
      expect(await status()).toMatchObject({ ok: true, data: { needsSetup: true, startup: null } })
    } finally {
      await app.close()
    }
  })

  it('kill -9 during the upgrade: the next start upgrades the database as it was, and keeps one copy from before it', async () => {
    const dataDir = path.dirname(await olderDatabase(MIGRATIONS.slice(0, -2)))
    const file = path.join(dataDir, DATABASE_FILE)
    // Enough items that rebuilding the search indexes takes seconds, so the kill lands inside it.
    const seed = new Database(file)
    seed.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
      INSERT INTO items (fonds_code, category_code, year, year_reason, retention_code, department_code, title,
        responsible_party, document_number, date_formed, page_count, classification, open_status, remarks, document_kind,
        received_on, status, policy_version, created_at, updated_at, created_by)
      SELECT 'J001', 'WS', 2000 + i % 20, '', 'D10', 'BGS', '关于第' || i || '号合同的请示', '办公室', '', '2010-05-06', 3,
        'none', 'restricted', '', 'ordinary', '2011-01-10', 'received', 0, '2011-01-10', '2011-01-10', 1 FROM n`)
    seed.close()
    const pending = pendingMigrations(file)
    const backups = path.join(dataDir, 'backups')
    const script = await bundleScript('test/support/upgrade-child.ts')
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [script, dataDir, inject('migrationWorker')], {
        ...CHILD_OPTIONS,
        stdio: ['ignore', 'pipe', 'pipe']
      })
      let said = ''
      child.stdout.on('data', (chunk: Buffer) => {
        said += chunk.toString()
        // The second is the worker's, as the first migration begins.
        if (said.split('UPGRADING 0\n').length === 3 && !child.killed) setTimeout(() => child.kill('SIGKILL'), 300)
      })
      child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(said) : reject(new Error(`ended ${code}`))))
    })
    expect(output).not.toContain('UPGRADED')
    expect(pendingMigrations(file)).toEqual(pending)
    const killed = new Database(file)
    expect(killed.pragma('integrity_check', { simple: true })).toBe('ok')
    killed.close()
    expect(fs.readdirSync(backups)).toHaveLength(1)

    const app = await makeApp(dataDir, { migrationWorker: inject('migrationWorker') })
    try {
      expect(pendingMigrations(file)).toEqual([])
      const [{ n }] = await app.database.query<{ n: number }>('SELECT COUNT(*) AS n FROM items')
      expect(n).toBe(20_004)
      // The copy the killed start made is replaced by this start's, which holds the same: one copy, and whole.
      expect(fs.readdirSync(backups)).toEqual([path.basename(app.preMigrationBackup!)])
      expect(pendingMigrations(app.preMigrationBackup!)).toEqual(pending)
    } finally {
      await app.close()
    }
  }, 120_000)

  it('a copy cut off is removed, and copies made before other upgrades are kept', async () => {
    const dataDir = await olderDataDir()
    const backups = path.join(dataDir, 'backups')
    fs.mkdirSync(backups)
    const from = MIGRATIONS.at(-4)!.name
    const other = `pre-migration-2026-01-01T00-00-00-000Z-${MIGRATIONS.at(-9)!.name}.sqlite`
    const cutOff = `pre-migration-2026-02-01T00-00-00-000Z-${from}.sqlite.partial`
    for (const name of [other, cutOff]) fs.writeFileSync(path.join(backups, name), 'x')
    const app = await makeApp(dataDir)
    try {
      expect(path.basename(app.preMigrationBackup!)).toMatch(new RegExp(`^pre-migration-[-0-9TZ]+-${from}\\.sqlite$`))
      expect(fs.readdirSync(backups).sort()).toEqual([other, path.basename(app.preMigrationBackup!)].sort())
    } finally {
      await app.close()
    }
  })
})
