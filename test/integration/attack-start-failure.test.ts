import Database from 'better-sqlite3'
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import path from 'node:path'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import type { StartupFailure } from '@preload/contract'
import { StartFailed, startupFailure } from '@main/app'
import { DATABASE_FILE, pendingMigrations } from '@main/db/data-source'
import { FIELD_KEY_FILE } from '@main/db/field-key'
import { MIGRATIONS } from '@main/db/migrations'
import { startingDispatcher } from '@main/ipc/starting'
import { LOG_FILE, logFolder } from '@main/log'
import { BACKUP_KEY_FILE } from '@main/services/backup-key'
import { makeApp, tempDir } from '../support/app'
import { bundleScript, CHILD_OPTIONS } from '../support/child'
import { olderDatabase } from '../support/older-database'

/*
 * Adversary brief (issue 19, start-up failure): a back end that cannot start keeps the window / the server, says why,
 * names the copy kept before the upgrade and the log, refuses every other call, and changes nothing saved.
 */

/** A database three migrations behind this version, in a data folder of its own. */
async function olderDataDir(): Promise<string> {
  return path.dirname(await olderDatabase(MIGRATIONS.slice(0, -3)))
}

/** Makes the last migration fail (its CREATE INDEX finds the index there), after the two before it ran. */
function breakLastMigration(file: string): void {
  const db = new Database(file)
  db.exec('CREATE INDEX items_year_date_formed ON items (year)')
  db.close()
}

/** Everything saved in a database: its schema and every row of every table, for an exact before/after comparison. */
function dump(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const schema = db.prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name`).all() as {
      type: string
      name: string
      sql: string | null
    }[]
    const rows: Record<string, unknown[]> = {}
    for (const { name } of schema.filter((entry) => entry.type === 'table'))
      rows[name] = db.prepare(`SELECT * FROM "${name}"`).raw().all()
    return JSON.stringify({ schema, rows })
  } finally {
    db.close()
  }
}

const readLog = (dataDir: string) => {
  const file = path.join(logFolder(dataDir), LOG_FILE)
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''
}

async function failedStart(dataDir: string, more: Parameters<typeof makeApp>[1] = {}): Promise<unknown> {
  return makeApp(dataDir, more).then(
    async (app) => {
      await app.close()
      return expect.fail('the start should have failed')
    },
    (error: unknown) => error
  )
}

/** What the screen would be told, through the starting dispatcher, as the shells do it. */
async function screenOf(error: unknown, dataDir: string): Promise<StartupFailure> {
  const starting = startingDispatcher('9.9.9')
  starting.fail(startupFailure(error, dataDir))
  const answer = (await starting.dispatch('app.status', {}, 'tab')) as { ok: true; data: { startup: StartupFailure } }
  return answer.data.startup
}

/** A reason fit for the screen: there, one or a few sentences, no stack frames. */
function expectPlainReason(reason: string): void {
  expect(typeof reason).toBe('string')
  expect(reason.trim().length).toBeGreaterThan(0)
  expect(reason).not.toMatch(/^\s+at /m)
  expect(reason).not.toMatch(/\.ts:\d+:\d+|\.js:\d+:\d+/)
}

describe('attack: files that are not a database the app can open', () => {
  it('a 0-byte database file is a new database: the start succeeds and asks for setup', async () => {
    const dataDir = tempDir()
    fs.writeFileSync(path.join(dataDir, DATABASE_FILE), '')
    const app = await makeApp(dataDir)
    try {
      expect((await app.call('app.status', {}, 'tab')).needsSetup).toBe(true)
    } finally {
      await app.close()
    }
  })

  it('a SQLite header followed by garbage fails the start, names no copy, and leaves the bytes alone', async () => {
    const dataDir = tempDir()
    const file = path.join(dataDir, DATABASE_FILE)
    const bytes = Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(8192, 0xa5)])
    fs.writeFileSync(file, bytes)
    const failed = await failedStart(dataDir)
    const screen = await screenOf(failed, dataDir)
    expectPlainReason(screen.reason)
    expect(screen.copy).toBeNull()
    expect(fs.readFileSync(file).equals(bytes)).toBe(true)
    expect(fs.readdirSync(dataDir).filter((name) => name.startsWith(DATABASE_FILE))).toEqual([DATABASE_FILE])
    expect(readLog(dataDir)).toContain('the app could not start')
  })

  it('a database file that is a folder fails the start with a reason, and the folder is left as it was', async () => {
    const dataDir = tempDir()
    const file = path.join(dataDir, DATABASE_FILE)
    fs.mkdirSync(file)
    fs.writeFileSync(path.join(file, 'someone.txt'), 'mine')
    const failed = await failedStart(dataDir)
    const screen = await screenOf(failed, dataDir)
    expectPlainReason(screen.reason)
    expect(screen.copy).toBeNull()
    expect(fs.readdirSync(file)).toEqual(['someone.txt'])
    expect(readLog(dataDir)).toContain('the app could not start')
  })

  it('a SQLite file whose migrations table has no name column fails the start, bytes unchanged', async () => {
    const dataDir = tempDir()
    const file = path.join(dataDir, DATABASE_FILE)
    const db = new Database(file)
    db.exec(`CREATE TABLE migrations (id INTEGER PRIMARY KEY, what TEXT); INSERT INTO migrations VALUES (1, 'x')`)
    db.close()
    const bytes = fs.readFileSync(file)
    const failed = await failedStart(dataDir)
    const screen = await screenOf(failed, dataDir)
    expectPlainReason(screen.reason)
    expect(screen.copy).toBeNull()
    expect(fs.readFileSync(file).equals(bytes)).toBe(true)
  })

  it("another program's SQLite file whose tables clash with the app's: refused as not ours, left exactly as it was", async () => {
    const dataDir = tempDir()
    const file = path.join(dataDir, DATABASE_FILE)
    const db = new Database(file)
    db.exec(`CREATE TABLE users (who TEXT); INSERT INTO users VALUES ('someone else''s row')`)
    db.close()
    const before = dump(file)
    const failed = await failedStart(dataDir)
    expect(failed).toBeInstanceOf(StartFailed)
    const screen = await screenOf(failed, dataDir)
    expectPlainReason(screen.reason)
    expect(screen.reason).toMatch(/不是档案室的数据库[\s\S]*not an Archive Room database/)
    // "Nothing saved has been changed": not even a table of the app's own, and no copy was needed.
    expect(dump(file)).toBe(before)
    expect(screen.copy).toBeNull()
  })

  it("another program's SQLite file with no table of the app's: the start refuses it rather than making it the archive", async () => {
    const dataDir = tempDir()
    const file = path.join(dataDir, DATABASE_FILE)
    const db = new Database(file)
    db.exec(`CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('someone else''s note')`)
    db.close()
    const before = dump(file)
    const outcome = await makeApp(dataDir).then(
      async (app) => {
        await app.close()
        return 'started'
      },
      () => 'refused'
    )
    expect(outcome).toBe('refused')
    expect(dump(file)).toBe(before)
  })

  it('a current database truncated mid-page: the start either fails with a reason or the database is whole', async () => {
    const dataDir = tempDir()
    const app = await makeApp(dataDir)
    await app.signInAs('archivist')
    await app.close()
    const file = path.join(dataDir, DATABASE_FILE)
    const size = fs.statSync(file).size
    fs.truncateSync(file, Math.floor(size / 2) + 1000)
    const bytes = fs.readFileSync(file)
    const outcome = await makeApp(dataDir).then(
      async (opened) => {
        const ok = opened.database.connection.pragma('integrity_check', { simple: true })
        await opened.close()
        return { opened: true as const, ok }
      },
      (error: unknown) => ({ opened: false as const, error })
    )
    if (outcome.opened) {
      // Opened: then it must be a database that is whole, not one the app runs on while it is broken.
      expect(outcome.ok).toBe('ok')
    } else {
      expectPlainReason((await screenOf(outcome.error, dataDir)).reason)
      expect(fs.readFileSync(file).equals(bytes)).toBe(true)
    }
  })

  it('a database three migrations behind, truncated mid-page: failed, bytes unchanged, any copy named exists', async () => {
    const dataDir = await olderDataDir()
    const file = path.join(dataDir, DATABASE_FILE)
    const size = fs.statSync(file).size
    fs.truncateSync(file, Math.floor(size / 2) + 1000)
    const bytes = fs.readFileSync(file)
    const outcome = await makeApp(dataDir).then(
      async (opened) => {
        const ok = opened.database.connection.pragma('integrity_check', { simple: true })
        await opened.close()
        return { opened: true as const, ok }
      },
      (error: unknown) => ({ opened: false as const, error })
    )
    if (outcome.opened) expect(outcome.ok).toBe('ok')
    else {
      const screen = await screenOf(outcome.error, dataDir)
      expectPlainReason(screen.reason)
      expect(fs.readFileSync(file).equals(bytes)).toBe(true)
      if (screen.copy) expect(fs.existsSync(screen.copy)).toBe(true)
    }
  })

  it('a garbage -wal beside a good current database: the start succeeds and what was saved is there', async () => {
    const dataDir = tempDir()
    const app = await makeApp(dataDir)
    await app.signInAs('archivist')
    await app.close()
    const file = path.join(dataDir, DATABASE_FILE)
    const before = dump(file)
    fs.writeFileSync(`${file}-wal`, Buffer.alloc(40_000, 0x5a))
    const again = await makeApp(dataDir)
    try {
      expect((await again.call('app.status', {}, 'tab')).needsSetup).toBe(false)
    } finally {
      await again.close()
    }
    expect(JSON.parse(dump(file)).rows.users).toEqual(JSON.parse(before).rows.users)
  })

  it('a garbage -wal beside a database three migrations behind: the upgrade runs and the copy is whole', async () => {
    const dataDir = await olderDataDir()
    const file = path.join(dataDir, DATABASE_FILE)
    const before = dump(file)
    fs.writeFileSync(`${file}-wal`, Buffer.alloc(40_000, 0x5a))
    const app = await makeApp(dataDir)
    try {
      expect(pendingMigrations(file)).toEqual([])
      expect(dump(app.preMigrationBackup!)).toBe(before)
    } finally {
      await app.close()
    }
  })
})

describe('attack: an upgrade that fails', () => {
  it.each([
    ['in the migration worker', true],
    ['on the main thread', false]
  ])(
    '%s: the database is exactly as before, and the copy named is the database before the upgrade',
    async (_w, worker) => {
      const dataDir = await olderDataDir()
      const file = path.join(dataDir, DATABASE_FILE)
      breakLastMigration(file)
      const before = dump(file)
      const pending = pendingMigrations(file)
      // The test's own read-only opens leave an empty -wal and -shm beside a WAL database: cleared before the start.
      for (const left of ['-wal', '-shm']) fs.rmSync(`${file}${left}`, { force: true })
      const failed = await failedStart(dataDir, { migrationWorker: worker ? inject('migrationWorker') : undefined })
      for (const left of ['-wal', '-shm', '-journal']) expect(fs.existsSync(`${file}${left}`), left).toBe(false)
      const screen = await screenOf(failed, dataDir)
      expectPlainReason(screen.reason)
      expect(dump(file)).toBe(before)
      expect(pendingMigrations(file)).toEqual(pending)
      expect(screen.copy).not.toBeNull()
      expect(fs.statSync(screen.copy!).isFile()).toBe(true)
      expect(dump(screen.copy!)).toBe(before)
      const copy = new Database(screen.copy!, { readonly: true })
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete')
      copy.close()
      expect(fs.readdirSync(path.join(dataDir, 'backups'))).toEqual([path.basename(screen.copy!)])
    }
  )

  // The header's journal mode (bytes 18 and 19) is left in WAL, the mode the app always runs in: nothing saved differs.
  it('a database in rollback mode (as the copy kept before an upgrade is, once put back by hand): what is saved is unchanged', async () => {
    const dataDir = await olderDataDir()
    const file = path.join(dataDir, DATABASE_FILE)
    breakLastMigration(file)
    const db = new Database(file)
    db.pragma('journal_mode = DELETE')
    db.close()
    const before = dump(file)
    const bytes = fs.readFileSync(file)
    await failedStart(dataDir)
    expect(dump(file)).toBe(before)
    const after = fs.readFileSync(file)
    expect(after.length).toBe(bytes.length)
    const checked = new Database(file, { readonly: true })
    expect(checked.pragma('integrity_check', { simple: true })).toBe('ok')
    checked.close()
  })

  it('a second failed start names a copy that exists, and keeps only one copy for the same upgrade', async () => {
    const dataDir = await olderDataDir()
    const file = path.join(dataDir, DATABASE_FILE)
    breakLastMigration(file)
    const before = dump(file)
    const first = (await screenOf(await failedStart(dataDir), dataDir)).copy
    // makeApp's clock is fixed: the second copy has the very name of the first.
    const second = (await screenOf(await failedStart(dataDir), dataDir)).copy
    expect(second).not.toBeNull()
    expect(first).not.toBeNull()
    expect(dump(second!)).toBe(before)
    expect(fs.readdirSync(path.join(dataDir, 'backups'))).toHaveLength(1)
    // Two failures, two entries in the log: no more, no less.
    expect(readLog(dataDir).split('the app could not start').length - 1).toBe(2)
  })

  it('backups is a file: the start fails before any copy, naming none, and nothing is changed', async () => {
    const dataDir = await olderDataDir()
    const file = path.join(dataDir, DATABASE_FILE)
    fs.writeFileSync(path.join(dataDir, 'backups'), 'a file of someone')
    const bytes = fs.readFileSync(file)
    const pending = pendingMigrations(file)
    const failed = await failedStart(dataDir)
    const screen = await screenOf(failed, dataDir)
    expectPlainReason(screen.reason)
    expect(screen.copy).toBeNull()
    expect(fs.readFileSync(file).equals(bytes)).toBe(true)
    expect(pendingMigrations(file)).toEqual(pending)
    expect(fs.readFileSync(path.join(dataDir, 'backups'), 'utf8')).toBe('a file of someone')
    expect(readLog(dataDir)).toContain('the app could not start')
  })

  it('logs is a file: the log cannot be written, and the real failure is still the one reported', async () => {
    const dataDir = await olderDataDir()
    const file = path.join(dataDir, DATABASE_FILE)
    breakLastMigration(file)
    fs.writeFileSync(path.join(dataDir, 'logs'), 'not a folder')
    const failed = await failedStart(dataDir)
    expect(failed).toBeInstanceOf(StartFailed)
    expect((failed as Error).message).toMatch(/items_year_date_formed already exists/)
    expect(fs.readFileSync(path.join(dataDir, 'logs'), 'utf8')).toBe('not a folder')
  })

  it('the support log does not write out the home folder in the data folder path (it names the person)', async () => {
    const parent = tempDir()
    const home = path.join(parent, 'Users', 'Zhang San 张三')
    const dataDir = path.join(home, 'ArchiveRoom')
    fs.mkdirSync(dataDir, { recursive: true })
    fs.copyFileSync(path.join(await olderDataDir(), DATABASE_FILE), path.join(dataDir, DATABASE_FILE))
    fs.writeFileSync(path.join(dataDir, 'backups'), 'a file')
    const realHome = process.env.HOME
    process.env.HOME = home
    try {
      await failedStart(dataDir)
    } finally {
      process.env.HOME = realHome
    }
    const log = readLog(dataDir)
    expect(log).toContain('~/ArchiveRoom/backups')
    expect(log).toContain('the app could not start')
    expect(log).not.toContain('Zhang San')
  })
})

describe('attack: a start that fails after the database was opened or upgraded', () => {
  it('a damaged field.key: the failure is written to the support log, as every start failure is', async () => {
    const dataDir = tempDir()
    const app = await makeApp(dataDir)
    await app.close()
    fs.writeFileSync(path.join(dataDir, FIELD_KEY_FILE), 'damaged')
    const failed = await failedStart(dataDir)
    const screen = await screenOf(failed, dataDir)
    expect(screen.reason).toMatch(/field\.key/)
    expect(readLog(dataDir)).toMatch(/"level":"error"/)
  })

  it('a damaged backup.key after a successful upgrade: the screen names the copy and the log says why', async () => {
    const dataDir = await olderDataDir()
    const file = path.join(dataDir, DATABASE_FILE)
    const before = dump(file)
    fs.writeFileSync(path.join(dataDir, BACKUP_KEY_FILE), '{}')
    const failed = await failedStart(dataDir)
    const screen = await screenOf(failed, dataDir)
    expectPlainReason(screen.reason)
    // The upgrade went through before the failure: the database is not as it was, so the copy is the way back.
    const upgraded = pendingMigrations(file).length === 0
    expect(upgraded && dump(file) !== before).toBe(true)
    expect(screen.copy, 'the database was upgraded, yet the screen names no copy').not.toBeNull()
    expect(readLog(dataDir)).toMatch(/"level":"error"/)
  })
})

describe('attack: what the screen is told', () => {
  it.each([
    ['an Error with no message', new Error('')],
    ['an empty string', ''],
    ['undefined', undefined],
    ['null', null],
    ['a plain object', { code: 'EIO' }],
    ['an object with no prototype', Object.create(null) as object],
    ['a symbol', Symbol('odd')]
  ])('%s thrown: startupFailure never throws and gives a non-empty reason', (_what, thrown) => {
    let failure: StartupFailure | null = null
    expect(() => {
      failure = startupFailure(thrown, '/data')
    }).not.toThrow()
    expect(failure!.reason.trim()).not.toBe('')
    expect(failure!.reason).not.toBe('[object Object]')
    expect(failure!.copy).toBeNull()
    expect(failure!.logFolder).toBe(path.join('/data', 'logs'))
  })

  it('a string thrown keeps its words', () => {
    expect(startupFailure('the disk is full', '/data').reason).toBe('the disk is full')
  })
})

describe('attack: the starting dispatcher after a failure', () => {
  const failure: StartupFailure = { stage: 'failed', reason: 'r', copy: '/c', logFolder: '/l' }

  it('refuses every channel but app.status, public or not, known or not, with any input, without throwing', async () => {
    const starting = startingDispatcher('9.9.9')
    starting.fail(failure)
    const channels: unknown[] = [
      'auth.setupAdmin',
      'auth.login',
      'auth.unlock',
      'auth.logout',
      'firstRun.complete',
      'backup.restore',
      'no.such',
      '',
      'APP.STATUS',
      'app.status ',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      undefined,
      null,
      42,
      { toString: () => 'app.status' }
    ]
    const inputs: unknown[] = [undefined, null, {}, [], 'x', { username: 'admin', password: 'p'.repeat(100_000) }]
    for (const channel of channels)
      for (const input of inputs)
        expect(
          await (starting.dispatch as (c: unknown, i: unknown, s: unknown) => Promise<unknown>)(channel, input, 'tab'),
          String(channel)
        ).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'errors.startFailed' } })
  })

  it('app.status answers the failure whatever the input or session, and reports after it change nothing', async () => {
    const starting = startingDispatcher('9.9.9', () => new Date('2026-12-03T08:00:00.000Z'))
    starting.report({ stage: 'copying', done: 5, total: 10 })
    starting.fail(failure)
    for (const stage of ['opening', 'copying', 'upgrading'] as const) starting.report({ stage, done: 9, total: 9 })
    for (const input of [undefined, null, { anything: true }, 'x'])
      for (const session of ['tab', '', undefined as unknown as string])
        expect(await starting.dispatch('app.status', input, session)).toEqual({
          ok: true,
          data: {
            needsSetup: false,
            version: '9.9.9',
            session: null,
            startup: { ...failure, startedAt: '2026-12-03T08:00:00.000Z' }
          }
        })
  })

  it('the failure answered is a copy: changing what one caller got does not change what the next one gets', async () => {
    const starting = startingDispatcher('9.9.9')
    starting.fail({ ...failure })
    const first = (await starting.dispatch('app.status', {}, 'tab')) as { data: { startup: StartupFailure } }
    first.data.startup.reason = 'changed'
    const second = (await starting.dispatch('app.status', {}, 'tab')) as { data: { startup: StartupFailure } }
    expect(second.data.startup.reason).toBe('r')
  })
})

// ---------------------------------------------------------------------------------------------------------------
// Browser mode, as a person runs it.

let bundle = ''
beforeAll(async () => {
  bundle = await bundleScript('src-main/web/cli.ts')
}, 60_000)

interface Running {
  child: ChildProcess
  output: () => string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  port: number
  entry: string
}

async function startFailing(dataDir: string): Promise<Running> {
  const child = spawn(process.execPath, [bundle, '--data-dir', dataDir, '--port', '0'], CHILD_OPTIONS)
  let output = ''
  const said = new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Ctrl+C')) resolve()
    }
    child.stdout?.on('data', read)
    child.stderr?.on('data', read)
    child.on('exit', () => reject(new Error(`ended before saying Ctrl+C:\n${output}`)))
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal }))
  )
  await said
  const url = /ARCHIVE_URL=(http:\/\/127\.0\.0\.1:(\d+)\/auth\?entry=(\S+))/.exec(output)!
  return { child, output: () => output, exited, port: Number(url[2]), entry: url[3] }
}

function request(
  port: number,
  method: string,
  pathname: string,
  headers: Record<string, string> = {},
  body?: string
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path: pathname, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        let text = ''
        res.on('data', (chunk: Buffer) => (text += chunk.toString()))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
      }
    )
    req.on('error', reject)
    req.end(body)
  })
}

async function tabToken(running: Running): Promise<string> {
  const answer = await request(running.port, 'POST', '/auth', { 'x-archive-entry': running.entry })
  return (JSON.parse(answer.body) as { token: string }).token
}

const rpc = (running: Running, token: string, channel: string, body: string) =>
  request(
    running.port,
    'POST',
    `/rpc/${channel}`,
    { 'x-archive-token': token, 'content-type': 'application/json' },
    body
  )

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms))])

describe('attack: browser mode after a failed start', () => {
  it('a failed upgrade: the page is told the reason and the copy, every other call is refused, and the log has it', async () => {
    const dataDir = await olderDataDir()
    const file = path.join(dataDir, DATABASE_FILE)
    breakLastMigration(file)
    const before = dump(file)
    const running = await startFailing(dataDir)
    try {
      const token = await tabToken(running)
      const status = await rpc(running, token, 'app.status', '{"input":{}}')
      expect(status.status).toBe(200)
      const startup = (JSON.parse(status.body) as { data: { startup: StartupFailure } }).data.startup
      expect(startup.stage).toBe('failed')
      expect(startup.reason).toMatch(/items_year_date_formed already exists/)
      expect(startup.copy).not.toBeNull()
      expect(dump(startup.copy!)).toBe(before)
      expect(startup.logFolder).toBe(path.join(dataDir, 'logs'))
      for (const [channel, body] of [
        ['auth.setupAdmin', '{"input":{"username":"admin","password":"x"}}'],
        ['auth.login', '{"input":{"username":"admin","password":"x"}}'],
        ['no.such', '{"input":null}'],
        ['items.list', ''],
        ['%E4%B8%AD', '{}']
      ])
        expect(JSON.parse((await rpc(running, token, channel, body)).body), channel).toEqual({
          ok: false,
          error: { code: 'CONFLICT', message: 'errors.startFailed' }
        })
      expect((await rpc(running, token, 'auth.login', '{not json')).status).toBe(400)
      expect((await rpc(running, token, '%ZZ', '{}')).status).toBe(400)
      expect(readLog(dataDir)).toContain('items_year_date_formed already exists')
      expect(running.child.exitCode).toBeNull()
      expect(dump(file)).toBe(before)
    } finally {
      running.child.kill('SIGTERM')
      expect((await running.exited).code).toBe(1)
    }
  }, 60_000)

  it('SIGINT twice: it stops once, with 1', async () => {
    const dataDir = tempDir('cli-data-')
    fs.writeFileSync(path.join(dataDir, DATABASE_FILE), 'not a database at all, '.repeat(100))
    const running = await startFailing(dataDir)
    running.child.kill('SIGINT')
    running.child.kill('SIGINT')
    expect(await within(running.exited, 10_000)).toEqual({ code: 1, signal: null })
    expect(running.output()).not.toMatch(/ERR_SERVER_NOT_RUNNING|Unhandled|UnhandledPromiseRejection/)
  }, 30_000)

  it('SIGTERM stops it within seconds even while a browser holds an idle keep-alive connection', async () => {
    const dataDir = tempDir('cli-data-')
    fs.writeFileSync(path.join(dataDir, DATABASE_FILE), 'not a database at all, '.repeat(100))
    const running = await startFailing(dataDir)
    const agent = new http.Agent({ keepAlive: true })
    try {
      await new Promise<void>((resolve, reject) =>
        http
          .get(
            { host: '127.0.0.1', port: running.port, path: '/', agent, headers: { host: `127.0.0.1:${running.port}` } },
            (res) => {
              res.resume()
              res.on('end', resolve)
            }
          )
          .on('error', reject)
      )
      running.child.kill('SIGTERM')
      expect(await within(running.exited, 5_000)).toEqual({ code: 1, signal: null })
    } finally {
      agent.destroy()
      running.child.kill('SIGKILL')
    }
  }, 30_000)

  it('SIGTERM stops it within seconds (15 s) even while a request is half sent (a tab cut off mid-request)', async () => {
    const dataDir = tempDir('cli-data-')
    fs.writeFileSync(path.join(dataDir, DATABASE_FILE), 'not a database at all, '.repeat(100))
    const running = await startFailing(dataDir)
    const socket = net.connect(running.port, '127.0.0.1')
    try {
      await new Promise<void>((resolve) => socket.on('connect', resolve))
      socket.write(`POST /rpc/app.status HTTP/1.1\r\nHost: 127.0.0.1:${running.port}\r\nContent-Length: 100\r\n\r\n{`)
      await new Promise((resolve) => setTimeout(resolve, 200))
      const asked = Date.now()
      running.child.kill('SIGTERM')
      expect(await within(running.exited, 15_000)).toEqual({ code: 1, signal: null })
      console.log(`stopped ${Date.now() - asked} ms after SIGTERM with a request half sent`)
    } finally {
      socket.destroy()
      running.child.kill('SIGKILL')
    }
  }, 30_000)
})
