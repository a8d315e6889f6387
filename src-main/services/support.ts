import fs from 'node:fs'
import { migrationsRun, settingsVersions, tableSizes } from '../db/support'
import type { Log } from '../log'
import type { Actor, Store } from '../store'

/** How much of the log goes into one diagnostics file: the newest part, where the trouble is. */
const LOG_TAIL_BYTES = 2 * 1024 * 1024

export interface Diagnostics {
  fileName: string
  content: string
}

function tail(file: string, bytes: number): string {
  try {
    return tailOf(file, bytes)
  } catch {
    // The log is what support wants most, but what else the file holds still helps when it cannot be read.
    return ''
  }
}

function tailOf(file: string, bytes: number): string {
  if (!fs.existsSync(file)) return ''
  const size = fs.statSync(file).size
  const start = Math.max(0, size - bytes)
  const handle = fs.openSync(file, 'r')
  try {
    const buffer = Buffer.alloc(size - start)
    fs.readSync(handle, buffer, 0, buffer.length, start)
    const text = buffer.toString('utf8')
    // Cut at a line start: a half line (or half a character) at the front would only confuse whoever reads it.
    return start === 0 ? text : text.slice(text.indexOf('\n') + 1)
  } finally {
    fs.closeSync(handle)
  }
}

/**
 * 导出诊断信息: what support needs to understand a problem — versions, the database's structure and sizes, which
 * settings versions are in force, and the newest part of the log — and nothing of the records or the people in them.
 */
export class SupportService {
  constructor(
    private readonly store: Store,
    private readonly log: Log,
    private readonly appVersion: string,
    private readonly clock: () => Date
  ) {}

  async diagnostics(actor: Actor): Promise<Diagnostics> {
    await this.log.flush()
    const db = this.store.db
    const now = this.clock()
    const report = {
      createdAt: now.toISOString(),
      app: { version: this.appVersion },
      runtime: {
        node: process.versions.node,
        electron: process.versions.electron ?? null,
        platform: process.platform,
        arch: process.arch
      },
      database: {
        bytes: fs.statSync(this.store.file).size,
        migrations: await migrationsRun(db),
        settingsVersions: await settingsVersions(db),
        rows: await tableSizes(db)
      },
      log: tail(this.log.file, LOG_TAIL_BYTES).split('\n').filter(Boolean)
    }
    await this.store.write(actor, ({ audit }) =>
      audit({ entity: 'support', entityId: 'diagnostics', action: 'export', after: { logLines: report.log.length } })
    )
    const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
    return { fileName: `archive-room-diagnostics-${stamp}.json`, content: JSON.stringify(report, null, 2) }
  }
}
