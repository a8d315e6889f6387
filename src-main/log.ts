import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/**
 * The app's log file for support: start-up, migrations, backups, restores and errors nobody expected, with their
 * stack. Never records, inputs or personal data: callers pass an event name and plain facts (counts, file names,
 * versions, channel names).
 */
export interface Log {
  info(event: string, facts?: Facts): void
  error(event: string, error: unknown, facts?: Facts): void
  /** Resolves once every entry so far is in the file. */
  flush(): Promise<void>
  readonly file: string
}

export type Facts = Record<string, string | number | boolean | null>

export const LOG_FILE = 'archive-room.log'

/** The folder of the support log in a data folder. */
export const logFolder = (dataDir: string) => path.join(dataDir, 'logs')
const LIMIT_BYTES = 5 * 1024 * 1024
const KEPT_FILES = 3

/**
 * Appends whole lines, and when the file would pass its limit renames it to .1 (the older ones to .2, .3 …), so the
 * folder never holds more than `kept` + 1 files of `limitBytes` each. Synchronous: entries are rare and must survive
 * the crash they may describe.
 */
export class RotatingFile {
  private size: number

  constructor(
    readonly file: string,
    private readonly limitBytes = LIMIT_BYTES,
    private readonly kept = KEPT_FILES
  ) {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true })
      this.size = fs.existsSync(file) ? fs.statSync(file).size : 0
    } catch {
      this.size = 0
    }
  }

  /** A line that cannot be written (a full disk, a folder made read-only) is dropped: the log never fails the work. */
  write(line: string): void {
    const bytes = Buffer.byteLength(line)
    try {
      if (this.size > 0 && this.size + bytes > this.limitBytes) this.rotate()
      fs.appendFileSync(this.file, line)
      this.size += bytes
    } catch {
      // The line is lost; the work it describes goes on.
    }
  }

  private rotate(): void {
    const numbered = (n: number) => `${this.file}.${n}`
    fs.rmSync(numbered(this.kept), { force: true })
    for (let n = this.kept - 1; n >= 1; n -= 1) {
      if (fs.existsSync(numbered(n))) fs.renameSync(numbered(n), numbered(n + 1))
    }
    fs.renameSync(this.file, numbered(1))
    this.size = 0
  }
}

type Pino = typeof import('pino')

/**
 * What an error contributes: its kind, message, code and stack, the stack's paths cut to file names (a per-user
 * install path names the person). Never its other properties, where a refusal keeps what was typed.
 */
function errorFacts(error: unknown): Facts {
  if (!(error instanceof Error)) return { message: withoutHome(describe(error)) }
  const code = (error as { code?: unknown }).code
  return {
    type: error.name,
    message: withoutHome(error.message),
    code: typeof code === 'string' ? code : null,
    stack: withoutHome((error.stack ?? '').replace(/\(?(?:[A-Za-z]:)?[^\s()]*[\\/]([^\\/\s()]+:\d+:\d+)\)?/g, '($1)'))
  }
}

/** Whatever was thrown, as text; a value with no way to be written (no prototype) as its kind. */
function describe(thrown: unknown): string {
  try {
    return String(thrown)
  } catch {
    return typeof thrown
  }
}

/** The person's home folder written as `~`: a message about a file in the data folder otherwise names them. */
function withoutHome(text: string): string {
  const home = os.homedir()
  return home.length > 1 ? text.split(home).join('~') : text
}
type Entry = { level: 'info' | 'error'; time: string; event: string; facts: Facts; error?: unknown }

/**
 * A log in `folder`. pino is loaded on the first entry's way out rather than at start-up, which it would slow by
 * a tenth of a second; entries wait in order until then, each with the time it was made.
 */
export function openLog(folder: string, options: { limitBytes?: number; kept?: number } = {}): Log {
  const destination = new RotatingFile(path.join(folder, LOG_FILE), options.limitBytes, options.kept)
  const waiting: Entry[] = []
  let logger: ReturnType<Pino['pino']> | null = null
  let loading: Promise<void> | null = null

  function emit(entry: Entry): void {
    if (!logger) return
    const fields = {
      time: entry.time,
      event: entry.event,
      ...entry.facts,
      // Told as its facts here, not by a pino serializer: pino copies the raw message to msg before serializers run.
      ...(entry.error ? { err: errorFacts(entry.error) } : {})
    }
    if (entry.level === 'error') logger.error(fields)
    else logger.info(fields)
  }

  function load(): Promise<void> {
    loading ??= import('pino').then(({ pino }) => {
      logger = pino(
        {
          base: undefined,
          timestamp: false,
          formatters: { level: (label) => ({ level: label }) },
          // The facts are made in emit; pino's own error serializer would rewrite them.
          serializers: { err: (facts: Facts) => facts }
        },
        destination
      )
      waiting.splice(0).forEach(emit)
    })
    return loading
  }

  function add(entry: Entry): void {
    if (logger) emit(entry)
    else {
      waiting.push(entry)
      void load()
    }
  }

  return {
    file: destination.file,
    info: (event, facts = {}) => add({ level: 'info', time: new Date().toISOString(), event, facts }),
    error: (event, error, facts = {}) => add({ level: 'error', time: new Date().toISOString(), event, facts, error }),
    flush: async () => {
      if (waiting.length > 0) await load()
    }
  }
}
