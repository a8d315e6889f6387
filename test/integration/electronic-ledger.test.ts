/**
 * R-ELEC-4: changing a stored electronic file adds a version and a line of the 修改台帐; nothing is overwritten.
 * R-ELEC-3: a fixity run's report. R-ELEC-8: a viewed image printed under the viewer's watermark. Each print is
 * rendered to PDF in Chromium and read back with poppler.
 */
import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { ChannelInput } from '@preload/contract'
import { makeApp, tempDir, USER_PASSWORD, type TestApp } from '../support/app'
import { jpegBytes, pdfBytes, solidPng } from '../support/electronic'
import { compact, launchChromium, renderPdf } from '../support/pdf'
import { itemInput } from '../support/records'
import { useDesk } from '../support/use'

let app: TestApp | null = null
let browser: Browser | null = null
afterEach(async () => {
  await app?.close()
  app = null
})
afterAll(async () => browser?.close())

const sha = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex')
const replaceInput = (fileId: number, fileName: string, bytes: Buffer, reason: string) =>
  ({ fileId, fileName, base64: bytes.toString('base64'), reason }) satisfies ChannelInput<'electronic.replace'>

async function withAttachedScan() {
  app = await makeApp(tempDir())
  const key = await app.signInAs('archivist', 'liwen')
  const item = await app.call('items.create', itemInput({ title: '仓储合同' }), key)
  const first = pdfBytes(2)
  const { file } = await app.call(
    'electronic.attach',
    { itemId: item.id, role: 'scan', fileName: '合同.pdf', base64: first.toString('base64') },
    key
  )
  return { app, key, item, first, file }
}

const stored = (test: TestApp, bytes: Buffer) =>
  path.join(test.dataDir, 'files', 'sha256', sha(bytes).slice(0, 2), sha(bytes))

const ledgerRows = async (test: TestApp) =>
  (await test.database.query<{ n: number }>('SELECT COUNT(*) AS n FROM electronic_file_changes'))[0].n

describe('R-ELEC-4 replacing an electronic file adds a version and a ledger line, never overwrites', () => {
  it('keeps both versions stored and viewable, the new one version 2 replacing the old, and the ledger says who, when, why', async () => {
    const { app, key, item, first, file } = await withAttachedScan()
    const second = pdfBytes(3)
    const replaced = await app.call(
      'electronic.replace',
      replaceInput(file.id, '合同（重扫）.pdf', second, ' 第 2 页模糊，重新扫描 '),
      key
    )
    expect(replaced.file).toMatchObject({
      itemId: item.id,
      role: 'scan',
      sha256: sha(second),
      pages: 3,
      version: 2,
      replacesId: file.id,
      supersededBy: null
    })
    const versions = await app.call('electronic.list', { itemId: item.id }, key)
    expect(versions.map((one) => [one.id, one.version, one.sha256, one.supersededBy])).toEqual([
      [file.id, 1, sha(first), replaced.file.id],
      [replaced.file.id, 2, sha(second), null]
    ])
    for (const bytes of [first, second])
      expect(fs.readFileSync(path.join(app.dataDir, 'files', 'sha256', sha(bytes).slice(0, 2), sha(bytes)))).toEqual(
        bytes
      )
    const old = await app.call('electronic.view', { fileId: file.id }, key)
    expect(Buffer.from(old.base64, 'base64')).toEqual(first)

    const ledger = await app.call('electronic.ledger', { itemId: item.id }, key)
    expect(ledger).toEqual([
      {
        id: expect.any(Number),
        oldFileId: file.id,
        newFileId: replaced.file.id,
        oldName: '合同.pdf',
        newName: '合同（重扫）.pdf',
        oldVersion: 1,
        newVersion: 2,
        oldSha256: sha(first),
        newSha256: sha(second),
        reason: '第 2 页模糊，重新扫描',
        changedAt: expect.stringMatching(/^2026-03-02T/),
        changedBy: 'liwen'
      }
    ])
    const [audit] = await app.database.query<{ before: string; after: string }>(
      `SELECT before, after FROM audit_log WHERE entity = 'electronic_file' AND action = 'replace'`
    )
    expect(JSON.parse(audit.before)).toMatchObject({ fileId: file.id, sha256: sha(first) })
    expect(JSON.parse(audit.after)).toMatchObject({ version: 2, sha256: sha(second), reason: '第 2 页模糊，重新扫描' })

    const stale = await app.dispatch('electronic.replace', replaceInput(file.id, 'x.pdf', pdfBytes(4), '再改'), key)
    expect(stale.ok ? null : stale.error).toMatchObject({
      ruleId: 'R-ELEC-4',
      message: 'electronic.errors.replaceSuperseded'
    })
    const same = await app.dispatch('electronic.replace', replaceInput(replaced.file.id, 'y.pdf', second, '同'), key)
    expect(same.ok ? null : same.error).toMatchObject({ message: 'electronic.errors.replaceSameContent' })
    expect(await ledgerRows(app)).toBe(1)
  })

  it('refuses an empty reason, and a role that may not change the record, leaving nothing stored or entered', async () => {
    const { app, key, file } = await withAttachedScan()
    const next = jpegBytes('rescanned')
    const stored = path.join(app.dataDir, 'files', 'sha256', sha(next).slice(0, 2), sha(next))
    for (const reason of ['', '   '])
      expect(await app.dispatch('electronic.replace', replaceInput(file.id, 'p.jpg', next, reason), key)).toMatchObject(
        { ok: false, error: { code: 'VALIDATION', details: [{ path: 'reason', message: 'validation.required' }] } }
      )
    const actor = { userId: null, username: 'system' }
    await expect(
      app.services.electronic.replace(actor, 'archivist', replaceInput(file.id, 'p.jpg', next, ' \u3000 '))
    ).rejects.toMatchObject({ error: { ruleId: 'R-ELEC-4', message: 'electronic.errors.replaceNeedsReason' } })

    const viewer = await app.signInAs('department_head', 'head')
    expect(
      await app.dispatch('electronic.replace', replaceInput(file.id, 'p.jpg', next, '重扫'), viewer)
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    await expect(
      app.services.electronic.replace(actor, 'department_head', replaceInput(file.id, 'p.jpg', next, '重扫'))
    ).rejects.toMatchObject({ error: { ruleId: 'R-ELEC-4', message: 'electronic.errors.replaceNotAllowed' } })
    expect(fs.existsSync(stored)).toBe(false)
    expect(await ledgerRows(app)).toBe(0)
  })

  it('prints the ledger with the old and new checksums, the reason and signature lines; the print is audited', async () => {
    const { app, key, item, first, file } = await withAttachedScan()
    const second = pdfBytes(4)
    await app.call('electronic.replace', replaceInput(file.id, '<b>合同.pdf', second, '补扫<i>附件</i>页'), key)
    const { html } = await app.call('print.electronicLedger', { itemId: item.id }, key)
    expect(html).not.toMatch(/<b>|<i>/)
    browser ??= await launchChromium()
    const pdf = await renderPdf(browser, html, 'ledger')
    const text = compact(pdf.raw)
    expect(text).toContain('电子文件修改台帐')
    expect(text).toContain('补扫<i>附件</i>页')
    expect(text).toContain(sha(first))
    expect(text).toContain(sha(second))
    expect(text).toContain('填表人（签字）')
    expect(text).toContain('审核人（签字）')
    expect(pdf.widthPt).toBeGreaterThan(pdf.heightPt)
    const [entry] = await app.database.query<{ after: string }>(
      `SELECT after FROM audit_log WHERE entity = 'electronic_file' AND action = 'print'`
    )
    expect(JSON.parse(entry.after)).toEqual({ document: 'electronicLedger', itemId: item.id, changes: 1 })
  })
})

describe('R-ELEC-3 a fixity run prints as a report', () => {
  it('shows scope, times, who, files checked, and each mismatch or missing file with its code and both checksums', async () => {
    const { app, key, item, first } = await withAttachedScan()
    const other = await app.call('items.create', itemInput({ title: '<b>补充</b>协议' }), key)
    const lost = jpegBytes('lost')
    await app.call(
      'electronic.attach',
      { itemId: other.id, role: 'scan', fileName: 'lost.jpg', base64: lost.toString('base64') },
      key
    )
    fs.chmodSync(stored(app, first), 0o644)
    fs.appendFileSync(stored(app, first), 'x')
    const actual = sha(fs.readFileSync(stored(app, first)))
    fs.rmSync(stored(app, lost))
    const run = await app.call('electronic.fixityStart', { sample: null }, key)
    expect(await app.dispatch('print.fixityReport', { runId: run.id }, key)).toMatchObject({
      ok: false,
      error: { message: 'electronic.errors.fixityNotFinished' }
    })
    await app.services.electronic.fixityIdle()

    const { html } = await app.call('print.fixityReport', { runId: run.id }, key)
    expect(html).not.toMatch(/<b>/)
    const [itemCode, otherCode] = await Promise.all(
      [item, other].map(async (one) => (await app.call('items.get', { id: one.id }, key)).archivalCode)
    )
    browser ??= await launchChromium()
    const text = compact((await renderPdf(browser, html, 'fixity')).raw)
    expect(text).toContain('电子文件机读检查报告')
    expect(text).toContain('检查范围：全部电子文件')
    expect(text).toContain('发起人：liwen')
    expect(text).toContain('开始时间：2026-03-02')
    expect(text).toContain('应检查2个，已检查2个：正常0个，校验值不符1个，缺失1个')
    expect(text).toContain(`登记：${sha(first)}`)
    expect(text).toContain(`读出：${actual}`)
    expect(text).toContain(`登记：${sha(lost)}`)
    expect(text).toContain('文件缺失')
    for (const code of [itemCode, otherCode]) expect(text).toContain(compact(code ?? '（未编号）'))
    expect(text).toContain('检查人（签字）')
    const [entry] = await app.database.query<{ after: string }>(
      `SELECT after FROM audit_log WHERE entity = 'electronic_file' AND action = 'print'`
    )
    expect(JSON.parse(entry.after)).toEqual({ document: 'fixityReport', runId: run.id, problems: 2 })
  })
})

describe('R-ELEC-8 a viewed image prints under the viewer’s name and the time', () => {
  it('lays the watermark over the image on paper, under the same use rules, and audits the print', async () => {
    const { app, key, item, file: pdf } = await withAttachedScan()
    const image = solidPng(400, 300, [30, 60, 200])
    const { file } = await app.call(
      'electronic.attach',
      { itemId: item.id, role: 'scan', fileName: '第1页.png', base64: image.toString('base64') },
      key
    )
    expect(await app.dispatch('print.viewedFile', { fileId: pdf.id }, key)).toMatchObject({
      ok: false,
      error: { message: 'electronic.errors.printOnlyImages' }
    })

    const viewer = await app.createAccount({ role: 'staff_viewer', username: 'reader', displayName: '李查阅' })
    await app.database.query('UPDATE users SET must_change_password = 0 WHERE id = ?', [viewer.id])
    const readerKey = 'session-reader'
    await app.call('auth.login', { username: 'reader', password: USER_PASSWORD }, readerKey)
    expect(await app.dispatch('print.viewedFile', { fileId: file.id }, readerKey)).toMatchObject({
      ok: false,
      error: { ruleId: 'R-ELEC-8' }
    })
    const desk = useDesk(app, key)
    const request = desk.request('consultation', [{ subject: 'item', id: item.id }], '核对合同', {
      applicantUserId: viewer.id,
      applicantName: '李查阅',
      departmentCode: 'ZS'
    })
    const approved = await desk.signAll(await app.call('use.create', request, key))
    app.clock.advanceMinutes(7)
    const { html } = await app.call('print.viewedFile', { fileId: file.id }, readerKey)
    const watermark = '李查阅 2026-03-02 '
    expect(html).toContain(`data:image/png;base64,${image.toString('base64')}`)

    browser ??= await launchChromium()
    const pdfFile = await renderPdf(browser, html, 'viewed')
    expect(pdfFile.pages).toBe(1)
    // Laid across the image several times over, besides the one line under it.
    expect(compact(pdfFile.raw).split(compact(watermark)).length - 1).toBeGreaterThanOrEqual(5)
    expect(compact(pdfFile.raw)).toContain(compact(`第1页.png　打印：${watermark}`))
    const images = execFileSync('pdfimages', ['-list', pdfFile.file], { encoding: 'utf8' })
    expect(images).toMatch(/\b400\s+300\b/)

    const [entry] = await app.database.query<{ username: string; after: string }>(
      `SELECT username, after FROM audit_log WHERE entity = 'electronic_file' AND action = 'print'`
    )
    expect(entry.username).toBe('reader')
    expect(JSON.parse(entry.after)).toMatchObject({
      document: 'viewedFile',
      sha256: sha(image),
      requestId: approved.id,
      watermark: expect.stringMatching(/^李查阅 2026-03-02 \d\d:\d\d$/)
    })
  })
})
