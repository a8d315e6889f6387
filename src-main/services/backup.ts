import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { z } from 'zod'
import type { BackupInfo, BackupSettings, BackupStatus, BackupVerification } from '@preload/contract'
import { DATABASE_FILE, migrate } from '../db/data-source'
import { fsyncFile, syncFolder } from '../db/files'
import { MIGRATIONS } from '../db/migrations'
import { AppFailure } from '../errors'
import type { Log } from '../log'
import { SETTINGS_SCHEMAS } from './settings'
import { lastAuditEntry } from '../db/audit'
import { countHoldingsAnew } from '../db/dashboard'
import { auditHeadSchema, replaceAuditKey, type AuditHead } from './audit-anchor'
import { verifyChain, type ChainAnchor } from './audit-chain'
import { SqliteDb, type AuditKey } from '../db/connection'
import { Store, type Actor } from '../store'
import { backupDue, backupFileName } from '../policy/backup'
import { passphraseStrength } from '../policy/passphrase'
import { firstAccountCreatedAt } from '../db/users'
import { NotAuthentic, decryptFile, encryptDatabaseFile, type DatabaseEncryption } from './backup-chunks'
import {
  fileKeys,
  keyIdOf,
  macMatches,
  manifestMac,
  sealSecret,
  sealedSchema,
  unsealSecret,
  unwrapKey,
  wrapKey,
  type RecoveryKdf,
  wrappedKeySchema,
  type FileKeys
} from './backup-crypto'
import { backupKeyOf, readBackupKey, writeBackupKey, type BackupKey } from './backup-key'
import { writeFieldKey } from '../db/field-key'
import { contentNames, liveContents, type Content } from '../db/electronic-holdings'
import {
  bringBack,
  checkContents,
  contentListSchema,
  copyContents,
  stickKeys,
  type CopiedContents
} from './backup-files'
import type { FileStore } from './file-store'

const MANIFEST_APP = 'archive-room'
/** The tables a backup's manifest counts; the backup page names each in words. */
export const COUNTED_TABLES = ['users', 'customers', 'items', 'volumes', 'locations', 'audit_log']
const STATE_FILE = 'backup-state.json'
/** Backups taken in the same second get -2, -3 …; the listing sorts on the time, then that number. */
const BACKUP_NAME = /^archive-room-(\d{8}-\d{6})(?:-(\d+))?\.sqlite$/
/**
 * A manifest is a few hundred bytes and its sealed list of electronic files about 110 bytes a file: anything bigger
 * than a list of some 300 000 files (or a device planted under its name) is not one.
 */
const MAX_MANIFEST_BYTES = 32 * 1024 * 1024
/**
 * A new file only: O_EXCL refuses any existing name, a symlink planted there included, so nothing outside the
 * backup folder is ever written through one. Windows has no O_NOFOLLOW, and needs none with O_EXCL.
 */
const CREATE_NEW = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0)

/** What every manifest says of the backup, old and sealed alike. */
const MANIFEST_FIELDS = {
  file: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  appVersion: z.string(),
  migrations: z.array(z.string()),
  counts: z.record(z.string(), z.number().int().nonnegative())
}

/** Backups made before issue 15.2: the database in the clear, with a checksum anyone could recompute. */
const legacyManifestSchema = z.object({
  app: z.literal(MANIFEST_APP),
  ...MANIFEST_FIELDS,
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** R-SEC-1: the audit chain's head in the backup, an anchor outside the database (none in older backups). */
  auditHead: auditHeadSchema.nullable().optional(),
  /** Which installation's audit key signed that chain: anchors of another installation's backups do not apply here. */
  auditKeyId: z.string().optional()
})
type LegacyManifest = z.output<typeof legacyManifestSchema>

/**
 * Issue 15.2, R-SEC-2: the backup file is encrypted with AES-256-GCM in chunks, and this manifest is authenticated
 * with a key of the backup's own (its MAC covers every field, the audit anchor included). It carries the backup key
 * wrapped under the recovery passphrase, and the audit chain's key sealed, so a new PC restores both.
 */
const sealedManifestSchema = z.object({
  app: z.literal(MANIFEST_APP),
  format: z.literal(2),
  ...MANIFEST_FIELDS,
  /** Of the database, before encryption. */
  bytes: z.number().int().nonnegative(),
  auditHead: auditHeadSchema.nullable(),
  auditKeyId: z.string(),
  backupKeyId: z.string(),
  /** The random salt this backup's own keys are derived with. */
  salt: z.string().regex(/^[A-Za-z0-9+/]{22}==$/),
  /** Null when it was made before a recovery passphrase was set: then only the PC that made it can open it. */
  wrappedKey: wrappedKeySchema.nullable(),
  auditKey: sealedSchema,
  /** S124–S125: the key of customers' encrypted fields, sealed like the audit key (none in older backups). */
  fieldKey: sealedSchema.optional(),
  /**
   * R-ELEC-5: every electronic file's SHA-256 and size, sealed like the keys (a hash in the clear would let whoever
   * finds the stick confirm that a given scan is on it); none in backups made before files were backed up.
   */
  files: sealedSchema.optional(),
  mac: z.string().regex(/^[0-9a-f]{64}$/)
})
type SealedManifest = z.output<typeof sealedManifestSchema>
type Manifest = LegacyManifest | SealedManifest

const isSealed = (manifest: Manifest): manifest is SealedManifest => 'format' in manifest

const sealedAuditKeySchema = z.object({
  key: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
  keyedFrom: z.number().int().positive()
})

/** What opening a sealed backup's manifest gives: its keys and the audit key it carries. */
interface Opened {
  keys: FileKeys
  backupKey: BackupKey
  auditKey: AuditKey
  /** Null for a backup made before customers' fields were encrypted: it holds them in the clear. */
  fieldKey: Buffer | null
}

/** What a restore may be given beside the file: the passphrase on a new PC, the consent to restore an old backup. */
export interface RestoreOptions {
  passphrase?: string
  acceptUnauthenticated?: boolean
}

type Problem = BackupVerification['problems'][number]

/** What a listing shows of a manifest: not its checksum nor its anchors. */
function infoOf(manifest: Manifest): Omit<BackupInfo, 'file'> {
  const { createdAt, createdBy, appVersion, migrations, counts, bytes } = manifest
  return { createdAt, createdBy, appVersion, migrations, counts, bytes, encrypted: isSealed(manifest) }
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code

const folderProblem = (folder: string, field: string, message: string) =>
  new AppFailure('VALIDATION', 'errors.validation', { details: [{ path: field, message, params: { folder } }] })

const manifestOf = (file: string) => file.replace(/\.sqlite$/, '.json')

/** Names the audit key without revealing it: the same for every backup of one installation. */
const auditKeyIdOf = (key: Buffer) => keyIdOf(key, 'audit')

/** What a backup records of the database it copied, beside the bytes. */
interface Copied {
  counts: Record<string, number>
  migrations: string[]
  auditHead: AuditHead | null
  bytes: number
  /** R-ELEC-5: the contents its live electronic files name. */
  files: Content[]
}

const auditHeadOf = async (db: Database.Database) => (await lastAuditEntry(new SqliteDb(db))) ?? null

/** What a backup records of a database beside its bytes, read in one read transaction with them. */
const factsOf = async (db: Database.Database): Promise<Omit<Copied, 'bytes'>> => ({
  counts: countRows(db),
  migrations: appliedMigrations(db),
  auditHead: await auditHeadOf(db),
  files: await liveContents(new SqliteDb(db))
})

/** Random, so nobody can plant anything at it in advance; a dot name, so the listing never shows it. */
const stagingName = () => `.archive-room-${crypto.randomBytes(8).toString('hex')}.partial`

function taken(file: string): boolean {
  try {
    fs.lstatSync(file)
    return true
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false
    throw error
  }
}

/** Copies a regular file to a new name, hashing what it copies, and flushes the copy to disk before closing it. */
async function copyToNew(from: string, to: string): Promise<{ sha256: string; bytes: number }> {
  const source = await fs.promises.open(from, 'r')
  try {
    const target = await fs.promises.open(to, CREATE_NEW, 0o644)
    try {
      const hash = crypto.createHash('sha256')
      const buffer = Buffer.alloc(1024 * 1024)
      let bytes = 0
      for (;;) {
        const { bytesRead } = await source.read(buffer, 0, buffer.length, null)
        if (bytesRead === 0) break
        hash.update(buffer.subarray(0, bytesRead))
        for (let written = 0; written < bytesRead;)
          written += (await target.write(buffer, written, bytesRead - written)).bytesWritten
        bytes += bytesRead
      }
      await target.sync()
      return { sha256: hash.digest('hex'), bytes }
    } finally {
      await target.close()
    }
  } finally {
    await source.close()
  }
}

/** A day old: no backup still running on any PC takes that long, so these were left by one that was cut off. */
const LEFTOVER_AGE_MS = 24 * 60 * 60 * 1000

/** What a backup cut off by a crash or a pulled stick left on it: hidden staging files and work folders. */
function sweepLeftovers(folder: string, now: Date): void {
  for (const name of fs.readdirSync(folder)) {
    if (!/^\.(archive-room-[0-9a-f]+\.partial|backup-work-.+)$/.test(name)) continue
    const leftover = path.join(folder, name)
    if (now.getTime() - fs.lstatSync(leftover).mtimeMs > LEFTOVER_AGE_MS)
      fs.rmSync(leftover, { recursive: true, force: true })
  }
}

async function writeNew(file: string, text: string): Promise<void> {
  const handle = await fs.promises.open(file, CREATE_NEW, 0o644)
  try {
    await handle.writeFile(text)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/**
 * Gives a staged file its final name only if that name is free: a hard link fails on any existing name, symlinks
 * included. FAT and exFAT sticks have no hard links (nor symlinks); there the name is checked and the file renamed,
 * which is safe because backups are taken one at a time.
 */
function publish(staged: string, final: string): boolean {
  try {
    fs.linkSync(staged, final)
  } catch (error) {
    if (errorCode(error) === 'EEXIST' || taken(final)) return false
    fs.renameSync(staged, final)
    return true
  }
  fs.unlinkSync(staged)
  return true
}

function readManifest(file: string): Manifest | 'missing' | 'malformed' {
  let text: string
  try {
    const stat = fs.statSync(file)
    if (!stat.isFile() || stat.size > MAX_MANIFEST_BYTES) return 'malformed'
    text = fs.readFileSync(file, 'utf8')
  } catch (error) {
    return errorCode(error) === 'ENOENT' ? 'missing' : 'malformed'
  }
  try {
    const json: unknown = JSON.parse(text)
    const sealed = typeof json === 'object' && json !== null && 'format' in json
    const parsed = (sealed ? sealedManifestSchema : legacyManifestSchema).safeParse(json)
    return parsed.success ? parsed.data : 'malformed'
  } catch {
    return 'malformed'
  }
}

/** The backups in a folder by their names, newest first. */
function backupsNewestFirst(folder: string): string[] {
  return fs
    .readdirSync(folder)
    .flatMap((name) => {
      const match = BACKUP_NAME.exec(name)
      return match ? [{ name, takenAt: match[1], sequence: Number(match[2] ?? 1) }] : []
    })
    .sort((a, b) => b.takenAt.localeCompare(a.takenAt) || b.sequence - a.sequence)
    .map(({ name }) => name)
}

/** Whether folder is the folder own or inside it; both already resolved. */
function within(folder: string, own: string): boolean {
  const relative = path.relative(own, folder)
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative))
}

function countRows(db: Database.Database): Record<string, number> {
  const tables = new Set(
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name)
  )
  return Object.fromEntries(
    COUNTED_TABLES.filter((table) => tables.has(table)).map((table) => [
      table,
      (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n
    ])
  )
}

const appliedMigrations = (db: Database.Database) =>
  (db.prepare('SELECT name FROM migrations ORDER BY id').all() as { name: string }[]).map((m) => m.name)

/** By their own name, which a minified build keeps (it may rename the classes). */
const MIGRATION_NAMES = MIGRATIONS.map((migration) => new migration().name)

interface Schema {
  /** Every table, index, trigger and view, its SQL with white space folded (SQLite keeps it as written). */
  entries: string[]
  /** The migrations table's rows: what the schema claims to be. */
  migrations: string[]
}

/** Null when there is no migrations table to read, so no version to compare against. */
function schemaOf(db: Database.Database): Schema | null {
  const entries = (
    db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master').raw().all() as [
      string,
      string,
      string,
      string | null
    ][]
  )
    .map(([type, name, table, text]) => JSON.stringify([type, name, table, text?.replace(/\s+/g, ' ').trim() ?? null]))
    .sort()
  if (!entries.some((entry) => entry.startsWith('["table","migrations",'))) return null
  const migrations = (db.prepare('SELECT timestamp, name FROM migrations ORDER BY id').raw().all() as unknown[][]).map(
    (row) => JSON.stringify(row)
  )
  return { entries, migrations }
}

/** The exact schema each list of migrations makes, learnt once per run by running them into an empty file. */
const schemasOfVersions = new Map<string, Promise<Schema>>()

function schemaOfVersion(names: readonly string[], scratch: string): Promise<Schema> {
  const key = names.join(',')
  let schema = schemasOfVersions.get(key)
  if (!schema) {
    schema = (async () => {
      const file = path.join(scratch, `schema-${crypto.randomBytes(8).toString('hex')}.sqlite`)
      await migrate(
        file,
        names.map((name) => MIGRATIONS[MIGRATION_NAMES.indexOf(name)])
      )
      const db = new Database(file, { readonly: true, fileMustExist: true })
      try {
        return schemaOf(db)!
      } finally {
        db.close()
      }
    })()
    schemasOfVersions.set(key, schema)
    schema.catch(() => schemasOfVersions.delete(key))
  }
  return schema
}

/** Each version of the app has run its migrations from the first, in order: a backup's list is where one stopped. */
const aVersion = (names: readonly string[]) => names.length > 0 && names.every((name, i) => name === MIGRATION_NAMES[i])

const pick = ({ lastId, hash }: AuditHead) => ({ lastId, hash })

export type RestoreStage = 'before-swap' | 'after-swap'

export interface BackupOptions {
  dataDir: string
  /** R-ELEC-5: the data folder's electronic files, which backups carry and restores bring back. */
  files: FileStore
  /** The app's own files (the built app, whose renderer folder browser mode serves): never a backup folder. */
  appFolders: readonly string[]
  appVersion: string
  /** Tests only: runs at each stage of a restore, so a test can cut the process off there. */
  atRestoreStage?: (stage: RestoreStage) => Promise<void>
  /** How the database file is encrypted onto the stick: on the main thread unless the backup worker is given. */
  encryptDatabase?: DatabaseEncryption
  /** Tests only: a cheaper scrypt than the production one, so a suite does not spend a second on every passphrase. */
  recoveryKdf?: RecoveryKdf
  /** Called after a restore so that nobody keeps working in a session of the replaced database. */
  onRestored?: () => void
  log: Log
}

/**
 * R-SEC-2: consistent backups to offline media with a manifest (version, schema, counts, checksum), their
 * verification, and a restore that can only make things better: it verifies first, keeps a copy of the current
 * database, and swaps files atomically, so a failure at any point leaves a usable database behind.
 */
export class BackupService {
  private creating: Promise<unknown> = Promise.resolve()
  /** The installation's backup key once read or made; replaced when a restore brings another installation's. */
  private backupKey: BackupKey | null = null

  constructor(
    private readonly store: Store,
    private readonly options: BackupOptions,
    private readonly settings: {
      current(): Promise<{ data: BackupSettings }>
      save(actor: Actor, data: BackupSettings): Promise<unknown>
    }
  ) {
    // A process killed during a backup or a verification leaves its scratch folder, each with a whole copy of the
    // database; only this process works in the data folder, so any found at start are left over.
    for (const name of fs.readdirSync(options.dataDir)) {
      if (name.startsWith('.backup-work-'))
        fs.rmSync(path.join(options.dataDir, name), { recursive: true, force: true })
    }
  }

  private get encryptDatabase(): DatabaseEncryption {
    return this.options.encryptDatabase ?? encryptDatabaseFile
  }

  private stateFile(): string {
    return path.join(this.options.dataDir, STATE_FILE)
  }

  private readState(): { lastBackupAt: string | null; lastBackupFile: string | null } {
    try {
      return JSON.parse(fs.readFileSync(this.stateFile(), 'utf8'))
    } catch {
      return { lastBackupAt: null, lastBackupFile: null }
    }
  }

  async status(): Promise<BackupStatus> {
    const settings = (await this.settings.current()).data
    const state = this.readState()
    const installedAt = await firstAccountCreatedAt(this.store.db)
    const due = backupDue(state.lastBackupAt, installedAt, this.store.clock(), settings.reminderDays)
    const passphraseSetAt = readBackupKey(this.options.dataDir)?.passphraseSetAt ?? null
    return { ...state, installedAt, settings, due, passphraseSetAt }
  }

  /** The installation's backup key, which createApp makes at the first start. */
  private localKey(): BackupKey {
    const found = this.knownKey()
    if (!found)
      throw new Error(`no backup key in ${this.options.dataDir}: createApp makes one before the services start`)
    return found
  }

  /**
   * Issue 15.2: sets the recovery passphrase, or changes it. A change needs the administrator's own password again,
   * so that a session left open cannot hand the backups to someone else; it re-wraps the same backup key, so every
   * backup stays restorable with the passphrase it was made under. The passphrase itself is never stored.
   */
  async setPassphrase(
    actor: Actor,
    input: { passphrase: string; password?: string },
    checkPassword: (password: string) => Promise<boolean>
  ): Promise<BackupStatus> {
    const current = this.localKey()
    if (current.wrapped && !(input.password && (await checkPassword(input.password))))
      throw new AppFailure('VALIDATION', 'errors.validation', {
        details: [{ path: 'password', message: input.password ? 'errors.wrongPassword' : 'validation.required' }]
      })
    const strength = passphraseStrength(input.passphrase)
    if (!strength.ok)
      throw new AppFailure('VALIDATION', 'errors.validation', {
        details: [{ path: 'passphrase', message: strength.refusal.reason, params: strength.refusal.params }]
      })
    const now = this.store.clock().toISOString()
    const next = backupKeyOf(current.key, await wrapKey(current.key, input.passphrase, this.options.recoveryKdf), now)
    await this.store.write(actor, async ({ audit }) => {
      await writeBackupKey(this.options.dataDir, next)
      await audit({
        entity: 'backup',
        entityId: 'passphrase',
        action: current.wrapped ? 'change_password' : 'setup',
        after: { passphraseSetAt: now }
      })
    })
    this.backupKey = next
    return this.status()
  }

  async saveSettings(actor: Actor, settings: BackupSettings): Promise<BackupStatus> {
    if (settings.folder !== '') this.usableFolder(settings.folder, 'folder', 'write')
    await this.settings.save(actor, settings)
    return this.status()
  }

  /**
   * The folder with symlinks resolved, so that what was checked is what gets used. Inside the data folder a backup
   * is lost with the disk it should survive; inside the app's files browser mode served one to anyone who asked.
   */
  private usableFolder(folder: string, field: string, use: 'read' | 'write'): string {
    const problem = (message: string) => folderProblem(folder, field, message)
    if (!path.isAbsolute(folder)) throw problem('validation.folderAbsolute')
    if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw problem('validation.folderMissing')
    const real = fs.realpathSync.native(folder)
    const resolved = (own: string) => (fs.existsSync(own) ? fs.realpathSync.native(own) : path.resolve(own))
    if ([this.options.dataDir, ...this.options.appFolders].some((own) => within(real, resolved(own))))
      throw problem('validation.folderInsideApp')
    if (use === 'write') {
      try {
        fs.accessSync(real, fs.constants.W_OK)
      } catch {
        throw problem('validation.folderReadOnly')
      }
    }
    return real
  }

  /** The same checks as a backup's folder, for a form that names the folder in a field of its own. */
  checkFolder(folder: string, field: string): void {
    this.usableFolder(folder, field, 'write')
  }

  private async folderFor(requested: string | undefined, use: 'read' | 'write'): Promise<string> {
    const folder = requested || (await this.settings.current()).data.folder
    if (!folder)
      throw new AppFailure('VALIDATION', 'errors.validation', {
        details: [{ path: 'folder', message: 'validation.required' }]
      })
    return this.usableFolder(folder, 'folder', use)
  }

  /** A private folder inside the data folder for SQLite to work in: it creates journals and -shm files beside what it opens. */
  private async withScratch<T>(work: (scratch: string) => Promise<T>, parent = this.options.dataDir): Promise<T> {
    const scratch = fs.mkdtempSync(path.join(parent, '.backup-work-'))
    try {
      return await work(scratch)
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true })
    }
  }

  /** One at a time: backups taken in the same second would otherwise race for the same name. */
  create(actor: Actor, requestedFolder?: string): Promise<BackupInfo> {
    const run = this.creating.then(() => this.logged('backup', this.createNow(actor, requestedFolder)))
    this.creating = run.catch(() => undefined)
    return run
  }

  /**
   * The database file is copied as it is, straight onto the stick, while a read transaction holds it still (see
   * Store.withSettledFile) and the app keeps working; counts and migrations are read in that same transaction. Only
   * this app's own code writes to the stick, new files only.
   */
  private async createNow(actor: Actor, requestedFolder?: string): Promise<BackupInfo> {
    const folder = await this.folderFor(requestedFolder, 'write')
    const backupKey = this.localKey()
    const salt = crypto.randomBytes(16)
    const keys = fileKeys(backupKey.key, salt)
    const now = this.store.clock()
    sweepLeftovers(folder, now)
    const manifestStaged = path.join(folder, stagingName())
    try {
      // The snapshot is written straight onto the stick, into a fresh private folder nobody can plant anything in
      // (so a full data disk does not stop a backup, and nothing is copied twice), then linked into place.
      return await this.withScratch(async (scratch) => {
        const snapshot = path.join(scratch, 'backup.encrypted')
        const copied =
          (await this.store.withSettledFile(async ({ db, bytes }) => {
            const facts = await factsOf(db)
            await this.encryptDatabase(this.store.file, snapshot, bytes, keys.encrypt, CREATE_NEW)
            return { ...facts, bytes }
          })) ?? (await this.copyPageByPage(snapshot, keys.encrypt))
        // The files go first: a backup that shows in the listing has every blob it lists that could be copied.
        const contents = await copyContents(
          copied.files,
          this.options.files,
          folder,
          scratch,
          stickKeys(backupKey.key),
          CREATE_NEW
        )
        if (contents.notCopied.length > 0)
          this.options.log.info('backup left out files the data folder lacks', { files: contents.notCopied.join(' ') })
        return this.publishBackup(actor, folder, now, snapshot, manifestStaged, copied, contents, {
          salt,
          keys,
          backupKey
        })
      }, folder)
    } catch (error) {
      // The stick pulled out (or the folder removed) while the backup was being written: whatever failed, that is why.
      if (!fs.existsSync(folder)) {
        throw folderProblem(requestedFolder || folder, 'folder', 'validation.folderMissing')
      }
      throw error
    } finally {
      fs.rmSync(manifestStaged, { force: true })
    }
  }

  /**
   * When the file cannot be held still (someone else keeps reading an older state): SQLite's online backup API
   * copies a consistent state page by page, more slowly, into the data folder (the stick never holds it in the
   * clear), and that copy is then encrypted onto the stick.
   */
  private async copyPageByPage(snapshot: string, key: Buffer): Promise<Copied> {
    return this.withScratch(async (scratch) => {
      const plain = path.join(scratch, DATABASE_FILE)
      await this.store.backupTo(plain)
      const copy = new Database(plain, { fileMustExist: true })
      let facts: Omit<Copied, 'bytes'>
      try {
        // The copy inherits the live database's WAL mode; in rollback-journal mode the restored file has no -wal or -shm files.
        copy.pragma('journal_mode = DELETE')
        facts = await factsOf(copy)
      } finally {
        copy.close()
      }
      const bytes = fs.statSync(plain).size
      await this.encryptDatabase(plain, snapshot, bytes, key, CREATE_NEW)
      return { ...facts, bytes }
    })
  }

  /** Gives the snapshot and its manifest their final names: the next free name of this second, never an existing one. */
  private async publishBackup(
    actor: Actor,
    folder: string,
    now: Date,
    snapshot: string,
    manifestStaged: string,
    { counts, migrations, auditHead, bytes, files }: Copied,
    contents: CopiedContents,
    { salt, keys, backupKey }: { salt: Buffer; keys: FileKeys; backupKey: BackupKey }
  ): Promise<BackupInfo> {
    const stem = backupFileName(now).replace(/\.sqlite$/, '')
    const { key, keyedFrom } = this.store.auditKey
    const sealedAuditKey = sealSecret(keys, Buffer.from(JSON.stringify({ key: key.toString('base64'), keyedFrom })))
    const sealedFieldKey = sealSecret(keys, this.store.fieldKey)
    for (let n = 1; ; n += 1) {
      const file = path.join(folder, `${n === 1 ? stem : `${stem}-${n}`}.sqlite`)
      if (taken(file) || taken(manifestOf(file))) continue
      const body: Omit<SealedManifest, 'mac'> = {
        app: MANIFEST_APP,
        format: 2,
        file: path.basename(file),
        createdAt: now.toISOString(),
        createdBy: actor.username,
        appVersion: this.options.appVersion,
        migrations,
        counts,
        bytes,
        auditHead,
        auditKeyId: auditKeyIdOf(key),
        backupKeyId: backupKey.keyId,
        salt: salt.toString('base64'),
        wrappedKey: backupKey.wrapped,
        auditKey: sealedAuditKey,
        fieldKey: sealedFieldKey,
        files: sealSecret(keys, Buffer.from(JSON.stringify(files)))
      }
      const manifest: SealedManifest = { ...body, mac: manifestMac(keys, body) }
      fs.rmSync(manifestStaged, { force: true })
      await writeNew(manifestStaged, JSON.stringify(manifest, null, 2))
      // The manifest first: the listing goes by backup files, so it never shows one whose manifest is still to come.
      if (!publish(manifestStaged, manifestOf(file))) continue
      if (!publish(snapshot, file)) {
        fs.rmSync(manifestOf(file), { force: true })
        continue
      }
      await syncFolder(folder)
      fs.writeFileSync(this.stateFile(), JSON.stringify({ lastBackupAt: manifest.createdAt, lastBackupFile: file }))
      await this.store.write(actor, ({ audit }) =>
        audit({
          entity: 'backup',
          entityId: manifest.file,
          action: 'create',
          after: { file, counts, encrypted: true, files: { listed: files.length, ...contents } }
        })
      )
      return { ...infoOf(manifest), file }
    }
  }

  async list(actor: Actor, requestedFolder?: string): Promise<BackupVerification[]> {
    const folder = await this.folderFor(requestedFolder, 'read')
    const results: BackupVerification[] = []
    for (const name of backupsNewestFirst(folder))
      results.push(await this.verify(actor, path.join(folder, name), false, undefined, false))
    return results
  }

  /**
   * R-SEC-1: the audit chain's head as the newest backup of this installation in the backup folder recorded it, if
   * that backup was taken after `after` (the last restore: a restore legitimately replaces the chain with an older
   * one). Null when no folder is set, it cannot be read (the stick is out), or no backup there is newer.
   */
  async newestAnchor(after: string | null): Promise<ChainAnchor | null> {
    const folder = (await this.settings.current()).data.folder
    if (!folder) return null
    const keyId = auditKeyIdOf(this.store.auditKey.key)
    try {
      for (const name of backupsNewestFirst(folder)) {
        const manifest = readManifest(manifestOf(path.join(folder, name)))
        if (typeof manifest === 'string' || manifest.auditKeyId !== keyId || !manifest.auditHead) continue
        if (isSealed(manifest) && !this.madeHere(manifest)) continue
        if (after !== null && manifest.createdAt <= after) return null
        return { source: 'backup', ...pick(manifest.auditHead) }
      }
    } catch {
      // The stick pulled out or the folder gone: the head file still anchors the chain.
    }
    return null
  }

  passphraseSet(): boolean {
    return this.knownKey()?.wrapped != null
  }

  private knownKey(): BackupKey | null {
    this.backupKey ??= readBackupKey(this.options.dataDir)
    return this.backupKey
  }

  /** Whether a sealed manifest was made with this installation's backup key and is as it was made. */
  private madeHere(manifest: SealedManifest): boolean {
    const local = this.knownKey()
    if (!local || local.keyId !== manifest.backupKeyId) return false
    const { mac, ...body } = manifest
    return macMatches(fileKeys(local.key, Buffer.from(manifest.salt, 'base64')), body, mac)
  }

  /**
   * Issue 15.2: opens a sealed backup. Its key is this installation's backup key, or the one wrapped in its manifest
   * under the recovery passphrase given (a new PC); then the manifest's MAC must hold, and the audit key it carries
   * be the one it names. Otherwise the problem: the passphrase needed or wrong, or the manifest altered.
   */
  private async open(manifest: SealedManifest, passphrase: string | undefined): Promise<Opened | Problem> {
    const tampered: Problem = { reason: 'backup.problems.tampered' }
    const local = this.knownKey()
    let backupKey: BackupKey
    if (local && local.keyId === manifest.backupKeyId) backupKey = local
    else {
      if (!manifest.wrappedKey) return { reason: 'backup.problems.noRecoveryKey' }
      if (!passphrase) return { reason: 'backup.problems.passphraseNeeded' }
      const key = await unwrapKey(manifest.wrappedKey, passphrase)
      if (!key) return { reason: 'backup.problems.wrongPassphrase' }
      backupKey = backupKeyOf(key, manifest.wrappedKey, this.store.clock().toISOString())
      if (backupKey.keyId !== manifest.backupKeyId) return tampered
    }
    const keys = fileKeys(backupKey.key, Buffer.from(manifest.salt, 'base64'))
    const { mac, ...body } = manifest
    if (!macMatches(keys, body, mac)) return tampered
    const sealed = unsealSecret(keys, manifest.auditKey)
    const carried = sealed && sealedAuditKeySchema.safeParse(JSON.parse(sealed.toString('utf8')))
    if (!carried || !carried.success) return tampered
    const auditKey = { key: Buffer.from(carried.data.key, 'base64'), keyedFrom: carried.data.keyedFrom }
    if (auditKeyIdOf(auditKey.key) !== manifest.auditKeyId) return tampered
    const fieldKey = manifest.fieldKey ? unsealSecret(keys, manifest.fieldKey) : null
    if (manifest.fieldKey && fieldKey?.length !== 32) return tampered
    return { keys, backupKey, auditKey, fieldKey }
  }

  /**
   * A private plain copy of the backup, checked as it is made: a sealed one decrypted chunk by chunk (any byte
   * altered, moved or missing refuses it), an old one compared with its checksum. The problem if it cannot be made.
   */
  private async plainCopy(
    file: string,
    manifest: Manifest,
    to: string,
    opened: Opened | null
  ): Promise<Problem | null> {
    if (opened) {
      try {
        await decryptFile(file, to, opened.keys.encrypt, manifest.bytes, CREATE_NEW)
        return null
      } catch (error) {
        return { reason: error instanceof NotAuthentic ? 'backup.problems.tampered' : 'backup.problems.unreadable' }
      }
    }
    let copied: { sha256: string }
    try {
      copied = await copyToNew(file, to)
    } catch {
      return { reason: 'backup.problems.unreadable' }
    }
    return copied.sha256 === (manifest as LegacyManifest).sha256 ? null : { reason: 'backup.problems.checksum' }
  }

  /** The checks that need no copy: the file is a regular file with a manifest about it. Null with the problem if not. */
  private manifestFor(file: string, problems: Problem[]): Manifest | null {
    if (!path.isAbsolute(file) || !fs.existsSync(file)) {
      problems.push({ reason: 'backup.problems.missingFile', params: { file } })
      return null
    }
    // Opening a FIFO planted under a backup's name would wait for a writer forever.
    if (!fs.statSync(file).isFile()) {
      problems.push({ reason: 'backup.problems.unreadable' })
      return null
    }
    const manifest = readManifest(manifestOf(file))
    if (manifest === 'missing' || manifest === 'malformed') {
      problems.push({ reason: manifest === 'missing' ? 'backup.problems.noManifest' : 'backup.problems.badManifest' })
      return null
    }
    if (manifest.file !== path.basename(file)) {
      problems.push({ reason: 'backup.problems.otherFile', params: { file: manifest.file } })
      return null
    }
    return manifest
  }

  /**
   * Whether a private copy of a backup (its checksum already matched) is a database this app made: the exact schema
   * that its migrations make, nothing added, dropped or changed (a trigger that makes someone an administrator, a
   * file holding nothing but the migrations table); then SQLite's own check and the recorded counts. Thorough (a
   * restore) checks every index against its table and every reference; otherwise the quick check, which reads each
   * page once, so that a listing of large backups does not take minutes.
   */
  private async inspect(
    copy: string,
    manifest: Manifest,
    thorough: boolean,
    scratch: string,
    auditKey: AuditKey
  ): Promise<Problem[]> {
    const problems: Problem[] = []
    const notThisApps: Problem = { reason: 'backup.problems.schema' }
    let db: Database.Database | null = null
    try {
      db = new Database(copy, { readonly: true, fileMustExist: true })
      // Until its schema is known to be ours, nothing in it may call a function from a view or a trigger.
      db.pragma('trusted_schema = OFF')
      const found = schemaOf(db)
      if (found === null) return [notThisApps]
      const names = found.migrations.map((row) => (JSON.parse(row) as [number, string])[1])
      if ([...names, ...manifest.migrations].some((name) => !MIGRATION_NAMES.includes(name)))
        return [{ reason: 'backup.problems.newerVersion', params: { version: manifest.appVersion } }]
      if (!aVersion(names) || names.join(',') !== manifest.migrations.join(',')) return [notThisApps]
      // R-SEC-1: its audit chain is signed with another installation's key, which this PC cannot check (an old
      // backup: a sealed one carries its key).
      if (manifest.auditKeyId !== undefined && manifest.auditKeyId !== auditKeyIdOf(auditKey.key))
        return [{ reason: 'backup.problems.otherInstallation' }]
      const expected = await schemaOfVersion(names, scratch)
      if (
        found.entries.join('\n') !== expected.entries.join('\n') ||
        found.migrations.join('\n') !== expected.migrations.join('\n')
      )
        return [notThisApps]
      // R-ROLE-7 keeps an active administrator in every database the app makes; without one, whoever opens the app
      // after the restore would be asked to set up a new administrator.
      const administrators = db
        .prepare("SELECT COUNT(*) AS n FROM users WHERE role = 'sysadmin' AND active = 1")
        .get() as { n: number }
      if (administrators.n === 0) return [{ reason: 'backup.problems.noAdministrator' }]
      const unreadableSettings = settingsThatDoNotFit(db)
      if (unreadableSettings) return [{ reason: 'backup.problems.settings', params: unreadableSettings }]
      const integrity = db.pragma(thorough ? 'integrity_check' : 'quick_check', { simple: true })
      if (integrity !== 'ok')
        problems.push({ reason: 'backup.problems.integrity', params: { detail: String(integrity) } })
      if (thorough) {
        const broken = db.pragma('foreign_key_check') as { table: string }[]
        if (broken.length > 0)
          problems.push({
            reason: 'backup.problems.foreignKeys',
            params: { count: broken.length, table: broken[0].table }
          })
      }
      if (thorough) {
        // R-SEC-1: a restored audit log must still prove itself, or the chain would be broken from this day on.
        const anchors: ChainAnchor[] = manifest.auditHead ? [{ source: 'backup', ...pick(manifest.auditHead) }] : []
        const chain = await verifyChain(new SqliteDb(db), auditKey, anchors)
        if (!chain.ok) problems.push({ reason: 'backup.problems.auditChain', params: { id: chain.firstBrokenId ?? 0 } })
      }
      const counts = countRows(db)
      for (const [table, count] of Object.entries(manifest.counts)) {
        if (counts[table] !== count)
          problems.push({
            reason: 'backup.problems.counts',
            params: { table, expected: count, found: counts[table] ?? 0 }
          })
      }
    } catch {
      problems.push({ reason: 'backup.problems.unreadable' })
    } finally {
      db?.close()
    }
    return problems
  }

  /**
   * Authenticity (a sealed backup decrypts chunk by chunk; an old one matches its checksum), schema, SQLite's quick
   * check, the recorded counts, and whether this version can read it, then each electronic file it lists (R-ELEC-5):
   * read back and hashed, or when only `present` is asked (a listing) there and of the right length. Only reads the
   * backup folder, so that backups on write-protected media can be checked and restored. The full integrity check
   * waits for a restore.
   */
  async verify(
    actor: Actor,
    file: string,
    log = true,
    passphrase?: string,
    readFiles = true
  ): Promise<BackupVerification> {
    const problems: Problem[] = []
    const result = (info: BackupInfo | null): BackupVerification => ({
      ok: problems.length === 0,
      problems,
      file,
      info
    })
    const manifest = this.manifestFor(file, problems)
    if (manifest === null) return result(null)
    const info: BackupInfo = { ...infoOf(manifest), file }
    const opened = isSealed(manifest) ? await this.open(manifest, passphrase) : null
    if (opened && 'reason' in opened) {
      problems.push(opened)
      return result(info)
    }
    // SQLite is pointed at a private copy: even read-only it writes -shm files beside a WAL database, and the
    // authentication and the checks then see the very same bytes.
    return this.withScratch(async (scratch) => {
      const copy = path.join(scratch, 'verifying.sqlite')
      const unfit = await this.plainCopy(file, manifest, copy, opened)
      if (unfit) {
        problems.push(unfit)
        return result(info)
      }
      problems.push(...(await this.inspect(copy, manifest, false, scratch, opened?.auditKey ?? this.store.auditKey)))
      // The files are named from the backup's own database, so only once it has proved readable.
      if (opened && isSealed(manifest) && problems.length === 0)
        problems.push(...(await this.checkFiles(file, manifest, opened, copy, readFiles)))
      if (log)
        await this.store.write(actor, ({ audit }) =>
          audit({
            entity: 'backup',
            entityId: manifest.file,
            action: 'verify',
            after: { ok: problems.length === 0, problems }
          })
        )
      return result(info)
    })
  }

  /** The sealed list of electronic files a backup carries: empty for one made before files were backed up. */
  private contentsOf(manifest: SealedManifest, opened: Opened): Content[] | Problem {
    if (!manifest.files) return []
    const plain = unsealSecret(opened.keys, manifest.files)
    let parsed: ReturnType<typeof contentListSchema.safeParse> | null = null
    try {
      parsed = plain && contentListSchema.safeParse(JSON.parse(plain.toString('utf8')))
    } catch {
      parsed = null
    }
    return parsed?.success ? parsed.data : { reason: 'backup.problems.fileList' }
  }

  /** R-ELEC-5: each listed file's blob on the stick, a problem naming each one missing or damaged by its name and item. */
  private async checkFiles(
    file: string,
    manifest: SealedManifest,
    opened: Opened,
    copy: string,
    thorough: boolean
  ): Promise<Problem[]> {
    const contents = this.contentsOf(manifest, opened)
    if (!Array.isArray(contents)) return [contents]
    const found = await checkContents(contents, path.dirname(file), stickKeys(opened.backupKey.key), thorough)
    if (found.length === 0) return []
    const names = await namesIn(
      copy,
      found.map(({ sha256 }) => sha256)
    )
    return found.map(({ sha256, problem }) => ({
      reason: problem === 'missing' ? 'backup.problems.fileMissing' : 'backup.problems.fileDamaged',
      params: { name: names.get(sha256)?.name ?? sha256, code: names.get(sha256)?.archivalCode ?? '', sha256 }
    }))
  }

  /**
   * Checks, migrates and swaps in a private copy of the backup, with no write in between: the bytes checked are the
   * bytes that go live, and nothing saved meanwhile would be silently lost by the swap. A backup that fails any check
   * is refused before the current database is touched.
   */
  restore(
    actor: Actor,
    file: string,
    options: RestoreOptions = {}
  ): Promise<{ restoredFrom: string; safetyCopy: string }> {
    return this.logged('restore', this.restoreNow(actor, file, options))
  }

  /** Backups and restores go into the support log, done or failed, with the file's name and not its folder. */
  private async logged<T extends BackupInfo | { restoredFrom: string }>(
    what: 'backup' | 'restore',
    work: Promise<T>
  ): Promise<T> {
    try {
      const done = await work
      const file = 'restoredFrom' in done ? done.restoredFrom : done.file
      this.options.log.info(`${what} done`, { file: path.basename(file) })
      return done
    } catch (error) {
      const refused = error instanceof AppFailure && error.error.code !== 'INTERNAL'
      if (refused) this.options.log.info(`${what} refused`, { reason: error.error.message })
      else this.options.log.error(`${what} failed`, error)
      throw error
    }
  }

  private async restoreNow(
    actor: Actor,
    file: string,
    options: RestoreOptions
  ): Promise<{ restoredFrom: string; safetyCopy: string }> {
    const refuse = ({ reason, params }: Problem): never => {
      throw new AppFailure('POLICY_DENIED', reason, { ruleId: 'R-SEC-2', ...(params ? { params } : {}) })
    }
    const problems: Problem[] = []
    const manifest = this.manifestFor(file, problems)
    if (manifest === null) return refuse(problems[0])
    // Issue 15.2: an old backup has nothing that shows it unaltered; only someone who says they know where it has
    // been may restore it.
    if (!isSealed(manifest) && !options.acceptUnauthenticated)
      return refuse({ reason: 'backup.problems.unauthenticated' })
    const opened = isSealed(manifest) ? await this.open(manifest, options.passphrase) : null
    if (opened && 'reason' in opened) return refuse(opened)
    const auditKey = opened?.auditKey ?? this.store.auditKey
    const fieldKey = opened?.fieldKey ?? this.store.fieldKey
    const { dataDir } = this.options
    const live = path.join(dataDir, DATABASE_FILE)
    const incoming = `${live}.restoring`
    const now = this.store.clock()
    const safetyDir = path.join(dataDir, 'backups')
    fs.mkdirSync(safetyDir, { recursive: true })
    const removeIncoming = () => {
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${incoming}${suffix}`, { force: true })
    }
    return this.store.exclusive(() =>
      this.withScratch(async (scratch) => {
        removeIncoming()
        try {
          const unfit = await this.plainCopy(file, manifest, incoming, opened)
          if (unfit) return refuse(unfit)
          const found = await this.inspect(incoming, manifest, true, scratch, auditKey)
          if (found.length > 0) return refuse(found[0])
          const contents = opened && isSealed(manifest) ? this.contentsOf(manifest, opened) : []
          if (!Array.isArray(contents)) return refuse(contents)
          // R-ELEC-5: the files come back before the database goes live, so it never names a file the store could
          // have had and lacks. A blob damaged on the stick does not stop the restore (every backup on the stick
          // shares it): the restore records it, and the next fixity check opens an incident on its item.
          const files = opened
            ? await bringBack(contents, path.dirname(file), stickKeys(opened.backupKey.key), this.options.files)
            : { restored: 0, notRestored: [] }
          if (files.notRestored.length > 0)
            this.options.log.info('restore could not bring back files', { files: files.notRestored.join(' ') })
          // R-SEC-1: an unsealed backup has no anchor to show entries were cut off its end, but one whose whole trail
          // is gone cannot be genuine: every installation audits its first account.
          if (!isSealed(manifest) && auditEntries(incoming) === 0)
            return refuse({ reason: 'backup.problems.noAuditTrail' })
          // A name of its own, chosen once no other restore runs: a second restore in the same second (a double
          // click) must not overwrite the only copy of what was there before the first.
          const stem = `before-restore-${backupFileName(now)
            .replace(/^archive-room-/, '')
            .replace(/\.sqlite$/, '')}`
          let safetyCopy = path.join(safetyDir, `${stem}.sqlite`)
          for (let n = 2; taken(safetyCopy); n += 1) safetyCopy = path.join(safetyDir, `${stem}-${n}.sqlite`)
          const result = { restoredFrom: file, safetyCopy }
          await this.store.backupTo(safetyCopy)
          fsyncFile(safetyCopy)
          // A backup of an older version is brought up to this one only now, on the copy, after its checks.
          await migrate(incoming)
          // R-SEC-1: the entry goes into the database that goes live, before it does, so no restore is ever unrecorded.
          const restored = new Store(incoming, () => now, { auditKey, fieldKey })
          try {
            await restored.write(actor, async ({ db, audit }) => {
              await countHoldingsAnew(db)
              // Whether the backup proved itself (sealed) or came in on the person's word (an old, unsealed one): the
              // auditor must be able to tell the two apart, since an unsealed one may bring any history it likes.
              await audit({
                entity: 'backup',
                entityId: path.basename(file),
                action: 'restore',
                after: { ...result, sealed: isSealed(manifest), files: { listed: contents.length, ...files } }
              })
            })
          } finally {
            await restored.close()
          }
          fsyncFile(incoming)
          await this.options.atRestoreStage?.('before-swap')
          // A backup of another installation (a new PC) brings its keys: its chain is the one kept here from now on,
          // and its recovery passphrase the one that opens the backups made here.
          const otherAuditKey = !auditKey.key.equals(this.store.auditKey.key)
          const otherFieldKey = !fieldKey.equals(this.store.fieldKey)
          await this.store.swapDatabaseFile(
            incoming,
            otherAuditKey || otherFieldKey
              ? {
                  ...(otherAuditKey ? { auditKey } : {}),
                  ...(otherFieldKey ? { fieldKey } : {}),
                  install: () => {
                    if (otherAuditKey) replaceAuditKey(dataDir, auditKey)
                    if (otherFieldKey) writeFieldKey(dataDir, fieldKey)
                  }
                }
              : undefined
          )
          if (opened && opened.backupKey.keyId !== this.knownKey()?.keyId) {
            await writeBackupKey(dataDir, opened.backupKey)
            this.backupKey = opened.backupKey
          }
          await this.options.atRestoreStage?.('after-swap')
          this.options.onRestored?.()
          return result
        } catch (error) {
          removeIncoming()
          throw error
        }
      })
    )
  }
}

/** The name and item code of the files holding these contents, as the backup's own database has them. */
async function namesIn(copy: string, hashes: string[]): ReturnType<typeof contentNames> {
  const db = new Database(copy, { readonly: true, fileMustExist: true })
  try {
    return await contentNames(new SqliteDb(db), hashes)
  } finally {
    db.close()
  }
}

function auditEntries(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n
  } finally {
    db.close()
  }
}

/** The first settings version in a backup that this app could not read (unknown namespace, not JSON, wrong shape). */
function settingsThatDoNotFit(db: Database.Database): { namespace: string; version: number } | null {
  const rows = db.prepare('SELECT namespace, version, data FROM policy_versions ORDER BY id').all() as {
    namespace: string
    version: number
    data: string
  }[]
  for (const row of rows) {
    const schema = Object.hasOwn(SETTINGS_SCHEMAS, row.namespace)
      ? SETTINGS_SCHEMAS[row.namespace as keyof typeof SETTINGS_SCHEMAS]
      : null
    let fits = false
    try {
      fits = schema !== null && schema.safeParse(JSON.parse(row.data)).success
    } catch {
      fits = false
    }
    if (!fits) return { namespace: row.namespace, version: row.version }
  }
  return null
}
