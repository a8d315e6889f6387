import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, it } from 'vitest'
import { DATABASE_FILE } from '@main/db/data-source'
import { REPOSITORY } from '../support/app'
import { copyOf, seededDatabase } from './import-seed'
import { benchSizes } from './measure'
import { roomFile } from './seed'

/*
 * Start to first answer of the built browser-mode server (`npx electron-vite build` first; ARCHIVE_OUT names another
 * build to compare, e.g. a copy of out/ from before a change): the process is started, the printed entry address
 * exchanged for a tab's token, and `app.status` asked, as a browser would: in an empty archive and in the benches'
 * realistic rooms (`BENCH_SIZES`). Beside it, a process that only opens the same database and counts its items, the
 * least any start can cost.
 */
const OUT = process.env.ARCHIVE_OUT ?? path.join(REPOSITORY, 'out')
const RUNS = 5

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/** Peak resident memory and processor time (user + system) of a live process, from the kernel's own accounting. */
function usageOf(pid: number): { peak: number; cpuMs: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const peak = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024
  // Fields 14 and 15 of /proc/<pid>/stat, counted after the command name's closing bracket, in ticks of 10 ms.
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return { peak, cpuMs: (Number(fields[11]) + Number(fields[12])) * 10 }
}

async function firstAnswer(dataDir: string): Promise<{ ms: number; peak: number; cpuMs: number }> {
  const started = performance.now()
  const child = spawn(process.execPath, [path.join(OUT, 'main/web.js'), '--data-dir', dataDir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit']
  })
  try {
    const entry = await new Promise<string>((resolve, reject) => {
      let printed = ''
      child.stdout.on('data', (chunk: Buffer) => {
        printed += chunk.toString('utf8')
        const found = /ARCHIVE_URL=(\S+)/.exec(printed)
        if (found) resolve(found[1])
      })
      child.once('exit', (code) => reject(new Error(`the server exited with ${code}: ${printed}`)))
    })
    // As the page opened with the entry address does: the entry secret traded for the tab's token, sent as a header.
    const secret = new URL(entry).searchParams.get('entry')!
    const auth = await fetch(new URL('/auth', entry), { method: 'POST', headers: { 'x-archive-entry': secret } })
    const { token } = (await auth.json()) as { token: string }
    const answer = await fetch(new URL('/rpc/app.status', entry), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-archive-token': token },
      body: JSON.stringify({ input: {} })
    })
    if (!((await answer.json()) as { ok: boolean }).ok) throw new Error('app.status failed')
    const ms = performance.now() - started
    return { ms, ...usageOf(child.pid!) }
  } finally {
    child.kill('SIGKILL')
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)))
  }
}

async function countOnly(file: string): Promise<number> {
  const started = performance.now()
  const script = `const db = require('better-sqlite3')(${JSON.stringify(file)}, { readonly: true }); db.prepare('SELECT count(*) FROM items').get()`
  const child = spawn(process.execPath, ['-e', script], { cwd: REPOSITORY, stdio: 'inherit' })
  await new Promise((resolve) => child.once('exit', resolve))
  return performance.now() - started
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0).padStart(4)} MB`

describe('start', () => {
  for (const size of [0, ...benchSizes()]) {
    it(`start to first answer with ${size.toLocaleString('en')} items`, async () => {
      const dataDir = copyOf(size === 0 ? await seededDatabase(0) : await roomFile(size))
      const starts: { ms: number; peak: number; cpuMs: number }[] = []
      const counts: number[] = []
      await firstAnswer(dataDir)
      for (let run = 0; run < RUNS; run += 1) {
        starts.push(await firstAnswer(dataDir))
        counts.push(await countOnly(path.join(dataDir, DATABASE_FILE)))
      }
      fs.rmSync(dataDir, { recursive: true, force: true })
      const startMs = median(starts.map((s) => s.ms))
      const countMs = median(counts)
      console.log(`
${size.toLocaleString('en')} items, ${OUT}, median of ${RUNS}
  server start to first answer (app.status)       ${startMs.toFixed(0).padStart(6)} ms   ×${(startMs / countMs).toFixed(1)} of the count   processor ${median(starts.map((s) => s.cpuMs))} ms   peak RSS ${mb(median(starts.map((s) => s.peak)))}
  node opens the database and counts its items    ${countMs.toFixed(0).padStart(6)} ms\n`)
    }, 1_800_000)
  }
})
