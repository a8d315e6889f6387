import crypto from 'node:crypto'
import { promisify } from 'node:util'

const scrypt = promisify(crypto.scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: crypto.ScryptOptions
) => Promise<Buffer>

export const PASSWORD_KDF = { N: 2 ** 15, r: 8, p: 1 }
export type PasswordKdf = typeof PASSWORD_KDF
const KEY_LENGTH = 32
const MAX_MEMORY = 64 * 1024 * 1024

/** R-SEC-3: salted scrypt; the parameters are stored with the hash so they can be raised later. */
export async function hashPassword(password: string, kdf: PasswordKdf = PASSWORD_KDF): Promise<string> {
  const salt = crypto.randomBytes(16)
  const key = await scrypt(password, salt, KEY_LENGTH, { ...kdf, maxmem: MAX_MEMORY })
  return ['scrypt', kdf.N, kdf.r, kdf.p, salt.toString('base64'), key.toString('base64')].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !key) return false
  const expected = Buffer.from(key, 'base64')
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: MAX_MEMORY
  })
  return crypto.timingSafeEqual(actual, expected)
}
