import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { fsyncFile, jsonOrNull, readTextIfPresent, syncFolder } from '../db/files'
import { keyIdOf, wrappedKeySchema, type WrappedKey } from './backup-crypto'

/**
 * Issue 15.2: the installation's backup key, beside audit.key and outside the database, so that scheduled backups
 * are encrypted without anyone typing the recovery passphrase. The file also keeps the key wrapped under that
 * passphrase, which every backup carries, so a new PC restores with the passphrase alone.
 */
export const BACKUP_KEY_FILE = 'backup.key'

export interface BackupKey {
  key: Buffer
  keyId: string
  /** Null until the administrator sets a recovery passphrase: until then a backup restores on this PC only. */
  wrapped: WrappedKey | null
  passphraseSetAt: string | null
}

const keyFileSchema = z.object({
  version: z.literal(1),
  key: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
  wrapped: wrappedKeySchema.nullable(),
  passphraseSetAt: z.string().nullable()
})

export const backupKeyOf = (key: Buffer, wrapped: WrappedKey | null, passphraseSetAt: string | null): BackupKey => ({
  key,
  keyId: keyIdOf(key, 'backup'),
  wrapped,
  passphraseSetAt
})

/** Null only when there is no key file; one that is there but unreadable is an error, never a reason to make a new key. */
export function readBackupKey(dataDir: string): BackupKey | null {
  const file = path.join(dataDir, BACKUP_KEY_FILE)
  const text = readTextIfPresent(file)
  if (text === null) return null
  const parsed = keyFileSchema.safeParse(jsonOrNull(text))
  // Said in both languages, as the field key's damage is: at start-up no language is chosen yet.
  if (!parsed.success)
    throw new Error(
      [
        `密钥文件 ${file} 已损坏，备份无法加密，以前的备份也可能无法在本机恢复。请从备份中取回该文件后再启动。`,
        `The key file ${file} is damaged: backups cannot be encrypted, and earlier ones may not restore on this PC. Put it back from a backup before starting again.`
      ].join('\n')
    )
  const { key, wrapped, passphraseSetAt } = parsed.data
  return backupKeyOf(Buffer.from(key, 'base64'), wrapped, passphraseSetAt)
}

/** Makes the installation's backup key at its first start, as the audit key is made: before any backup needs it. */
export async function ensureBackupKey(dataDir: string): Promise<void> {
  if (!readBackupKey(dataDir)) await writeBackupKey(dataDir, backupKeyOf(crypto.randomBytes(32), null, null))
}

/**
 * Replaces the key file in one rename, readable by this account only (0600), flushed with its folder: a passphrase
 * reported as set is the one the next backup carries, even after a power cut.
 */
export async function writeBackupKey(dataDir: string, backupKey: BackupKey): Promise<void> {
  const file = path.join(dataDir, BACKUP_KEY_FILE)
  const staged = `${file}.${crypto.randomBytes(4).toString('hex')}.tmp`
  const text = JSON.stringify({
    version: 1,
    key: backupKey.key.toString('base64'),
    wrapped: backupKey.wrapped,
    passphraseSetAt: backupKey.passphraseSetAt
  })
  fs.writeFileSync(staged, text, { flag: 'wx', mode: 0o600 })
  fsyncFile(staged)
  fs.renameSync(staged, file)
  await syncFolder(dataDir)
}
