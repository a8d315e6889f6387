import crypto from 'node:crypto'
import { UNREADABLE_VALUE } from '@preload/contract'
import type { Db } from './connection'

/**
 * S124–S125: field-level encryption of customers' sensitive values at the read/write boundary of the query modules.
 * A stored value is `enc1:` and base64 of IV (12 bytes), GCM tag (16) and ciphertext, AES-256-GCM under a key derived
 * from field.key, with the field's name as associated data so a value copied into another column does not open.
 * A value without the prefix is one written before encryption: it reads as it is until the migration seals it.
 */
const PREFIX = 'enc1:'

const derived = new WeakMap<Buffer, { cipher: Buffer; fingerprint: Buffer }>()

function keysOf(key: Buffer): { cipher: Buffer; fingerprint: Buffer } {
  let keys = derived.get(key)
  if (!keys) {
    const derive = (info: string) => Buffer.from(crypto.hkdfSync('sha256', key, Buffer.alloc(0), info, 32))
    keys = { cipher: derive('archive-room field encryption'), fingerprint: derive('archive-room field fingerprint') }
    derived.set(key, keys)
  }
  return keys
}

export const isSealed = (stored: string): boolean => stored.startsWith(PREFIX)

/** The key of the connection; a connection opened without one cannot touch sensitive fields. */
export function fieldKeyOf(db: Db): Buffer {
  if (!db.fieldKey) throw new Error('this connection has no field key: the Store opens both connections with one')
  return db.fieldKey
}

/** An empty value stays empty: that nothing was given is not a secret, and the form shows it. */
export function sealValue(key: Buffer, field: string, plain: string): string {
  if (plain === '') return ''
  const iv = crypto.randomBytes(12)
  const cipher = crypto.createCipheriv('aes-256-gcm', keysOf(key).cipher, iv)
  cipher.setAAD(Buffer.from(field, 'utf8'))
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')
}

export function openValue(key: Buffer, field: string, stored: string): string {
  if (!isSealed(stored)) return stored
  const raw = Buffer.from(stored.slice(PREFIX.length), 'base64')
  const decipher = crypto.createDecipheriv('aes-256-gcm', keysOf(key).cipher, raw.subarray(0, 12))
  decipher.setAAD(Buffer.from(field, 'utf8'))
  decipher.setAuthTag(raw.subarray(12, 28))
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
}

/** S125: a value that does not open reads as `UNREADABLE_VALUE`, so one damaged row does not take a whole list down. */
export function openReadable(key: Buffer, field: string, stored: string): string {
  try {
    return openValue(key, field, stored)
  } catch {
    return UNREADABLE_VALUE
  }
}

/**
 * The keyed fingerprint an encrypted field is found by: an HMAC of the normalised value (no spaces, upper case), so an
 * exact match is one indexed lookup while the database holds nothing that can be tried against a list of numbers
 * without the key.
 */
export function fingerprintOf(key: Buffer, field: string, plain: string): string {
  const normalised = plain.replace(/\s+/g, '').toUpperCase()
  return crypto.createHmac('sha256', keysOf(key).fingerprint).update(`${field}\u0000${normalised}`).digest('hex')
}
