import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { FileType } from '@preload/contract'
import { syncFolder } from '../db/files'
import { AppFailure, enforce } from '../errors'
import { decideFileSize, decideFileType, MAGIC_BYTES, PdfPageCounter } from '../policy/electronic'

export interface StoredContent {
  sha256: string
  size: number
  type: FileType
  pages: number | null
  /** False when the store already held these bytes: nothing new was written. */
  created: boolean
}

export interface IngestOptions {
  /** The name the person gave, to tell a file that claims a type it does not have. */
  name: string
  maxBytes: number
  /** The size the source said before reading (a file's stat): a source that yields another count changed meanwhile. */
  expectedSize?: number
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code

/** Reads of stored files go a mebibyte at a time: fewer calls into the disk and the hash than the 64 KiB default. */
const READ_CHUNK = 1024 * 1024

/** How many image directories a TIFF may chain before its page count is not believed (a loop, or damage). */
const MAX_TIFF_PAGES = 100_000

/**
 * R-ELEC-1: electronic files kept by content under the data folder, files/sha256/ab/<hash>. A file is streamed into
 * a temporary name in the store's own folder while its SHA-256 is computed, flushed, and renamed into its address,
 * so it appears whole or not at all; the same bytes are stored once, and a stored file is never written again.
 */
export class FileStore {
  private readonly folder: string
  private shards: Promise<void> | null = null
  /**
   * Contents an ingest has handed to a registration that has not settled yet, and how many. Their bytes are not
   * removed meanwhile: a destruction sweeping the same content would otherwise leave the registration naming nothing.
   */
  private readonly claimed = new Map<string, number>()
  /** Taking a content (finding or placing its bytes) and removing one take turns, so neither sees the other half done. */
  private turn: Promise<unknown> = Promise.resolve()

  constructor(readonly root: string) {
    this.folder = path.join(root, 'sha256')
  }

  pathOf(sha256: string): string {
    return path.join(this.folder, sha256.slice(0, 2), sha256)
  }

  has(sha256: string): boolean {
    return fs.existsSync(this.pathOf(sha256))
  }

  /**
   * Makes the 256 shard folders once, with one sync of their parent, rather than a sync of it for each new shard as
   * the first files arrive; a failure (a full disk) lets the next ingest try again.
   */
  private prepareShards(): Promise<void> {
    this.shards ??= (async () => {
      await fs.promises.mkdir(this.folder, { recursive: true })
      for (let shard = 0; shard < 256; shard++)
        await fs.promises.mkdir(path.join(this.folder, shard.toString(16).padStart(2, '0')), { recursive: true })
      await syncFolder(this.folder)
    })().catch((error: unknown) => {
      this.shards = null
      throw error
    })
    return this.shards
  }

  async ingest(source: AsyncIterable<Uint8Array>, options: IngestOptions): Promise<StoredContent> {
    await this.prepareShards()
    const temp = path.join(this.folder, `.ingest-${crypto.randomBytes(8).toString('hex')}`)
    // Read-only from birth: the mode is part of the inode the data sync makes durable, with no chmod after.
    const handle = await fs.promises.open(temp, 'wx', 0o444)
    let closed = false
    // The write of one chunk runs while the next is read and hashed; at most one is under way.
    let writing: Promise<void> = Promise.resolve()
    try {
      const hash = crypto.createHash('sha256')
      const head = Buffer.alloc(MAGIC_BYTES)
      let size = 0
      let counter: PdfPageCounter | null = null
      try {
        for await (const chunk of source) {
          const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
          if (size < MAGIC_BYTES) {
            bytes.copy(head, size, 0, Math.min(bytes.length, MAGIC_BYTES - size))
            if (size + bytes.length >= MAGIC_BYTES && isPdf(head)) counter = new PdfPageCounter()
          }
          size += bytes.length
          enforce(decideFileSize(size, options.maxBytes))
          await writing
          writing = writeAll(handle, bytes)
          // Awaited before the next chunk and at the end; this only keeps a failure meanwhile from going unhandled.
          writing.catch(() => undefined)
          hash.update(bytes)
          counter?.push(bytes)
        }
        await writing
      } catch (error) {
        if (errorCode(error) === 'ENOENT') throw new AppFailure('NOT_FOUND', 'electronic.errors.sourceVanished')
        throw error
      }
      if (options.expectedSize !== undefined && size !== options.expectedSize)
        throw new AppFailure('CONFLICT', 'electronic.errors.sourceChanged', { params: { name: options.name } })
      enforce(decideFileSize(size, options.maxBytes))
      const type = enforce(decideFileType(options.name, head.subarray(0, Math.min(size, MAGIC_BYTES))))
      // A new file's data sync carries its size and blocks too: all that reading it back after a power cut needs.
      await handle.datasync()
      await handle.close()
      closed = true
      const sha256 = hash.digest('hex')
      const target = this.pathOf(sha256)
      const created = await this.inTurn(async () => {
        this.claimed.set(sha256, (this.claimed.get(sha256) ?? 0) + 1)
        if (fs.existsSync(target)) {
          await fs.promises.unlink(temp)
          return false
        }
        const shard = path.dirname(target)
        const newShard = !fs.existsSync(shard)
        await fs.promises.mkdir(shard, { recursive: true })
        await fs.promises.rename(temp, target)
        await syncFolder(shard)
        if (newShard) await syncFolder(this.folder)
        return true
      }).catch((error: unknown) => {
        this.release(sha256)
        throw error
      })
      const pages = type === 'pdf' ? (counter?.finish() ?? null) : type === 'tiff' ? await tiffPages(target) : null
      return { sha256, size, type, pages, created }
    } catch (error) {
      await writing.catch(() => undefined)
      if (!closed) await handle.close().catch(() => undefined)
      await fs.promises.rm(temp, { force: true })
      throw error
    }
  }

  /** The registration of an ingested content settled (committed or failed): its bytes may be removed again. */
  release(sha256: string): void {
    const left = (this.claimed.get(sha256) ?? 0) - 1
    if (left > 0) this.claimed.set(sha256, left)
    else this.claimed.delete(sha256)
  }

  /**
   * Deletes stored bytes that no row names any more (a registration that failed, a destroyed file), unless a
   * registration of the same content is under way: those stay, and the next start's sweep of destroyed contents
   * removes them if that registration failed too.
   */
  remove(sha256: string): Promise<void> {
    return this.inTurn(async () => {
      if (this.claimed.has(sha256)) return
      const target = this.pathOf(sha256)
      await fs.promises.rm(target, { force: true })
      await syncFolder(path.dirname(target))
    })
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const done = this.turn.then(work)
    this.turn = done.catch(() => undefined)
    return done
  }

  /** Reads stored bytes back for a fixity check: their SHA-256, or null when the file is gone. */
  async checksum(sha256: string): Promise<string | null> {
    const hash = crypto.createHash('sha256')
    try {
      for await (const chunk of fs.createReadStream(this.pathOf(sha256), { highWaterMark: READ_CHUNK }))
        hash.update(chunk as Buffer)
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return null
      throw error
    }
    return hash.digest('hex')
  }
}

/**
 * A write may take fewer bytes than it was given without failing (the disk filled part-way): the rest is written
 * again until the disk says why it cannot, so a stored file is never shorter than the bytes its checksum was made of.
 */
async function writeAll(handle: fs.promises.FileHandle, bytes: Buffer): Promise<void> {
  for (let at = 0; at < bytes.length;) at += (await handle.write(bytes, at, bytes.length - at)).bytesWritten
}

const isPdf = (head: Buffer) => head.subarray(0, 5).toString('latin1') === '%PDF-'

/**
 * A TIFF's pages are its chain of image directories, each naming the next; read one directory header at a time, so
 * a scan of any size is never read whole. A chain that loops or leaves the file gives no page count.
 */
async function tiffPages(file: string): Promise<number | null> {
  const handle = await fs.promises.open(file, 'r')
  try {
    const { size } = await handle.stat()
    const read = async (offset: number, length: number) => {
      const buffer = Buffer.alloc(length)
      const { bytesRead } = await handle.read(buffer, 0, length, offset)
      return bytesRead === length ? buffer : null
    }
    const header = await read(0, 8)
    if (!header) return null
    const little = header[0] === 0x49
    const u16 = (buffer: Buffer, at: number) => (little ? buffer.readUInt16LE(at) : buffer.readUInt16BE(at))
    const u32 = (buffer: Buffer, at: number) => (little ? buffer.readUInt32LE(at) : buffer.readUInt32BE(at))
    if (u16(header, 2) !== 42) return null
    const seen = new Set<number>()
    let offset = u32(header, 4)
    while (offset !== 0) {
      if (seen.has(offset) || seen.size >= MAX_TIFF_PAGES || offset + 2 > size) return null
      seen.add(offset)
      const countBytes = await read(offset, 2)
      if (!countBytes) return null
      const next = await read(offset + 2 + u16(countBytes, 0) * 12, 4)
      if (!next) return null
      offset = u32(next, 0)
    }
    return seen.size > 0 ? seen.size : null
  } finally {
    await handle.close()
  }
}
