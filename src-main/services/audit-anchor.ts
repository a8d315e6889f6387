import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { chainWasKeyed, lastAuditEntry } from '../db/audit'
import { openReader, SqliteDb, type AuditKey } from '../db/connection'
import { fsyncFile, readTextIfPresent } from '../db/files'

/**
 * R-SEC-1: the audit chain's key and its newest head live beside the database, not in it, so that whoever holds
 * only the database file can neither re-sign a rewritten log nor cut entries off its end unnoticed.
 */
export const AUDIT_KEY_FILE = 'audit.key'
export const AUDIT_HEAD_FILE = 'audit-head.json'

/** The newest entry of the chain: what the head file, a backup's manifest and a printed seal record. */
export interface AuditHead {
  lastId: number
  at: string
  hash: string
}

const keyFileSchema = z.object({
  version: z.literal(1),
  key: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
  keyedFrom: z.number().int().positive()
})

export const auditHeadSchema = z.object({
  lastId: z.number().int().positive(),
  at: z.string(),
  hash: z.string().regex(/^[0-9a-f]{64}$/)
})

/** Null only when there is no key file; a file that is there but unreadable is an error, never a reason to re-key. */
export function readAuditKey(dataDir: string): AuditKey | null {
  const text = readTextIfPresent(path.join(dataDir, AUDIT_KEY_FILE))
  if (text === null) return null
  const { key, keyedFrom } = keyFileSchema.parse(JSON.parse(text))
  return { key: Buffer.from(key, 'base64'), keyedFrom }
}

/**
 * Writes a key file that must not exist yet (a second app starting at the same moment fails rather than replace
 * the key the first one signs with), readable by this account only (mode 0600; on Windows the data folder's own
 * permissions keep it), flushed to disk before any entry is signed with it.
 */
export function writeAuditKey(dataDir: string, auditKey: AuditKey): void {
  const file = path.join(dataDir, AUDIT_KEY_FILE)
  const text = JSON.stringify({ version: 1, key: auditKey.key.toString('base64'), keyedFrom: auditKey.keyedFrom })
  fs.writeFileSync(file, text, { flag: 'wx', mode: 0o600 })
  fsyncFile(file)
}

/**
 * Puts another installation's key in place of this one's, in one rename (a restore of that installation's backup on
 * this PC: from then on its chain is the one kept here). Readable by this account only, flushed before the rename.
 */
export function replaceAuditKey(dataDir: string, auditKey: AuditKey): void {
  const file = path.join(dataDir, AUDIT_KEY_FILE)
  const staged = `${file}.${crypto.randomBytes(4).toString('hex')}.tmp`
  const text = JSON.stringify({ version: 1, key: auditKey.key.toString('base64'), keyedFrom: auditKey.keyedFrom })
  fs.writeFileSync(staged, text, { flag: 'wx', mode: 0o600 })
  fsyncFile(staged)
  fs.renameSync(staged, file)
}

export const newAuditKey = (keyedFrom: number): AuditKey => ({ key: crypto.randomBytes(32), keyedFrom })

export function readAuditHead(dataDir: string): AuditHead | null {
  try {
    const parsed = auditHeadSchema.safeParse(JSON.parse(fs.readFileSync(path.join(dataDir, AUDIT_HEAD_FILE), 'utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/**
 * Replaces the head file in one rename. Not flushed: the database has already synced the commit, so a head lost
 * to a power cut is an older one, still in the chain, and verifying against it raises no false alarm.
 */
export function writeAuditHead(dataDir: string, head: AuditHead): void {
  const file = path.join(dataDir, AUDIT_HEAD_FILE)
  const staged = `${file}.${crypto.randomBytes(4).toString('hex')}.tmp`
  fs.writeFileSync(staged, JSON.stringify(head))
  fs.renameSync(staged, file)
}

/** What the first entry of a keyed chain records when the log already held entries. */
export interface ChainKeyed {
  keyedFrom: number
  /** Upgrade: the log was plain SHA-256 until now. Lost: it had been keyed, and the key file is gone. */
  reason: 'upgrade' | 'keyLost'
}

/**
 * Makes the installation's audit key at its first start, before the store opens. A new log is keyed from its first
 * entry. An existing one (an upgrade, or a data folder whose key file was deleted) keeps its entries as they are,
 * and the keyed chain starts after the last of them: the caller then records why, as the first keyed entry.
 */
export async function ensureAuditKey(dataDir: string, databaseFile: string): Promise<ChainKeyed | null> {
  if (readAuditKey(dataDir)) return null
  const db = new SqliteDb(openReader(databaseFile))
  let last: number
  let keyedBefore: boolean
  try {
    last = (await lastAuditEntry(db))?.lastId ?? 0
    keyedBefore = last > 0 && (await chainWasKeyed(db))
  } finally {
    db.connection.close()
  }
  writeAuditKey(dataDir, newAuditKey(last + 1))
  return last === 0 ? null : { keyedFrom: last + 1, reason: keyedBefore ? 'keyLost' : 'upgrade' }
}
