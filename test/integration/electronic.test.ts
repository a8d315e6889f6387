import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ChannelInput } from '@preload/contract'
import { itemInput } from '../support/records'
import { makeApp, tempDir, USER_PASSWORD, type TestApp } from '../support/app'
import { jpegBytes, pdfBytes, pngBytes, tiffBytes } from '../support/electronic'
import { useDesk } from '../support/use'

let app: TestApp | null = null
const mounts: string[] = []
afterEach(async () => {
  await app?.close()
  app = null
  for (const point of mounts.splice(0)) {
    execFileSync('umount', ['-l', point])
  }
})

const sha = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex')
const attachInput = (itemId: number, fileName: string, bytes: Buffer, role: 'original' | 'scan' = 'scan') =>
  ({ itemId, role, fileName, base64: bytes.toString('base64') }) satisfies ChannelInput<'electronic.attach'>

async function setUp(more: Parameters<typeof makeApp>[1] = {}) {
  app = await makeApp(tempDir(), more)
  const key = await app.signInAs('archivist')
  const item = await app.call('items.create', itemInput(), key)
  return { app, key, item }
}

/** Every file under the store, temporaries included: what a refused ingest must leave as it was. */
function storedFiles(dataDir: string): string[] {
  const root = path.join(dataDir, 'files')
  if (!fs.existsSync(root)) return []
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((name) => fs.statSync(path.join(root, name)).isFile())
    .sort()
}

const rowCount = async (test: TestApp) =>
  (await test.database.query<{ n: number }>('SELECT COUNT(*) AS n FROM electronic_files'))[0].n
const attachAudits = async (test: TestApp) =>
  (await test.database.query<{ n: number }>(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'attach'`))[0].n

async function refusal(test: TestApp, input: ChannelInput<'electronic.attach'>, key: string) {
  const result = await test.dispatch('electronic.attach', input, key)
  if (result.ok) throw new Error('attached what should have been refused')
  return result.error
}

describe('R-ELEC-1 content-addressed store', () => {
  it('stores a file under files/sha256/ab/<hash> with its detected type, size, pages and who attached it', async () => {
    const { app, key, item } = await setUp()
    const pdf = pdfBytes(3)
    const { file, duplicate } = await app.call('electronic.attach', attachInput(item.id, '合同扫描.pdf', pdf), key)
    expect(duplicate).toBe(false)
    expect(file).toMatchObject({
      itemId: item.id,
      role: 'scan',
      sha256: sha(pdf),
      size: pdf.length,
      type: 'pdf',
      pages: 3,
      originalName: '合同扫描.pdf',
      version: 1
    })
    expect(file.attachedBy).toMatch(/^archivist/)
    const stored = path.join(app.dataDir, 'files', 'sha256', sha(pdf).slice(0, 2), sha(pdf))
    expect(fs.readFileSync(stored)).toEqual(pdf)
    expect(fs.statSync(stored).mode & 0o222).toBe(0)
    expect(await attachAudits(app)).toBe(1)
    expect(await app.call('electronic.list', { itemId: item.id }, key)).toEqual([file])
  })

  it('counts a TIFF’s pages by walking its image directories, and takes other content as it is', async () => {
    const { app, key, item } = await setUp()
    const tiff = await app.call('electronic.attach', attachInput(item.id, 'p.tif', tiffBytes(4)), key)
    expect(tiff.file).toMatchObject({ type: 'tiff', pages: 4 })
    const png = await app.call('electronic.attach', attachInput(item.id, 'p.png', pngBytes('a')), key)
    expect(png.file).toMatchObject({ type: 'png', pages: null })
    const other = await app.call('electronic.attach', attachInput(item.id, 'notes.txt', Buffer.from('备注')), key)
    expect(other.file).toMatchObject({ type: 'other', pages: null })
  })

  it('stores the same content once; the same item and content again registers nothing', async () => {
    const { app, key, item } = await setUp()
    const other = await app.call('items.create', itemInput({ title: '另一份合同' }), key)
    const jpeg = jpegBytes('page-1')
    const first = await app.call('electronic.attach', attachInput(item.id, 'a.jpg', jpeg), key)
    const again = await app.call('electronic.attach', attachInput(item.id, 'a-copy.jpg', jpeg), key)
    expect(again).toEqual({ file: first.file, duplicate: true })
    const elsewhere = await app.call('electronic.attach', attachInput(other.id, 'b.jpg', jpeg), key)
    expect(elsewhere.duplicate).toBe(false)
    expect(storedFiles(app.dataDir)).toEqual([path.join('sha256', sha(jpeg).slice(0, 2), sha(jpeg))])
    expect(await rowCount(app)).toBe(2)
    expect(await attachAudits(app)).toBe(2)
  })
})

describe('R-ELEC-1 bad input is refused in words and leaves nothing half-stored', () => {
  it.each([
    ['a name that claims .pdf over other content', 'contract.pdf', jpegBytes('x'), 'electronic.errors.typeMismatch'],
    ['a name with ../', '../../evil.pdf', pdfBytes(1), 'electronic.errors.pathInName'],
    ['an absolute path', '/etc/cron.d/x', pdfBytes(1), 'electronic.errors.pathInName']
  ])('%s', async (_what, name, bytes, message) => {
    const { app, key, item } = await setUp()
    expect(await refusal(app, attachInput(item.id, name, bytes), key)).toMatchObject({
      code: 'POLICY_DENIED',
      ruleId: 'R-ELEC-1',
      message
    })
    expect(storedFiles(app.dataDir)).toEqual([])
    expect(await rowCount(app)).toBe(0)
  })

  it('an empty file', async () => {
    const { app, key, item } = await setUp()
    const input = { ...attachInput(item.id, 'empty.pdf', Buffer.alloc(0)), base64: '' }
    expect(await refusal(app, input, key)).toMatchObject({ code: 'VALIDATION' })
    const { services } = app
    const empty = path.join(tempDir(), 'empty.pdf')
    fs.writeFileSync(empty, '')
    const actor = { userId: null, username: 'system' }
    await expect(
      services.electronic.attachPath(actor, { itemId: item.id, role: 'scan', fileName: 'empty.pdf', path: empty })
    ).rejects.toMatchObject({ error: { message: 'electronic.errors.emptyFile', ruleId: 'R-ELEC-1' } })
    expect(storedFiles(app.dataDir)).toEqual([])
  })

  it('a file over the size cap (2 GB unless the archive manager sets another) is refused before it is read', async () => {
    const { app, key, item } = await setUp()
    const actor = { userId: null, username: 'system' }
    const attach = (file: string) =>
      app.services.electronic.attachPath(actor, { itemId: item.id, role: 'scan', fileName: 'big.pdf', path: file })
    // Sparse: 2 GiB and a byte on paper, nothing on disk; reading it would take the whole test's time.
    const huge = path.join(tempDir(), 'huge.pdf')
    fs.writeFileSync(huge, pdfBytes(1))
    fs.truncateSync(huge, 2 * 1024 ** 3 + 1)
    const opened = vi.spyOn(fs, 'createReadStream')
    try {
      await expect(attach(huge)).rejects.toMatchObject({
        error: { ruleId: 'R-ELEC-1', message: 'electronic.errors.tooLarge', params: { megabytes: 2048 } }
      })
      expect(opened).not.toHaveBeenCalled()
    } finally {
      opened.mockRestore()
    }

    const manager = await app.signInAs('archive_manager', 'manager')
    for (const maxFileMegabytes of [0, 16_385])
      expect(
        await app.dispatch('settings.saveElectronic', { fixityIntervalYears: 2, maxFileMegabytes }, manager)
      ).toMatchObject({
        ok: false,
        error: {
          details: [{ path: 'maxFileMegabytes', message: 'validation.between', params: { min: 1, max: 16384 } }]
        }
      })
    await app.call('settings.saveElectronic', { fixityIntervalYears: 2, maxFileMegabytes: 1 }, manager)
    const over = path.join(tempDir(), 'over.pdf')
    fs.writeFileSync(over, pdfBytes(1, 1024 * 1024))
    await expect(attach(over)).rejects.toMatchObject({ error: { params: { megabytes: 1 } } })
    expect(await refusal(app, attachInput(item.id, 'over.pdf', fs.readFileSync(over)), key)).toMatchObject({
      ruleId: 'R-ELEC-1',
      message: 'electronic.errors.tooLarge'
    })
    expect(storedFiles(app.dataDir)).toEqual([])
    const within = path.join(tempDir(), 'within.pdf')
    fs.writeFileSync(within, pdfBytes(1, 1024 * 1024 - 200))
    expect((await attach(within)).file.size).toBeLessThanOrEqual(1024 * 1024)
  })

  it('a file that disappears before or while it is read', async () => {
    const { app, item } = await setUp()
    const actor = { userId: null, username: 'system' }
    const gone = path.join(tempDir(), 'gone.pdf')
    await expect(
      app.services.electronic.attachPath(actor, { itemId: item.id, role: 'scan', fileName: 'gone.pdf', path: gone })
    ).rejects.toMatchObject({ error: { message: 'electronic.errors.sourceVanished' } })
    async function* vanishing() {
      yield pdfBytes(1, 100_000)
      throw Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' })
    }
    const files = app.services.electronic.files
    await expect(files.ingest(vanishing(), { name: 'gone.pdf', maxBytes: 1e9 })).rejects.toMatchObject({
      error: { message: 'electronic.errors.sourceVanished' }
    })
    expect(storedFiles(app.dataDir)).toEqual([])
    expect(await rowCount(app)).toBe(0)
  })

  it('a file that shrinks while it is read (still being written by the scanner)', async () => {
    const { app } = await setUp()
    async function* shorter() {
      yield pdfBytes(1)
    }
    await expect(
      app.services.electronic.files.ingest(shorter(), { name: 'a.pdf', maxBytes: 1e9, expectedSize: 10_000 })
    ).rejects.toMatchObject({ error: { message: 'electronic.errors.sourceChanged' } })
    expect(storedFiles(app.dataDir)).toEqual([])
  })

  it('a full disk: the temporary file is removed and the database is untouched', async (context) => {
    if (process.platform !== 'linux' || process.getuid?.() !== 0) return context.skip()
    const { app, key, item } = await setUp()
    const files = path.join(app.dataDir, 'files')
    fs.mkdirSync(files)
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', files], { stdio: 'ignore' })
    } catch {
      return context.skip()
    }
    mounts.push(files)
    const audits = await attachAudits(app)
    const tooBig = pdfBytes(2, 3 * 1024 * 1024)
    expect(await refusal(app, attachInput(item.id, 'big.pdf', tooBig), key)).toMatchObject({
      code: 'STORAGE',
      message: 'errors.diskFull'
    })
    expect(storedFiles(app.dataDir)).toEqual([])
    expect(await rowCount(app)).toBe(0)
    expect(await attachAudits(app)).toBe(audits)
    const small = await app.call('electronic.attach', attachInput(item.id, 'small.pdf', pdfBytes(2)), key)
    expect(small.file.pages).toBe(2)
  })

  it('only the archive staff attach; a destroyed item takes no files', async () => {
    const { app, item } = await setUp()
    const viewer = await app.signInAs('staff_viewer')
    const denied = await app.dispatch('electronic.attach', attachInput(item.id, 'a.pdf', pdfBytes(1)), viewer)
    expect(denied.ok).toBe(false)
    await app.database.query(`UPDATE items SET custody = 'destroyed' WHERE id = ?`, [item.id])
    const key = await app.signInAs('archivist')
    expect(await refusal(app, attachInput(item.id, 'a.pdf', pdfBytes(1)), key)).toMatchObject({
      message: 'electronic.errors.itemDestroyed'
    })
    expect(storedFiles(app.dataDir)).toEqual([])
  })
})

describe('R-ELEC-1 批量挂接 a folder of scans by archival code', () => {
  it('dry-runs matched and unmatched names, attaches the matched, and attaches nothing twice when run again', async () => {
    const { app, key, item } = await setUp()
    const other = await app.call('items.create', itemInput({ title: '补充协议' }), key)
    const [a, b] = await Promise.all([item, other].map((one) => app.call('items.catalogue', { id: one.id }, key)))
    const folder = {
      [`${a.archivalCode}_001.jpg`]: jpegBytes('a1'),
      [`${a.archivalCode}_002.jpg`]: jpegBytes('a2'),
      [`${b.archivalCode}.pdf`]: pdfBytes(2),
      'IMG_0001.jpg': jpegBytes('stray')
    }
    const plan = await app.call('electronic.batchPlan', { names: Object.keys(folder) }, key)
    expect(plan.map((row) => [row.status, row.itemId, row.sequence])).toEqual([
      ['matched', a.id, 1],
      ['matched', a.id, 2],
      ['matched', b.id, null],
      ['unmatched', null, null]
    ])
    const attachMatched = async () => {
      const results = []
      for (const row of plan.filter((one) => one.itemId !== null))
        results.push(await app.call('electronic.attach', attachInput(row.itemId!, row.name, folder[row.name]), key))
      return results.map((result) => result.duplicate)
    }
    expect(await attachMatched()).toEqual([false, false, false])
    expect(await attachMatched()).toEqual([true, true, true])
    expect(await rowCount(app)).toBe(3)
    expect((await app.call('electronic.list', { itemId: a.id }, key)).map((file) => file.originalName)).toEqual([
      `${a.archivalCode}_001.jpg`,
      `${a.archivalCode}_002.jpg`
    ])
  })
})

describe('R-ELEC-1 归档电子文件登记表', () => {
  it('lists every file with size and checksum, the counts, both signatures, values escaped, and the print is audited', async () => {
    const { app, key, item } = await setUp()
    const other = await app.call('items.create', itemInput({ title: '<b>补充</b>协议' }), key)
    const pdf = pdfBytes(2)
    const jpeg = jpegBytes('p1')
    await app.call('electronic.attach', attachInput(item.id, 'a.pdf', pdf), key)
    await app.call('electronic.attach', attachInput(other.id, '<img src=x onerror=alert(1)>.jpg', jpeg), key)
    const { html } = await app.call('print.electronicRegister', { itemIds: [item.id, other.id] }, key)
    expect(html).toContain('归档电子文件登记表')
    expect(html).toContain(`共 2 件档案，电子文件 2 个，总计 ${pdf.length + jpeg.length} 字节`)
    for (const bytes of [pdf, jpeg]) expect(html).toContain(sha(bytes))
    expect(html).toContain('移交人（签字）')
    expect(html).toContain('接收人（签字）')
    expect(html).not.toMatch(/<img|<b>/)
    const [entry] = await app.database.query<{ after: string }>(
      `SELECT after FROM audit_log WHERE entity = 'electronic_file' AND action = 'print'`
    )
    expect(JSON.parse(entry.after)).toMatchObject({ document: 'electronicRegister', files: 2 })
  })
})

describe('R-ELEC-8 viewing under the use rules', () => {
  it('a staff viewer sees a file only under an approved consultation of their own, with a watermark; every view is audited', async () => {
    const { app, key, item } = await setUp()
    const jpeg = jpegBytes('scan')
    const { file } = await app.call('electronic.attach', attachInput(item.id, 'p1.jpg', jpeg), key)
    const seen = await app.call('electronic.view', { fileId: file.id }, key)
    expect(Buffer.from(seen.base64, 'base64')).toEqual(jpeg)
    expect(seen.watermark).toMatch(/^archivist\d* 2026-03-02 \d\d:\d\d$/)

    const viewer = await app.createAccount({ role: 'staff_viewer', username: 'reader', displayName: '李查阅' })
    await app.database.query('UPDATE users SET must_change_password = 0 WHERE id = ?', [viewer.id])
    const readerKey = 'session-reader'
    await app.call('auth.login', { username: 'reader', password: USER_PASSWORD }, readerKey)
    const refused = await app.dispatch('electronic.view', { fileId: file.id }, readerKey)
    expect(refused.ok ? null : refused.error).toMatchObject({
      ruleId: 'R-ELEC-8',
      message: 'electronic.errors.viewNeedsRequest'
    })

    const desk = useDesk(app, key)
    const request = desk.request('consultation', [{ subject: 'item', id: item.id }], '核对合同', {
      applicantUserId: viewer.id,
      applicantName: '李查阅',
      departmentCode: 'ZS'
    })
    const approved = await desk.signAll(await app.call('use.create', request, key))
    expect(approved.status).toBe('approved')
    const granted = await app.call('electronic.view', { fileId: file.id }, readerKey)
    expect(granted.watermark).toMatch(/^李查阅 2026-03-02 /)
    const views = await app.database.query<{ username: string; after: string }>(
      `SELECT username, after FROM audit_log WHERE entity = 'electronic_file' AND action = 'view' ORDER BY id`
    )
    expect(views.map((view) => [view.username, JSON.parse(view.after).requestId])).toEqual([
      [expect.stringMatching(/^archivist/), null],
      ['reader', approved.id]
    ])
  })
})

describe('R-ELEC-3 fixity checks', () => {
  it('re-reads every file; a damaged or missing one opens an incident on its record', async () => {
    const { app, key, item } = await setUp()
    const other = await app.call('items.create', itemInput({ title: '补充协议' }), key)
    const good = pdfBytes(1)
    const damaged = jpegBytes('damaged')
    const lost = pngBytes('lost')
    await app.call('electronic.attach', attachInput(item.id, 'good.pdf', good), key)
    await app.call('electronic.attach', attachInput(item.id, 'damaged.jpg', damaged), key)
    await app.call('electronic.attach', attachInput(other.id, 'lost.png', lost), key)
    const stored = (bytes: Buffer) => path.join(app.dataDir, 'files', 'sha256', sha(bytes).slice(0, 2), sha(bytes))
    fs.chmodSync(stored(damaged), 0o644)
    fs.appendFileSync(stored(damaged), 'x')
    fs.rmSync(stored(lost))

    const started = await app.call('electronic.fixityStart', { sample: null }, key)
    expect(started).toMatchObject({ scope: 'all', total: 3 })
    await app.services.electronic.fixityIdle()
    expect(await app.call('electronic.fixityLatest', {}, key)).toMatchObject({
      id: started.id,
      total: 3,
      checked: 3,
      mismatched: 1,
      missing: 1,
      finishedAt: expect.any(String)
    })
    const incidents = await app.call('incidents.list', { state: 'open' }, key)
    expect(incidents.rows.map((row) => [row.subjectId, row.kind]).sort()).toEqual(
      [
        [item.id, 'damaged'],
        [other.id, 'missing']
      ].sort()
    )
    expect(incidents.rows.find((row) => row.kind === 'damaged')?.note).toContain('damaged.jpg')
  })

  it('a sample reads only so many files, and a check cut off by a restart carries on where it stopped', async () => {
    const { app: first, key, item } = await setUp()
    for (let page = 1; page <= 4; page++)
      await first.call('electronic.attach', attachInput(item.id, `p${page}.pdf`, pdfBytes(page)), key)
    const sample = await first.call('electronic.fixityStart', { sample: 2 }, key)
    expect(sample).toMatchObject({ scope: 'sample', total: 2 })
    await first.services.electronic.fixityIdle()

    // A run cut off after one file: its other outcomes are still empty when the app opens again.
    const cut = await first.call('electronic.fixityStart', { sample: null }, key)
    await first.services.electronic.fixityIdle()
    await first.database.query(
      `UPDATE fixity_results SET outcome = NULL, checked_at = NULL WHERE run_id = ? AND file_id > (SELECT MIN(file_id) FROM fixity_results WHERE run_id = ?)`,
      [cut.id, cut.id]
    )
    await first.database.query('UPDATE fixity_runs SET finished_at = NULL WHERE id = ?', [cut.id])
    await first.close()
    app = await makeApp(first.dataDir)
    await app.services.electronic.fixityIdle()
    const again = await app.call('electronic.fixityLatest', {}, await app.signInAs('archivist', 'reopened'))
    expect(again).toMatchObject({ id: cut.id, total: 4, checked: 4, mismatched: 0, missing: 0 })
    expect(again?.finishedAt).not.toBeNull()
  })
})
