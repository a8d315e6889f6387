import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import { Worker } from 'node:worker_threads'

/*
 * Issue 15.2, R-SEC-2: the encrypted backup file, chunk by chunk, under a key of the backup's own (backup-crypto
 * derives it). Apart from the keys, manifests and passphrases, so that the backup worker, which runs only this,
 * starts without loading them.
 */

/** Bytes of plain text per chunk: each is encrypted and authenticated on its own, so a backup is never held whole. */
export const CHUNK = 1024 * 1024
const TAG = 16
/** The first bytes of an encrypted backup: names the format, so that nobody mistakes it for a database. */
export const MAGIC = Buffer.from('ARCHROOM-BACKUP-2\n')

/**
 * Chunk k's nonce is k itself (each backup has a key of its own, so no nonce repeats under one key), and its
 * authenticated data is k and whether it is the last: chunks moved, dropped, repeated or cut off at the end fail.
 */
function chunkParameters(index: number, last: boolean): { iv: Buffer; aad: Buffer } {
  const iv = Buffer.alloc(12)
  iv.writeBigUInt64BE(BigInt(index), 4)
  const aad = Buffer.alloc(9)
  aad.writeBigUInt64BE(BigInt(index), 0)
  aad[8] = last ? 1 : 0
  return { iv, aad }
}

/**
 * Bytes handed to the cipher at a time. Its output is a new buffer per call, and a megabyte one costs page faults
 * that take longer than the encryption itself (issue 19: AES-GCM at 0.3 GB/s a megabyte at a time, 2–3 GB/s in
 * pieces of this size, which the allocator reuses).
 */
const PIECE = 32 * 1024

/** The chunk's cipher text and tag, in pieces that are written out as they are, never joined. */
function encryptChunk(key: Buffer, index: number, last: boolean, plain: Buffer): Buffer[] {
  const { iv, aad } = chunkParameters(index, last)
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(aad)
  const sealed: Buffer[] = []
  for (let at = 0; at < plain.length; at += PIECE) sealed.push(cipher.update(plain.subarray(at, at + PIECE)))
  sealed.push(cipher.final(), cipher.getAuthTag())
  return sealed
}

/**
 * Decrypts a chunk into `into` and gives back its plain text there, only once its tag holds; null if anything about
 * it is not as encrypted. Nobody sees `into` before the tag is checked, so what it holds meanwhile goes nowhere.
 */
function decryptChunk(key: Buffer, index: number, last: boolean, sealed: Buffer, into: Buffer): Buffer | null {
  if (sealed.length < TAG) return null
  const { iv, aad } = chunkParameters(index, last)
  const length = sealed.length - TAG
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv)
    decipher.setAAD(aad)
    decipher.setAuthTag(sealed.subarray(length))
    let written = 0
    for (let at = 0; at < length; at += PIECE)
      written += decipher.update(sealed.subarray(at, Math.min(at + PIECE, length))).copy(into, written)
    decipher.final()
    return into.subarray(0, written)
  } catch {
    return null
  }
}

/** How many bytes an encrypted backup of `bytes` bytes of plain text takes. */
export const encryptedLength = (bytes: number) => MAGIC.length + bytes + TAG * Math.max(1, Math.ceil(bytes / CHUNK))

/** Bytes 18 and 19 of a database file: 2 while it is in WAL mode, 1 in rollback-journal mode. */
const FORMAT_BYTES = [18, 19]

/** The first chunk's plain text marked as a rollback-journal database (see encryptDatabaseFile). */
export function markRollbackJournal(plain: Buffer, index: number): void {
  if (index === 0) for (const at of FORMAT_BYTES) if (plain[at] === 2) plain[at] = 1
}

/**
 * Encrypts the first `length` bytes of a database file into a new file, chunk by chunk (see backup-crypto), and
 * flushes it to disk. The copy is marked as a rollback-journal database, as `journal_mode = DELETE` would (the file
 * copied has nothing left in a WAL), so that the restored file leaves no -wal or -shm files behind.
 */
export const encryptDatabaseFile: DatabaseEncryption = (from, to, length, key, flags) =>
  encryptFile(from, to, length, key, flags, markRollbackJournal)

/** Encrypts the first `length` bytes of a database file into a new file (see encryptDatabaseFile). */
export type DatabaseEncryption = (from: string, to: string, length: number, key: Buffer, flags: number) => Promise<void>

/** The file to encrypt is shorter than the length asked for: it changed since it was measured. */
export class ShortSource extends Error {}

/**
 * A read or write started ahead and awaited later: its failure is thrown where it is awaited, and until then it is
 * not an unhandled rejection (which ends a worker, and the app's process, before the caller hears of it).
 */
function ahead<T>(work: Promise<T>): Promise<T> {
  work.catch(() => undefined)
  return work
}

/** Which chunks one encryptor takes: every `step`-th from `first`, so that each core can encrypt a share. */
export interface Share {
  first: number
  step: number
}
const WHOLE: Share = { first: 0, step: 1 }

/**
 * Encrypts the first `length` bytes of a file into a new file, chunk by chunk, and flushes it to disk once, at the
 * end. `each` sees every chunk's plain text as read, in order, and may change it before it is encrypted (a caller
 * hashes what it copies, so that a copy is checked as it is made).
 */
export async function encryptFile(
  from: string,
  to: string,
  length: number,
  key: Buffer,
  flags: number,
  each: (plain: Buffer, index: number) => void = () => undefined
): Promise<void> {
  const target = await fs.promises.open(to, flags, 0o644)
  try {
    await writeAll(target, [MAGIC], 0)
    await encryptShare(from, target, length, key, WHOLE, each)
    await target.sync()
  } finally {
    await target.close()
  }
}

/**
 * Encrypts a share of the chunks of the first `length` bytes of a file into their places in `target`, which is not
 * flushed. Reading the next chunk and writing the last one run in libuv's threads while this one is encrypted.
 */
export async function encryptShare(
  from: string,
  target: fs.promises.FileHandle,
  length: number,
  key: Buffer,
  { first, step }: Share,
  each: (plain: Buffer, index: number) => void
): Promise<void> {
  const source = await fs.promises.open(from, 'r')
  try {
    const chunks = Math.max(1, Math.ceil(length / CHUNK))
    const buffers = [Buffer.alloc(CHUNK), Buffer.alloc(CHUNK)]
    const readChunk = async (k: number) => {
      const want = Math.min(CHUNK, length - k * CHUNK)
      const buffer = buffers[Math.floor(k / step) % 2]
      const { bytesRead } = await source.read(buffer, 0, want, k * CHUNK)
      if (bytesRead !== want) throw new ShortSource(`the file ended before ${length} bytes`)
      return buffer.subarray(0, want)
    }
    let reading = first < chunks ? ahead(readChunk(first)) : null
    let writing: Promise<unknown> = Promise.resolve()
    for (let k = first; reading; k += step) {
      const plain = await reading
      // The next read fills the other buffer, whose chunk is already encrypted.
      reading = k + step < chunks ? ahead(readChunk(k + step)) : null
      each(plain, k)
      const sealed = encryptChunk(key, k, k === chunks - 1, plain)
      await writing
      writing = ahead(writeAll(target, sealed, MAGIC.length + k * (CHUNK + TAG)))
    }
    await writing
  } finally {
    await source.close()
  }
}

export class NotAuthentic extends Error {}

/**
 * Decrypts an encrypted backup chunk by chunk, handing `consume` only what has been authenticated, in order, one
 * chunk at a time (the next is read and decrypted while the last is consumed). Throws NotAuthentic when any byte
 * differs from what was encrypted (the file cut short or lengthened, chunks moved, another backup's key), or the plain
 * text is not `bytes` long. `consume` is called at least once, with an empty chunk for an empty file.
 */
export async function decryptChunks(
  from: string,
  key: Buffer,
  bytes: number,
  consume: (plain: Buffer, position: number) => Promise<void>
): Promise<void> {
  const source = await fs.promises.open(from, 'r')
  try {
    const size = (await source.stat()).size
    if (size !== encryptedLength(bytes)) throw new NotAuthentic('length')
    const head = Buffer.alloc(MAGIC.length)
    await source.read(head, 0, head.length, 0)
    if (!head.equals(MAGIC)) throw new NotAuthentic('magic')
    const chunks = Math.max(1, Math.ceil(bytes / CHUNK))
    const buffers = [Buffer.alloc(CHUNK + TAG), Buffer.alloc(CHUNK + TAG)]
    const plains = [Buffer.alloc(CHUNK), Buffer.alloc(CHUNK)]
    const readChunk = async (k: number) => {
      const length = k === chunks - 1 ? bytes - k * CHUNK + TAG : CHUNK + TAG
      const buffer = buffers[k % 2]
      const { bytesRead } = await source.read(buffer, 0, length, MAGIC.length + k * (CHUNK + TAG))
      return buffer.subarray(0, bytesRead)
    }
    let reading = ahead(readChunk(0))
    let consuming: Promise<unknown> = Promise.resolve()
    for (let k = 0; k < chunks; k += 1) {
      const sealed = await reading
      // The next read fills the other buffer, whose chunk was decrypted one round ago; this chunk is decrypted into
      // the plain buffer whose consumer was awaited one round ago.
      if (k + 1 < chunks) reading = ahead(readChunk(k + 1))
      const plain = decryptChunk(key, k, k === chunks - 1, sealed, plains[k % 2])
      if (!plain) {
        await Promise.allSettled([reading, consuming])
        throw new NotAuthentic(`chunk ${k}`)
      }
      await consuming
      consuming = ahead(consume(plain, k * CHUNK))
    }
    await consuming
  } finally {
    await source.close()
  }
}

/**
 * Decrypts an encrypted backup into a new file (see decryptChunks), writing only what has been authenticated, and
 * flushes it. The new file is made once the first chunk holds, so a file that is not a backup leaves nothing behind.
 */
export async function decryptFile(from: string, to: string, key: Buffer, bytes: number, flags: number): Promise<void> {
  const target: { handle?: fs.promises.FileHandle } = {}
  try {
    await decryptChunks(from, key, bytes, async (plain, position) => {
      target.handle ??= await fs.promises.open(to, flags, 0o600)
      await writeAll(target.handle, [plain], position)
    })
    await target.handle?.sync()
  } finally {
    await target.handle?.close()
  }
}

/** Writes the pieces one after the other from `position`, in as few calls as the system takes them. */
async function writeAll(target: fs.promises.FileHandle, pieces: Buffer[], position: number): Promise<void> {
  let left = pieces
  let at = position
  while (left.length > 0) {
    const { bytesWritten } = await target.writev(left, at)
    at += bytesWritten
    let skipped = bytesWritten
    while (left.length > 0 && skipped >= left[0].length) {
      skipped -= left[0].length
      left = left.slice(1)
    }
    if (skipped > 0) left = [left[0].subarray(skipped), ...left.slice(1)]
  }
}

/** What a backup worker is given, and what it answers. */
export interface WorkerRequest {
  from: string
  to: string
  length: number
  key: Uint8Array
  share: Share
}
export type WorkerReply = { kind: 'done' } | { kind: 'failed'; short: boolean; code?: string; message: string }

/** Into the file the caller made, never through a link put in its place. */
export const SHARE_FLAGS = fs.constants.O_WRONLY | (fs.constants.O_NOFOLLOW ?? 0)

/**
 * encryptDatabaseFile in backup workers (out/main/backup-worker.js), one per core up to two, each encrypting every
 * other chunk into the file made here, which is flushed once both are done. The cipher hands out a new buffer for
 * every piece it encrypts, two gigabytes of them for a million items: in workers of their own they are collected in
 * small heaps, at half the CPU time they take beside the app's, and the main thread answers everyone else
 * meanwhile. The file is read by name, as on the main thread, while the caller's read transaction holds it.
 */
export function encryptInWorkers(script: string, workers = Math.min(2, os.availableParallelism())): DatabaseEncryption {
  return async (from, to, length, key, flags) => {
    const target = await fs.promises.open(to, flags, 0o644)
    try {
      await writeAll(target, [MAGIC], 0)
      const shares = await Promise.allSettled(
        Array.from({ length: workers }, (_, first) =>
          inWorker(script, { from, to, length, key, share: { first, step: workers } })
        )
      )
      // Every worker has ended before a failure is told, so none still writes into a file the caller removes.
      const failed = shares.find((share) => share.status === 'rejected')
      if (failed) throw failed.reason
      await target.sync()
    } finally {
      await target.close()
    }
  }
}

function inWorker(script: string, request: WorkerRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: request })
    worker.once('message', (reply: WorkerReply) => {
      if (reply.kind === 'done') resolve()
      else if (reply.short) reject(new ShortSource(reply.message))
      else reject(Object.assign(new Error(reply.message), { code: reply.code }))
    })
    worker.once('error', reject)
    // After an answer this settles nothing; without one, the worker died before it could give it.
    worker.once('exit', (code) => reject(new Error(`backup worker exited with ${code}`)))
  })
}
