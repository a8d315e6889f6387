import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ChannelInput, Role } from '@preload/contract'
import { itemInput } from '../support/records'
import { makeApp, tempDir, USER_PASSWORD, type TestApp } from '../support/app'
import { jpegBytes, pdfBytes } from '../support/electronic'
import { useDesk } from '../support/use'

/** Issue 18 as an adversary: every new channel by the wrong role, hostile names and bodies (R-ELEC-1, -3, -8). */

let app: TestApp | null = null
afterEach(async () => {
  await app?.close()
  app = null
})

const attachInput = (itemId: number, fileName: string, bytes: Buffer) =>
  ({ itemId, role: 'scan', fileName, base64: bytes.toString('base64') }) satisfies ChannelInput<'electronic.attach'>

async function setUp() {
  app = await makeApp(tempDir())
  const key = await app.signInAs('archivist')
  const item = await app.call('items.create', itemInput(), key)
  return { app, key, item }
}

function storedFiles(dataDir: string): string[] {
  const root = path.join(dataDir, 'files')
  if (!fs.existsSync(root)) return []
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((name) =>
    fs.statSync(path.join(root, name)).isFile()
  )
}

/** What a refused call must leave as it was: the rows, the audit entries and the files. */
async function footprint(test: TestApp) {
  const count = async (table: string) =>
    (await test.database.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))[0].n
  return {
    files: await count('electronic_files'),
    runs: await count('fixity_runs'),
    audit: await count('audit_log'),
    stored: storedFiles(test.dataDir).length
  }
}

async function errorOf(test: TestApp, channel: 'electronic.attach', input: unknown, key: string) {
  const result = await test.dispatch(channel, input, key)
  if (result.ok) throw new Error(`${channel} was not refused`)
  return result.error
}

const OUTSIDERS: Role[] = ['staff_viewer', 'department_head', 'deputy_gm', 'gm', 'auditor', 'security_officer']

describe('R-ROLE-1, R-ELEC-1, R-ELEC-3: only the archive staff attach files and start a fixity check', () => {
  it('every other role is refused attach, batch plan and fixity start, and nothing changes', async () => {
    const { app, item } = await setUp()
    const keys = [await app.signInAs('sysadmin')]
    for (const role of OUTSIDERS) keys.push(await app.signInAs(role, `x${role}`))
    const before = await footprint(app)
    for (const key of keys) {
      const calls = [
        await app.dispatch('electronic.attach', attachInput(item.id, 'a.pdf', pdfBytes(1)), key),
        await app.dispatch('electronic.batchPlan', { names: ['A-1.pdf'] }, key),
        await app.dispatch('electronic.fixityStart', { sample: null }, key)
      ]
      expect(calls.map((result) => (result.ok ? 'allowed' : result.error.code))).toEqual([
        'FORBIDDEN',
        'FORBIDDEN',
        'FORBIDDEN'
      ])
    }
    expect(await footprint(app)).toEqual(before)
  })
})

describe('R-ELEC-8: viewing needs an approved request of the viewer’s own', () => {
  it('the administrator and the auditor cannot view; a department head and the GM need a request; another person’s request grants nothing', async () => {
    const { app, key, item } = await setUp()
    const { file } = await app.call('electronic.attach', attachInput(item.id, 'p1.jpg', jpegBytes('scan')), key)
    for (const role of ['sysadmin', 'auditor'] as const) {
      const other = role === 'sysadmin' ? await app.signInAs('sysadmin') : await app.signInAs(role, 'shenji')
      const result = await app.dispatch('electronic.view', { fileId: file.id }, other)
      expect(result.ok ? 'shown' : result.error.code).toBe('FORBIDDEN')
    }
    for (const role of ['department_head', 'gm'] as const) {
      const other = await app.signInAs(role, `x${role}`)
      const result = await app.dispatch('electronic.view', { fileId: file.id }, other)
      expect(result.ok ? 'shown' : result.error.ruleId).toBe('R-ELEC-8')
    }

    const applicant = await app.createAccount({ role: 'staff_viewer', username: 'reader', displayName: '李查阅' })
    await app.createAccount({ role: 'staff_viewer', username: 'other', displayName: '王旁观' })
    await app.database.query('UPDATE users SET must_change_password = 0')
    await app.call('auth.login', { username: 'other', password: USER_PASSWORD }, 'session-other')
    const desk = useDesk(app, key)
    const request = desk.request('consultation', [{ subject: 'item', id: item.id }], '核对合同', {
      applicantUserId: applicant.id,
      applicantName: '李查阅',
      departmentCode: 'ZS'
    })
    expect((await desk.signAll(await app.call('use.create', request, key))).status).toBe('approved')
    const result = await app.dispatch('electronic.view', { fileId: file.id }, 'session-other')
    expect(result.ok ? 'shown' : result.error.ruleId).toBe('R-ELEC-8')
    const views = await app.database.query(
      `SELECT 1 FROM audit_log WHERE entity = 'electronic_file' AND action = 'view'`
    )
    expect(views).toEqual([])
  })
})

describe('R-ELEC-1: hostile file names are refused and nothing is stored', () => {
  it.each([
    ['a NUL', 'a\u0000.pdf', 'electronic.errors.pathInName'],
    ['a drive', 'C:\\Windows\\x.pdf', 'electronic.errors.pathInName'],
    ['a parent folder alone', '..', 'electronic.errors.badName'],
    ['a right-to-left override that shows .exe as .pdf', '报告\u202Efdp.exe', 'electronic.errors.badName'],
    ['a zero-width space after the extension', 'contract.pdf\u200B', 'electronic.errors.badName'],
    ['a DEL character', 'a\u007F.pdf', 'electronic.errors.badName']
  ])('%s', async (_what, name, message) => {
    const { app, key, item } = await setUp()
    const before = await footprint(app)
    expect(await errorOf(app, 'electronic.attach', attachInput(item.id, name, pdfBytes(1)), key)).toMatchObject({
      code: 'POLICY_DENIED',
      ruleId: 'R-ELEC-1',
      message
    })
    expect(await footprint(app)).toEqual(before)
  })

  it('a 300-character name is refused by the schema', async () => {
    const { app, key, item } = await setUp()
    const before = await footprint(app)
    const error = await errorOf(
      app,
      'electronic.attach',
      attachInput(item.id, `${'档'.repeat(296)}.pdf`, pdfBytes(1)),
      key
    )
    expect(error).toMatchObject({ code: 'VALIDATION', details: [{ path: 'fileName', message: 'validation.tooLong' }] })
    expect(await footprint(app)).toEqual(before)
  })

  it('content that is not what an upper-case .PDF claims is refused', async () => {
    const { app, key, item } = await setUp()
    const error = await errorOf(
      app,
      'electronic.attach',
      attachInput(item.id, 'SCAN.PDF', Buffer.from('%!PS-Adobe')),
      key
    )
    expect(error).toMatchObject({ ruleId: 'R-ELEC-1', message: 'electronic.errors.typeMismatch' })
    expect(storedFiles(app.dataDir)).toEqual([])
  })
})

describe('R-ELEC-1: a body that is not base64 is refused, never decoded into other bytes', () => {
  const pdf = pdfBytes(1).toString('base64')
  it.each([
    ['plain text', '!!!! not base64 at all !!!!'],
    ['a data: URL as FileReader gives it', `data:application/pdf;base64,${pdf}`],
    ['text after the padding', `${pdf}${pdf.endsWith('=') ? '' : '='}trailing`],
    ['a line break inside', `${pdf.slice(0, 8)}\n${pdf.slice(8)}`],
    ['padding only', '====']
  ])('%s', async (_what, base64) => {
    const { app, key, item } = await setUp()
    const before = await footprint(app)
    const error = await errorOf(
      app,
      'electronic.attach',
      { itemId: item.id, role: 'scan', fileName: 'x.ofd', base64 },
      key
    )
    expect(error).toMatchObject({
      code: 'VALIDATION',
      details: [{ path: 'base64', message: 'validation.invalidValue' }]
    })
    expect(await footprint(app)).toEqual(before)
  })
})

describe('R-ELEC-3, R-ELEC-8: content changed on disk is not shown as the record', () => {
  it('a stored file rewritten behind the app is refused on viewing, and the view is not audited', async () => {
    const { app, key, item } = await setUp()
    const { file } = await app.call('electronic.attach', attachInput(item.id, 'p1.jpg', jpegBytes('scan')), key)
    const stored = path.join(app.dataDir, 'files', 'sha256', file.sha256.slice(0, 2), file.sha256)
    fs.chmodSync(stored, 0o600)
    fs.writeFileSync(stored, jpegBytes('forged'))
    const result = await app.dispatch('electronic.view', { fileId: file.id }, key)
    expect(result.ok ? 'shown' : result.error).toMatchObject({
      code: 'CONFLICT',
      message: 'electronic.errors.contentAltered'
    })
    const views = await app.database.query(
      `SELECT 1 FROM audit_log WHERE entity = 'electronic_file' AND action = 'view'`
    )
    expect(views).toEqual([])
  })
})

describe('R-ELEC-3: one fixity check at a time', () => {
  it('starts asked for at once make one run; the others are told a check is running', async () => {
    const { app, key, item } = await setUp()
    await app.call('electronic.attach', attachInput(item.id, 'p1.pdf', pdfBytes(2)), key)
    const results = await Promise.all(
      Array.from({ length: 5 }, () => app.dispatch('electronic.fixityStart', { sample: null }, key))
    )
    expect(results.map((result) => (result.ok ? 'started' : result.error.message)).sort()).toEqual([
      ...Array<string>(4).fill('electronic.errors.fixityRunning'),
      'started'
    ])
    await app.services.electronic.fixityIdle()
    expect(await app.database.query('SELECT COUNT(*) AS n FROM fixity_runs')).toEqual([{ n: 1 }])
    expect((await app.dispatch('electronic.fixityStart', { sample: null }, key)).ok).toBe(true)
    await app.services.electronic.fixityIdle()
  })
})
