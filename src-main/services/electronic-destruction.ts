import type { ClassificationCode } from '@preload/contract'
import {
  destroyedContents,
  insertDestroyedFile,
  liveFilesOfRegister,
  markFileDestroyed,
  type DestroyedFile
} from '../db/electronic-holdings'
import type { Db } from '../db/connection'
import type { Log } from '../log'
import { carrierDestroyedWith } from '../policy/disposal'
import type { Actor, WriteContext } from '../store'
import type { FileStore } from './file-store'

/**
 * R-ELEC-7, R-DISP-8: an item's electronic files go with the item's destruction. Inside the signing's write each live
 * file of the register's items is marked destroyed (its metadata and audit trail stay) and entered in the register
 * with its checksum; only after that write commits are the bytes removed, and only those no live file still names.
 * Bytes whose removal fails stay until the next start removes them (`removeDestroyedContents` with no list): a
 * destruction, once acknowledged, is never undone by a disk that refused one deletion.
 */

/** The files an unsigned register would destroy, as it lists them. */
export async function filesToDestroy(db: Db, registerId: number): Promise<(DestroyedFile & { lineId: number })[]> {
  return (await liveFilesOfRegister(db, registerId)).map((file) => ({
    fileId: file.fileId,
    lineId: file.lineId,
    itemId: file.itemId,
    archivalCode: file.archivalCode ?? '',
    originalName: file.originalName,
    sha256: file.sha256,
    size: file.size,
    carrierDestroyed: carrierDestroyedWith(file.classification as ClassificationCode)
  }))
}

/** In the signing's write: marks and registers every file the register destroys; the contents to remove after it. */
export async function destroyFilesOfRegister(
  { db, now, audit }: WriteContext,
  actor: Actor,
  registerId: number
): Promise<string[]> {
  const files = await filesToDestroy(db, registerId)
  for (const file of files) {
    await markFileDestroyed(db, file.fileId, now.toISOString(), actor.userId)
    await insertDestroyedFile(db, { ...file, registerId })
    await audit({
      entity: 'electronic_file',
      entityId: file.fileId,
      action: 'destroy',
      after: {
        itemId: file.itemId,
        sha256: file.sha256,
        registerId,
        disposal: file.carrierDestroyed ? 'carrier' : 'logical'
      }
    })
  }
  return [...new Set(files.map((file) => file.sha256))]
}

/**
 * After the commit: removes the bytes of destroyed contents (these, or every one left over when none are given) that
 * no live file names. A failure is logged and left for the next start.
 */
export async function removeDestroyedContents(db: Db, store: FileStore, log: Log, among?: string[]): Promise<void> {
  const hashes: string[] = []
  if (among)
    for (let at = 0; at < among.length; at += 500)
      hashes.push(...(await destroyedContents(db, among.slice(at, at + 500))))
  else hashes.push(...(await destroyedContents(db)))
  for (const sha256 of hashes) {
    if (!store.has(sha256)) continue
    try {
      await store.remove(sha256)
    } catch (error) {
      log.error('destroyed file not removed yet', error, { sha256 })
    }
  }
}
