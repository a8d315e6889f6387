import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { fsyncFile } from './files'

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
  return Buffer.from(keyFileSchema.parse(JSON.parse(text)).key, 'base64')
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

/** The installation's key, made at its first need (the first start, or the migration that encrypts old values). */
export function ensureFieldKey(dataDir: string): Buffer {
  const existing = readFieldKey(dataDir)
  if (existing) return existing
  const key = crypto.randomBytes(32)
  writeFieldKey(dataDir, key)
  return key
}
