import crypto from 'node:crypto'
import { promisify } from 'node:util'
import { z } from 'zod'

/**
 * Issue 15.2, R-SEC-2: what makes a backup unreadable and unforgeable without the installation's backup key. The
 * key is random; the recovery passphrase only wraps it (scrypt), so changing the passphrase re-wraps one key and old
 * backups keep the wrapped copy they were made with. Every backup derives keys of its own from it (HKDF with a
 * random salt): one encrypts the file in chunks with AES-256-GCM (backup-chunks), one authenticates the manifest (HMAC-SHA-256),
 * one seals the audit chain's key that travels with the backup.
 */

const scrypt = promisify(crypto.scrypt) as (
  passphrase: string,
  salt: Buffer,
  keylen: number,
  options: crypto.ScryptOptions
) => Promise<Buffer>

/** 128 MiB and about half a second per guess: a stolen stick cannot be tried against a dictionary cheaply. */
export const RECOVERY_KDF = { N: 2 ** 17, r: 8 as const, p: 1 }
export type RecoveryKdf = typeof RECOVERY_KDF
const maxmemFor = (N: number, r: number) => 256 * N * r

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/)

export const sealedSchema = z.object({ iv: base64, tag: base64, data: base64 })
export type Sealed = z.output<typeof sealedSchema>

/** The backup key wrapped under a key derived from the recovery passphrase. */
export const wrappedKeySchema = z.object({
  kdf: z.literal('scrypt'),
  // Bounded near the app's own cost both ways: a crafted manifest can neither make a guess cheap nor make the restore
  // allocate gigabytes (256 MiB at the most).
  N: z
    .number()
    .int()
    .refine((n) => n >= 2 ** 14 && n <= 2 ** 18 && (n & (n - 1)) === 0),
  r: z.literal(8),
  p: z.number().int().min(1).max(4),
  salt: base64,
  key: sealedSchema
})
export type WrappedKey = z.output<typeof wrappedKeySchema>

function seal(key: Buffer, plain: Buffer, aad: string): Sealed {
  const iv = crypto.randomBytes(12)
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(aad))
  const data = Buffer.concat([cipher.update(plain), cipher.final()])
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') }
}

/** Null when the key is not the one it was sealed with, or anything sealed was changed. */
function unseal(key: Buffer, sealed: Sealed, aad: string): Buffer | null {
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'))
    decipher.setAAD(Buffer.from(aad))
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'))
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()])
  } catch {
    return null
  }
}

const WRAP_AAD = 'archive-room backup key'

export async function wrapKey(
  backupKey: Buffer,
  passphrase: string,
  kdf: RecoveryKdf = RECOVERY_KDF
): Promise<WrappedKey> {
  const salt = crypto.randomBytes(16)
  const kek = await scrypt(passphrase.normalize('NFC'), salt, 32, { ...kdf, maxmem: maxmemFor(kdf.N, kdf.r) })
  return { kdf: 'scrypt', ...kdf, salt: salt.toString('base64'), key: seal(kek, backupKey, WRAP_AAD) }
}

/** The backup key, or null when the passphrase is not the one it was wrapped with: GCM's tag is the verifier. */
export async function unwrapKey(wrapped: WrappedKey, passphrase: string): Promise<Buffer | null> {
  const { N, r, p } = wrapped
  const kek = await scrypt(passphrase.normalize('NFC'), Buffer.from(wrapped.salt, 'base64'), 32, {
    N,
    r,
    p,
    maxmem: maxmemFor(N, r)
  })
  return unseal(kek, wrapped.key, WRAP_AAD)
}

/** Names a key without revealing it. */
export const keyIdOf = (key: Buffer, what: string) =>
  crypto.createHmac('sha256', key).update(`archive-room ${what} key id`).digest('hex').slice(0, 16)

export interface FileKeys {
  encrypt: Buffer
  manifest: Buffer
  secrets: Buffer
}

/** A backup's own keys, from the backup key and the backup's random salt. */
export function fileKeys(backupKey: Buffer, salt: Buffer): FileKeys {
  const derive = (what: string) => Buffer.from(crypto.hkdfSync('sha256', backupKey, salt, `archive-room ${what}`, 32))
  return { encrypt: derive('backup file'), manifest: derive('backup manifest'), secrets: derive('backup secrets') }
}

/** JSON with every object's keys sorted, so that a manifest's MAC does not depend on how it was written out. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, entry]) => `${JSON.stringify(key)}:${canonical(entry)}`)
      .join(',')}}`
  return JSON.stringify(value)
}

export const manifestMac = (keys: FileKeys, manifest: object) =>
  crypto.createHmac('sha256', keys.manifest).update(canonical(manifest)).digest('hex')

export function macMatches(keys: FileKeys, manifest: object, mac: string): boolean {
  const expected = Buffer.from(manifestMac(keys, manifest), 'hex')
  const given = Buffer.from(mac, 'hex')
  return given.length === expected.length && crypto.timingSafeEqual(given, expected)
}

export const sealSecret = (keys: FileKeys, plain: Buffer) => seal(keys.secrets, plain, 'archive-room backup secret')
export const unsealSecret = (keys: FileKeys, sealed: Sealed) =>
  unseal(keys.secrets, sealed, 'archive-room backup secret')
