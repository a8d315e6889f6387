import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { _electron, test as base, type ElectronApplication, type Page } from '@playwright/test'

export interface RunningServer {
  entryUrl: string
  dataDir: string
  /** Moves the server's clock to this time (ISO); `null` returns it to the real time. */
  setClock(iso: string | null): void
}

/** Starts the built browser-mode server on a free port with a fresh data folder, as `npm start` would. */
async function startServer(): Promise<{ server: RunningServer; child: ChildProcess }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'archive-e2e-'))
  const clockFile = path.join(dataDir, 'test-clock.txt')
  const child = spawn(process.execPath, ['out/main/web.js', '--data-dir', dataDir, '--port', '0'], {
    cwd: path.resolve(__dirname, '../..'),
    env: { ...process.env, ARCHIVE_CLOCK_FILE: clockFile },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const entryUrl = await new Promise<string>((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000)
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /ARCHIVE_URL=(\S+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout?.on('data', read)
    child.stderr?.on('data', read)
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)))
  })
  const setClock = (iso: string | null) => {
    if (iso === null) fs.rmSync(clockFile, { force: true })
    else fs.writeFileSync(clockFile, iso)
  }
  return { server: { entryUrl, dataDir, setClock }, child }
}

/**
 * `ARCHIVE_E2E_SHELL=electron npx playwright test` runs the same specs in the installed app's shell (needs the
 * Electron binary, which the build machines cannot download): the page is the app's window, and its entry address is
 * the window's own page, so `page.goto(server.entryUrl)` starts the app there as it does in browser mode.
 */
export const IN_ELECTRON = process.env.ARCHIVE_E2E_SHELL === 'electron'

function electronBinary(): string {
  let binary: unknown = null
  try {
    binary = require('electron')
  } catch {
    // electron's index throws when its postinstall was declined; the message below says what to do.
  }
  if (typeof binary !== 'string' || !fs.existsSync(binary))
    throw new Error('ARCHIVE_E2E_SHELL=electron needs the Electron binary: run `node node_modules/electron/install.js`')
  return binary
}

async function startElectron(): Promise<{ server: RunningServer; app: ElectronApplication; window: Page }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'archive-e2e-'))
  const clockFile = path.join(dataDir, 'test-clock.txt')
  const app = await _electron.launch({
    executablePath: electronBinary(),
    args: [path.resolve(__dirname, '../../out/main/index.js'), '--data-dir', dataDir],
    env: { ...process.env, ARCHIVE_CLOCK_FILE: clockFile } as Record<string, string>
  })
  const window = await app.firstWindow()
  const setClock = (iso: string | null) => {
    if (iso === null) fs.rmSync(clockFile, { force: true })
    else fs.writeFileSync(clockFile, iso)
  }
  return { server: { entryUrl: window.url(), dataDir, setClock }, app, window }
}

const browserMode = base.extend<{ server: RunningServer }>({
  server: async ({}, use) => {
    const { server, child } = await startServer()
    await use(server)
    child.kill('SIGTERM')
  }
})

const electronMode = base.extend<{ desktop: Awaited<ReturnType<typeof startElectron>>; server: RunningServer }>({
  desktop: async ({}, use) => {
    const desktop = await startElectron()
    await use(desktop)
    await desktop.app.close()
  },
  server: async ({ desktop }, use) => use(desktop.server),
  page: async ({ desktop }, use) => use(desktop.window)
})

export const test = (IN_ELECTRON ? electronMode : browserMode) as typeof browserMode

export { expect } from '@playwright/test'
