import fs from 'node:fs'
import Module from 'node:module'
import path from 'node:path'
import Database from 'better-sqlite3'
import { build } from 'esbuild'
import { beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_PASSWORD, REPOSITORY, tempDir } from '../support/app'
import { childFolder } from '../support/child'
import type * as ShellEntry from '../support/shell-entry'
import { DESKTOP_CHANNELS, type DesktopOutcome, type PrintersForDocument } from '@preload/desktop'
import { html } from '@main/reports/html'
import { printDocument } from '@main/reports/printables'

type Shell = ReturnType<typeof ShellEntry.startShell>
type Entry = typeof ShellEntry

let bundle = ''

beforeAll(async () => {
  bundle = path.join(childFolder(), 'main.cjs')
  await build({
    entryPoints: [path.join(REPOSITORY, 'test/support/shell-entry.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: bundle,
    alias: { electron: path.join(REPOSITORY, 'test/support/electron-stand-in.ts') },
    external: ['better-sqlite3', 'typeorm', 'reflect-metadata', 'zod', 'exceljs'],
    logLevel: 'silent'
  })
})

/** A fresh copy of the built shell each time, as each start of the app is a fresh process. */
function loadEntry(): Entry {
  const module = new Module(bundle)
  module.filename = bundle
  module.paths = [path.join(REPOSITORY, 'node_modules')]
  const loader = module as unknown as { _compile(code: string, file: string): void }
  loader._compile(fs.readFileSync(bundle, 'utf8'), bundle)
  return module.exports as Entry
}

interface Started {
  shell: Shell
  entry: Entry
  dataDir: string
}

async function startDesktop(singleInstanceLock = true, dataDir = tempDir()): Promise<Started> {
  const entry = loadEntry()
  // The shell reads its data folder from the command line, as a person's shortcut passes it.
  process.argv.push('--data-dir', dataDir)
  try {
    let settled = (): void => undefined
    const windowOrQuit = new Promise<void>((resolve) => {
      settled = resolve
    })
    const shell = entry.startShell((standIn) => {
      standIn.app.singleInstanceLock = singleInstanceLock
      standIn.app.paths = { appData: dataDir, app: REPOSITORY, exe: process.execPath }
      standIn.onWindow = settled
      standIn.onQuit = settled
    })
    shell.app.becomeReady()
    await windowOrQuit
    const started = { shell, entry, dataDir }
    // The window opens before the database has; its page asks until the back end answers, as this does.
    while (shell.windows.length > 0 && shell.app.exitCode === null) {
      const status = (await invoke(started, trustedEvent(started), 'app.status')) as {
        data?: { startup: { stage: string } | null }
      }
      if (status.data?.startup === null || status.data?.startup.stage === 'failed') break
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    return started
  } finally {
    process.argv.splice(process.argv.indexOf('--data-dir'), 2)
  }
}

function trustedEvent(started: Started, url = `file://${path.dirname(bundle)}/../renderer/index.html`) {
  const window = started.shell.windows[0]
  return { sender: window.webContents, senderFrame: { url: new URL(url).href } }
}

async function invoke(started: Started, event: unknown, channel: string, input: unknown = {}) {
  const handler = started.shell.ipcHandlers.get('archive:invoke')
  if (!handler) throw new Error('the shell registered no IPC handler')
  return (await handler(event, channel, input)) as { ok: boolean; error?: { code: string } }
}

describe('the desktop shell, started against a stand-in for Electron', () => {
  it('opens one window with context isolation, the sandbox and no Node in the page', async () => {
    const started = await startDesktop()
    expect(started.shell.windows).toHaveLength(1)
    const preferences = started.shell.windows[0].options.webPreferences ?? {}
    expect(preferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false })
    expect(preferences.webSecurity).not.toBe(false)
    expect(preferences.webviewTag ?? false).toBe(false)
    expect(preferences.nodeIntegrationInSubFrames ?? false).toBe(false)
    expect(started.shell.windows[0].loaded.file).toMatch(/renderer[/\\]index\.html$/)
    expect(started.shell.applicationMenu).toBeNull()
  })

  it('sends a content security policy with every response that allows no remote or evaluated code', async () => {
    const started = await startDesktop()
    const listener = started.shell.headersListener
    expect(listener).not.toBeNull()
    let headers: Record<string, string[]> = {}
    listener?.({ responseHeaders: { 'X-Kept': ['yes'] } }, (response) => {
      headers = response.responseHeaders
    })
    expect(headers['X-Kept']).toEqual(['yes'])
    const policy = headers['Content-Security-Policy']?.[0] ?? ''
    const directives = new Map(
      policy.split(';').map((part) => {
        const [name, ...sources] = part.trim().split(/\s+/)
        return [name, sources] as const
      })
    )
    expect(directives.get('default-src')).toEqual(["'self'"])
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(directives.get('object-src')).toEqual(["'none'"])
    for (const [name, sources] of directives) {
      for (const source of sources) {
        expect(`${name} ${source}`).not.toMatch(/unsafe-eval|\*|https?:|wss?:/)
      }
    }
  })

  it('refuses navigation, new windows, webviews and every permission request', async () => {
    const started = await startDesktop()
    const contents = started.shell.windows[0].webContents
    const navigation = started.entry.fakeEvent()
    contents.emit('will-navigate', navigation, 'https://example.com/')
    expect(navigation.prevented).toBe(true)
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' })

    const other = new started.entry.FakeWebContents()
    started.shell.app.emit('web-contents-created', started.entry.fakeEvent(), other)
    const webview = started.entry.fakeEvent()
    other.emit('will-attach-webview', webview, {}, {})
    expect(webview.prevented).toBe(true)

    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | null = null
      started.shell.permissionHandler?.(contents, permission, (answer) => {
        granted = answer
      })
      expect(granted, permission).toBe(false)
    }
  })

  it('serves the back end only to its own window showing its own page', async () => {
    const started = await startDesktop()
    const served = await invoke(started, trustedEvent(started), 'app.status')
    expect(served.ok).toBe(true)

    const otherContents = new started.entry.FakeWebContents()
    const fromOtherContents = { sender: otherContents, senderFrame: { url: trustedEvent(started).senderFrame.url } }
    expect((await invoke(started, fromOtherContents, 'app.status')).error?.code).toBe('FORBIDDEN')

    for (const url of ['https://evil.example/renderer/index.html', 'file:///tmp/evil/index.html', 'data:text/html,x']) {
      const event = { sender: started.shell.windows[0].webContents, senderFrame: { url } }
      expect((await invoke(started, event, 'app.status')).error?.code, url).toBe('FORBIDDEN')
    }
    const noFrame = { sender: started.shell.windows[0].webContents, senderFrame: null }
    expect((await invoke(started, noFrame, 'app.status')).error?.code).toBe('FORBIDDEN')
  })

  it('a second start on the same machine quits at once and the first window comes forward', async () => {
    const second = await startDesktop(false)
    expect(second.shell.app.quits).toBe(1)
    expect(second.shell.windows).toHaveLength(0)
    expect(second.shell.ipcHandlers.size).toBe(0)

    const first = await startDesktop()
    const window = first.shell.windows[0]
    window.minimized = true
    first.shell.app.emit('second-instance', first.entry.fakeEvent(), [], '')
    expect(window.restored).toBe(1)
    expect(window.focused).toBe(1)
  })

  it('quitting closes the database with its write-ahead log folded into the file', async () => {
    const started = await startDesktop()
    const setup = await invoke(started, trustedEvent(started), 'auth.setupAdmin', {
      username: 'admin',
      displayName: '张管理',
      password: ADMIN_PASSWORD
    })
    expect(setup.ok).toBe(true)
    const database = fs.readdirSync(started.dataDir).find((name) => name.endsWith('.sqlite')) ?? ''
    const file = path.join(started.dataDir, database)
    expect(fs.existsSync(file)).toBe(true)

    const quit = new Promise<void>((resolve) => {
      started.shell.onQuit = resolve
    })
    started.shell.app.emit('window-all-closed')
    await quit
    const wal = `${file}-wal`
    expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0).toBe(0)
    const copy = new Database(file, { readonly: true })
    expect(copy.prepare('SELECT username FROM users').all()).toEqual([{ username: 'admin' }])
    copy.close()
  })

  it('a database that cannot be opened: the window stays and says why, other calls are refused, closing it quits', async () => {
    const dataDir = tempDir()
    const file = path.join(dataDir, 'archive-room.sqlite')
    fs.writeFileSync(file, 'not a database at all, '.repeat(100))
    const started = await startDesktop(true, dataDir)
    expect(started.shell.app.exitCode).toBeNull()
    expect(started.shell.windows).toHaveLength(1)
    expect(started.shell.errorBoxes).toEqual([])
    const status = (await invoke(started, trustedEvent(started), 'app.status')) as { data?: { startup: unknown } }
    expect(status.data?.startup).toMatchObject({ stage: 'failed', copy: null, logFolder: path.join(dataDir, 'logs') })
    expect(await invoke(started, trustedEvent(started), 'auth.login', { username: 'admin', password: 'x' })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'errors.startFailed' }
    })
    const quit = new Promise<void>((resolve) => {
      started.shell.onQuit = resolve
    })
    started.shell.app.emit('window-all-closed')
    await quit
    expect(fs.readFileSync(file, 'utf8')).toBe('not a database at all, '.repeat(100))
  })

  it('a data folder that cannot be used is explained in a message box and the app exits', async () => {
    const blocked = path.join(tempDir(), 'a-file')
    fs.writeFileSync(blocked, 'not a folder')
    const started = await startDesktop(true, blocked)
    expect(started.shell.app.exitCode).toBe(1)
    expect(started.shell.windows).toHaveLength(0)
    expect(started.shell.errorBoxes.join('\n')).toContain('数据文件夹')
  })
})

describe('printing in the desktop app: a printer per kind of document, PDFs in their own page size (issue 16)', () => {
  const catalogue = printDocument('卷内文件目录 J001-WS-2024-0012', html`<p>目录</p>`, 'portrait')
  const register = printDocument('借阅登记簿 2026-01-01—2026-12-31', html`<p>登记簿</p>`, 'landscape')
  const rollLabels = printDocument('档案标签（2 张）', html`<p>标签</p>`, 'portrait', {
    paperMm: { width: 60, height: 40 }
  })

  async function call<T>(started: Started, channel: string, event: unknown, ...args: unknown[]): Promise<T> {
    const handler = started.shell.ipcHandlers.get(channel)
    if (!handler) throw new Error(`the shell registered no handler for ${channel}`)
    return (await handler(event, ...args)) as T
  }

  async function desktopWithPrinters(): Promise<Started> {
    const started = await startDesktop()
    started.shell.printers = ['HP LaserJet 档案室', 'Zebra ZD421 标签机']
    return started
  }

  it('prints without a dialog on the chosen printer, in the document’s paper, and remembers the printer per kind', async () => {
    const started = await desktopWithPrinters()
    const event = trustedEvent(started)
    const before = await call<PrintersForDocument>(started, DESKTOP_CHANNELS.printers, event, register)
    expect(before.printers.map((printer) => printer.name)).toEqual(started.shell.printers)
    expect(before.chosen).toBeNull()

    const outcome = await call<DesktopOutcome>(started, DESKTOP_CHANNELS.print, event, register, 'HP LaserJet 档案室')
    expect(outcome).toEqual({ ok: true })
    const [job] = started.shell.printed
    expect(job.options).toMatchObject({
      silent: true,
      deviceName: 'HP LaserJet 档案室',
      pageSize: 'A4',
      landscape: true
    })
    expect(job.html).toContain('登记簿')

    const again = await call<PrintersForDocument>(started, DESKTOP_CHANNELS.printers, event, register)
    expect(again.chosen).toBe('HP LaserJet 档案室')
    const otherKind = await call<PrintersForDocument>(started, DESKTOP_CHANNELS.printers, event, catalogue)
    expect(otherKind.chosen).toBeNull()

    await call(started, DESKTOP_CHANNELS.print, event, rollLabels, 'Zebra ZD421 标签机')
    expect(started.shell.printed[1].options).toMatchObject({ pageSize: { width: 60_000, height: 40_000 } })
    const memory = JSON.parse(fs.readFileSync(path.join(started.dataDir, 'printers.json'), 'utf8')) as object
    expect(memory).toEqual({ 借阅登记簿: 'HP LaserJet 档案室', 档案标签: 'Zebra ZD421 标签机' })
  })

  it('lays the document out in a hidden window without scripts, closed and its temporary file gone afterwards', async () => {
    const started = await desktopWithPrinters()
    await call(started, DESKTOP_CHANNELS.print, trustedEvent(started), catalogue, 'HP LaserJet 档案室')
    const printWindow = started.shell.windows[1]
    expect(printWindow.options).toMatchObject({ show: false })
    expect(printWindow.options.webPreferences).toMatchObject({
      javascript: false,
      sandbox: true,
      nodeIntegration: false
    })
    expect(printWindow.options.webPreferences?.preload).toBeUndefined()
    expect(printWindow.destroyed).toBe(true)
    expect(fs.existsSync(printWindow.loaded.file ?? '')).toBe(false)
  })

  it('a printer that is not installed, a failed job, a page that is not ours and a bad document are refused', async () => {
    const started = await desktopWithPrinters()
    const event = trustedEvent(started)
    expect(await call(started, DESKTOP_CHANNELS.print, event, catalogue, 'Printer in another office')).toEqual({
      ok: false,
      message: 'print.noSuchPrinter'
    })
    expect(await call(started, DESKTOP_CHANNELS.print, event, 42, 'HP LaserJet 档案室')).toEqual({
      ok: false,
      message: 'print.invalidDocument'
    })
    const stranger = trustedEvent(started, 'https://example.com/')
    expect(await call(started, DESKTOP_CHANNELS.print, stranger, catalogue, 'HP LaserJet 档案室')).toEqual({
      ok: false,
      message: 'errors.forbidden'
    })
    expect(await call<PrintersForDocument>(started, DESKTOP_CHANNELS.printers, stranger, catalogue)).toEqual({
      printers: [],
      chosen: null
    })
    started.shell.printerWorks = false
    expect(await call(started, DESKTOP_CHANNELS.print, event, catalogue, 'HP LaserJet 档案室')).toEqual({
      ok: false,
      message: 'print.printerFailed'
    })
    expect(fs.existsSync(path.join(started.dataDir, 'printers.json'))).toBe(false)
  })

  it('saves a PDF in the CSS page size where the person chose, with a file name that cannot leave the folder', async () => {
    const started = await desktopWithPrinters()
    const event = trustedEvent(started)
    const target = path.join(tempDir(), '目录.pdf')
    started.shell.saveAnswer = { canceled: false, filePath: target }
    const outcome = await call<DesktopOutcome>(
      started,
      DESKTOP_CHANNELS.savePdf,
      event,
      catalogue,
      '../卷内文件目录: J001'
    )
    expect(outcome).toEqual({ ok: true, path: target })
    expect(fs.readFileSync(target, 'utf8')).toMatch(/^%PDF-/)
    expect(started.shell.pdfs[0].options).toMatchObject({ preferCSSPageSize: true, printBackground: true })
    expect(path.basename(started.shell.saveDialogs[0].defaultPath ?? '')).toBe('.._卷内文件目录_ J001.pdf')

    started.shell.saveAnswer = { canceled: true, filePath: '' }
    expect(await call(started, DESKTOP_CHANNELS.savePdf, event, catalogue, 'x')).toEqual({ ok: true, cancelled: true })
    expect(started.shell.pdfs).toHaveLength(1)
  })
})
