import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test as base } from '@playwright/test'

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

export const test = base.extend<{ server: RunningServer }>({
  server: async ({}, use) => {
    const { server, child } = await startServer()
    await use(server)
    child.kill('SIGTERM')
  }
})

export { expect } from '@playwright/test'
