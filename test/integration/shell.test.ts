import fs from 'node:fs'
import Module from 'node:module'
import path from 'node:path'
import Database from 'better-sqlite3'
import { build } from 'esbuild'
import { beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_PASSWORD, REPOSITORY, tempDir } from '../support/app'
import { childFolder } from '../support/child'
import type * as ShellEntry from '../support/shell-entry'

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
    return { shell, entry, dataDir }
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

  it('a data folder that cannot be used is explained in a message box and the app exits', async () => {
    const blocked = path.join(tempDir(), 'a-file')
    fs.writeFileSync(blocked, 'not a folder')
    const started = await startDesktop(true, blocked)
    expect(started.shell.app.exitCode).toBe(1)
    expect(started.shell.windows).toHaveLength(0)
    expect(started.shell.errorBoxes.join('\n')).toContain('数据文件夹')
  })
})
