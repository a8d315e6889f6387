import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ChannelInput } from '@preload/contract'
import { STICK_FILES_FOLDER } from '@main/services/backup-files'
import { makeApp, seedInTransaction, tempDir, type TestApp } from '../support/app'
import { archiveOf2014, destroyed, ref } from '../support/disposal'
import { jpegBytes, pdfBytes } from '../support/electronic'
import { itemInput } from '../support/records'

/** Issue 18 as an adversary, second round: destruction beside a fixity run, the ledger, backups of the files. */

const apps: TestApp[] = []
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close()
})

async function started(dataDir = tempDir()) {
  const app = await makeApp(dataDir)
  apps.push(app)
  return app
}

async function restarted(app: TestApp) {
  apps.splice(apps.indexOf(app), 1)
  await app.close()
  return started(app.dataDir)
}

const attachInput = (itemId: number, fileName: string, bytes: Buffer) =>
  ({ itemId, role: 'scan', fileName, base64: bytes.toString('base64') }) satisfies ChannelInput<'electronic.attach'>

/** A full run the archivist started, cut off (the app closed) before it read anything: carried on at the next start. */
async function runCutOff(app: TestApp, username: string) {
  await seedInTransaction(app, async (db) => {
    await db.query(
      `INSERT INTO fixity_runs (id, scope, started_at, started_by)
       SELECT 90, 'all', '2026-03-01T00:00:00.000Z', id FROM users WHERE username = ?`,
      [username]
    )
    await db.query(`INSERT INTO fixity_results (run_id, file_id) SELECT 90, id FROM electronic_files`)
  })
}

const storedAt = (app: TestApp, sha256: string) => path.join(app.dataDir, 'files', 'sha256', sha256.slice(0, 2), sha256)

describe('R-ELEC-3: a fixity run carried on after a restart', () => {
  it('opens its incident for a file gone from the disk and finishes, rather than stop at the first problem', async () => {
    let app = await started()
    const archivist = await app.signInAs('archivist', 'liwen')
    const item = await app.call('items.create', itemInput(), archivist)
    const lost = await app.call('electronic.attach', attachInput(item.id, '丢失.pdf', pdfBytes(1, 100)), archivist)
    await app.call('electronic.attach', attachInput(item.id, '完好.jpg', jpegBytes('完好')), archivist)
    await runCutOff(app, 'liwen')
    fs.chmodSync(storedAt(app, lost.file.sha256), 0o644)
    fs.rmSync(storedAt(app, lost.file.sha256))
    app = await restarted(app)
    await app.services.electronic.fixityIdle()

    const incidents = await app.database.query<{ subjectId: number; openedBy: number }>(
      `SELECT subject_id AS subjectId, opened_by AS openedBy FROM incidents WHERE source = 'fixity'`
    )
    const [starter] = await app.database.query<{ id: number }>(`SELECT id FROM users WHERE username = 'liwen'`)
    expect(incidents).toEqual([{ subjectId: item.id, openedBy: starter.id }])
    const keeper = await app.signInAs('archivist', 'keeper')
    const run = await app.call('electronic.fixityLatest', {}, keeper)
    expect(run).toMatchObject({ id: 90, total: 2, checked: 2, missing: 1, mismatched: 0 })
    expect(run!.finishedAt).not.toBeNull()
  })
})

describe('R-ELEC-3, R-ELEC-7: a fixity run that meets a file destroyed since it started', () => {
  it('opens no incident for bytes the destruction removed lawfully, and counts no file missing', async () => {
    let app = await started()
    const archive = await archiveOf2014(app)
    const scan = await app.call(
      'electronic.attach',
      attachInput(archive.contract.id, '合同扫描.pdf', pdfBytes(2, 400)),
      archive.archivist
    )
    await app.call(
      'electronic.attach',
      attachInput(archive.permanent.id, '章程.jpg', jpegBytes('章程')),
      archive.archivist
    )
    await runCutOff(app, 'liwen')
    // The run is carried on only at the next start, after the contract and its scan were destroyed.
    await app.services.electronic.fixityIdle()
    await destroyed(app, archive, [ref('item', archive.contract.id)])
    expect(
      fs.existsSync(path.join(app.dataDir, 'files', 'sha256', scan.file.sha256.slice(0, 2), scan.file.sha256))
    ).toBe(false)
    app = await restarted(app)
    await app.services.electronic.fixityIdle()

    const incidents = await app.database.query<{ subjectId: number }>(
      `SELECT subject_id AS subjectId FROM incidents WHERE source = 'fixity'`
    )
    expect(incidents).toEqual([])
    const archivist = await app.signInAs('archivist', 'liwen2')
    const run = await app.call('electronic.fixityLatest', {}, archivist)
    expect(run).toMatchObject({ id: 90, total: 1, checked: 1, missing: 0, mismatched: 0 })
    expect(run!.finishedAt).not.toBeNull()
  })
})

describe('R-ELEC-7, R-ELEC-1: the same content attached to a live item while a destruction removes it', () => {
  it('the attach acknowledged while the destroyed copy’s bytes were being removed keeps its bytes', async () => {
    const app = await started()
    const archive = await archiveOf2014(app)
    const seal = jpegBytes('公章样式', 300)
    await app.call('electronic.attach', attachInput(archive.contract.id, '公章.jpg', seal), archive.archivist)
    // The second attach has stored (found) the bytes and waits for its write while the destruction is signed.
    const files = app.services.electronic.files
    const ingest = files.ingest.bind(files)
    let stored!: () => void
    const found = new Promise<void>((resolve) => (stored = resolve))
    let goOn!: () => void
    const held = new Promise<void>((resolve) => (goOn = resolve))
    vi.spyOn(files, 'ingest').mockImplementationOnce(async (source, options) => {
      const content = await ingest(source, options)
      stored()
      await held
      return content
    })
    const attaching = app.call(
      'electronic.attach',
      attachInput(archive.permanent.id, '公章.jpg', seal),
      archive.archivist
    )
    await found
    await destroyed(app, archive, [ref('item', archive.contract.id)])
    goOn()
    const attached = await attaching

    expect(attached.duplicate).toBe(false)
    expect(fs.existsSync(storedAt(app, attached.file.sha256))).toBe(true)
    expect(await files.checksum(attached.file.sha256)).toBe(attached.file.sha256)
  })
})

describe('R-ELEC-5: a blob on the stick replaced by something that is not a file', () => {
  it.skipIf(process.platform === 'win32')(
    'a restore meeting a pipe where a blob was records it not restored instead of waiting for ever',
    async () => {
      const app = await started()
      const admin = await app.signInAs('sysadmin')
      const keeper = await app.signInAs('archivist', 'keeper')
      const item = await app.call('items.create', itemInput(), keeper)
      const scan = pdfBytes(2, 300)
      await app.call('electronic.attach', attachInput(item.id, '合同.pdf', scan), keeper)
      const folder = tempDir('usb-')
      const { file } = await app.call('backup.create', { folder }, keeper)
      const root = path.join(folder, STICK_FILES_FOLDER)
      const [blob] = (fs.readdirSync(root, { recursive: true }) as string[])
        .map((name) => path.join(root, name))
        .filter((name) => fs.statSync(name).isFile())
      fs.rmSync(blob)
      execFileSync('mkfifo', [blob])
      fs.rmSync(path.join(app.dataDir, 'files'), { recursive: true, force: true })

      await app.call('backup.restore', { file }, admin)
      const [restore] = await app.database.query<{ after: string }>(
        `SELECT after FROM audit_log WHERE entity = 'backup' AND action = 'restore' ORDER BY id DESC LIMIT 1`
      )
      const sha256 = crypto.createHash('sha256').update(scan).digest('hex')
      expect(JSON.parse(restore.after).files).toEqual({ listed: 1, restored: 0, notRestored: [sha256] })
    },
    8000
  )
})

describe('R-ELEC-4: the modification ledger under attack', () => {
  async function scanned() {
    const app = await started()
    const keeper = await app.signInAs('archivist', 'keeper')
    const manager = await app.signInAs('archive_manager', 'wangjl')
    const item = await app.call('items.create', itemInput(), keeper)
    const { file } = await app.call('electronic.attach', attachInput(item.id, '合同.pdf', pdfBytes(2, 100)), keeper)
    return { app, keeper, manager, item, file }
  }
  const replacement = (fileId: number, bytes: Buffer, reason: string) =>
    ({
      fileId,
      fileName: '合同-更正.pdf',
      base64: bytes.toString('base64'),
      reason
    }) satisfies ChannelInput<'electronic.replace'>
  const footprint = async (app: TestApp) =>
    JSON.stringify(
      await app.database.query(
        `SELECT (SELECT COUNT(*) FROM electronic_files) AS files, (SELECT COUNT(*) FROM electronic_file_changes) AS ledger,
                (SELECT COUNT(*) FROM audit_log WHERE entity = 'electronic_file') AS audited`
      )
    ) + JSON.stringify(storedNames(app))
  const storedNames = (app: TestApp) =>
    (fs.readdirSync(path.join(app.dataDir, 'files'), { recursive: true }) as string[]).filter(
      (name) => !name.startsWith('.') && fs.statSync(path.join(app.dataDir, 'files', name)).isFile()
    )

  it('two replacements of the same version at once: one becomes version 2, the other is refused and leaves no bytes', async () => {
    const { app, keeper, manager, item, file } = await scanned()
    const results = await Promise.all([
      app.dispatch('electronic.replace', replacement(file.id, pdfBytes(2, 200), '更正页码'), keeper),
      app.dispatch('electronic.replace', replacement(file.id, pdfBytes(2, 300), '补签字页'), manager)
    ])
    expect(results.filter((result) => result.ok)).toHaveLength(1)
    const refused = results.find((result) => !result.ok)
    expect(refused && !refused.ok && refused.error).toMatchObject({ ruleId: 'R-ELEC-4' })
    expect(await app.call('electronic.ledger', { itemId: item.id }, keeper)).toHaveLength(1)
    expect(storedNames(app)).toHaveLength(2)
  })

  it('a superseded version, a reason of control characters or direction marks only, and every role but the archive staff are refused, and nothing changes', async () => {
    const { app, keeper, file } = await scanned()
    await app.call('electronic.replace', replacement(file.id, pdfBytes(2, 200), '更正页码'), keeper)
    const before = await footprint(app)
    const attempts = [
      [keeper, replacement(file.id, pdfBytes(2, 400), '再改一次')],
      [keeper, replacement(file.id + 1, pdfBytes(2, 500), '\u0000\u0001 ')],
      [keeper, replacement(file.id + 1, pdfBytes(2, 500), '\u202e\u200f')]
    ] as const
    const outcomes = []
    for (const [key, input] of attempts) outcomes.push(await app.dispatch('electronic.replace', input, key))
    for (const role of ['sysadmin', 'auditor', 'department_head', 'staff_viewer', 'security_officer'] as const) {
      const key = await app.signInAs(role, role === 'sysadmin' ? undefined : `x${role}`)
      outcomes.push(await app.dispatch('electronic.replace', replacement(file.id + 1, pdfBytes(2, 600), '越权'), key))
    }
    expect(outcomes.map((result) => (result.ok ? 'allowed' : result.error.code))).toEqual([
      'POLICY_DENIED',
      'POLICY_DENIED',
      'POLICY_DENIED',
      'FORBIDDEN',
      'FORBIDDEN',
      'FORBIDDEN',
      'FORBIDDEN',
      'FORBIDDEN'
    ])
    expect(await footprint(app)).toBe(before)
    expect(outcomes.slice(0, 3).map((result) => !result.ok && result.error.message)).toEqual([
      'electronic.errors.replaceSuperseded',
      'electronic.errors.replaceNeedsReason',
      'electronic.errors.replaceNeedsReason'
    ])
  })
})

describe('R-ELEC-3, R-ELEC-8: the size cap setting and the printed view', () => {
  it('hostile caps are refused in words, the wrong role changes nothing, and a print of a file one may not view is refused', async () => {
    const app = await started()
    const manager = await app.signInAs('archive_manager', 'wangjl')
    const keeper = await app.signInAs('archivist', 'keeper')
    const before = await app.call('settings.getElectronic', {}, manager)
    const caps: unknown[] = [0, -1, 1e309, -1e309, Number.NaN, 16_385, 1.5, '2048', null, 1e21]
    for (const maxFileMegabytes of caps) {
      const result = await app.dispatch(
        'settings.saveElectronic',
        { fixityIntervalYears: before.data.fixityIntervalYears, maxFileMegabytes },
        manager
      )
      expect(result.ok ? 'allowed' : result.error.code, String(maxFileMegabytes)).toBe('VALIDATION')
    }
    const wrong = await app.dispatch('settings.saveElectronic', { fixityIntervalYears: 2, maxFileMegabytes: 1 }, keeper)
    expect(wrong.ok ? 'allowed' : wrong.error.code).toBe('FORBIDDEN')
    expect(await app.call('settings.getElectronic', {}, manager)).toEqual(before)

    const item = await app.call('items.create', itemInput(), keeper)
    const { file } = await app.call('electronic.attach', attachInput(item.id, '合同.pdf', pdfBytes(1)), keeper)
    const head = await app.signInAs('department_head', 'qianbz')
    const printed = await app.dispatch('print.viewedFile', { fileId: file.id }, head)
    expect(printed.ok ? 'allowed' : printed.error.ruleId).toBe('R-ELEC-8')
  })
})
