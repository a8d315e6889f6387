import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { decryptFile, encryptDatabaseFile } from '@main/services/backup-chunks'
import { fileKeys, manifestMac, type FileKeys } from '@main/services/backup-crypto'
import { readBackupKey } from '@main/services/backup-key'

const NEW_FILE = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL

export const manifestOf = (file: string) => file.replace(/\.sqlite$/, '.json')

export const readManifest = (file: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(manifestOf(file), 'utf8')) as Record<string, unknown>

/** A sealed backup's own keys, from the backup key in the data folder that made it. */
export function keysOf(dataDir: string, file: string): FileKeys {
  const backupKey = readBackupKey(dataDir)
  if (!backupKey) throw new Error(`no backup key in ${dataDir}`)
  return fileKeys(backupKey.key, Buffer.from(readManifest(file).salt as string, 'base64'))
}

/** The database inside a sealed backup, decrypted into a file of its own. */
export async function openedBackup(dataDir: string, file: string): Promise<string> {
  const plain = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'opened-backup-')), 'backup.sqlite')
  await decryptFile(file, plain, keysOf(dataDir, file).encrypt, readManifest(file).bytes as number, NEW_FILE)
  return plain
}

/** Writes a manifest back with the MAC its keys give it, as the app would have. */
export function writeManifest(keys: FileKeys, file: string, manifest: Record<string, unknown>): void {
  const { mac: _mac, ...body } = manifest
  fs.writeFileSync(manifestOf(file), JSON.stringify({ ...body, mac: manifestMac(keys, body) }))
}

/**
 * What an insider holding this PC's backup key could do: decrypt a backup, change the database file in it, encrypt
 * it again and make its manifest agree. The seal then holds, so what is left to refuse it are the checks behind it
 * (schema, counts, the audit chain, SQLite's own).
 */
export async function resealedFile(
  dataDir: string,
  file: string,
  change: (plainFile: string) => void | Promise<void>,
  fixManifest: (manifest: Record<string, unknown>) => void = () => undefined
): Promise<void> {
  const keys = keysOf(dataDir, file)
  const plain = await openedBackup(dataDir, file)
  await change(plain)
  const bytes = fs.statSync(plain).size
  fs.rmSync(file)
  await encryptDatabaseFile(plain, file, bytes, keys.encrypt, NEW_FILE)
  const manifest = readManifest(file)
  manifest.bytes = bytes
  fixManifest(manifest)
  writeManifest(keys, file, manifest)
}

/** resealedFile, with the change made through a connection to the database (its references not enforced). */
export const resealed = (
  dataDir: string,
  file: string,
  change: (db: Database.Database) => void,
  fixManifest?: (manifest: Record<string, unknown>) => void
) => resealedFile(dataDir, file, (plain) => withDatabase(plain, change), fixManifest)

export function withDatabase(file: string, change: (db: Database.Database) => void): void {
  const db = new Database(file)
  try {
    db.pragma('foreign_keys = OFF')
    change(db)
  } finally {
    db.close()
  }
}

/**
 * Turns a sealed backup into what a version before issue 15.2 wrote: the database in the clear beside a manifest
 * with its SHA-256 and no seal.
 */
export async function asLegacyBackup(dataDir: string, file: string): Promise<void> {
  const plain = await openedBackup(dataDir, file)
  const manifest = readManifest(file)
  fs.rmSync(file)
  fs.copyFileSync(plain, file)
  const bytes = fs.readFileSync(file)
  const { app, createdAt, createdBy, appVersion, migrations, counts, auditHead, auditKeyId } = manifest
  const legacy = {
    app,
    file: path.basename(file),
    createdAt,
    createdBy,
    appVersion,
    migrations,
    counts,
    auditHead,
    auditKeyId
  }
  fs.writeFileSync(
    manifestOf(file),
    JSON.stringify({ ...legacy, bytes: bytes.length, sha256: crypto.createHash('sha256').update(bytes).digest('hex') })
  )
}

/** What a version before issue 15.2 let anyone do: change the file, then recompute the checksum so that it agrees. */
export function tamperedLegacy(
  file: string,
  change: (db: Database.Database) => void,
  fixManifest: (manifest: Record<string, unknown>) => void = () => undefined
): void {
  withDatabase(file, change)
  const manifest = readManifest(file)
  fixManifest(manifest)
  const bytes = fs.readFileSync(file)
  manifest.bytes = bytes.length
  manifest.sha256 = crypto.createHash('sha256').update(bytes).digest('hex')
  fs.writeFileSync(manifestOf(file), JSON.stringify(manifest))
}
