import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { makeApp, tempDir, type TestApp } from '../support/app'

let app: TestApp
afterEach(async () => app?.close())

describe('R-SEC-1 every text is hashed in one canonical encoding', () => {
  it('refuses a lone surrogate at the boundary, so one such string cannot poison the chain', async () => {
    app = await makeApp()
    const admin = await app.signInAs('sysadmin')
    const auditor = await app.signInAs('auditor', 'shenji')
    const folder = tempDir('usb-')
    const info = await app.call('backup.create', { folder }, admin)
    // On disk the name holds U+FFFD, the UTF-8 that the file system makes of a lone surrogate; the manifest names
    // the file with the lone surrogate itself (JSON escapes it), so the manifest agrees with the name asked for.
    const asked = 'archive-room-20260302-090000\ud800.sqlite'
    fs.renameSync(info.file, path.join(folder, 'archive-room-20260302-090000\ufffd.sqlite'))
    const manifest = JSON.parse(fs.readFileSync(info.file.replace(/\.sqlite$/, '.json'), 'utf8'))
    fs.writeFileSync(
      path.join(folder, 'archive-room-20260302-090000\ufffd.json'),
      JSON.stringify({ ...manifest, file: asked })
    )

    const answer = await app.dispatch('backup.verify', { file: path.join(folder, asked) }, admin)
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: [{ path: 'file', message: 'validation.invalidText' }] }
    })
    expect(await app.call('audit.verify', {}, auditor)).toMatchObject({ ok: true })
  })
})
