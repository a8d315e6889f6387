import { spawn } from 'node:child_process'
import { makeApp } from './app'
import { bundleScript, CHILD_OPTIONS } from './child'

export interface CrashReport {
  rounds: number
  acknowledged: number
  refused: number
  present: number
  /** Acknowledged writes missing after the restart: must be 0. */
  lost: string[]
  /** Writes present although never acknowledged: at most the one in flight per kill. */
  unacknowledgedPresent: number
  auditIntact: boolean
  integrity: string
}

/** A small seeded generator, so a failing run can be repeated with the seed it printed. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Runs the writing child until a random moment after it is ready, then kills it with SIGKILL. */
function killWhileWriting(bundle: string, dataDir: string, prefix: string, delayMs: number) {
  return new Promise<{ acknowledged: string[]; refused: string[] }>((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, dataDir, 'keeper', prefix], {
      ...CHILD_OPTIONS,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let output = ''
    let killed = false
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (!killed && output.includes('READY\n')) {
        killed = true
        setTimeout(() => child.kill('SIGKILL'), delayMs)
      }
    })
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`the writing child stopped by itself: ${output}`))
      const lines = output.split('\n')
      resolve({
        acknowledged: lines.filter((line) => line.startsWith('ACK ')).map((line) => line.slice(4)),
        refused: lines.filter((line) => line.startsWith('REFUSED '))
      })
    })
  })
}

/**
 * Kill -9 at random moments while customers are being written and the disk now and then fills up: after every
 * restart each acknowledged write must be there, the audit chain intact and the file sound.
 */
export async function crashLoop(rounds: number, seed = Date.now()): Promise<CrashReport> {
  const next = random(seed)
  const setup = await makeApp()
  await setup.signInAs('archivist', 'keeper')
  const dataDir = setup.dataDir
  await setup.close()
  const bundle = await bundleScript('test/support/write-child.ts')
  const report: CrashReport = {
    rounds,
    acknowledged: 0,
    refused: 0,
    present: 0,
    lost: [],
    unacknowledgedPresent: 0,
    auditIntact: true,
    integrity: 'ok'
  }
  for (let round = 0; round < rounds; round += 1) {
    const prefix = `r${round}`
    const { acknowledged, refused } = await killWhileWriting(bundle, dataDir, prefix, 50 + Math.floor(next() * 1500))
    const app = await makeApp(dataDir)
    try {
      const rows: { name: string }[] = await app.database.query('SELECT name FROM customers WHERE name LIKE ?', [
        `${prefix}-%`
      ])
      const present = new Set(rows.map((row) => row.name))
      report.acknowledged += acknowledged.length
      report.refused += refused.length
      report.present += present.size
      report.lost.push(...acknowledged.filter((name) => !present.has(name)))
      report.unacknowledgedPresent += [...present].filter((name) => !acknowledged.includes(name)).length
      report.auditIntact &&= (await app.services.audit.verify()).ok
      const [{ integrity_check: integrity }] = await app.database.query('PRAGMA integrity_check')
      if (integrity !== 'ok') report.integrity = integrity
    } finally {
      await app.close()
    }
  }
  console.log(
    `kill -9 (seed ${seed}): ${rounds} rounds, ${report.acknowledged} writes acknowledged, ${report.refused} refused (disk full), ` +
      `${report.present} present after restart, ${report.lost.length} lost, ${report.unacknowledgedPresent} present but unacknowledged`
  )
  return report
}
