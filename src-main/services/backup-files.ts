import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import type { Content } from '../db/electronic-holdings'
import { syncFolder } from '../db/files'
import { NotAuthentic, ShortSource, decryptChunks, encryptFile, encryptedLength } from './backup-chunks'
import type { FileStore } from './file-store'

/**
 * R-ELEC-5: the electronic files travel with the backups, incrementally. Beside the backups on the stick one folder
 * holds every content any of them lists, each encrypted on its own, so a blob already there is never copied again,
 * whichever backup brought it. Each content is encrypted under a key derived from the installation's backup key and
 * its own SHA-256: the same content always gives the same bytes (which is what lets a second backup skip it), and no
 * two contents share a key, so the chunk counter can stay the nonce. Its name on the stick is a keyed hash of its
 * SHA-256: whoever finds the stick cannot even confirm that a scan they hold is on it.
 */

export const STICK_FILES_FOLDER = 'archive-room-files'

/** Only a SHA-256's hex and a length: nothing in a list read off a stick can name a path of its own. */
export const contentListSchema = z.array(
  z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().positive() }).strict()
)

export interface StickKeys {
  name: Buffer
  content: Buffer
}

const derive = (key: Buffer, salt: Buffer, what: string) =>
  Buffer.from(crypto.hkdfSync('sha256', key, salt, `archive-room ${what}`, 32))

export const stickKeys = (backupKey: Buffer): StickKeys => ({
  name: derive(backupKey, Buffer.alloc(0), 'backup file name'),
  content: derive(backupKey, Buffer.alloc(0), 'backup file content')
})

const contentKey = (keys: StickKeys, sha256: string) => derive(keys.content, Buffer.from(sha256, 'hex'), 'backup file')

export function stickPathOf(folder: string, keys: StickKeys, sha256: string): string {
  const name = crypto.createHmac('sha256', keys.name).update(sha256).digest('hex')
  return path.join(folder, STICK_FILES_FOLDER, name.slice(0, 2), name)
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code

/** The blob on the stick has the length its content encrypts to: what a backup takes as already copied. */
function lengthFits(file: string, size: number): boolean {
  try {
    const stat = fs.lstatSync(file)
    return stat.isFile() && stat.size === encryptedLength(size)
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false
    throw error
  }
}

/** A staged blob takes its name; one already there (another backup's, same content) is left as it is. */
function place(staged: string, final: string): void {
  try {
    fs.linkSync(staged, final)
  } catch (error) {
    // FAT and exFAT sticks have no hard links: the blob is renamed, which is safe as backups run one at a time.
    if (errorCode(error) !== 'EEXIST') fs.renameSync(staged, final)
  }
  fs.rmSync(staged, { force: true })
}

export interface CopiedContents {
  copied: number
  alreadyThere: number
  /** Contents that the data folder no longer holds as registered (gone or changed): listed, not copied. */
  notCopied: string[]
}

/**
 * Encrypts each content the stick does not hold yet into the backup's scratch folder on the stick (checking its
 * SHA-256 as it is read), flushes it and links it into place. A blob whose length is wrong (cut off, damaged) is
 * replaced. A content the data folder lacks or holds altered is not copied: the backup still lists it, so its
 * verification names it, and the rest of the archive is still backed up.
 */
export async function copyContents(
  contents: Content[],
  files: FileStore,
  folder: string,
  scratch: string,
  keys: StickKeys,
  flags: number
): Promise<CopiedContents> {
  const result: CopiedContents = { copied: 0, alreadyThere: 0, notCopied: [] }
  const touched = new Set<string>()
  for (const { sha256, size } of contents) {
    const final = stickPathOf(folder, keys, sha256)
    if (lengthFits(final, size)) {
      result.alreadyThere += 1
      continue
    }
    const staged = path.join(scratch, `content-${sha256}`)
    const copied = crypto.createHash('sha256')
    try {
      await encryptFile(files.pathOf(sha256), staged, size, contentKey(keys, sha256), flags, (plain) =>
        copied.update(plain)
      )
    } catch (error) {
      fs.rmSync(staged, { force: true })
      if (errorCode(error) !== 'ENOENT' && !(error instanceof ShortSource)) throw error
      result.notCopied.push(sha256)
      continue
    }
    if (copied.digest('hex') !== sha256) {
      fs.rmSync(staged, { force: true })
      result.notCopied.push(sha256)
      continue
    }
    fs.mkdirSync(path.dirname(final), { recursive: true })
    fs.rmSync(final, { force: true })
    place(staged, final)
    touched.add(path.dirname(final))
    result.copied += 1
  }
  for (const shard of touched) await syncFolder(shard)
  if (touched.size > 0) await syncFolder(path.join(folder, STICK_FILES_FOLDER))
  return result
}

export type ContentProblem = 'missing' | 'damaged'

/**
 * Each listed content's blob on the stick: present and of the right length, and when `thorough`, decrypted and
 * hashed back to its SHA-256. Nothing is written.
 */
export async function checkContents(
  contents: Content[],
  folder: string,
  keys: StickKeys,
  thorough: boolean
): Promise<{ sha256: string; problem: ContentProblem }[]> {
  const problems: { sha256: string; problem: ContentProblem }[] = []
  for (const { sha256, size } of contents) {
    const blob = stickPathOf(folder, keys, sha256)
    if (!fs.existsSync(blob)) problems.push({ sha256, problem: 'missing' })
    else if (!lengthFits(blob, size) || (thorough && (await readBack(blob, keys, sha256, size, null)) !== sha256))
      problems.push({ sha256, problem: 'damaged' })
  }
  return problems
}

/**
 * The SHA-256 of a blob's plain text, written to `to` when given; null when it fails its seal or cannot be read. Only
 * a plain file of the right length is opened: a pipe or a link to a device put at a blob's name (the names are in
 * plain sight on the stick) would otherwise hold the restore on its open for ever.
 */
async function readBack(
  blob: string,
  keys: StickKeys,
  sha256: string,
  size: number,
  to: fs.promises.FileHandle | null
): Promise<string | null> {
  const hash = crypto.createHash('sha256')
  try {
    if (!lengthFits(blob, size)) return null
    await decryptChunks(blob, contentKey(keys, sha256), size, async (plain, position) => {
      hash.update(plain)
      if (to)
        for (let at = 0; at < plain.length;)
          at += (await to.write(plain, at, plain.length - at, position + at)).bytesWritten
    })
  } catch (error) {
    if (error instanceof NotAuthentic || ['ENOENT', 'EIO', 'EISDIR'].includes(errorCode(error) ?? '')) return null
    throw error
  }
  return hash.digest('hex')
}

/**
 * Restore: each listed content the data folder's store lacks is decrypted from the stick into a temporary file in the
 * store, its SHA-256 checked, flushed, and renamed into its address read-only, as an ingest would. Those that cannot
 * be brought back (missing or damaged on the stick) are returned, so the restore records them.
 */
export async function bringBack(
  contents: Content[],
  folder: string,
  keys: StickKeys,
  files: FileStore
): Promise<{ restored: number; notRestored: string[] }> {
  const result = { restored: 0, notRestored: [] as string[] }
  const storeFolder = path.join(files.root, 'sha256')
  for (const { sha256, size } of contents) {
    if (files.has(sha256)) continue
    await fs.promises.mkdir(storeFolder, { recursive: true })
    const temp = path.join(storeFolder, `.restore-${crypto.randomBytes(8).toString('hex')}`)
    const handle = await fs.promises.open(temp, 'wx', 0o600)
    let found: string | null
    try {
      found = await readBack(stickPathOf(folder, keys, sha256), keys, sha256, size, handle)
      if (found === sha256) await handle.sync()
    } finally {
      await handle.close()
    }
    if (found !== sha256) {
      await fs.promises.rm(temp, { force: true })
      result.notRestored.push(sha256)
      continue
    }
    const target = files.pathOf(sha256)
    await fs.promises.mkdir(path.dirname(target), { recursive: true })
    await fs.promises.chmod(temp, 0o444)
    await fs.promises.rename(temp, target)
    await syncFolder(path.dirname(target))
    await syncFolder(storeFolder)
    result.restored += 1
  }
  return result
}
