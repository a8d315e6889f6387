import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { holdsSealedValues } from './customer-sensitive'
import { openReader, SqliteDb } from './connection'
import { fsyncFile, jsonOrNull } from './files'

/**
 * S124–S125: the key that customers' sensitive fields are encrypted with lives beside audit.key and backup.key, not in
 * the database, so a copy of the database file alone shows no ID number or phone. It is in the db layer because the
 * migration that encrypts existing values needs it as much as the app does.
 */
export const FIELD_KEY_FILE = 'field.key'

const keyFileSchema = z.object({ version: z.literal(1), key: z.string().regex(/^[A-Za-z0-9+/]{43}=$/) })

/** Null only when there is no key file; one that is there but unreadable is an error, never a reason to re-key. */
export function readFieldKey(dataDir: string): Buffer | null {
  let text: string
  try {
    text = fs.readFileSync(path.join(dataDir, FIELD_KEY_FILE), 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  const parsed = keyFileSchema.safeParse(jsonOrNull(text))
  if (!parsed.success) throw new Error(keyProblem(dataDir, 'damaged'))
  return Buffer.from(parsed.data.key, 'base64')
}

/** Said at startup, before any window or language setting exists, so in both languages as the data folder's. */
function keyProblem(dataDir: string, what: 'damaged' | 'missing'): string {
  const file = path.join(dataDir, FIELD_KEY_FILE)
  return what === 'damaged'
    ? [
        `密钥文件 ${file} 已损坏，客户的身份证号、联系电话等加密信息无法读取。请从备份中取回该文件后再启动。`,
        `The key file ${file} is damaged, so customers' encrypted ID numbers and phones cannot be read. Put it back from a backup before starting again.`
      ].join('\n')
    : [
        `密钥文件 ${file} 不见了，而数据库中有用它加密的客户身份证号、联系电话等。请从备份中取回该文件，或恢复一份备份后再启动。`,
        `The key file ${file} is missing while the database holds customers' ID numbers and phones encrypted with it. Put it back, or restore a backup, before starting again.`
      ].join('\n')
}

/**
 * Puts the key file in place in one rename, readable by this account only (0600), flushed before the rename: a
 * restore of another installation's backup brings its key, which then replaces this one.
 */
export function writeFieldKey(dataDir: string, key: Buffer): void {
  const file = path.join(dataDir, FIELD_KEY_FILE)
  const staged = `${file}.${crypto.randomBytes(4).toString('hex')}.tmp`
  fs.writeFileSync(staged, JSON.stringify({ version: 1, key: key.toString('base64') }), { flag: 'wx', mode: 0o600 })
  fsyncFile(staged)
  fs.renameSync(staged, file)
}

/**
 * The installation's key at startup. A new key is made only for a database that holds nothing sealed: with sealed
 * values, a new key would make every one of them unreadable and the next edit would overwrite them, so the app
 * refuses to start and says which file to put back (as it refuses a damaged audit.key).
 */
export async function startupFieldKey(dataDir: string, databaseFile: string): Promise<Buffer> {
  const existing = readFieldKey(dataDir)
  if (existing) return existing
  const db = new SqliteDb(openReader(databaseFile))
  let sealed: boolean
  try {
    sealed = await holdsSealedValues(db)
  } finally {
    db.connection.close()
  }
  if (sealed) throw new Error(keyProblem(dataDir, 'missing'))
  return ensureFieldKey(dataDir)
}

/** The installation's key, made at its first need (the first start, or the migration that encrypts old values). */
export function ensureFieldKey(dataDir: string): Buffer {
  const existing = readFieldKey(dataDir)
  if (existing) return existing
  const key = crypto.randomBytes(32)
  writeFieldKey(dataDir, key)
  return key
}
