import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, inject, it } from 'vitest'
import {
  CHUNK,
  ShortSource,
  decryptFile,
  encryptDatabaseFile,
  encryptInWorkers,
  type DatabaseEncryption
} from '@main/services/backup-chunks'
import { tempDir } from '../support/app'

/**
 * Issue 19 (a backup of a million items in at most twice a file copy) without weakening R-SEC-2: the database file
 * is encrypted in the backup worker, in the very format the main thread writes and every earlier version wrote, so
 * backups made before and after it restore alike.
 */

const NEW_FILE = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL
const KEY = crypto.createHash('sha256').update('issue 19 known answer').digest()
/** Of this plain text encrypted under KEY by the version before issue 19, which joined each chunk whole. */
const EARLIER_VERSIONS_SHA256 = 'c0b4d765f463d4034aec8a3c50fc48177ba0164e6bfc7d57b1476abef8f28e0a'

/** Three chunks and a part, marked in WAL mode as a live database is (bytes 18 and 19). */
function plainFile(folder: string): { file: string; plain: Buffer } {
  const plain = Buffer.alloc(3 * CHUNK + 12345)
  for (let i = 0; i < plain.length; i += 1) plain[i] = (i * 31 + (i >> 8)) & 0xff
  plain[18] = 2
  plain[19] = 2
  const file = path.join(folder, 'plain.sqlite')
  fs.writeFileSync(file, plain)
  return { file, plain }
}

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')

describe('issue 19, R-SEC-2: the backup workers', () => {
  const inWorker = encryptInWorkers(inject('backupWorker'), 2)

  it.each<[string, DatabaseEncryption]>([
    ['the main thread', encryptDatabaseFile],
    ['two workers, every other chunk each', inWorker],
    ['three workers, sharing four chunks unevenly', encryptInWorkers(inject('backupWorker'), 3)]
  ])(
    '%s writes the bytes earlier versions wrote, which decrypt to the file marked out of WAL mode',
    async (_, encrypt) => {
      const folder = tempDir('backup-worker-')
      const { file, plain } = plainFile(folder)
      const sealed = path.join(folder, 'sealed')
      await encrypt(file, sealed, plain.length, KEY, NEW_FILE)
      expect(sha256(sealed)).toBe(EARLIER_VERSIONS_SHA256)
      const opened = path.join(folder, 'opened.sqlite')
      await decryptFile(sealed, opened, KEY, plain.length, NEW_FILE)
      const expected = Buffer.from(plain)
      expected[18] = 1
      expected[19] = 1
      expect(fs.readFileSync(opened).equals(expected)).toBe(true)
    }
  )

  it('says why it failed as the main thread would: a file shorter than measured, a file gone', async () => {
    const folder = tempDir('backup-worker-')
    const { file, plain } = plainFile(folder)
    await expect(inWorker(file, path.join(folder, 'short'), plain.length + 1, KEY, NEW_FILE)).rejects.toBeInstanceOf(
      ShortSource
    )
    await expect(
      inWorker(path.join(folder, 'gone.sqlite'), path.join(folder, 'gone'), plain.length, KEY, NEW_FILE)
    ).rejects.toMatchObject({ code: 'ENOENT' })
    // A name already taken is never written through (O_EXCL), by the worker no more than by the main thread.
    fs.writeFileSync(path.join(folder, 'taken'), 'someone else’s')
    await expect(inWorker(file, path.join(folder, 'taken'), plain.length, KEY, NEW_FILE)).rejects.toMatchObject({
      code: 'EEXIST'
    })
    expect(fs.readFileSync(path.join(folder, 'taken'), 'utf8')).toBe('someone else’s')
  })
})
