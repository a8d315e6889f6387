import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../support/app'
import { bundleScript, CHILD_OPTIONS } from '../support/child'

let bundle: string

beforeAll(async () => {
  bundle = await bundleScript('src-main/web/cli.ts')
})

/** Browser mode started as a person would, on a data folder or a port it cannot use, so it stops by itself. */
function start(dataDir: string, port = 0) {
  const run = spawnSync(process.execPath, [bundle, '--data-dir', dataDir, '--port', String(port)], {
    ...CHILD_OPTIONS,
    encoding: 'utf8',
    timeout: 20_000
  })
  return { status: run.status, output: `${run.stdout}${run.stderr}` }
}

describe('browser mode start', () => {
  // A file where the folder should be stops root as surely as anyone else, unlike a folder without permissions.
  const file = path.join(tempDir('cli-data-'), 'not-a-folder')
  fs.writeFileSync(file, 'x')

  for (const [what, dataDir] of [
    ['is a file', file],
    ['lies under a file', path.join(file, 'archive')]
  ] as const) {
    it(`says in one sentence, in Chinese and English, what to do when the data folder ${what}, without a stack trace`, () => {
      const { status, output } = start(dataDir)
      expect(status).not.toBe(0)
      expect(status).not.toBeNull()
      expect(output).toContain(dataDir)
      expect(output).toContain('--data-dir')
      expect(output).toMatch(/数据文件夹/)
      expect(output).toMatch(/data folder/)
      expect(output).not.toMatch(/^\s+at /m)
      expect(output.trim().split('\n')).toHaveLength(2)
    })
  }

  it.skipIf(process.getuid?.() === 0)('names the folder and its permissions when it may not be read or written', () => {
    const locked = tempDir('cli-locked-')
    fs.chmodSync(locked, 0o000)
    try {
      const { status, output } = start(locked)
      expect(status).toBe(1)
      expect(output).toMatch(/权限/)
      expect(output).toMatch(/check its permissions/)
      expect(output).not.toMatch(/^\s+at /m)
    } finally {
      fs.chmodSync(locked, 0o700)
    }
  })

  it('a database that cannot be opened: the server stays up so the page can say why, and stops when told', async () => {
    const dataDir = tempDir('cli-data-')
    const file = path.join(dataDir, 'archive-room.sqlite')
    fs.writeFileSync(file, 'not a database at all, '.repeat(100))
    const child = spawn(process.execPath, [bundle, '--data-dir', dataDir, '--port', '0'], CHILD_OPTIONS)
    let output = ''
    const said = new Promise<void>((resolve) => {
      const read = (chunk: Buffer) => {
        output += chunk.toString()
        if (output.includes('Ctrl+C')) resolve()
      }
      child.stdout?.on('data', read)
      child.stderr?.on('data', read)
    })
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    await said
    expect(output).toMatch(/ARCHIVE_URL=http:\/\/127\.0\.0\.1:\d+/)
    expect(output).toMatch(/file is not a database/)
    // Still serving the page that explains, until whoever started it stops it.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(child.exitCode).toBeNull()
    child.kill('SIGTERM')
    expect(await exited).toBe(1)
    expect(fs.readFileSync(file, 'utf8')).toBe('not a database at all, '.repeat(100))
  })

  it('says which port is taken and what to do when another program already listens there', async () => {
    const other = net.createServer()
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve))
    const port = (other.address() as net.AddressInfo).port
    try {
      const { status, output } = start(tempDir('cli-data-'), port)
      expect(status).toBe(1)
      expect(output).toContain(`端口 ${port}`)
      expect(output).toContain(`Port ${port}`)
      expect(output).toContain('--port')
      expect(output).not.toMatch(/^\s+at /m)
    } finally {
      await new Promise((resolve) => other.close(resolve))
    }
  })
})
