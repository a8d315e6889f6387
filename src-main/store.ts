import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { auditHashOf, lastAuditEntry } from './db/audit'
import { openReader, openWriter, SqliteDb, type AuditKey, type Db } from './db/connection'
import { readFieldKey } from './db/field-key'
import { syncFolder } from './db/files'
import { readAuditHead, readAuditKey, writeAuditHead } from './services/audit-anchor'
import { appendAudit, type Actor, type AuditDraft } from './services/audit-chain'

export type { Actor } from './services/audit-chain'

export interface WriteContext {
  db: Db
  now: Date
  audit(entry: AuditDraft): Promise<void>
}

export interface StoreOptions {
  /**
   * R-SEC-1: keep the head file in the database's folder up to date after each audited write (the live database
   * does; a file being prepared for a restore does not, since it is not live yet).
   */
  anchorHead?: boolean
  /** The key to sign with instead of the one beside the file: a restore's, when the backup brought its own. */
  auditKey?: AuditKey
  /** The field key instead of the one beside the file: a restore's, when the backup brought its own (S124). */
  fieldKey?: Buffer
}

/**
 * The one way to change data. The app, not an ORM, owns the write transaction on its own connection: writes run one
 * at a time, each between BEGIN IMMEDIATE and COMMIT together with its audit entries (R-SEC-1), and a write counts as
 * done only once COMMIT has returned and SQLite confirms no transaction is left open. Reads go through a second,
 * read-only connection, so nobody sees rows that a write in progress may still roll back.
 */
export class Store {
  private queue: Promise<unknown> = Promise.resolve()
  /** Signs the audit entries: the installation's key, from the file beside the database. */
  private signingKey: AuditKey
  /** Encrypts customers' sensitive fields on both connections (S124–S125). */
  private sealingKey: Buffer
  /** The newest entry the head file names, so that it is rewritten only when a write added entries. */
  private headId = 0
  /** Backups copying from the reader right now. */
  private readonly copies = new Set<Promise<unknown>>()
  private writer!: SqliteDb
  private reader!: SqliteDb

  constructor(
    readonly file: string,
    readonly clock: () => Date,
    private readonly options: StoreOptions = {}
  ) {
    const auditKey = options.auditKey ?? readAuditKey(path.dirname(file))
    if (!auditKey) throw new Error(`no audit key beside ${file}: createApp makes one before opening the store`)
    this.signingKey = auditKey
    const fieldKey = options.fieldKey ?? readFieldKey(path.dirname(file))
    if (!fieldKey) throw new Error(`no field key beside ${file}: createApp makes one before opening the store`)
    this.sealingKey = fieldKey
    this.open()
  }

  get auditKey(): AuditKey {
    return this.signingKey
  }

  get fieldKey(): Buffer {
    return this.sealingKey
  }

  /** Committed data only; for everything that does not write. */
  get db(): Db {
    return this.reader
  }

  /** The live database outside the app's transactions: for tests and tools that change data behind the app's back. */
  get unguarded(): Db {
    return this.writer
  }

  write<T>(actor: Actor, work: (ctx: WriteContext) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      const result = await this.transaction((db) => {
        const now = this.clock()
        return work({ db, now, audit: (entry) => appendAudit(db, actor, now, entry) })
      })
      await this.anchorHead(false)
      return result
    })
  }

  /**
   * Records the newest committed entry in the head file, after the commit: a head is never ahead of the database.
   * The head only moves along the chain: when the entry it names is gone or changed (the log was cut or rewritten
   * behind the app's back), it stays as evidence for verify, and only a restore replaces it. A head file that cannot
   * be written (a full disk) leaves the older one, still in the chain; the write stands.
   */
  private async anchorHead(restored: boolean): Promise<void> {
    if (!this.options.anchorHead) return
    try {
      const head = await lastAuditEntry(this.writer)
      if (!head || (!restored && head.lastId === this.headId)) return
      const dir = path.dirname(this.file)
      const anchored = restored ? null : readAuditHead(dir)
      if (anchored && (await auditHashOf(this.writer, anchored.lastId)) !== anchored.hash) return
      writeAuditHead(dir, head)
      this.headId = head.lastId
    } catch {
      // The head is an anchor, not the record: the next audited write tries again.
    }
  }

  /** Runs work with no write in between, e.g. swapping the database file during a restore. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work)
    this.queue = result.catch(() => undefined)
    return result
  }

  /**
   * A consistent copy of the committed database through SQLite's online backup API, while the app keeps working.
   * It reads through the reader: on the writer it would also copy a write still in progress (an import) that may
   * yet roll back. A commit in the meantime makes SQLite start the copy again; with people saving every few seconds a
   * large database would never be copied, so each restart doubles the pages copied per step: after a few restarts
   * at most the rest is copied in one step, which no commit can interrupt.
   */
  async backupTo(file: string): Promise<void> {
    let pagesPerStep = 100
    let remainingBefore = Number.POSITIVE_INFINITY
    const copy = this.reader.connection.backup(file, {
      progress: ({ remainingPages }) => {
        if (remainingPages > remainingBefore) pagesPerStep *= 2
        remainingBefore = remainingPages
        return pagesPerStep
      }
    })
    this.copies.add(copy)
    try {
      await copy
    } finally {
      this.copies.delete(copy)
    }
  }

  /**
   * Runs work while the database file itself holds exactly the committed state, and keeps it so until work is done, so
   * that a backup can copy the file as it is: on connections of its own, a read transaction is opened, then a
   * checkpoint writes into the file everything the log holds up to that transaction. If that was all the log holds,
   * the file is that state; and while the transaction lasts no checkpoint writes beyond it (SQLite's WAL read
   * locks), while the app keeps writing to the log. Otherwise (someone else reads an older state, and the file could
   * not be brought up to date) work is not run and the answer is null.
   */
  async withSettledFile<T>(work: (settled: { db: Database.Database; bytes: number }) => Promise<T>): Promise<T | null> {
    const snapshot = openReader(this.file)
    try {
      snapshot.exec('BEGIN')
      // The read transaction starts with the first read: here, of the schema's version.
      snapshot.pragma('schema_version')
      const pageSize = snapshot.pragma('page_size', { simple: true }) as number
      const pages = snapshot.pragma('page_count', { simple: true }) as number
      const checkpointer = new Database(this.file, { fileMustExist: true })
      let settled: boolean
      try {
        const [{ log, checkpointed }] = checkpointer.pragma('wal_checkpoint(PASSIVE)') as {
          log: number
          checkpointed: number
        }[]
        settled = log >= 0 && log === checkpointed
      } finally {
        checkpointer.close()
      }
      if (!settled) return null
      const copy = work({ db: snapshot, bytes: pageSize * pages })
      this.copies.add(copy)
      try {
        return await copy
      } finally {
        this.copies.delete(copy)
      }
    } finally {
      snapshot.close()
    }
  }

  /** Until no backup copies from the reader: closing it under one fails that backup with no words for it. */
  private async copiesDone(): Promise<void> {
    while (this.copies.size > 0) await Promise.allSettled([...this.copies])
  }

  /**
   * Puts a prepared database file in place of the live one (a restore). Call inside exclusive(): once no backup
   * copies from the reader any more, the connections are closed, the file renamed over the live one (atomic on one
   * volume) and the folder synced, then both reopened. A backup from another PC brings its audit key: `adopt` puts
   * that key file in place while no connection is open, and the reopened writer signs with it.
   */
  async swapDatabaseFile(
    incoming: string,
    adopt?: { auditKey?: AuditKey; fieldKey?: Buffer; install: () => void }
  ): Promise<void> {
    await this.copiesDone()
    this.closeConnections()
    if (adopt) {
      adopt.install()
      if (adopt.auditKey) this.signingKey = adopt.auditKey
      if (adopt.fieldKey) this.sealingKey = adopt.fieldKey
    }
    for (const companion of ['-wal', '-shm']) fs.rmSync(`${this.file}${companion}`, { force: true })
    fs.renameSync(incoming, this.file)
    this.open()
    await syncFolder(path.dirname(this.file))
    // The restored log is the chain from now on; the head of the replaced one is no longer in it.
    await this.anchorHead(true)
  }

  close(): Promise<void> {
    return this.exclusive(async () => {
      await this.copiesDone()
      this.closeConnections()
    })
  }

  private async transaction<T>(work: (db: Db) => Promise<T>): Promise<T> {
    const connection = this.writer.connection
    connection.exec('BEGIN IMMEDIATE')
    let result: T
    try {
      result = await work(this.writer)
    } catch (error) {
      this.rollback()
      throw error
    }
    try {
      connection.exec('COMMIT')
    } catch (error) {
      // SQLite may have rolled back by itself (a full disk, an I/O error) or may still hold the transaction open.
      this.rollback()
      throw error
    }
    if (connection.inTransaction) {
      this.reopenWriter()
      throw new Error('COMMIT returned but the transaction is still open; nothing of this write was kept')
    }
    return result
  }

  /** Leaves the writer with no transaction open, reopening the connection when SQLite cannot say it has none. */
  private rollback(): void {
    const connection = this.writer.connection
    if (!connection.inTransaction) return
    try {
      connection.exec('ROLLBACK')
    } catch {
      // A failed ROLLBACK leaves the connection in doubt: the check below replaces it.
    }
    if (connection.inTransaction) this.reopenWriter()
  }

  private reopenWriter(): void {
    closeQuietly(this.writer.connection)
    this.writer = new SqliteDb(openWriter(this.file), this.auditKey, this.fieldKey)
  }

  private open(): void {
    this.writer = new SqliteDb(openWriter(this.file), this.auditKey, this.fieldKey)
    try {
      this.reader = new SqliteDb(openReader(this.file), undefined, this.fieldKey)
    } catch (error) {
      closeQuietly(this.writer.connection)
      throw error
    }
  }

  /** The reader first: the last connection to close checkpoints the WAL into the database file. */
  private closeConnections(): void {
    if (this.reader?.connection.open) this.reader.connection.close()
    if (this.writer?.connection.open) this.writer.connection.close()
  }
}

function closeQuietly(connection: Database.Database): void {
  try {
    if (connection.open) connection.close()
  } catch {
    // Closing a connection that failed is best effort; a fresh one replaces it.
  }
}
